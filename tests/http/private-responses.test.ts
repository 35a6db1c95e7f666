import { describe, expect, it } from 'vitest'
import { expectStatus, useTestApp } from '../helpers/app.js'

const ctx = useTestApp()

describe('answers to a keyed caller', () => {
  it('may be kept by no shared cache: private, no-store, errors included', async () => {
    const site = await ctx.newSite()
    const queue = await expectStatus(
      ctx.request('GET', `/v1/sites/${site.id}/queue`, { token: site.moderatorKey }),
      200,
    )
    expect(queue.headers.get('cache-control')).toBe('private, no-store')
    const missing = await ctx.request(
      'GET',
      `/v1/sites/${site.id}/comments/01900000-0000-7000-8000-000000000000`,
      {
        token: site.moderatorKey,
      },
    )
    expect(missing.status).toBe(404)
    expect(missing.headers.get('cache-control')).toBe('private, no-store')
  })

  it("leave a route's own Cache-Control alone: the public list stays cacheable", async () => {
    const site = await ctx.newSite()
    const path = `/v1/sites/${site.id}/articles/article-1/comments`
    const publicList = await expectStatus(ctx.request('GET', path, { token: null }), 200)
    const keyedList = await expectStatus(ctx.request('GET', path, { token: site.serverKey }), 200)
    expect(publicList.headers.get('cache-control')).not.toContain('no-store')
    expect(keyedList.headers.get('cache-control')).toBe(publicList.headers.get('cache-control'))
  })
})
