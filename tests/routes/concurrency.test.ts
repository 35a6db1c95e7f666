import { describe, expect, it } from 'vitest'
import { aComment, expectStatus, json, useTestApp } from '../helpers/app.js'
import { onRealServer } from '../helpers/db.js'

const ctx = useTestApp()

// PGlite runs one transaction at a time, so this only truly races on a real server (TEST_DATABASE_URL);
// on PGlite it still pins the same outcome.
describe(`concurrent decisions (${onRealServer ? 'real PostgreSQL' : 'PGlite'})`, () => {
  it('with the same If-Match: exactly one succeeds, the others get 412, one audit row is written', async () => {
    const site = await ctx.newSite()
    const { id } = await json(
      expectStatus(
        ctx.request('POST', `/v1/sites/${site.id}/comments`, {
          body: aComment({ content: 'https://a.example https://b.example' }),
          token: site.serverKey,
        }),
        201,
      ),
    )
    const actions = ['approve', 'spam', 'reject', 'approve', 'spam', 'reject', 'approve', 'spam']
    const responses = await Promise.all(
      actions.map((action) =>
        ctx.request('POST', `/v1/sites/${site.id}/comments/${id}/${action}`, {
          token: site.moderatorKey,
          headers: { 'if-match': '"1"' },
        }),
      ),
    )
    const statuses = responses.map((response) => response.status).sort()
    expect(statuses).toEqual([200, 412, 412, 412, 412, 412, 412, 412])
    const detail = await json(ctx.request('GET', `/v1/sites/${site.id}/comments/${id}`))
    expect(detail.version).toBe(2)
    expect(detail.history.filter((event: { action: string }) => event.action !== 'submit')).toHaveLength(1)
  })

  it('without If-Match: every request succeeds and the audit trail records each real change', async () => {
    const site = await ctx.newSite()
    const { id } = await json(
      ctx.request('POST', `/v1/sites/${site.id}/comments`, { body: aComment(), token: site.serverKey }),
    )
    const responses = await Promise.all(
      ['reject', 'spam', 'approve', 'reject'].map((action) =>
        ctx.request('POST', `/v1/sites/${site.id}/comments/${id}/${action}`, { token: site.moderatorKey }),
      ),
    )
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200])
    const detail = await json(ctx.request('GET', `/v1/sites/${site.id}/comments/${id}`))
    const changes = detail.history.filter((event: { action: string }) => event.action !== 'submit')
    expect(detail.version).toBe(1 + changes.length)
    // Each audit row starts where the previous one ended: no decision was lost or applied twice.
    for (let i = 1; i < changes.length; i++) expect(changes[i].fromStatus).toBe(changes[i - 1].toStatus)
    expect(changes.at(-1).toStatus).toBe(detail.status)
  })

  it('without If-Match, 40 at once on one comment: none loses every round (no 409), each change audited', async () => {
    const site = await ctx.newSite()
    const { id } = await json(
      ctx.request('POST', `/v1/sites/${site.id}/comments`, { body: aComment(), token: site.serverKey }),
    )
    const actions = Array.from({ length: 40 }, (_, i) => ['approve', 'spam', 'reject'][i % 3])
    const responses = await Promise.all(
      actions.map((action) =>
        ctx.request('POST', `/v1/sites/${site.id}/comments/${id}/${action}`, { token: site.moderatorKey }),
      ),
    )
    expect(new Set(responses.map((response) => response.status))).toEqual(new Set([200]))
    const detail = await json(ctx.request('GET', `/v1/sites/${site.id}/comments/${id}`))
    const changes = detail.history.filter((event: { action: string }) => event.action !== 'submit')
    expect(detail.version).toBe(1 + changes.length)
    for (let i = 1; i < changes.length; i++) expect(changes[i].fromStatus).toBe(changes[i - 1].toStatus)
  })
})
