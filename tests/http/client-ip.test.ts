import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { clientIp, type ProxyTrust } from '../../src/http/client-ip.js'

/** The address clientIp names for a request from `peer` with `headers`, behind `proxy`. */
async function named(proxy: ProxyTrust, peer: string | undefined, headers: Record<string, string> = {}) {
  const app = new Hono().get('/', (c) => c.json({ ip: clientIp(c, proxy) }))
  const response = await app.request('/', { headers }, { incoming: { socket: { remoteAddress: peer } } })
  return ((await response.json()) as { ip: string | null }).ip
}

const direct: ProxyTrust = { trustProxy: false, clientIpHeader: null }
const forwarded: ProxyTrust = { trustProxy: true, clientIpHeader: null }
const fly: ProxyTrust = { trustProxy: true, clientIpHeader: 'fly-client-ip' }

describe('clientIp', () => {
  it("names the socket's peer when no proxy is trusted, whatever the headers say", async () => {
    expect(await named(direct, '198.51.100.7', { 'x-forwarded-for': '203.0.113.5' })).toBe('198.51.100.7')
    expect(await named(direct, undefined)).toBeNull()
  })

  it('names an IPv4 reader on a dual-stack socket by its IPv4 address', async () => {
    expect(await named(direct, '::ffff:198.51.100.7')).toBe('198.51.100.7')
  })

  it('names the address a trusted proxy gives, without its port or brackets', async () => {
    expect(await named(forwarded, '10.0.0.1', { 'x-forwarded-for': '6.6.6.6, 203.0.113.5:51234' })).toBe(
      '203.0.113.5',
    )
    expect(await named(fly, '10.0.0.1', { 'fly-client-ip': '[2001:db8::1]:443' })).toBe('2001:db8::1')
  })

  it('falls back to the peer when the proxy names no address', async () => {
    expect(await named(fly, '10.0.0.1', { 'fly-client-ip': 'unknown' })).toBe('10.0.0.1')
    expect(await named(forwarded, '10.0.0.1')).toBe('10.0.0.1')
  })

  // A zone names an interface of the machine that saw the address, and a mapped address is an IPv4 reader: kept
  // so, one reader would be stored and shown to moderators under two addresses.
  it('names an address in one spelling: no IPv6 zone, an IPv4-mapped address as the IPv4 one, IPv6 compressed', async () => {
    expect(await named(direct, 'fe80::1%eth0')).toBe('fe80::1')
    expect(await named(fly, '10.0.0.1', { 'fly-client-ip': '[fe80::1%eth0]:443' })).toBe('fe80::1')
    expect(await named(forwarded, '10.0.0.1', { 'x-forwarded-for': '::ffff:203.0.113.5' })).toBe(
      '203.0.113.5',
    )
    expect(await named(direct, '::FFFF:cb00:7105')).toBe('203.0.113.5')
    expect(await named(direct, '2001:DB8:0:0::1')).toBe('2001:db8::1')
  })
})
