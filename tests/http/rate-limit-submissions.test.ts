import { describe, expect, it } from 'vitest'
import { addressBucket } from '../../src/moderation/identity-hasher.js'
import { created, expectRateLimited, useRateLimitApp } from './rate-limit.js'

/** Comment submissions: limited per reader IP (public or through a server key), per site, and per key. */

const { vigilProcess, siteWithoutFloodControl, startOfNextWindow } = useRateLimitApp()

describe('public submissions, per IP', () => {
  it('refuses the submission past the limit with 429, problem+json and the seconds left in the window', async () => {
    const vigil = vigilProcess({ RATE_LIMIT_SUBMISSIONS_PER_IP: '3' })
    const site = await siteWithoutFloodControl()
    startOfNextWindow(15)
    for (let i = 0; i < 3; i++) await created(vigil.submit(site, { peer: '192.0.2.10' }))
    const body = await expectRateLimited(vigil.submit(site, { peer: '192.0.2.10' }), 45)
    expect(body.instance).toBe(`/v1/sites/${site.id}/comments`)
    // Another reader is not affected.
    await created(vigil.submit(site, { peer: '192.0.2.11' }))
  })

  it('ignores X-Forwarded-For without TRUST_PROXY: a spoofed header changes nothing', async () => {
    const vigil = vigilProcess({ RATE_LIMIT_SUBMISSIONS_PER_IP: '2' })
    const site = await siteWithoutFloodControl()
    startOfNextWindow()
    const spoofed = (n: number) => ({ 'x-forwarded-for': `203.0.113.${n}` })
    await created(vigil.submit(site, { peer: '192.0.2.20', headers: spoofed(1) }))
    await created(vigil.submit(site, { peer: '192.0.2.20', headers: spoofed(2) }))
    await expectRateLimited(vigil.submit(site, { peer: '192.0.2.20', headers: spoofed(3) }))
    await expectRateLimited(vigil.submit(site, { peer: '192.0.2.20' }))
  })

  it("believes X-Forwarded-For's rightmost entry with TRUST_PROXY", async () => {
    const vigil = vigilProcess({ RATE_LIMIT_SUBMISSIONS_PER_IP: '2', TRUST_PROXY: 'true' })
    const site = await siteWithoutFloodControl()
    startOfNextWindow()
    const proxy = '10.0.0.1'
    const via = (chain: string) => ({ peer: proxy, headers: { 'x-forwarded-for': chain } })
    await created(vigil.submit(site, via('198.51.100.1, 192.0.2.30')))
    await created(vigil.submit(site, via('198.51.100.2, 192.0.2.30')))
    // What the client put to the left is its own choice, and changes nothing.
    await expectRateLimited(vigil.submit(site, via('198.51.100.3, 192.0.2.30')))
    // Readers behind the same proxy have budgets of their own.
    await created(vigil.submit(site, via('192.0.2.31')))
    await created(vigil.submit(site, via('198.51.100.1, 192.0.2.32')))
  })

  it('believes a proxy that names the reader with its port (Azure: 192.0.2.40:51234, [2001:db8::1]:443)', async () => {
    const vigil = vigilProcess({ RATE_LIMIT_SUBMISSIONS_PER_IP: '2', TRUST_PROXY: 'true' })
    const site = await siteWithoutFloodControl()
    startOfNextWindow()
    const via = (reader: string) => ({ peer: '10.0.0.1', headers: { 'x-forwarded-for': reader } })
    await created(vigil.submit(site, via('192.0.2.40:51234')))
    await created(vigil.submit(site, via('192.0.2.40:51235')))
    // The same reader from another port is the same reader.
    await expectRateLimited(vigil.submit(site, via('192.0.2.40:60000')))
    // Others behind the same proxy are not counted as the proxy.
    await created(vigil.submit(site, via('192.0.2.41:51234')))
    await created(vigil.submit(site, via('[2001:db8:41::1]:443')))
    await created(vigil.submit(site, via('[2001:db8:42::1]')))
  })

  it("believes only the proxy's own header with CLIENT_IP_HEADER (Fly-Client-IP), whatever X-Forwarded-For says", async () => {
    const vigil = vigilProcess({
      RATE_LIMIT_SUBMISSIONS_PER_IP: '2',
      TRUST_PROXY: 'true',
      CLIENT_IP_HEADER: 'Fly-Client-IP',
    })
    const site = await siteWithoutFloodControl()
    startOfNextWindow()
    // Fly appends its own (the app's) address to X-Forwarded-For: the same for every reader.
    const via = (reader: string) => ({
      peer: '172.16.0.2',
      headers: { 'fly-client-ip': reader, 'x-forwarded-for': `${reader}, 66.241.125.10` },
    })
    await created(vigil.submit(site, via('198.51.100.41')))
    await created(vigil.submit(site, via('198.51.100.41')))
    await expectRateLimited(vigil.submit(site, via('198.51.100.41')))
    // Other readers, counted apart although the last X-Forwarded-For entry is the same.
    await created(vigil.submit(site, via('198.51.100.42')))
    await created(vigil.submit(site, via('2001:db8:77::1')))
  })

  it('counts an IPv6 reader by its /64', async () => {
    const vigil = vigilProcess({ RATE_LIMIT_SUBMISSIONS_PER_IP: '2' })
    const site = await siteWithoutFloodControl()
    startOfNextWindow()
    await created(vigil.submit(site, { peer: '2001:db8:40:1::1' }))
    await created(vigil.submit(site, { peer: '2001:db8:40:1:ffff::2' }))
    await expectRateLimited(vigil.submit(site, { peer: '2001:db8:40:1:abcd:1:2:3' }))
    await created(vigil.submit(site, { peer: '2001:db8:40:2::1' }))
  })
})

