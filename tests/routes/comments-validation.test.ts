import { describe, expect, it } from 'vitest'
import {
  ADMIN_TOKEN,
  aComment,
  type Body,
  expectStatus,
  json,
  type TestSite,
  useTestApp,
} from '../helpers/app.js'

const ctx = useTestApp()

const STATUSES = ['pending', 'approved', 'rejected', 'spam'] as const
const commentsPath = (siteId: string) => `/v1/sites/${siteId}/comments`
const utf8 = (text: string) => new TextEncoder().encode(text)
const concatBytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...utf8(part)] : part)))

/** The path each pending response answers, so `expectProblem` can check the problem's `instance`. */
const pathOf = new WeakMap<Promise<Response>, string>()

/** `ctx.request`, remembering the path it was sent to. */
function request(...args: Parameters<typeof ctx.request>): Promise<Response> {
  const pending = ctx.request(...args)
  pathOf.set(pending, args[1].split('?')[0] ?? args[1])
  return pending
}

/** Posts a comment body to a site, publicly unless a token is given. */
function post(siteId: string, body: unknown, token: string | null = null) {
  return request('POST', commentsPath(siteId), { body, token })
}

/** Posts raw bytes or text as the body, with the content type given. */
function postRaw(siteId: string, rawBody: string | Uint8Array, contentType = 'application/json') {
  return request('POST', commentsPath(siteId), {
    rawBody,
    token: null,
    headers: { 'content-type': contentType },
  })
}

/**
 * Checks the RFC 9457 body every error of the service carries, and returns it: application/problem+json, a
 * stable URN type, a title, the HTTP status repeated, a detail, the path as instance and the request id.
 */
async function expectProblem(pending: Promise<Response>, status: number, kind: string): Promise<Body> {
  expect(pathOf.has(pending), 'send the request with request(), not ctx.request()').toBe(true)
  const response = await pending
  const text = await response.text()
  expect(response.status, text).toBe(status)
  expect(response.headers.get('content-type')).toBe('application/problem+json')
  const body = JSON.parse(text) as Body
  const { errors, ...rest } = body
  expect(rest).toEqual({
    type: `urn:vigil:problem:${kind}`,
    title: expect.stringMatching(/\S/),
    status,
    detail: expect.stringMatching(/\S/),
    instance: pathOf.get(pending),
    requestId: response.headers.get('x-request-id'),
  })
  expect(body.requestId).toMatch(/\S/)
  for (const issue of errors ?? []) {
    expect(issue).toEqual({ path: expect.stringMatching(/\S/), message: expect.stringMatching(/\S/) })
  }
  return body
}

/** The distinct field paths a 400 names, sorted. */
const namedFields = (body: Body) =>
  [...new Set((body.errors as { path: string }[]).map((issue) => issue.path))].sort()

async function expectInvalid(pending: Promise<Response>, fields: string[]) {
  const body = await expectProblem(pending, 400, 'invalid-input')
  expect(namedFields(body)).toEqual([...fields].sort())
  for (const field of fields) expect(body.detail).toContain(field)
  return body
}

/** Nothing at all was stored on the site: its queue is empty in every status. */
async function expectNothingStored(site: TestSite) {
  for (const status of STATUSES) {
    const page = await json(expectStatus(request('GET', `/v1/sites/${site.id}/queue?status=${status}`), 200))
    expect(page.items, `${status} comments on ${site.id}`).toEqual([])
  }
}

