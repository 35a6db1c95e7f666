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
    const named = withoutPort(
      proxy.clientIpHeader
        ? c.req.header(proxy.clientIpHeader)?.trim()
        : c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim(),
    )
    if (named && isIP(named)) return named
  }
  const remote = (c.env as NodeBindings | undefined)?.incoming?.socket?.remoteAddress
  if (!remote) return null
  // IPv4 peers on a dual-stack socket arrive as ::ffff:a.b.c.d.
  return remote.startsWith('::ffff:') && isIP(remote.slice(7)) === 4 ? remote.slice(7) : remote
}

/**
 * Some proxies name the client with its port (Azure's `192.0.2.1:51234`, `[2001:db8::1]:443`). Read as no
 * address, every reader behind such a proxy would fall back to the proxy's own: one flood window and one
 * per-IP budget for the whole site.
 */
function withoutPort(named: string | undefined): string | undefined {
  if (!named) return named
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(named)
  if (bracketed) return bracketed[1]
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(named)
  return v4 ? v4[1] : named
}
