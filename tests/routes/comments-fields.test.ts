import { describe, expect, it } from 'vitest'
import { aComment, expectStatus, json } from '../helpers/app.js'
import { useCommentRequests } from './comment-requests.js'

// POST /v1/sites/{site}/comments names every invalid field, and counts lengths in characters.

const { ctx, request, post, postRaw, expectInvalid, expectNothingStored } = useCommentRequests()

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
    // Letters by category that draw nothing: the Hangul fillers, the blank names of chat rooms and games.
    ['author.name is only a Hangul filler', () => withAuthor({ name: '\u3164' }), 'author.name'],
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
    [
      'content is only characters that draw nothing',
      () => ({ ...valid(), content: '\u3164\u115F\u1160\uFFA0 \uFE0F\u034F\u200B' }),
      'content',
    ],
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

  it('takes an optional field left blank, as a form sends it, as one not given', async () => {
    const site = await ctx.newSite()
    const blank = { ...withAuthor({ email: '', url: '' }), articleUrl: '', articleTitle: '' }
    const created = await json(expectStatus(post(site.id, blank, site.serverKey), 201))
    const stored = await json(
      expectStatus(
        ctx.request('GET', `/v1/sites/${site.id}/comments/${created.id}`, { token: site.moderatorKey }),
        200,
      ),
    )
    expect(stored.author).toEqual({ name: blank.author.name, email: null, url: null })
    expect(stored).toMatchObject({ articleUrl: null, articleTitle: null })
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
    // ☕ is one code point and three UTF-8 bytes.
    const site = await ctx.newSite()
    const { id } = await json(expectStatus(post(site.id, aComment({ content: '☕'.repeat(20_000) })), 201))
    const stored = await json(request('GET', `/v1/sites/${site.id}/comments/${id}`))
    expect([...stored.content]).toHaveLength(20_000)
    await expectInvalid(post(site.id, aComment({ content: '☕'.repeat(20_001) })), ['content'])
  })

  it('counts an emoji outside the BMP as one character, though it is two UTF-16 units', async () => {
    // 16 000 × 😀 is 32 000 UTF-16 units: over the limit if miscounted.
    const site = await ctx.newSite()
    const content = '😀'.repeat(16_000)
    expect(content.length).toBe(32_000)
    const { id } = await json(expectStatus(post(site.id, aComment({ content })), 201))
    const stored = await json(request('GET', `/v1/sites/${site.id}/comments/${id}`))
    expect(stored.content).toBe(content)
  })

  it('takes 20 000 characters of any script however the client writes them in JSON', async () => {
    // 20 000 four-byte emoji are 80 000 bytes; 20 000 Cyrillic letters escaped as \u0436 (PHP's json_encode,
    // WordPress's wp_json_encode) 120 000: a limit of 64 KiB took 20 000 characters of French, and not of Russian.
    const site = await ctx.newSite()
    await expectStatus(post(site.id, aComment({ content: '😀'.repeat(20_000) })), 201)
    const escaped = JSON.stringify(aComment({ content: 'CONTENT' })).replace(
      'CONTENT',
      '\\u0436'.repeat(20_000),
    )
    expect(escaped.length).toBeGreaterThan(120_000)
    const { id } = await json(expectStatus(postRaw(site.id, escaped), 201))
    const stored = await json(request('GET', `/v1/sites/${site.id}/comments/${id}`))
    expect(stored.content).toBe('ж'.repeat(20_000))
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
