import { createHash } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { type Body, expectStatus, json, type TestSite, useTestApp } from '../helpers/app.js'
import { heldComment } from './held-comments.js'

const ctx = useTestApp()

describe('a comment', () => {
  it('shows its reasons and its audit history, with its version as ETag', async () => {
    const site = await ctx.newSite()
    const { id } = await ctx.submit(site, heldComment())
    await expectStatus(
      ctx.request('POST', `/v1/sites/${site.id}/comments/${id}/approve`, {
        body: { reason: 'Sources utiles' },
        token: site.moderatorKey,
      }),
      200,
    )
    const response = await ctx.request('GET', `/v1/sites/${site.id}/comments/${id}`, {
      token: site.moderatorKey,
    })
    expect(response.headers.get('etag')).toBe('"2"')
    const detail = await json(response)
    expect(detail.history).toEqual([
      expect.objectContaining({ action: 'submit', toStatus: 'pending' }),
      expect.objectContaining({
        action: 'approve',
        fromStatus: 'pending',
        toStatus: 'approved',
        reason: 'Sources utiles',
      }),
    ])
  })

  it('of another site is not found, and an unknown id is 404', async () => {
    const [site, other] = [await ctx.newSite(), await ctx.newSite()]
    const { id } = await ctx.submit(site)
    expect((await ctx.request('GET', `/v1/sites/${other.id}/comments/${id}`)).status).toBe(404)
    expect(
      (await ctx.request('GET', `/v1/sites/${other.id}/comments/${id}`, { token: site.moderatorKey })).status,
    ).toBe(403)
    const unknown = '01900000-0000-7000-8000-000000000000'
    expect((await ctx.request('GET', `/v1/sites/${site.id}/comments/${unknown}`)).status).toBe(404)
  })
})

