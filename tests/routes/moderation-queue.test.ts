import { describe, expect, it } from 'vitest'
import { aComment, type Body, expectStatus, json, useTestApp } from '../helpers/app.js'
import { heldComment } from './held-comments.js'

const ctx = useTestApp()

describe('the moderation queue', () => {
  it('lists pending comments newest first, with score, reasons and version', async () => {
    const site = await ctx.newSite()
    const first = await ctx.submit(site, heldComment())
    const second = await ctx.submit(site, heldComment())
    await ctx.submit(site) // approved: not in the pending queue
    const page = await json(ctx.request('GET', `/v1/sites/${site.id}/queue`, { token: site.moderatorKey }))
    expect(page.items.map((item: Body) => item.id)).toEqual([second.id, first.id])
    expect(page.items[0]).toMatchObject({
      status: 'pending',
      score: 1.5,
      version: 1,
      reasons: [expect.objectContaining({ rule: 'links' })],
      author: { email: expect.stringContaining('@') },
    })
    expect(page.nextCursor).toBeNull()
  })

  it('filters by status and article, and orders oldest first on request', async () => {
    const site = await ctx.newSite()
    const a = await ctx.submit(site, { articleId: 'a' })
    await ctx.submit(site, { articleId: 'b' })
    const c = await ctx.submit(site, { articleId: 'a' })
    const query = `status=approved&articleId=a&order=oldest`
    const page = await json(
      ctx.request('GET', `/v1/sites/${site.id}/queue?${query}`, { token: site.moderatorKey }),
    )
    expect(page.items.map((item: Body) => item.id)).toEqual([a.id, c.id])
  })

  it('takes an empty articleId, as a form with the article left blank sends it, for no filter', async () => {
    const site = await ctx.newSite()
    const a = await ctx.submit(site, { ...heldComment(), articleId: 'a' })
    const b = await ctx.submit(site, { ...heldComment(), articleId: 'b' })
    const page = await json(
      ctx.request('GET', `/v1/sites/${site.id}/queue?status=pending&articleId=&cursor=`, {
        token: site.moderatorKey,
      }),
    )
    expect(page.items.map((item: Body) => item.id)).toEqual([b.id, a.id])
  })

  it('takes the query as the contract writes it, every parameter left blank meaning its default', async () => {
    const site = await ctx.newSite()
    const a = await ctx.submit(site, heldComment())
    const b = await ctx.submit(site, heldComment())
    for (const query of ['status=pending&articleId=&limit=&cursor=', 'status=&order=&limit=']) {
      const response = await expectStatus(
        ctx.request('GET', `/v1/sites/${site.id}/queue?${query}`, { token: site.moderatorKey }),
        200,
      )
      const page = await json(response)
      expect(
        page.items.map((item: Body) => item.id),
        query,
      ).toEqual([b.id, a.id])
    }
  })

  it('walks every comment exactly once through its cursor, even when several share a timestamp', async () => {
    const site = await ctx.newSite()
    const ids: string[] = []
    for (let i = 0; i < 7; i++) {
      const comment = await json(
        ctx.request('POST', `/v1/sites/${site.id}/comments`, {
          body: aComment(heldComment()),
          token: site.serverKey,
        }),
      )
      ids.push(comment.id)
    }
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const suffix: string = cursor ? `&cursor=${cursor}` : ''
      const page = await json(ctx.request('GET', `/v1/sites/${site.id}/queue?limit=3${suffix}`))
      seen.push(...page.items.map((item: Body) => item.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toEqual([...ids].reverse())
  })

  it('refuses a cursor it did not issue, and limits over 100', async () => {
    const site = await ctx.newSite()
    const bad = await ctx.request('GET', `/v1/sites/${site.id}/queue?cursor=not-a-cursor`)
    expect(bad.status).toBe(400)
    expect((await json(bad)).errors).toEqual([expect.objectContaining({ path: 'cursor' })])
    expect((await ctx.request('GET', `/v1/sites/${site.id}/queue?limit=101`)).status).toBe(400)
  })

  it('refuses, on the queue and on an article page, a cursor whose date PostgreSQL could not read', async () => {
    const site = await ctx.newSite()
    const { id } = await ctx.submit(site, { articleId: 'story' })
    for (const date of [
      '+275760-09-13T00:00:00.000Z',
      '-000001-01-01T00:00:00.000Z',
      '0000-01-01T00:00:00.000Z',
      '2026-11-28',
      '2026-02-30T00:00:00.000Z',
    ]) {
      const cursor = Buffer.from(JSON.stringify([date, id])).toString('base64url')
      for (const path of [`queue?cursor=${cursor}`, `articles/story/comments?cursor=${cursor}`]) {
        const response = await ctx.request('GET', `/v1/sites/${site.id}/${path}`, {
          token: site.moderatorKey,
        })
        expect(response.status, `${date} on ${path}`).toBe(400)
        expect((await json(response)).errors).toEqual([expect.objectContaining({ path: 'cursor' })])
      }
    }
    // The first and last years a cursor may hold still page.
    for (const date of ['0001-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z']) {
      const cursor = Buffer.from(JSON.stringify([date, id])).toString('base64url')
      expect((await ctx.request('GET', `/v1/sites/${site.id}/queue?cursor=${cursor}`)).status).toBe(200)
    }
  })

  it('is closed to the public, to server keys and to other sites', async () => {
    const [site, other] = [await ctx.newSite(), await ctx.newSite()]
    const path = `/v1/sites/${site.id}/queue`
    expect((await ctx.request('GET', path, { token: null })).status).toBe(401)
    expect((await ctx.request('GET', path, { token: site.serverKey })).status).toBe(403)
    // The same answer whether or not the site exists: a key cannot probe for sites.
    const answers = await Promise.all(
      [path, '/v1/sites/no-such-site/queue'].map(async (target) => {
        const response = await ctx.request('GET', target, { token: other.moderatorKey })
        const { status, type, title, detail } = await json(response)
        return { http: response.status, status, type, title, detail }
      }),
    )
    expect(answers[0]).toMatchObject({ http: 403, type: 'urn:vigil:problem:forbidden' })
    expect(answers[1]).toEqual(answers[0])
    expect((await ctx.request('GET', '/v1/sites/no-such-site/queue')).status).toBe(404)
  })
})
