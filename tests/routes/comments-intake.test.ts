import { describe, expect, it } from 'vitest'
import { purgeExpiredData } from '../../src/privacy/retention.js'
import { aComment, expectStatus, json, useTestApp } from '../helpers/app.js'

const ctx = useTestApp()

describe('POST /v1/sites/{site}/comments', () => {
  it('stores a public comment and tells the reader only whether it is visible', async () => {
    const site = await ctx.newSite()
    const response = await ctx.request('POST', `/v1/sites/${site.id}/comments`, {
      body: aComment(),
      token: null,
    })
    expect(response.status).toBe(201)
    const body = await response.json()
    expect(body).toEqual({ id: expect.any(String), status: 'approved' })
  })

  it('reports spam to a public caller as pending, never as spam', async () => {
    const site = await ctx.newSite()
    const body = await json(
      ctx.request('POST', `/v1/sites/${site.id}/comments`, {
        body: aComment({ honeypot: 'http://bot.example' }),
        token: null,
      }),
    )
    expect(body).toEqual({ id: expect.any(String), status: 'pending' })
    const stored = await json(
      ctx.request('GET', `/v1/sites/${site.id}/comments/${body.id}`, { token: site.moderatorKey }),
    )
    expect(stored.status).toBe('spam')
  })

  it('gives a server-key caller the true status, score and reasons', async () => {
    const site = await ctx.newSite()
    const body = await json(
      ctx.request('POST', `/v1/sites/${site.id}/comments`, {
        body: aComment({ honeypot: 'filled' }),
        token: site.serverKey,
      }),
    )
    expect(body).toMatchObject({ status: 'spam', score: expect.any(Number) })
    expect(body.reasons).toEqual([expect.objectContaining({ rule: 'honeypot', detail: expect.any(String) })])
  })

  it("honours the reader's ip, user agent and referrer only from a server key", async () => {
    const site = await ctx.newSite()
    const reader = { ip: '203.0.113.9', userAgent: 'Reader/1.0', referrer: 'https://news.example/a' }
    const fromServer = await json(
      ctx.request('POST', `/v1/sites/${site.id}/comments`, { body: aComment(reader), token: site.serverKey }),
    )
    const fromPublic = await json(
      ctx.request('POST', `/v1/sites/${site.id}/comments`, {
        body: aComment(reader),
        token: null,
        peer: '198.51.100.7',
        headers: { 'user-agent': 'Browser/2.0' },
      }),
    )
    const read = (id: string) => json(ctx.request('GET', `/v1/sites/${site.id}/comments/${id}`))
    expect(await read(fromServer.id)).toMatchObject(reader)
    expect(await read(fromPublic.id)).toMatchObject({
      ip: '198.51.100.7',
      userAgent: 'Browser/2.0',
      referrer: null,
    })
  })

  it('holds a comment with as many links as the site allows', async () => {
    const site = await ctx.newSite()
    const body = await json(
      ctx.request('POST', `/v1/sites/${site.id}/comments`, {
        body: aComment({ content: 'Voir https://a.example et https://b.example' }),
        token: site.serverKey,
      }),
    )
    expect(body.status).toBe('pending')
    expect(body.reasons.map((reason: { rule: string }) => reason.rule)).toEqual(['links'])
  })

  it('trusts an author whose e-mail already has an approved comment', async () => {
    const site = await ctx.newSite()
    const author = { name: 'Inès', email: 'ines@example.fr' }
    const first = await json(
      ctx.request('POST', `/v1/sites/${site.id}/comments`, {
        body: aComment({ author, content: 'Premier message.' }),
        token: site.serverKey,
      }),
    )
    expect(first.reasons).toEqual([])
    ctx.clock.advance(60_000)
    const second = await json(
      ctx.request('POST', `/v1/sites/${site.id}/comments`, {
        body: aComment({ author: { ...author, email: 'INES@example.fr' }, content: 'Second message.' }),
        token: site.serverKey,
      }),
    )
    expect(second.reasons).toEqual([expect.objectContaining({ rule: 'trusted-author', score: -4 })])
  })

  it('refuses an exact re-post by the same author on the same article with 409', async () => {
    const site = await ctx.newSite()
    const comment = aComment()
    await expectStatus(
      ctx.request('POST', `/v1/sites/${site.id}/comments`, { body: comment, token: null }),
      201,
    )
    ctx.clock.advance(60_000)
    const again = { ...comment, content: `  ${comment.content.toUpperCase()} ` }
    const response = await ctx.request('POST', `/v1/sites/${site.id}/comments`, { body: again, token: null })
    expect(response.status).toBe(409)
    expect(((await response.json()) as { type: string }).type).toBe('urn:vigil:problem:duplicate-comment')
    // Another article, or another author, may say the same thing.
    await expectStatus(
      ctx.request('POST', `/v1/sites/${site.id}/comments`, {
        body: { ...comment, articleId: 'other' },
        token: null,
      }),
      201,
    )
  })

  it('refuses a re-post from a caller without a key only within the duplicate window, whatever became of the first', async () => {
    const site = await ctx.newSite()
    const post = (body: unknown, token: string | null = null) =>
      ctx.request('POST', `/v1/sites/${site.id}/comments`, { body, token, peer: '198.51.100.31' })
    // One comment approved, one marked spam (its honeypot filled), both answered alike to the public.
    const kept = aComment({ content: 'Un avis posé sur la réforme des retraites, argumenté.' })
    const caught = aComment({ content: 'Un autre avis, tout aussi posé.', honeypot: 'filled' })
    await expectStatus(post(kept), 201)
    ctx.clock.advance(60_000)
    const { id: caughtId } = await json(post(caught))
    ctx.clock.advance(60_000)
    expect((await post(kept)).status).toBe(409)
    expect((await post(caught)).status).toBe(409)
    // Spam is purged after SPAM_RETENTION_DAYS and approved comments are not: refused beyond the window, the
    // re-post of the one and not of the other would tell a spammer which was caught.
    ctx.clock.advance(25 * 60 * 60_000)
    await purgeExpiredData(ctx.database, ctx.clock, { ipRetentionDays: 30, spamRetentionDays: 1 })
    const purged = ctx.request('GET', `/v1/sites/${site.id}/comments/${caughtId}`, {
      token: site.moderatorKey,
    })
    await expectStatus(purged, 404)
    await expectStatus(post(kept), 201)
    ctx.clock.advance(60_000)
    await expectStatus(post(caught), 201)
    // The site's backend, which sees every verdict anyway, still hears that its reader already posted it.
    expect((await post({ ...kept, ip: '198.51.100.31' }, site.serverKey)).status).toBe(409)
  })

  it('never confirms to a caller without a key which e-mail wrote a comment: a re-post must come from its address', async () => {
    const site = await ctx.newSite()
    const comment = aComment({ author: { name: 'Jeanne', email: 'jeanne.dupont@example.fr' } })
    const post = (peer: string, email: string, token: string | null = null) =>
      ctx.request('POST', `/v1/sites/${site.id}/comments`, {
        body: { ...comment, author: { name: 'Jeanne', email } },
        token,
        peer,
      })
    await expectStatus(post('198.51.100.20', 'jeanne.dupont@example.fr'), 201)
    ctx.clock.advance(60_000)
    // A stranger resending the text under guessed addresses hears the same answer for the right one.
    await expectStatus(post('203.0.113.66', 'j.dupont@example.fr'), 201)
    ctx.clock.advance(60_000)
    await expectStatus(post('203.0.113.66', 'jeanne.dupont@example.fr'), 201)
    ctx.clock.advance(60_000)
    // The reader's own double submit is still refused, and so is the site's backend relaying it from the
    // reader's address; from another, a comment typed under the address by anyone is no re-post of the owner's.
    expect((await post('198.51.100.20', 'jeanne.dupont@example.fr')).status).toBe(409)
    const fromBackend = (ip: string) =>
      ctx.request('POST', `/v1/sites/${site.id}/comments`, {
        body: { ...comment, ip },
        token: site.serverKey,
      })
    expect((await fromBackend('198.51.100.20')).status).toBe(409)
    expect((await fromBackend('203.0.113.99')).status).toBe(201)
  })

  it('answers a flood from one IP with 429 and Retry-After', async () => {
    const site = await ctx.newSite()
    const send = (body: unknown) =>
      ctx.request('POST', `/v1/sites/${site.id}/comments`, { body, token: null, peer: '192.0.2.44' })
    await expectStatus(send(aComment()), 201)
    ctx.clock.advance(5_000)
    const flooded = await send(aComment())
    expect(flooded.status).toBe(429)
    expect(flooded.headers.get('retry-after')).toBe('10')
    expect(flooded.headers.get('content-type')).toBe('application/problem+json')
    ctx.clock.advance(10_000)
    await expectStatus(send(aComment()), 201)
  })

  it('never refuses a comment because its e-mail posted from elsewhere moments ago, which would reveal it', async () => {
    const site = await ctx.newSite()
    const author = { name: 'Hana', email: 'hana@example.org' }
    const from = (peer: string) =>
      ctx.request('POST', `/v1/sites/${site.id}/comments`, { body: aComment({ author }), token: null, peer })
    await expectStatus(from('192.0.2.45'), 201)
    ctx.clock.advance(2_000)
    await expectStatus(from('198.51.100.45'), 201)
    expect((await from('192.0.2.45')).status).toBe(429)
  })

  it("counts a flood by e-mail for a server key that names no reader IP, which sees every comment's reasons anyway", async () => {
    const site = await ctx.newSite()
    const author = { name: 'Jun', email: 'jun@example.kr' }
    const send = () =>
      ctx.request('POST', `/v1/sites/${site.id}/comments`, {
        body: aComment({ author }),
        token: site.serverKey,
      })
    await expectStatus(send(), 201)
    ctx.clock.advance(2_000)
    const flooded = await send()
    expect(flooded.status).toBe(429)
    expect(flooded.headers.get('retry-after')).toBe('13')
  })

  it('checks duplicates before flood, so a double-click gets 409', async () => {
    const site = await ctx.newSite()
    const comment = aComment()
    await expectStatus(
      ctx.request('POST', `/v1/sites/${site.id}/comments`, { body: comment, token: null }),
      201,
    )
    const response = await ctx.request('POST', `/v1/sites/${site.id}/comments`, {
      body: comment,
      token: null,
    })
    expect(response.status).toBe(409)
  })

  it('accepts a reply to a comment on the same article and refuses one elsewhere', async () => {
    const site = await ctx.newSite()
    const parent = await json(
      ctx.request('POST', `/v1/sites/${site.id}/comments`, { body: aComment(), token: null }),
    )
    await expectStatus(
      ctx.request('POST', `/v1/sites/${site.id}/comments`, {
        body: aComment({ parentId: parent.id }),
        token: null,
      }),
      201,
    )
    const elsewhere = await ctx.request('POST', `/v1/sites/${site.id}/comments`, {
      body: aComment({ parentId: parent.id, articleId: 'another-article' }),
      token: null,
    })
    expect(elsewhere.status).toBe(400)
    expect(((await elsewhere.json()) as { errors: unknown }).errors).toEqual([
      expect.objectContaining({ path: 'parentId' }),
    ])
  })

  it('writes an audit row for the intake decision', async () => {
    const site = await ctx.newSite()
    const { id } = await json(
      ctx.request('POST', `/v1/sites/${site.id}/comments`, { body: aComment(), token: site.serverKey }),
    )
    const detail = await json(ctx.request('GET', `/v1/sites/${site.id}/comments/${id}`))
    expect(detail.history).toEqual([
      expect.objectContaining({
        action: 'submit',
        fromStatus: null,
        toStatus: 'approved',
        actor: expect.any(String),
      }),
    ])
  })
})
