import { isIP } from 'node:net'
import type { Context } from 'hono'

type NodeBindings = { incoming?: { socket?: { remoteAddress?: string } } }

/** Whether a proxy in front is trusted to name the caller (TRUST_PROXY), and by which header (CLIENT_IP_HEADER). */
export type ProxyTrust = { trustProxy: boolean; clientIpHeader: string | null }

/**
 * The reader's IP. Behind a trusted proxy it is the address the proxy names: in its own header when it has one
 * (Fly's `Fly-Client-IP`), otherwise the last address it appended to `X-Forwarded-For` (the leftmost entries are
 * whatever the client chose to send). Otherwise, or when the proxy named none, the socket's peer.
 */
export function clientIp(c: Context, proxy: ProxyTrust): string | null {
  if (proxy.trustProxy) {
    const named = proxy.clientIpHeader
      ? c.req.header(proxy.clientIpHeader)?.trim()
      : c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim()
    if (named && isIP(named)) return named
  }
  const remote = (c.env as NodeBindings | undefined)?.incoming?.socket?.remoteAddress
  if (!remote) return null
  // IPv4 peers on a dual-stack socket arrive as ::ffff:a.b.c.d.
  return remote.startsWith('::ffff:') && isIP(remote.slice(7)) === 4 ? remote.slice(7) : remote
}