describe('addressBucket', () => {
  it.each([
    ['192.0.2.1', '192.0.2.1'],
    ['::ffff:192.0.2.1', '192.0.2.1'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002::', '2001:db8:1:2::/64'],
    ['::1', '::/64'],
  ])('counts %s as %s', (ip, bucket) => {
    expect(addressBucket(ip)).toBe(bucket)
  })
})

describe('public submissions, per site', () => {
  it("limits a site's public submissions as a whole, whatever their IPs", async () => {
    const vigil = vigilProcess({ RATE_LIMIT_SUBMISSIONS_PER_IP: '0', RATE_LIMIT_SUBMISSIONS_PER_SITE: '3' })
    const site = await siteWithoutFloodControl()
    const other = await siteWithoutFloodControl()
    startOfNextWindow(50)
    for (let i = 1; i <= 3; i++) await created(vigil.submit(site, { peer: `192.0.2.${40 + i}` }))
    await expectRateLimited(vigil.submit(site, { peer: '192.0.2.44' }), 10)
    await created(vigil.submit(other, { peer: '192.0.2.44' }))
    // The site's own backend is not limited as one client, nor by its public budget.
    await created(vigil.submit(site, { token: site.serverKey, comment: { ip: '192.0.2.45' } }))
  })

  it("does not spend the site's budget on an address already refused", async () => {
    const vigil = vigilProcess({ RATE_LIMIT_SUBMISSIONS_PER_IP: '1', RATE_LIMIT_SUBMISSIONS_PER_SITE: '3' })
    const site = await siteWithoutFloodControl()
    startOfNextWindow(10)
    await created(vigil.submit(site, { peer: '192.0.2.46' }))
    for (let i = 0; i < 5; i++) {
      const refused = await expectRateLimited(vigil.submit(site, { peer: '192.0.2.46' }))
      expect(refused.detail).toMatch(/this address/)
    }
    // The five refusals counted against the address only: the site still has two of its three.
    await created(vigil.submit(site, { peer: '192.0.2.47' }))
    await created(vigil.submit(site, { peer: '192.0.2.48' }))
    const full = await expectRateLimited(vigil.submit(site, { peer: '192.0.2.49' }), 50)
    expect(full.detail).toMatch(/This site is receiving too many comments/)
  })
})

describe('server-key submissions', () => {
  it('are limited per reader IP: two readers of one backend have budgets of their own', async () => {
    const vigil = vigilProcess({ RATE_LIMIT_SUBMISSIONS_PER_IP: '2', RATE_LIMIT_SUBMISSIONS_PER_SITE: '1' })
    const site = await siteWithoutFloodControl()
    startOfNextWindow()
    const asReader = (ip: string) => vigil.submit(site, { token: site.serverKey, comment: { ip } })
    await created(asReader('198.51.100.50'))
    await created(asReader('198.51.100.50'))
    await expectRateLimited(asReader('198.51.100.50'))
    await created(asReader('198.51.100.51'))
    await created(asReader('198.51.100.51'))
    await created(asReader('198.51.100.52'))
    // The backend's connection address plays no part.
    await created(
      vigil.submit(site, { token: site.serverKey, peer: '10.0.0.9', comment: { ip: '198.51.100.53' } }),
    )
  })

  it("count a reader IP within the key's own site, so one site's backend cannot spend another's", async () => {
    const vigil = vigilProcess({ RATE_LIMIT_SUBMISSIONS_PER_IP: '1' })
    const site = await siteWithoutFloodControl()
    const other = await siteWithoutFloodControl()
    startOfNextWindow()
    await created(vigil.submit(site, { token: site.serverKey, comment: { ip: '198.51.100.60' } }))
    await expectRateLimited(vigil.submit(site, { token: site.serverKey, comment: { ip: '198.51.100.60' } }))
    await created(vigil.submit(other, { token: other.serverKey, comment: { ip: '198.51.100.60' } }))
    await created(vigil.submit(site, { peer: '198.51.100.60' }))
  })

  it('fall back to the per-key limit when they name no reader', async () => {
    const vigil = vigilProcess({ RATE_LIMIT_SUBMISSIONS_PER_IP: '1', RATE_LIMIT_API_PER_KEY: '3' })
    const site = await siteWithoutFloodControl()
    startOfNextWindow()
    for (let i = 0; i < 3; i++) await created(vigil.submit(site, { token: site.serverKey, peer: '10.0.0.9' }))
    await expectRateLimited(vigil.submit(site, { token: site.serverKey, peer: '10.0.0.9' }))
    // The key's budget is the whole API's: its other calls are refused too.
    await expectRateLimited(vigil.send('GET', `/v1/sites/${site.id}`, { token: site.serverKey }))
  })
})
