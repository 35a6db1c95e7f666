import { describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, aComment, expectStatus, json } from '../helpers/app.js'
import { commentsPath, useCommentRequests } from './comment-requests.js'

// Callers that may not post comments to a site, and the problem answers other routes give alike.

const { ctx, request, post, expectProblem, expectInvalid, expectNothingStored } = useCommentRequests()

describe('POST /v1/sites/{site}/comments refuses callers that may not post there', () => {
  it('answers an unknown site with 404', async () => {
    const response = post('no-such-site', aComment())
    const body = await expectProblem(response, 404, 'not-found')
    expect(body.instance).toBe('/v1/sites/no-such-site/comments')
  })

  it('answers an unknown site with 404 for the admin too', async () => {
    await expectProblem(post('no-such-site', aComment(), ADMIN_TOKEN), 404, 'not-found')
  })

  it.each(['serverKey', 'moderatorKey'] as const)(
    "answers another site's %s with 403 that does not reveal the key's own site",
    async (key) => {
      const target = await ctx.newSite()
      const other = await ctx.newSite()
      const body = await expectProblem(post(target.id, aComment(), other[key]), 403, 'forbidden')
      expect(JSON.stringify(body)).not.toContain(other.id)
      await expectNothingStored(target)
      await expectNothingStored(other)
    },
  )

  it.each([
    ['an invalid comment', { body: { articleId: '', author: {}, content: '' } }],
    ['a body that is not JSON', { rawBody: '{"content":', headers: { 'content-type': 'application/json' } }],
    [
      'a body that is not UTF-8',
      { rawBody: Buffer.from([0x7b, 0xff, 0x7d]), headers: { 'content-type': 'application/json' } },
    ],
  ])(
    "answers another site's key with 403 before reading %s: it learns nothing of what the site accepts",
    async (_, sent) => {
      const target = await ctx.newSite()
      const other = await ctx.newSite()
      await expectProblem(
        request('POST', commentsPath(target.id), { ...sent, token: other.serverKey }),
        403,
        'forbidden',
      )
    },
  )

  it("answers another site's key with 403 whether or not the target site exists, so keys cannot probe for sites", async () => {
    const other = await ctx.newSite()
    const missing = await expectProblem(post('no-such-site', aComment(), other.serverKey), 403, 'forbidden')
    const target = await ctx.newSite()
    const existing = await expectProblem(post(target.id, aComment(), other.serverKey), 403, 'forbidden')
    expect(missing.detail).toBe(existing.detail)
    expect(missing.title).toBe(existing.title)
  })

  it.each([
    ['an unknown bearer token', 'Bearer vgm_not_a_real_key_0123456789'],
    ['a token that is not Bearer', 'Basic dXNlcjpwYXNz'],
    ['an empty Bearer token', 'Bearer '],
  ])('answers %s with 401 and WWW-Authenticate: Bearer, never as a public call', async (_, authorization) => {
    const site = await ctx.newSite()
    const pending = request('POST', commentsPath(site.id), {
      body: aComment(),
      token: null,
      headers: { authorization },
    })
    expect((await pending).headers.get('www-authenticate')).toBe('Bearer')
    await expectProblem(pending, 401, 'unauthorized')
    await expectNothingStored(site)
  })

  it('answers a revoked server key with 401', async () => {
    const site = await ctx.newSite()
    const created = await json(
      expectStatus(request('POST', `/v1/sites/${site.id}/keys`, { body: { role: 'server' } }), 201),
    )
    await expectStatus(request('DELETE', `/v1/sites/${site.id}/keys/${created.id}`), 200)
    await expectProblem(post(site.id, aComment(), created.key), 401, 'unauthorized')
    await expectNothingStored(site)
  })
})