describe('POST /v1/sites/{site}/comments refuses a body it cannot read', () => {
  it('answers invalid JSON with 400 and stores nothing', async () => {
    const site = await ctx.newSite()
    await expectProblem(postRaw(site.id, '{"articleId": "a", "content": '), 400, 'malformed-request')
    await expectNothingStored(site)
  })

  it('answers an empty JSON body with 400', async () => {
    const site = await ctx.newSite()
    await expectProblem(postRaw(site.id, ''), 400, 'malformed-request')
    await expectNothingStored(site)
  })

  it.each([
    ['null', 'null'],
    ['an array', '[]'],
    ['a string', '"a comment"'],
  ])('answers JSON that is %s instead of an object with 400', async (_, raw) => {
    const site = await ctx.newSite()
    const body = await expectProblem(postRaw(site.id, raw), 400, 'invalid-input')
    expect(body.errors.length).toBeGreaterThan(0)
    await expectNothingStored(site)
  })

  it.each([
    ['text/plain', JSON.stringify(aComment())],
    ['application/x-www-form-urlencoded', 'articleId=a&author[name]=Bob&content=Bonjour'],
    [
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="content"\r\n\r\nhi\r\n--x--',
    ],
    ['application/xml', '<comment>Bonjour</comment>'],
  ])('answers a %s body with 415 and stores nothing', async (contentType, raw) => {
    const site = await ctx.newSite()
    await expectProblem(postRaw(site.id, raw, contentType), 415, 'unsupported-media-type')
    await expectNothingStored(site)
  })

  it('answers a body without a content type with 415', async () => {
    const site = await ctx.newSite()
    const response = request('POST', commentsPath(site.id), {
      rawBody: JSON.stringify(aComment()),
      token: null,
    })
    await expectProblem(response, 415, 'unsupported-media-type')
    await expectNothingStored(site)
  })

  it('accepts JSON with a charset parameter', async () => {
    const site = await ctx.newSite()
    await expectStatus(postRaw(site.id, JSON.stringify(aComment()), 'application/json; charset=utf-8'), 201)
  })

  it('answers a JSON body over 64 KiB with 413 and stores nothing', async () => {
    const site = await ctx.newSite()
    const body = await expectProblem(
      post(site.id, aComment({ content: 'x'.repeat(70_000) })),
      413,
      'payload-too-large',
    )
    expect(body.detail).toContain('65536')
    await expectNothingStored(site)
  })

  it('refuses an oversized body before looking at its content type', async () => {
    const site = await ctx.newSite()
    await expectProblem(postRaw(site.id, 'x'.repeat(70_000), 'text/plain'), 413, 'payload-too-large')
    await expectNothingStored(site)
  })

  it('lets a body of exactly 64 KiB through to validation, and refuses one byte more', async () => {
    const site = await ctx.newSite()
    const bodyOfSize = (bytes: number) => {
      const base = JSON.stringify(aComment({ content: '' }))
      const padded = JSON.stringify({ ...JSON.parse(base), content: 'x'.repeat(bytes - base.length) })
      expect(utf8(padded).length).toBe(bytes)
      return padded
    }
    // 64 KiB of content is over the 20 000-character limit: a 400, not a 413, shows it got past the size check.
    await expectInvalid(postRaw(site.id, bodyOfSize(64 * 1024)), ['content'])
    await expectProblem(postRaw(site.id, bodyOfSize(64 * 1024 + 1)), 413, 'payload-too-large')
    await expectNothingStored(site)
  })

  it.each([
    ['a truncated two-byte sequence (0xC3 0x28)', [0xc3, 0x28]],
    ['a lone continuation byte (0x80)', [0x80]],
    ['an overlong encoding of "/" (0xC0 0xAF)', [0xc0, 0xaf]],
    ['a UTF-8-encoded surrogate (0xED 0xA0 0x80)', [0xed, 0xa0, 0x80]],
    ['a byte that never occurs in UTF-8 (0xFF)', [0xff]],
    ['a truncated four-byte sequence (0xF0 0x9F 0x98)', [0xf0, 0x9f, 0x98]],
  ])(
    'answers invalid UTF-8 in the body, %s, with 400 and never stores a replacement character',
    async (_, bytes) => {
      const site = await ctx.newSite()
      const raw = concatBytes('{"articleId":"a","author":{"name":"Zo', bytes, '"},"content":"Bonjour"}')
      const body = await expectProblem(postRaw(site.id, raw), 400, 'invalid-input')
      expect(body.detail).toContain('UTF-8')
      await expectNothingStored(site)
    },
  )
})

