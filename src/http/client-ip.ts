import { isIP } from 'node:net'
import type { Context } from 'hono'

type NodeBindings = { incoming?: { socket?: { remoteAddress?: string } } }

/**
 * The reader's IP. Behind a trusted proxy it is the last address the proxy appended to `X-Forwarded-For`
 * (the leftmost entries are whatever the client chose to send); otherwise the socket's peer.
 */
export function clientIp(c: Context, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')
    const last = forwarded?.split(',').at(-1)?.trim()
    if (last && isIP(last)) return last
  }
  const remote = (c.env as NodeBindings | undefined)?.incoming?.socket?.remoteAddress
  if (!remote) return null
  // IPv4 peers on a dual-stack socket arrive as ::ffff:a.b.c.d.
  return remote.startsWith('::ffff:') && isIP(remote.slice(7)) === 4 ? remote.slice(7) : remote
}
