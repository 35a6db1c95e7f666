import { describe, expect, it } from 'vitest'
import { expectStatus, json } from '../helpers/app.js'
import { FLOOD_GAP_MS, usePrivacyApp } from './privacy-requests.js'

const { ctx, exportOf, erase } = usePrivacyApp()

describe('GET /v1/sites/{site}/privacy/export', () => {
  it('returns every comment written with the e-mail, whatever its case, with history and reputation', async () => {
    const site = await ctx.newSite()
    const email = 'Camille.Martin@example.org'
    const first = await ctx.submit(site, { author: { name: 'Camille', email }, ip: '198.51.100.4' })
    await ctx.submit(site, { author: { name: 'Camille', email: email.toLowerCase() } }, FLOOD_GAP_MS)
    await ctx.submit(site, { author: { name: 'Someone else', email: 'other@example.org' } })
    await expectStatus(
      ctx.request('POST', `/v1/sites/${site.id}/comments/${first.id}/approve`, { token: site.moderatorKey }),
      200,
    )

    const data = await json(expectStatus(exportOf(site, email), 200))
    expect(data.comments).toHaveLength(2)
    expect(data.comments[0]).toMatchObject({
      id: first.id,
      author: { name: 'Camille', email },
      ip: '198.51.100.4',
      erasedAt: null,
    })
    expect(data.comments[0].history.map((event: { action: string }) => event.action)).toContain('submit')
    expect(data.reputation.approved).toBeGreaterThanOrEqual(1)
    expect(data.truncated).toBe(false)
    expect(data.erasedAt).toBeNull()
  })

  it('says when the address was erased, the one thing kept of it afterwards', async () => {
    const site = await ctx.newSite()
    const email = 'camille.martin@example.org'
    await ctx.submit(site, { author: { name: 'Camille', email } })
    await expectStatus(erase(site, email), 200)
    const data = await json(expectStatus(exportOf(site, 'Camille.Martin@Example.org'), 200))
    expect(data).toMatchObject({ comments: [], standing: [], erasedAt: ctx.clock.now().toISOString() })
  })

  it('also returns what the row holds beyond the moderator view, every count it takes part in, and the webhook events carrying it', async () => {
    const site = await ctx.newSite()
    await expectStatus(
      ctx.request('POST', `/v1/sites/${site.id}/webhooks`, { body: { url: 'http://127.0.0.1:9/hook' } }),
      201,
    )
    const email = 'zoe.durand@example.org'
    const written = await ctx.submit(site, {
      author: { name: 'Zoé', email, url: 'https://zoe-carnets.example/' },
      ip: '198.51.100.44',
    })
    await expectStatus(
      ctx.request('POST', `/v1/sites/${site.id}/comments/${written.id}/approve`, {
        token: site.moderatorKey,
      }),
      200,
    )
    const data = await json(expectStatus(exportOf(site, email), 200))
    expect(data.comments[0].stored).toMatchObject({
      authorUrlHost: 'zoe-carnets.example',
      learnedAs: 'ham',
      learnedTokens: expect.arrayContaining([expect.any(String)]),
      facts: expect.any(Object),
    })
    const subjects = data.standing.map((row: { subject: string }) => row.subject)
    expect(subjects).toContain('h:zoe-carnets.example')
    expect(subjects.some((subject: string) => subject.startsWith('e:'))).toBe(true)
    expect(subjects.some((subject: string) => subject.startsWith('i:'))).toBe(true)
    expect(
      data.webhookEvents.map((event: { type: string; commentId: string }) => [event.type, event.commentId]),
    ).toEqual([
      ['comment.created', written.id],
      ['comment.approved', written.id],
    ])
  })

  it("is for the site's server key and the admin only, never another site's key", async () => {
    const site = await ctx.newSite()
    const other = await ctx.newSite()
    await expectStatus(exportOf(site, 'a@example.org', site.moderatorKey), 403)
    await expectStatus(exportOf(site, 'a@example.org', other.serverKey), 403)
    await expectStatus(erase(site, 'a@example.org', other.serverKey), 403)
    await expectStatus(exportOf(site, 'a@example.org', null), 401)
    await expectStatus(ctx.request('GET', `/v1/sites/${site.id}/privacy/export?email=a@example.org`), 200)
  })

  it('refuses something that is not an e-mail address', async () => {
    const site = await ctx.newSite()
    const problem = await json(expectStatus(exportOf(site, 'not an address'), 400))
    expect(problem.errors[0].path).toBe('email')
  })
})