describe('other routes give the same problem answers', () => {
  it('answers invalid JSON to POST /v1/sites with 400', async () => {
    const response = request('POST', '/v1/sites', {
      rawBody: '{"id":',
      headers: { 'content-type': 'application/json' },
    })
    await expectProblem(response, 400, 'malformed-request')
  })

  it('answers a text/plain PATCH of the settings with 415', async () => {
    const site = await ctx.newSite()
    const response = request('PATCH', `/v1/sites/${site.id}/settings`, {
      rawBody: '{"maxLinks":5}',
      headers: { 'content-type': 'text/plain' },
    })
    await expectProblem(response, 415, 'unsupported-media-type')
    const policy = await json(request('GET', `/v1/sites/${site.id}/settings`))
    expect(policy.maxLinks).toBe(2)
  })

  it('answers an invalid policy with 400 naming each field', async () => {
    const site = await ctx.newSite()
    const response = request('PATCH', `/v1/sites/${site.id}/settings`, {
      body: { maxLinks: -1, thresholds: { hold: 20, spam: 10 } },
    })
    await expectInvalid(response, ['maxLinks', 'thresholds.hold'])
  })

  it('answers a queue query with an unknown status with 400 naming status', async () => {
    const site = await ctx.newSite()
    await expectInvalid(request('GET', `/v1/sites/${site.id}/queue?status=deleted`), ['status'])
  })

  it('answers a comment id that is not a UUID with 400 naming id', async () => {
    const site = await ctx.newSite()
    await expectInvalid(request('GET', `/v1/sites/${site.id}/comments/42`), ['id'])
  })

  it('answers any well-formed UUID it does not know with 404, whatever its version digits', async () => {
    // Not one Vigil makes (v7), nor one of the RFC's versions: typed by hand, or made by another system.
    const unknown = '12345678-1234-1234-1234-123456789abc'
    const site = await ctx.newSite()
    await expectProblem(request('GET', `/v1/sites/${site.id}/comments/${unknown}`), 404, 'not-found')
    await expectProblem(
      request('POST', `/v1/sites/${site.id}/comments/${unknown}/approve`, { body: {} }),
      404,
      'not-found',
    )
    const reply = await expectProblem(post(site.id, aComment({ parentId: unknown })), 400, 'invalid-input')
    expect(reply.detail).toBe('parentId does not name a comment on this article')
  })

  it('answers a decision with a text/plain body with 415', async () => {
    const site = await ctx.newSite()
    const { id } = await json(expectStatus(post(site.id, aComment()), 201))
    const response = request('POST', `/v1/sites/${site.id}/comments/${id}/reject`, {
      rawBody: 'spam',
      headers: { 'content-type': 'text/plain' },
    })
    await expectProblem(response, 415, 'unsupported-media-type')
    const stored = await json(request('GET', `/v1/sites/${site.id}/comments/${id}`))
    expect(stored.status).toBe('approved')
  })

  it('answers a public call to the moderation queue with 401 and WWW-Authenticate: Bearer', async () => {
    const site = await ctx.newSite()
    const pending = request('GET', `/v1/sites/${site.id}/queue`, { token: null })
    expect((await pending).headers.get('www-authenticate')).toBe('Bearer')
    await expectProblem(pending, 401, 'unauthorized')
  })

  it("answers another site's moderator key on the queue with 403 that does not reveal the key's site", async () => {
    const target = await ctx.newSite()
    const other = await ctx.newSite()
    const response = request('GET', `/v1/sites/${target.id}/queue`, { token: other.moderatorKey })
    const body = await expectProblem(response, 403, 'forbidden')
    expect(JSON.stringify(body)).not.toContain(other.id)
  })

  it("answers a site's own server key on its queue with 403: reading the queue is for moderators", async () => {
    const site = await ctx.newSite()
    await expectProblem(
      request('GET', `/v1/sites/${site.id}/queue`, { token: site.serverKey }),
      403,
      'forbidden',
    )
  })

  it('answers an unknown endpoint with a 404 problem', async () => {
    const body = await expectProblem(request('GET', '/v1/nothing-here'), 404, 'route-not-found')
    expect(body.detail).toContain('/v1/nothing-here')
  })
})
