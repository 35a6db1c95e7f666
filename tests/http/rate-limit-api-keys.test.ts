import { describe, expect, it } from 'vitest'
import { expectStatus, type TestSite } from '../helpers/app.js'
import { created, expectRateLimited, useRateLimitApp } from './rate-limit.js'

/** The moderation and admin API: each key has a budget of its own. */

const { ctx, vigilProcess, siteWithoutFloodControl, startOfNextWindow } = useRateLimitApp()

describe('the moderation and admin API, per key', () => {
  it('refuses a key past its limit, leaving other keys, public reads and health alone', async () => {
    const vigil = vigilProcess({ RATE_LIMIT_API_PER_KEY: '3' })
    const site = await siteWithoutFloodControl()
    const other = await siteWithoutFloodControl()
    startOfNextWindow(20)
    const queue = (s: TestSite) => vigil.send('GET', `/v1/sites/${s.id}/queue`, { token: s.moderatorKey })
    for (let i = 0; i < 3; i++) await expectStatus(queue(site), 200)
    const body = await expectRateLimited(queue(site), 40)
    expect(body.instance).toBe(`/v1/sites/${site.id}/queue`)
    await expectRateLimited(vigil.send('GET', `/v1/sites/${site.id}/settings`, { token: site.moderatorKey }))
    await expectStatus(queue(other), 200)
    for (let i = 0; i < 5; i++) {
      await expectStatus(vigil.send('GET', `/v1/sites/${site.id}/articles/article-1/comments`), 200)
      await expectStatus(vigil.send('GET', '/healthz'), 200)
    }
  })

  it('limits an admin key like any other', async () => {
    const vigil = vigilProcess({ RATE_LIMIT_API_PER_KEY: '2' })
    const { key } = (await (
      await expectStatus(ctx.request('POST', '/v1/keys', { body: { label: 'rate-limited admin' } }), 201)
    ).json()) as { key: string }
    startOfNextWindow()
    await expectStatus(vigil.send('GET', '/v1/sites', { token: key }), 200)
    await expectStatus(vigil.send('GET', '/v1/keys', { token: key }), 200)
    await expectRateLimited(vigil.send('GET', '/v1/sites', { token: key }))
  })
  it("counts a key's submissions to another site's comments, which its route refuses before counting", async () => {
    const vigil = vigilProcess({ RATE_LIMIT_API_PER_KEY: '2' })
    const [site, other] = [await siteWithoutFloodControl(), await siteWithoutFloodControl()]
    startOfNextWindow()
    for (let i = 0; i < 2; i++)
      await expectStatus(
        vigil.submit(other, { token: site.serverKey, comment: { ip: '198.51.100.90' } }),
        403,
      )
    await expectRateLimited(vigil.submit(other, { token: site.serverKey, comment: { ip: '198.51.100.91' } }))
    await expectRateLimited(vigil.send('GET', `/v1/sites/${site.id}`, { token: site.serverKey }))
    // Its own site's submissions are still limited per reader, not by the key's spent budget.
    await created(vigil.submit(site, { token: site.serverKey, comment: { ip: '198.51.100.92' } }))
  })
})
