import { isIP } from 'node:net'
import type { Context } from 'hono'
import ipaddr from 'ipaddr.js'

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
    const address = named && plainAddress(named)
    if (address) return address
  }
  const remote = (c.env as NodeBindings | undefined)?.incoming?.socket?.remoteAddress
  return remote ? (plainAddress(remote) ?? remote) : null
}

/**
 * An address as a proxy, a socket or an Akismet client names it, in the one spelling it is stored and shown in
 * (null when it is no address): without a port or brackets; without an IPv6 zone, which names an interface of
 * the machine that saw the address, not the reader; an IPv4 reader on a dual-stack socket (`::ffff:a.b.c.d`) as
 * its IPv4 address; an IPv6 address compressed and in lower case.
 */
export function plainAddress(named: string): string | null {
  const bare = withoutPort(named)
  if (!isIP(bare)) return null
  return ipaddr.process(bare.replace(/%.*$/s, '')).toString()
}

// `203.0.113.5:51234`: an IPv4 address with the port the proxy saw.
const IPV4_WITH_PORT = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/
// `[2001:db8::1]` or `[2001:db8::1]:443`: the URL form of an IPv6 address.
const BRACKETED = /^\[([^\]]+)\](?::\d{1,5})?$/

/**
 * An address as a proxy or a client names it, without its port or brackets. Some proxies name the client with its
 * port (Azure's `192.0.2.1:51234`, `[2001:db8::1]:443`), and so do Akismet clients filling `user_ip`: read as no
 * address, every reader behind such a proxy would fall back to the proxy's own, one flood window and one per-IP
 * budget for the whole site.
 */
function withoutPort(named: string): string {
  return BRACKETED.exec(named)?.[1] ?? IPV4_WITH_PORT.exec(named)?.[1] ?? named
}