describe('decisions', () => {
  it.each([
    ['approve', 'approved'],
    ['reject', 'rejected'],
    ['spam', 'spam'],
  ])('%s moves the comment to %s and bumps its version', async (action, status) => {
    const site = await ctx.newSite()
    const { id } = await ctx.submit(site, heldComment())
    const response = await ctx.request('POST', `/v1/sites/${site.id}/comments/${id}/${action}`, {
      token: site.moderatorKey,
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('etag')).toBe('"2"')
    expect(await json(response)).toMatchObject({ id, status, version: 2, decidedAt: expect.any(String) })
  })

  it('take an empty body sent as JSON as no body, since the body is optional', async () => {
    const site = await ctx.newSite()
    const { id } = await ctx.submit(site, heldComment())
    // What a client library sends that sets the JSON content type on every request, with or without a body.
    const response = await ctx.request('POST', `/v1/sites/${site.id}/comments/${id}/approve`, {
      rawBody: '',
      headers: { 'content-type': 'application/json' },
    })
    expect(response.status).toBe(200)
    expect(await json(response)).toMatchObject({ id, status: 'approved', version: 2 })
  })

  it('are idempotent: repeating one changes nothing and writes no second audit row', async () => {
    const site = await ctx.newSite()
    const { id } = await ctx.submit(site, heldComment())
    for (let i = 0; i < 2; i++) {
      const comment = await json(ctx.request('POST', `/v1/sites/${site.id}/comments/${id}/reject`))
      expect(comment).toMatchObject({ status: 'rejected', version: 2 })
    }
    const detail = await json(ctx.request('GET', `/v1/sites/${site.id}/comments/${id}`))
    expect(detail.history).toHaveLength(2)
  })

  it('with a stale If-Match get 412 and change nothing', async () => {
    const site = await ctx.newSite()
    const { id } = await ctx.submit(site, heldComment())
    await expectStatus(
      ctx.request('POST', `/v1/sites/${site.id}/comments/${id}/approve`, { headers: { 'if-match': '"1"' } }),
      200,
    )
    const stale = await ctx.request('POST', `/v1/sites/${site.id}/comments/${id}/spam`, {
      headers: { 'if-match': '"1"' },
    })
    expect(stale.status).toBe(412)
    expect((await json(stale)).type).toBe('urn:vigil:problem:version-mismatch')
    expect(await json(ctx.request('GET', `/v1/sites/${site.id}/comments/${id}`))).toMatchObject({
      status: 'approved',
      version: 2,
    })
    await expectStatus(
      ctx.request('POST', `/v1/sites/${site.id}/comments/${id}/spam`, { headers: { 'if-match': 'W/"2"' } }),
      200,
    )
    const malformed = await ctx.request('POST', `/v1/sites/${site.id}/comments/${id}/reject`, {
      headers: { 'if-match': 'yesterday' },
    })
    expect(malformed.status).toBe(400)
  })

  it('with an If-Match listing several versions (RFC 9110) decide when the comment is at any of them', async () => {
    const site = await ctx.newSite()
    const { id } = await ctx.submit(site, heldComment())
    const decided = (action: string, ifMatch: string) =>
      ctx.request('POST', `/v1/sites/${site.id}/comments/${id}/${action}`, {
        headers: { 'if-match': ifMatch },
      })
    const approved = await decided('approve', '"4", "1"')
    expect(approved.status).toBe(200)
    expect(approved.headers.get('etag')).toBe('"2"')
    const stale = await decided('spam', '"1","3"')
    expect(stale.status).toBe(412)
    expect((await json(stale)).detail).toBe(
      'The comment is at version 2, not 1 or 3; reload it and decide again.',
    )
    expect((await decided('reject', '"1", yesterday')).status).toBe(400)
    expect(await json(ctx.request('GET', `/v1/sites/${site.id}/comments/${id}`))).toMatchObject({
      status: 'approved',
      version: 2,
    })
    // A list may have empty elements (RFC 9110 §5.6.1), as one built by joining leaves them; it may not be empty.
    expect((await decided('reject', ', "2",')).status).toBe(200)
    expect((await decided('approve', ' , ')).status).toBe(400)
  })

  it('are documented with the ETag they answer with, as the comment they read it from is', async () => {
    const { paths } = await json(ctx.request('GET', '/openapi.json', { token: null }))
    for (const operation of [
      paths['/v1/sites/{site}/comments/{id}'].get,
      ...['approve', 'reject', 'spam'].map(
        (action) => paths[`/v1/sites/{site}/comments/{id}/${action}`].post,
      ),
    ])
      expect(operation.responses['200'].headers?.ETag).toMatchObject({ required: true })
  })

  it('are refused to server keys and to moderators of other sites', async () => {
    const [site, other] = [await ctx.newSite(), await ctx.newSite()]
    const { id } = await ctx.submit(site, heldComment())
    const path = `/v1/sites/${site.id}/comments/${id}/approve`
    expect((await ctx.request('POST', path, { token: site.serverKey })).status).toBe(403)
    expect((await ctx.request('POST', path, { token: other.moderatorKey })).status).toBe(403)
    expect((await ctx.request('POST', path, { token: null })).status).toBe(401)
    expect((await json(ctx.request('GET', `/v1/sites/${site.id}/comments/${id}`))).status).toBe('pending')
  })

  /**
   * Runs `body` while every change to the comments `ids` names (all, when null) fails with the SQLSTATE `code`,
   * as PostgreSQL would fail it: 40P01 a deadlock, 57P01 a server shutting down.
   */
  async function whileUpdatesFail(ids: string[] | null, code: string, body: () => Promise<void>) {
    const { db } = ctx.database
    const when = ids ? `new.id in (${ids.map((id) => `'${id}'`).join(', ')})` : 'true'
    await db.execute(
      sql.raw(`
      create function failing_update() returns trigger language plpgsql as $$
      begin
        if ${when} then raise exception 'failing as told' using errcode = '${code}'; end if;
        return new;
      end $$`),
    )
    await db.execute(
      sql.raw(
        'create trigger failing_update before update on comments for each row execute function failing_update()',
      ),
    )
    try {
      await body()
    } finally {
      await db.execute(sql.raw('drop trigger failing_update on comments'))
      await db.execute(sql.raw('drop function failing_update()'))
    }
  }

  /** Three comments held for moderation on `site`, submitted one after the other. */
  const threeHeld = async (site: TestSite) => {
    const held = () => ctx.submit(site, heldComment())
    return [await held(), await held(), await held()] as const
  }

  const decideInBulk = async (site: TestSite, action: string, ids: string[]) => {
    const body = { action, ids }
    const path = `/v1/sites/${site.id}/moderation/bulk`
    const answer = await json(
      expectStatus(ctx.request('POST', path, { body, token: site.moderatorKey }), 200),
    )
    return answer.results as Body[]
  }

  it('in bulk decide each id on its own, once however it is spelled', async () => {
    const site = await ctx.newSite()
    const [a, b] = [await ctx.submit(site, heldComment()), await ctx.submit(site, heldComment())]
    const missing = '01900000-0000-7000-8000-000000000000'
    const results = await decideInBulk(site, 'spam', [a.id, missing, b.id, a.id, a.id.toUpperCase()])
    expect(results).toEqual([
      { id: a.id, ok: true, status: 'spam', version: 2 },
      { id: missing, ok: false, error: { type: 'urn:vigil:problem:not-found', detail: expect.any(String) } },
      { id: b.id, ok: true, status: 'spam', version: 2 },
    ])
  })

  it('learn from a comment linking to a host no name server could answer for, alone or in bulk', async () => {
    const site = await ctx.newSite()
    // Characters that do not repeat: PostgreSQL compresses an index key, and a repetitive one fits.
    const label = Array.from({ length: 47 }, (_, i) =>
      createHash('sha256').update(`${i}`).digest('hex'),
    ).join('')
    const host = `${label}.com`
    const post = (peer: string, closing: string) =>
      ctx.request('POST', `/v1/sites/${site.id}/comments`, {
        token: null,
        peer,
        body: {
          articleId: 'a1',
          author: { name: 'Bob' },
          content: `Look at this page http://${host}/ ${closing}`,
        },
      })
    const one = await json(expectStatus(post('198.51.100.7', 'Thanks!'), 201))
    const two = await json(expectStatus(post('198.51.100.8', 'Merci !'), 201))
    await expectStatus(
      ctx.request('POST', `/v1/sites/${site.id}/comments/${one.id}/spam`, { token: site.moderatorKey }),
      200,
    )
    expect(await decideInBulk(site, 'approve', [two.id])).toEqual([
      { id: two.id, ok: true, status: 'approved', version: 2 },
    ])
  })

  it('in bulk report an id a concurrent change kept getting in the way of, and decide the others', async () => {
    const site = await ctx.newSite()
    const [a, b, c] = await threeHeld(site)
    // Every change to b fails as a deadlock would, however often it is tried.
    await whileUpdatesFail([b.id], '40P01', async () => {
      const results = await decideInBulk(site, 'approve', [a.id, b.id, c.id])
      expect(results).toEqual([
        { id: a.id, ok: true, status: 'approved', version: 2 },
        {
          id: b.id,
          ok: false,
          error: { type: 'urn:vigil:problem:unavailable', detail: expect.stringContaining('again') },
        },
        { id: c.id, ok: true, status: 'approved', version: 2 },
      ])
    })
    expect((await json(ctx.request('GET', `/v1/sites/${site.id}/comments/${b.id}`))).status).toBe('pending')
  })

  // A lock wait or statement cut short by the server's lock_timeout or statement_timeout (behind a long erasure,
  // say) is rolled back whole, as a deadlock is: tried again, then reported.
  it.each([
    ['lock_timeout', '55P03'],
    ['statement_timeout', '57014'],
  ])('in bulk report an id a %s cut short, and decide the others', async (_, code) => {
    const site = await ctx.newSite()
    const [a, b, c] = await threeHeld(site)
    await whileUpdatesFail([b.id], code, async () => {
      const results = await decideInBulk(site, 'approve', [a.id, b.id, c.id])
      expect(results.map((result) => [result.id, result.ok])).toEqual([
        [a.id, true],
        [b.id, false],
        [c.id, true],
      ])
      expect(results[1]?.error.type).toBe('urn:vigil:problem:unavailable')
    })
  })

  it('in bulk report the decided ids when an unexpected failure stops the run, and try none after it', async () => {
    const site = await ctx.newSite()
    const [a, b, c] = await threeHeld(site)
    await whileUpdatesFail([b.id], 'XX000', async () => {
      const notDecided = {
        ok: false,
        error: { type: 'urn:vigil:problem:internal-error', detail: expect.stringContaining('again') },
      }
      expect(await decideInBulk(site, 'approve', [a.id, b.id, c.id])).toEqual([
        { id: a.id, ok: true, status: 'approved', version: 2 },
        { id: b.id, ...notDecided },
        { id: c.id, ...notDecided },
      ])
    })
    const statuses = await Promise.all(
      [b.id, c.id].map(
        async (id) => (await json(ctx.request('GET', `/v1/sites/${site.id}/comments/${id}`))).status,
      ),
    )
    expect(statuses).toEqual(['pending', 'pending'])
  })

  it('in bulk report the decided ids when the database becomes unreachable, and try none after it', async () => {
    const site = await ctx.newSite()
    const [a, b, c] = await threeHeld(site)
    // The server goes away as b is decided: its connection is terminated (admin_shutdown).
    await whileUpdatesFail([b.id], '57P01', async () => {
      const unavailable = {
        ok: false,
        error: { type: 'urn:vigil:problem:unavailable', detail: expect.any(String) },
      }
      expect(await decideInBulk(site, 'approve', [a.id, b.id, c.id])).toEqual([
        { id: a.id, ok: true, status: 'approved', version: 2 },
        { id: b.id, ...unavailable },
        { id: c.id, ...unavailable },
      ])
    })
    const statusOf = async (id: string) =>
      (await json(ctx.request('GET', `/v1/sites/${site.id}/comments/${id}`))).status
    expect([await statusOf(b.id), await statusOf(c.id)]).toEqual(['pending', 'pending'])
  })

  it.each([
    ['503 when the database is unreachable', '57P01', 503],
    ['500 when a change fails unexpectedly', 'XX000', 500],
  ] as const)(
    'in bulk answer %s before any id is decided, ids refused before it or not',
    async (_, code, status) => {
      const site = await ctx.newSite()
      const { id } = await ctx.submit(site, heldComment())
      // An unknown id first decides nothing: the answer must not say that the others were tried one by one.
      const unknown = '01900000-0000-7000-8000-000000000000'
      await whileUpdatesFail(null, code, async () => {
        for (const ids of [[id], [unknown, id]]) {
          const response = await ctx.request('POST', `/v1/sites/${site.id}/moderation/bulk`, {
            body: { action: 'approve', ids },
            token: site.moderatorKey,
          })
          expect(response.status, ids.join()).toBe(status)
        }
      })
    },
  )

  it('in bulk take at most 500 ids, all of them UUIDs', async () => {
    const site = await ctx.newSite()
    const path = `/v1/sites/${site.id}/moderation/bulk`
    const tooMany = Array.from({ length: 501 }, () => '01900000-0000-7000-8000-000000000000')
    expect((await ctx.request('POST', path, { body: { action: 'approve', ids: tooMany } })).status).toBe(400)
    expect((await ctx.request('POST', path, { body: { action: 'approve', ids: ['x'] } })).status).toBe(400)
    expect((await ctx.request('POST', path, { body: { action: 'delete', ids: [] } })).status).toBe(400)
  })

  // A client sending If-Match expects the decision to depend on it: silently ignored, it would get no protection.
  it('in bulk refuse If-Match, which only a single decision takes, deciding nothing', async () => {
    const site = await ctx.newSite()
    const [a] = await threeHeld(site)
    const refused = await json(
      expectStatus(
        ctx.request('POST', `/v1/sites/${site.id}/moderation/bulk`, {
          body: { action: 'approve', ids: [a.id] },
          headers: { 'if-match': '"7"' },
          token: site.moderatorKey,
        }),
        400,
      ),
    )
    expect(refused.errors).toEqual([{ path: 'If-Match', message: expect.stringContaining('one comment') }])
    expect((await json(ctx.request('GET', `/v1/sites/${site.id}/comments/${a.id}`))).status).toBe('pending')
  })

  it('approving a comment makes it public; rejecting it again hides it', async () => {
    const site = await ctx.newSite()
    const { id } = await ctx.submit(site, { ...heldComment(), articleId: 'visible' })
    const list = async () =>
      (await json(ctx.request('GET', `/v1/sites/${site.id}/articles/visible/comments`, { token: null })))
        .items
    expect(await list()).toEqual([])
    await ctx.request('POST', `/v1/sites/${site.id}/comments/${id}/approve`)
    expect((await list()).map((item: Body) => item.id)).toEqual([id])
    await ctx.request('POST', `/v1/sites/${site.id}/comments/${id}/reject`)
    expect(await list()).toEqual([])
  })
})