describe('POST /v1/sites/{site}/comments names every invalid field', () => {
  const valid = () => aComment()
  const withAuthor = (author: Record<string, unknown>) => {
    const comment = valid()
    return { ...comment, author: { ...comment.author, ...author } }
  }
  const without = (field: 'articleId' | 'content' | 'author') => {
    const { [field]: _removed, ...rest } = valid()
    return rest
  }
  const emailOfLength = (length: number) => `${'a'.repeat(60)}@${'b'.repeat(length - 65)}.org`
  const urlOfLength = (length: number) => `https://example.org/${'p'.repeat(length - 20)}`

  it.each([
    ['articleId is missing', () => without('articleId'), 'articleId'],
    ['articleId is empty', () => ({ ...valid(), articleId: '' }), 'articleId'],
    ['articleId is over 200 characters', () => ({ ...valid(), articleId: 'a'.repeat(201) }), 'articleId'],
    ['articleId is not a string', () => ({ ...valid(), articleId: 42 }), 'articleId'],
    ['author is missing', () => without('author'), 'author'],
    ['author.name is missing', () => ({ ...valid(), author: { email: 'x@example.org' } }), 'author.name'],
    ['author.name is empty', () => withAuthor({ name: '' }), 'author.name'],
    ['author.name is only whitespace', () => withAuthor({ name: ' \t\u00A0' }), 'author.name'],
    ['author.name is over 245 characters', () => withAuthor({ name: 'N'.repeat(246) }), 'author.name'],
    ['author.email is over 100 characters', () => withAuthor({ email: emailOfLength(101) }), 'author.email'],
    ['author.email has no @', () => withAuthor({ email: 'not-an-email' }), 'author.email'],
    ['author.email has no domain', () => withAuthor({ email: 'reader@' }), 'author.email'],
    ['author.email has no local part', () => withAuthor({ email: '@example.org' }), 'author.email'],
    ['author.email contains a space', () => withAuthor({ email: 'a reader@example.org' }), 'author.email'],
    ['author.url is over 200 characters', () => withAuthor({ url: urlOfLength(201) }), 'author.url'],
    ['author.url is javascript:', () => withAuthor({ url: 'javascript:alert(1)' }), 'author.url'],
    ['author.url is ftp:', () => withAuthor({ url: 'ftp://x' }), 'author.url'],
    [
      'author.url is data:',
      () => withAuthor({ url: 'data:text/html,<script>alert(1)</script>' }),
      'author.url',
    ],
    ['author.url has no scheme', () => withAuthor({ url: 'example.org' }), 'author.url'],
    ['content is missing', () => without('content'), 'content'],
    ['content is empty', () => ({ ...valid(), content: '' }), 'content'],
    ['content is only whitespace', () => ({ ...valid(), content: '  \n\t\u3000 ' }), 'content'],
    ['content is over 20 000 characters', () => ({ ...valid(), content: 'c'.repeat(20_001) }), 'content'],
    ['content is not a string', () => ({ ...valid(), content: ['Bonjour'] }), 'content'],
    ['articleUrl is not http(s)', () => ({ ...valid(), articleUrl: 'javascript:void(0)' }), 'articleUrl'],
    [
      'articleTitle is over 500 characters',
      () => ({ ...valid(), articleTitle: 't'.repeat(501) }),
      'articleTitle',
    ],
    ['parentId is not a UUID', () => ({ ...valid(), parentId: '42' }), 'parentId'],
    ['ip is not an IP address', () => ({ ...valid(), ip: 'localhost' }), 'ip'],
  ])('answers 400 naming the field when %s, and stores nothing', async (_, body, field) => {
    const site = await ctx.newSite()
    await expectInvalid(post(site.id, body()), [field])
    await expectNothingStored(site)
  })

  it('names every invalid field of one request', async () => {
    const site = await ctx.newSite()
    const body = {
      articleId: 'a'.repeat(201),
      author: { name: '', email: 'nope', url: 'javascript:alert(1)' },
      content: ' ',
    }
    await expectInvalid(post(site.id, body), [
      'articleId',
      'author.email',
      'author.name',
      'author.url',
      'content',
    ])
    await expectNothingStored(site)
  })

  it('names every missing field of an empty object', async () => {
    const site = await ctx.newSite()
    await expectInvalid(post(site.id, {}), ['articleId', 'author', 'content'])
    await expectNothingStored(site)
  })

  it.each([
    ['articleId at 200 characters', () => ({ ...aComment(), articleId: 'a'.repeat(200) })],
    ['author.name at 245 characters', () => withAuthor({ name: `N${'n'.repeat(244)}` })],
    ['author.email at 100 characters', () => withAuthor({ email: emailOfLength(100) })],
    ['author.url at 200 characters', () => withAuthor({ url: urlOfLength(200) })],
    ['content at 20 000 characters', () => ({ ...aComment(), content: 'c'.repeat(20_000) })],
    ['an http author.url', () => withAuthor({ url: 'http://example.org' })],
    ['no author.email and no author.url', () => ({ ...aComment(), author: { name: 'Anonyme' } })],
  ])('accepts %s', async (_, body) => {
    const site = await ctx.newSite()
    await expectStatus(post(site.id, body()), 201)
  })
})

