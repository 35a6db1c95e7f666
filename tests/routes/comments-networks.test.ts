import { describe, expect, it } from 'vitest'
import { aComment, expectStatus, json, useTestApp } from '../helpers/app.js'

const ctx = useTestApp()

/**
 * A reader is counted by their network, as the rate limits count them: an IPv4 address, or an IPv6 /64, whose
 * host takes a new address in it whenever it likes (privacy extensions change it every day). Counted by the
 * exact address, a sender changing the last half of theirs skipped flood control and left their spam history
 * behind.
 */
describe('a sender on IPv6, counted by /64', () => {
  const post = (siteId: string, peer: string) =>
    ctx.request('POST', `/v1/sites/${siteId}/comments`, { body: aComment(), token: null, peer })

  it('is held to the flood interval whatever address of the /64 it sends from', async () => {
    const site = await ctx.newSite()
    await expectStatus(post(site.id, '2001:db8:5:6::a1'), 201)
    ctx.clock.advance(2_000)
    expect((await post(site.id, '2001:db8:5:6:dead:beef:1:2')).status).toBe(429)
    // Another /64 is another subscriber.
    await expectStatus(post(site.id, '2001:db8:5:7::a1'), 201)
  })

  it('is one sender as ::ffff:192.0.2.60 and as 192.0.2.60', async () => {
    const site = await ctx.newSite()
    await expectStatus(post(site.id, '::ffff:192.0.2.60'), 201)
    ctx.clock.advance(2_000)
    expect((await post(site.id, '192.0.2.60')).status).toBe(429)
  })

  it('keeps the spam history of its /64 when it changes address', async () => {
    const site = await ctx.newSite()
    const first = await json(
      ctx.request('POST', `/v1/sites/${site.id}/comments`, {
        body: { ...aComment(), ip: '2001:db8:77:1::10' },
        token: site.serverKey,
      }),
    )
    await expectStatus(
      ctx.request('POST', `/v1/sites/${site.id}/comments/${first.id}/spam`, { token: site.moderatorKey }),
      200,
    )
    ctx.clock.advance(60_000)
    const next = await json(
      ctx.request('POST', `/v1/sites/${site.id}/comments`, {
        body: { ...aComment(), ip: '2001:db8:77:1:9:8:7:6' },
        token: site.serverKey,
      }),
    )
    expect(next.reasons.map((reason: { rule: string }) => reason.rule)).toContain('spam-history')
  })
})
