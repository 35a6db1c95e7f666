import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { aComment, type Body, json, type TestSite, useTestApp } from '../helpers/app.js'

const ctx = useTestApp()

const approvedComment = (site: TestSite, overrides: Record<string, unknown> = {}) =>
  ctx.submit(site, { articleId: 'story', ...overrides }, 1)

describe('GET /v1/sites/{site}/articles/{articleId}/comments', () => {
  it('lists approved comments oldest first, with replies, and only public fields', async () => {
    const site = await ctx.newSite()
    const first = await approvedComment(site, {
      author: { name: 'Ana', email: 'ana@example.org', url: 'https://ana.example' },
    })
    const reply = await approvedComment(site, { parentId: first.id })
    await approvedComment(site, { honeypot: 'bot' }) // spam: never listed
    await approvedComment(site, { articleId: 'another-story' })
    const response = await ctx.request('GET', `/v1/sites/${site.id}/articles/story/comments`, { token: null })
    expect(response.status).toBe(200)
    const page = await json(response)
    expect(page.items.map((item: Body) => item.id)).toEqual([first.id, reply.id])
    expect(page.items[0]).toEqual({
      id: first.id,
      parentId: null,
      author: { name: 'Ana', url: 'https://ana.example' },
      content: expect.any(String),
      createdAt: expect.any(String),
    })
    expect(page.items[1].parentId).toBe(first.id)
    const raw = JSON.stringify(page)
    for (const secret of ['ana@example.org', 'email', 'score', 'reasons', 'status', '"ip"'])
      expect(raw).not.toContain(secret)
  })

  it('pages with a cursor', async () => {
    const site = await ctx.newSite()
    const ids = []
    for (let i = 0; i < 5; i++) ids.push((await approvedComment(site)).id)
    const first = await json(
      ctx.request('GET', `/v1/sites/${site.id}/articles/story/comments?limit=2`, { token: null }),
    )
    expect(first.items.map((item: Body) => item.id)).toEqual(ids.slice(0, 2))
    const second = await json(
      ctx.request('GET', `/v1/sites/${site.id}/articles/story/comments?limit=2&cursor=${first.nextCursor}`, {
        token: null,
      }),
    )
    expect(second.items.map((item: Body) => item.id)).toEqual(ids.slice(2, 4))
  })

  it('takes `limit=` and `cursor=` left blank, as a page builds the query with no value yet, for the defaults', async () => {
    const site = await ctx.newSite()
    const comment = await approvedComment(site)
    const response = await ctx.request('GET', `/v1/sites/${site.id}/articles/story/comments?limit=&cursor=`, {
      token: null,
    })
    expect(response.status).toBe(200)
    expect((await json(response)).items.map((item: Body) => item.id)).toEqual([comment.id])
  })

  it('answers If-None-Match with 304 until the list changes, and lets caches keep it briefly', async () => {
    const site = await ctx.newSite()
    await approvedComment(site)
    const path = `/v1/sites/${site.id}/articles/story/comments`
    const first = await ctx.request('GET', path, { token: null })
    const etag = first.headers.get('etag')
    // A strong validator: the SHA-1 of the exact body.
    const digest = createHash('sha1')
      .update(await first.clone().text())
      .digest('hex')
    expect(etag).toBe(`"${digest}"`)
    expect(first.headers.get('cache-control')).toContain('max-age=')
    const unchanged = await ctx.request('GET', path, {
      token: null,
      headers: { 'if-none-match': etag ?? '' },
    })
    expect(unchanged.status).toBe(304)
    await approvedComment(site)
    const changed = await ctx.request('GET', path, { token: null, headers: { 'if-none-match': etag ?? '' } })
    expect(changed.status).toBe(200)
    expect(changed.headers.get('etag')).not.toBe(etag)
  })

  it('is 404 for an unknown site and an empty list for an article without comments', async () => {
    const site = await ctx.newSite()
    expect((await ctx.request('GET', '/v1/sites/nope/articles/story/comments', { token: null })).status).toBe(
      404,
    )
    expect(
      await json(ctx.request('GET', `/v1/sites/${site.id}/articles/empty/comments`, { token: null })),
    ).toEqual({
      items: [],
      nextCursor: null,
    })
  })
})

describe('calls from article pages in the browser (CORS)', () => {
  it("are allowed from the site's own origins only", async () => {
    const site = await ctx.newSite({
      allowedOrigins: ['https://www.journal.example/', 'https://m.journal.example'],
    })
    const path = `/v1/sites/${site.id}/articles/story/comments`
    const allowed = await ctx.request('GET', path, {
      token: null,
      headers: { origin: 'https://www.journal.example' },
    })
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://www.journal.example')
    const foreign = await ctx.request('GET', path, {
      token: null,
      headers: { origin: 'https://evil.example' },
    })
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('vary by Origin, also when asked without one, so a shared cache keeps the two answers apart', async () => {
    const site = await ctx.newSite({ allowedOrigins: ['https://www.journal.example'] })
    const path = `/v1/sites/${site.id}/articles/story/comments`
    const fromPage = await ctx.request('GET', path, {
      token: null,
      headers: { origin: 'https://www.journal.example' },
    })
    const fromServer = await ctx.request('GET', path, { token: null })
    expect(fromPage.headers.get('vary')).toContain('Origin')
    expect(fromServer.status).toBe(200)
    expect(fromServer.headers.get('vary')).toContain('Origin')
    expect(fromServer.headers.get('access-control-allow-origin')).toBeNull()
    expect(fromServer.headers.get('access-control-expose-headers')).toBeNull()
    // The rest of the answer is the same.
    expect(fromServer.headers.get('cache-control')).toBe(fromPage.headers.get('cache-control'))
    expect(fromServer.headers.get('etag')).toBe(fromPage.headers.get('etag'))
  })

  it('get an answer to their preflight before posting a comment', async () => {
    const site = await ctx.newSite({ allowedOrigins: ['https://m.journal.example'] })
    const preflight = await ctx.request('OPTIONS', `/v1/sites/${site.id}/comments`, {
      token: null,
      headers: {
        origin: 'https://m.journal.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://m.journal.example')
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST')
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type')
  })

  it.each([
    ['too large (413)', JSON.stringify(aComment({ content: 'x'.repeat(270_000) })), 413],
    ['not UTF-8 (400)', new Uint8Array([0x7b, 0xff, 0x7d]), 400],
  ])('let the page read why a comment whose body is %s was refused', async (_, rawBody, status) => {
    const site = await ctx.newSite({ allowedOrigins: ['https://www.journal.example'] })
    const refused = await ctx.request('POST', `/v1/sites/${site.id}/comments`, {
      token: null,
      rawBody,
      headers: { origin: 'https://www.journal.example', 'content-type': 'application/json' },
    })
    expect(refused.status).toBe(status)
    expect(refused.headers.get('content-type')).toBe('application/problem+json')
    // Without it the browser hides the answer from the page, which sees only a network error.
    expect(refused.headers.get('access-control-allow-origin')).toBe('https://www.journal.example')
  })

  it('answer an OPTIONS request without an Origin as before, with no CORS headers', async () => {
    const site = await ctx.newSite({ allowedOrigins: ['https://m.journal.example'] })
    const options = await ctx.request('OPTIONS', `/v1/sites/${site.id}/comments`, { token: null })
    expect(options.status).toBe(204)
    expect(options.headers.get('access-control-allow-origin')).toBeNull()
  })
})