describe('POST /v1/sites/{site}/comments counts length in characters, not bytes or UTF-16 units', () => {
  it('accepts 20 000 emoji and refuses 20 001', async () => {
    // ☕ is one code point and three UTF-8 bytes, so 20 001 of them still fit in the 64 KiB body limit.
    const site = await ctx.newSite()
    const { id } = await json(expectStatus(post(site.id, aComment({ content: '☕'.repeat(20_000) })), 201))
    const stored = await json(request('GET', `/v1/sites/${site.id}/comments/${id}`))
    expect([...stored.content]).toHaveLength(20_000)
    await expectInvalid(post(site.id, aComment({ content: '☕'.repeat(20_001) })), ['content'])
  })

  it('counts an emoji outside the BMP as one character, though it is two UTF-16 units', async () => {
    // 16 000 × 😀 is 32 000 UTF-16 units (over the limit if miscounted) and 64 000 bytes (under 64 KiB).
    const site = await ctx.newSite()
    const content = '😀'.repeat(16_000)
    expect(content.length).toBe(32_000)
    const { id } = await json(expectStatus(post(site.id, aComment({ content })), 201))
    const stored = await json(request('GET', `/v1/sites/${site.id}/comments/${id}`))
    expect(stored.content).toBe(content)
  })

  it('applies the 64 KiB body limit before the character limit, so 20 000 four-byte emoji are refused with 413', async () => {
    const site = await ctx.newSite()
    await expectProblem(post(site.id, aComment({ content: '😀'.repeat(20_000) })), 413, 'payload-too-large')
    await expectNothingStored(site)
  })

  it('counts author.name in characters: 245 emoji are accepted, 246 are not', async () => {
    const site = await ctx.newSite()
    const author = (name: string) => ({ ...aComment().author, name })
    await expectStatus(post(site.id, aComment({ author: author('😀'.repeat(245)) })), 201)
    await expectInvalid(post(site.id, aComment({ author: author('😀'.repeat(246)) })), ['author.name'])
  })

  it('counts articleId in characters: 200 Korean syllables are accepted, 201 are not', async () => {
    const site = await ctx.newSite()
    await expectStatus(post(site.id, aComment({ articleId: '기'.repeat(200) })), 201)
    await expectInvalid(post(site.id, aComment({ articleId: '기'.repeat(201) })), ['articleId'])
  })

  it('counts author.email in characters: a 100-character address with emoji is accepted', async () => {
    const site = await ctx.newSite()
    const email = `${'😀'.repeat(60)}@${'b'.repeat(35)}.org`
    expect([...email]).toHaveLength(100)
    await expectStatus(post(site.id, aComment({ author: { name: 'Émoji', email } })), 201)
  })
})

