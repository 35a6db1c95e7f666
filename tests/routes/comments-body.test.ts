import { describe, expect, it } from 'vitest'
import { aComment, expectStatus, json } from '../helpers/app.js'
import { commentsPath, concatBytes, useCommentRequests, utf8 } from './comment-requests.js'

// POST /v1/sites/{site}/comments refuses a body it cannot read, and text PostgreSQL could not store as sent.

const { ctx, request, post, postRaw, expectProblem, expectInvalid, expectNothingStored } =
  useCommentRequests()

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

  // RFC 9110 media types: the type is case-insensitive and a parameter's ';' may have whitespace on either side.
  it.each([
    'application/json ;charset=utf-8',
    'application/json ; charset=utf-8',
    'application/json;charset=utf-8 ',
    'APPLICATION/JSON',
    'Application/Json; Charset=UTF-8',
  ])('accepts JSON sent as %s', async (contentType) => {
    const site = await ctx.newSite()
    await expectStatus(postRaw(site.id, JSON.stringify(aComment()), contentType), 201)
  })

  it('answers a JSON body over 256 KiB with 413 and stores nothing', async () => {
    const site = await ctx.newSite()
    const body = await expectProblem(
      post(site.id, aComment({ content: 'x'.repeat(270_000) })),
      413,
      'payload-too-large',
    )
    expect(body.detail).toContain('262144')
    await expectNothingStored(site)
  })

  it('refuses an oversized body before looking at its content type', async () => {
    const site = await ctx.newSite()
    await expectProblem(postRaw(site.id, 'x'.repeat(270_000), 'text/plain'), 413, 'payload-too-large')
    await expectNothingStored(site)
  })

  it('lets a body of exactly 256 KiB through to validation, and refuses one byte more', async () => {
    const site = await ctx.newSite()
    const bodyOfSize = (bytes: number) => {
      const base = JSON.stringify(aComment({ content: '' }))
      const padded = JSON.stringify({ ...JSON.parse(base), content: 'x'.repeat(bytes - base.length) })
      expect(utf8(padded).length).toBe(bytes)
      return padded
    }
    // 256 KiB of content is over the 20 000-character limit: a 400, not a 413, shows it got past the size check.
    await expectInvalid(postRaw(site.id, bodyOfSize(256 * 1024)), ['content'])
    await expectProblem(postRaw(site.id, bodyOfSize(256 * 1024 + 1)), 413, 'payload-too-large')
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

  it('stores a comment whose reasons quote a link followed by emoji, cut where a character ends', async () => {
    const site = await ctx.newSite()
    const content = `t.me/x${'😀'.repeat(32)}`
    const { id } = await json(expectStatus(post(site.id, aComment({ content })), 201))
    const stored = await json(request('GET', `/v1/sites/${site.id}/comments/${id}`))
    expect(stored.content).toBe(content)
    expect(stored.reasons.length).toBeGreaterThan(0)
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