describe('POST /v1/sites/{site}/comments refuses text PostgreSQL cannot store faithfully', () => {
  const textFields: [string, (value: string) => Record<string, unknown>][] = [
    ['articleId', (value) => aComment({ articleId: `a${value}b` })],
    ['articleUrl', (value) => aComment({ articleUrl: `https://news.example/a${value}b` })],
    ['articleTitle', (value) => aComment({ articleTitle: `Titre${value}` })],
    ['author.name', (value) => aComment({ author: { name: `Zo${value}é` } })],
    ['author.url', (value) => aComment({ author: { name: 'Zoé', url: `https://zoe.example/${value}` } })],
    ['content', (value) => aComment({ content: `Bonjour${value}monde` })],
    ['honeypot', (value) => aComment({ honeypot: value })],
    ['userAgent', (value) => aComment({ userAgent: `Browser${value}` })],
    ['referrer', (value) => aComment({ referrer: `https://ref.example/${value}` })],
  ]

  it.each(textFields)('answers a NUL character in %s with 400', async (field, body) => {
    const site = await ctx.newSite()
    const problem = await expectInvalid(post(site.id, body('\u0000'), site.serverKey), [field])
    expect(problem.errors).toEqual([{ path: field, message: 'must not contain a NUL character' }])
    await expectNothingStored(site)
  })

  it.each(textFields)('answers a lone surrogate in %s with 400', async (field, body) => {
    const site = await ctx.newSite()
    // JSON.stringify writes a lone surrogate as the escape \ud800, exactly as a client would send it.
    const raw = JSON.stringify(body('\ud800'))
    expect(raw).toContain('\\ud800')
    const problem = await expectInvalid(postRaw(site.id, raw), [field])
    expect(problem.errors).toContainEqual({ path: field, message: 'must be valid Unicode text' })
    await expectNothingStored(site)
  })

  it.each([
    ['a lone high surrogate', '"\\ud800"'],
    ['a lone low surrogate', '"\\udfff"'],
    ['a surrogate pair in the wrong order', '"\\udc00\\ud800"'],
    ['a high surrogate followed by a letter', '"\\ud83dx"'],
  ])('answers %s escaped in the JSON content with 400', async (_, escaped) => {
    const site = await ctx.newSite()
    const raw = `{"articleId":"a","author":{"name":"Zoé"},"content":${escaped}}`
    await expectInvalid(postRaw(site.id, raw), ['content'])
    await expectNothingStored(site)
  })

  it('stores an escaped surrogate pair as the character it encodes', async () => {
    const site = await ctx.newSite()
    const raw = '{"articleId":"a","author":{"name":"\\ud83d\\ude00 fan"},"content":"Bravo \\ud83d\\udc4f"}'
    const { id } = await json(expectStatus(postRaw(site.id, raw), 201))
    const stored = await json(request('GET', `/v1/sites/${site.id}/comments/${id}`))
    expect(stored.author.name).toBe('😀 fan')
    expect(stored.content).toBe('Bravo 👏')
  })

  // The Unicode e-mail pattern accepts almost any character, so the e-mail gets the same NUL and
  // well-formedness checks as every other text field (PostgreSQL would refuse the NUL with a 500).
  it('answers a NUL character in author.email with 400', async () => {
    const site = await ctx.newSite()
    await expectInvalid(
      post(site.id, aComment({ author: { name: 'Zoé', email: 'zo\u0000e@example.org' } })),
      ['author.email'],
    )
    await expectNothingStored(site)
  })

  // A lone surrogate would otherwise be stored as U+FFFD, not as sent.
  it('answers a lone surrogate in author.email with 400', async () => {
    const site = await ctx.newSite()
    const raw = '{"articleId":"a","author":{"name":"Zoé","email":"\\ud800x@example.org"},"content":"Bonjour"}'
    await expectInvalid(postRaw(site.id, raw), ['author.email'])
    await expectNothingStored(site)
  })
})

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

describe('text is stored exactly as sent', () => {
  const samples = [
    {
      label: 'French with accents, ligatures and typographic quotes',
      name: 'Françoise Lefèvre-Œhlenschläger',
      url: 'https://exemple.fr/été/cœur?q=à#ancre',
      content: '« Très intéressant ! » L’œuvre de Françoise Héritier, à l’été 2026 — ça dépasse tout…',
    },
    {
      label: 'Russian',
      name: 'Дмитрий Ёлкин',
      url: 'https://пример.рф/статья',
      content: 'Спасибо за статью! Ёжик в тумане, щётка и съёмка.',
    },
    { label: 'Korean', name: '김민준', url: null, content: '정말 좋은 기사입니다. 다음 편도 기대할게요!' },
    {
      label: 'Arabic, right to left, with bidi marks and embeddings',
      name: 'محمد عبد الله',
      url: null,
      content: '\u200Fشكراً جزيلاً على هذا المقال الرائع! 2026 \u202Bنص مضمن\u202C \u200E(Vigil)',
    },
    {
      label: 'emoji ZWJ sequences, skin tones, flags and keycaps',
      name: '👩🏽‍💻 Ada',
      url: null,
      content: '👨‍👩‍👧‍👦 ❤️‍🔥 🏳️‍🌈 🇫🇷 👍🏿 1️⃣ 🧑🏻‍🤝‍🧑🏿',
    },
    {
      label: 'combining marks, left decomposed and stacked',
      name: 'Zoe\u0308 A\u030Angstro\u0308m',
      url: null,
      content:
        'cafe\u0301 cre\u0300me — Z\u0335\u0321a\u0336l\u0337g\u0334o\u0358 — \u0915\u094D\u0937 — ผู้ใหญ่',
    },
    {
      label: 'HTML and script tags, never escaped or stripped',
      name: '<b>Bob</b> & "Alice"',
      url: null,
      content: `<script>alert(1)</script> <img src=x onerror="alert('x')"> &amp; &lt;b&gt; \\n \\u0041`,
    },
    {
      label: 'whitespace, tabs and line breaks',
      name: ' Espacé ',
      url: null,
      content: '  Premier paragraphe.\r\n\r\n\tSecond\u00A0paragraphe,\u2009fin.  ',
    },
  ]

  it.each(samples)('$label: round-trips through the moderator and the public view', async (sample) => {
    const site = await ctx.newSite()
    const articleId = 'round-trip'
    const author = {
      name: sample.name,
      email: aComment().author.email,
      ...(sample.url ? { url: sample.url } : {}),
    }
    const submitted = { articleId, author, content: sample.content }
    const { id, status } = await json(expectStatus(post(site.id, submitted), 201))
    expect(status).toBe('approved')

    const moderatorView = await json(
      request('GET', `/v1/sites/${site.id}/comments/${id}`, { token: site.moderatorKey }),
    )
    expect(moderatorView.content).toBe(sample.content)
    expect(moderatorView.author).toEqual({ name: sample.name, email: author.email, url: sample.url })
    expect(Buffer.from(moderatorView.content, 'utf8').equals(Buffer.from(sample.content, 'utf8'))).toBe(true)

    const publicResponse = await expectStatus(
      request('GET', `/v1/sites/${site.id}/articles/${articleId}/comments`, { token: null }),
      200,
    )
    const publicText = await publicResponse.text()
    const page = JSON.parse(publicText) as Body
    expect(page.items).toEqual([
      {
        id,
        parentId: null,
        author: { name: sample.name, url: sample.url },
        content: sample.content,
        createdAt: expect.any(String),
      },
    ])
    expect(publicText).not.toContain(author.email)
  })

  it('keeps decomposed text decomposed: nothing is normalised on the way in or out', async () => {
    const site = await ctx.newSite()
    const content = 'cafe\u0301'
    const { id } = await json(expectStatus(post(site.id, aComment({ content })), 201))
    const stored = await json(request('GET', `/v1/sites/${site.id}/comments/${id}`))
    expect(stored.content).toBe(content)
    expect(stored.content).not.toBe(content.normalize('NFC'))
  })

  it('serves an article whose id is in any script, with reserved URL characters', async () => {
    const site = await ctx.newSite()
    const articleId = 'été-2026/débat ? 討論'
    const { id } = await json(expectStatus(post(site.id, aComment({ articleId })), 201))
    const page = await json(
      request('GET', `/v1/sites/${site.id}/articles/${encodeURIComponent(articleId)}/comments`, {
        token: null,
      }),
    )
    expect(page.items.map((item: Body) => item.id)).toEqual([id])
  })

  it('never shows an e-mail, an IP, a score or a verdict in the public view', async () => {
    const site = await ctx.newSite()
    const comment = aComment({
      ip: '203.0.113.77',
      userAgent: 'Reader/1.0',
      referrer: 'https://ref.example/',
    })
    await expectStatus(post(site.id, comment, site.serverKey), 201)
    const response = await request('GET', `/v1/sites/${site.id}/articles/${comment.articleId}/comments`, {
      token: null,
    })
    const text = await response.text()
    const [item] = (JSON.parse(text) as Body).items as Body[]
    expect(Object.keys(item ?? {}).sort()).toEqual(['author', 'content', 'createdAt', 'id', 'parentId'])
    expect(Object.keys(item?.author ?? {}).sort()).toEqual(['name', 'url'])
    for (const secret of [comment.author.email, '203.0.113.77', 'Reader/1.0', 'ref.example']) {
      expect(text).not.toContain(secret)
    }
  })

  it.each(['用户@例子.广告', 'josé@exemple.fr', 'иван@пример.рф', 'θσερ@εχαμπλε.ψομ', 'अजय@डाटा.भारत'])(
    'accepts the internationalised e-mail address %s and stores it as sent',
    async (email) => {
      const site = await ctx.newSite()
      const { id } = await json(
        expectStatus(post(site.id, aComment({ author: { name: 'Lecteur', email } })), 201),
      )
      const stored = await json(request('GET', `/v1/sites/${site.id}/comments/${id}`))
      expect(stored.author.email).toBe(email)
    },
  )
})
