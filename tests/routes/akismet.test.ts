import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { bayesCorpora } from '../../src/db/schema.js'
import {
  ADMIN_TOKEN,
  type Body,
  expectStatus,
  json,
  ordinaryComments,
  type TestSite,
  useTestApp,
} from '../helpers/app.js'

const ctx = useTestApp()

const THANKS = 'Thanks for making the web a better place.'
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const FORM = 'application/x-www-form-urlencoded'

type Fields = Record<string, string | string[]>

/** A urlencoded body as `qs` writes it: `%20` spaces, arrays as `name[N]`, in the order given. */
function encodeForm(fields: Fields): string {
  return Object.entries(fields)
    .flatMap(([name, value]) =>
      Array.isArray(value)
        ? value.map((item, i) => `${encodeURIComponent(`${name}[${i}]`)}=${encodeURIComponent(item)}`)
        : [`${encodeURIComponent(name)}=${encodeURIComponent(value)}`],
    )
    .join('&')
}

type CallOptions = {
  method?: string
  /** The Content-Type header; null sends none at all. */
  contentType?: string | null
  headers?: Record<string, string>
}

/** An Akismet call as a client makes it: a form body (an object, or a string sent as is), no bearer token. */
function akismet(path: string, body: Fields | string = '', options: CallOptions = {}) {
  const text = typeof body === 'string' ? body : encodeForm(body)
  const headers: Record<string, string> = { ...options.headers }
  const contentType = options.contentType === undefined ? FORM : options.contentType
  if (contentType !== null) headers['content-type'] = contentType
  const method = options.method ?? 'POST'
  // Bytes rather than a string, so that fetch adds no text/plain Content-Type of its own.
  const payload = method === 'GET' ? undefined : new TextEncoder().encode(text)
  return Promise.resolve(ctx.app.request(path, { method, body: payload, headers }))
}

let n = 0
/** A comment-check of an ordinary comment, each with its own author, e-mail, IP and text. */
function aCheck(site: TestSite, overrides: Fields = {}): Fields {
  n++
  return {
    api_key: site.serverKey,
    blog: 'https://blog.example',
    user_ip: `2001:db8::${n.toString(16)}`,
    user_agent: 'Mozilla/5.0 (X11; Linux x86_64)',
    permalink: 'https://blog.example/2026/11/post/',
    comment_type: 'comment',
    comment_author: `Reader ${n}`,
    comment_author_email: `akismet-reader${n}@example.org`,
    comment_content: ordinaryComments[n % ordinaryComments.length] ?? '',
    ...overrides,
  }
}

const honeypotFilled = { honeypot_field_name: 'hidden_field', hidden_field: 'http://bot.example' }

/** The comment as a moderator of the site sees it, with its audit history. */
const moderatorView = (site: TestSite, id: string) =>
  json(ctx.request('GET', `/v1/sites/${site.id}/comments/${id}`, { token: site.moderatorKey }))

/** Every comment stored for the site, whatever its status. */
async function storedComments(site: TestSite): Promise<Body[]> {
  const all: Body[] = []
  for (const status of ['pending', 'approved', 'rejected', 'spam']) {
    const page = await json(
      ctx.request('GET', `/v1/sites/${site.id}/queue?status=${status}&limit=100`, {
        token: site.moderatorKey,
      }),
    )
    all.push(...page.items)
  }
  return all
}

/** The audit rows Akismet submissions left on a comment (intake leaves one of its own, first). */
const submissionsOf = (comment: Body) =>
  comment.history
    .map((event: Body) => event.action)
    .filter((action: string) => action.startsWith('akismet-submit'))

async function expectPlain(response: Response, body: string) {
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/)
  expect(await response.text()).toBe(body)
}

/** What a client that throws on these headers (`@cedx/akismet`) would choke on. */
function expectNoFailureHeaders(response: Response) {
  expect(response.headers.get('x-akismet-debug-help')).toBeNull()
  expect(response.headers.get('x-akismet-alert-msg')).toBeNull()
}

describe('POST /1.1/verify-key', () => {
  it('answers valid for a server key sent as key or as api_key', async () => {
    const site = await ctx.newSite()
    for (const name of ['key', 'api_key']) {
      const response = await akismet('/1.1/verify-key', {
        [name]: site.serverKey,
        blog: 'https://blog.example',
      })
      await expectPlain(response, 'valid')
      expectNoFailureHeaders(response)
    }
  })

  it('answers valid for a key written in capitals, as a client may send it', async () => {
    const site = await ctx.newSite()
    await expectPlain(await akismet('/1.1/verify-key', { key: site.serverKey.toUpperCase() }), 'valid')
  })

  it('answers invalid, with a debug-help header, for an unknown key, a moderator key and no key', async () => {
    const site = await ctx.newSite()
    const bodies: Fields[] = [
      { key: 'zzzzzz999999' },
      { api_key: site.moderatorKey },
      { key: site.moderatorKey },
      {},
    ]
    for (const body of bodies) {
      const response = await akismet('/1.1/verify-key', { blog: 'https://blog.example', ...body })
      await expectPlain(response, 'invalid')
      expect(response.headers.get('x-akismet-debug-help')).toEqual(expect.any(String))
    }
  })

  it('answers invalid for a server key once it is revoked', async () => {
    const site = await ctx.newSite()
    await expectPlain(await akismet('/1.1/verify-key', { key: site.serverKey }), 'valid')
    const keys = await json(ctx.request('GET', `/v1/sites/${site.id}/keys`))
    const server = keys.items.find((key: Body) => key.role === 'server')
    const revoked = await ctx.request('DELETE', `/v1/sites/${site.id}/keys/${server.id}`)
    expect(revoked.status).toBe(200)
    const response = await akismet('/1.1/verify-key', { key: site.serverKey })
    await expectPlain(response, 'invalid')
    expect(response.headers.get('x-akismet-debug-help')).toEqual(expect.any(String))
    await expectPlain(await akismet('/1.1/comment-check', aCheck(site)), 'invalid')
  })

  it('answers invalid to the admin token used as a key', async () => {
    await expectPlain(await akismet('/1.1/verify-key', { key: ADMIN_TOKEN }), 'invalid')
  })

  it('takes api_key from the query string when the body has none', async () => {
    const site = await ctx.newSite()
    const path = `/1.1/verify-key?api_key=${site.serverKey}`
    await expectPlain(await akismet(path, { blog: 'https://blog.example' }), 'valid')
    const { api_key: _, ...fields } = aCheck(site)
    await expectPlain(await akismet(`/1.1/comment-check?api_key=${site.serverKey}`, fields), 'false')
  })

  it("prefers the body's api_key to the query string's", async () => {
    const site = await ctx.newSite()
    const path = `/1.1/verify-key?api_key=${site.serverKey}`
    await expectPlain(await akismet(path, { api_key: 'zzzzzz999999' }), 'invalid')
  })
})

describe('POST /1.1/comment-check', () => {
  it('answers exactly false for an ordinary comment, with a guid and no failure header', async () => {
    const site = await ctx.newSite()
    const response = await akismet('/1.1/comment-check', aCheck(site))
    await expectPlain(response, 'false')
    expect(response.headers.get('x-akismet-guid')).toMatch(UUID)
    expect(response.headers.get('x-akismet-pro-tip')).toBeNull()
    expectNoFailureHeaders(response)
  })

  it('stores the check in the moderation queue under its guid, with source akismet and the extra fields', async () => {
    const site = await ctx.newSite()
    const fields = aCheck(site, {
      comment_author: 'Jeanne Martin',
      comment_author_email: 'jeanne.martin@example.org',
      comment_author_url: 'https://jeanne.example',
      comment_content: 'Le conseil municipal votera le budget des écoles jeudi prochain, selon la mairie.',
      user_ip: '203.0.113.77',
      referrer: 'https://blog.example/',
      blog_lang: 'fr_FR',
      comment_context: ['politique', 'europe'],
      POST_ak_js: '1764331200123',
      HTTP_ACCEPT_LANGUAGE: 'fr-FR,fr;q=0.9',
    })
    const response = await akismet('/1.1/comment-check', fields)
    await expectPlain(response, 'false')
    const guid = response.headers.get('x-akismet-guid') ?? ''
    const stored = await moderatorView(site, guid)
    expect(stored).toMatchObject({
      id: guid,
      source: 'akismet',
      status: 'approved',
      articleId: 'https://blog.example/2026/11/post/',
      articleUrl: 'https://blog.example/2026/11/post/',
      author: { name: 'Jeanne Martin', email: 'jeanne.martin@example.org', url: 'https://jeanne.example' },
      content: 'Le conseil municipal votera le budget des écoles jeudi prochain, selon la mairie.',
      ip: '203.0.113.77',
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
      referrer: 'https://blog.example/',
    })
    expect(stored.extra).toEqual({
      blog: 'https://blog.example',
      comment_type: 'comment',
      comment_context: ['politique', 'europe'],
      POST_ak_js: '1764331200123',
      HTTP_ACCEPT_LANGUAGE: 'fr-FR,fr;q=0.9',
    })
  })

  it("gives Vigil's status, score and reasons in headers of its own", async () => {
    const site = await ctx.newSite()
    const ham = await akismet('/1.1/comment-check', aCheck(site))
    expect(ham.headers.get('x-vigil-status')).toBe('approved')
    expect(Number(ham.headers.get('x-vigil-score'))).toEqual(expect.any(Number))
    const spam = await akismet('/1.1/comment-check', aCheck(site, honeypotFilled))
    expect(spam.headers.get('x-vigil-status')).toBe('spam')
    expect(Number(spam.headers.get('x-vigil-score'))).toBeGreaterThanOrEqual(10)
    expect(spam.headers.get('x-vigil-reasons')).toMatch(/(^|, )honeypot=10(,|$)/)
  })

  it('answers true with X-akismet-pro-tip: discard for blatant spam (a filled honeypot)', async () => {
    const site = await ctx.newSite()
    const response = await akismet('/1.1/comment-check', aCheck(site, honeypotFilled))
    await expectPlain(response, 'true')
    expect(response.headers.get('x-akismet-pro-tip')).toBe('discard')
    expect(response.headers.get('x-akismet-guid')).toMatch(UUID)
    expectNoFailureHeaders(response)
    const stored = await moderatorView(site, response.headers.get('x-akismet-guid') ?? '')
    expect(stored).toMatchObject({ status: 'spam', source: 'akismet' })
  })

  it('answers true without discard for spam that is not blatant', async () => {
    const site = await ctx.newSite()
    // "Best online casino bonus" weighs exactly the spam-phrases weight: 6 is spam, far from 3 × 5.
    const patched = await ctx.request('PATCH', `/v1/sites/${site.id}/settings`, {
      body: { weights: { 'spam-phrases': 6 } },
    })
    expect(patched.status).toBe(200)
    const response = await akismet(
      '/1.1/comment-check',
      aCheck(site, { comment_content: 'Best online casino bonus here' }),
    )
    await expectPlain(response, 'true')
    expect(response.headers.get('x-akismet-pro-tip')).toBeNull()
    expect(response.headers.get('x-vigil-status')).toBe('spam')
    expectNoFailureHeaders(response)
  })

  it('answers false for a comment held for a moderator, and says so in X-Vigil-Status', async () => {
    const site = await ctx.newSite()
    const response = await akismet(
      '/1.1/comment-check',
      aCheck(site, { comment_content: 'Voir https://a.example/rapport et https://b.example/synthese' }),
    )
    await expectPlain(response, 'false')
    expect(response.headers.get('x-vigil-status')).toBe('pending')
    expect(response.headers.get('x-akismet-pro-tip')).toBeNull()
  })

  it.each([
    ['comment_author=akismet-guaranteed-spam', { comment_author: 'akismet-guaranteed-spam' }],
    ['comment_author=viagra-test-123', { comment_author: 'viagra-test-123' }],
    [
      'comment_author_email=akismet-guaranteed-spam@example.com',
      { comment_author_email: 'akismet-guaranteed-spam@example.com' },
    ],
  ])('always answers true for %s', async (_, overrides) => {
    const site = await ctx.newSite()
    const response = await akismet('/1.1/comment-check', aCheck(site, overrides))
    await expectPlain(response, 'true')
    expect(response.headers.get('x-akismet-guid')).toMatch(UUID)
    expectNoFailureHeaders(response)
  })

  it('always answers false for a role list naming administrator, even with a filled honeypot', async () => {
    const site = await ctx.newSite()
    for (const role of ['administrator', 'editor,administrator', 'administrator,editor']) {
      const response = await akismet(
        '/1.1/comment-check',
        aCheck(site, { ...honeypotFilled, user_role: role }),
      )
      await expectPlain(response, 'false')
      expect(response.headers.get('x-akismet-guid')).toMatch(UUID)
      expect(response.headers.get('x-akismet-pro-tip')).toBeNull()
    }
  })

  it("stores an administrator's comment approved, saying why, and learns from it only once a moderator decides", async () => {
    const site = await ctx.newSite()
    const fields = aCheck(site, { ...honeypotFilled, user_role: 'administrator' })
    const response = await akismet('/1.1/comment-check', fields)
    await expectPlain(response, 'false')
    expectNoFailureHeaders(response)
    const guid = response.headers.get('x-akismet-guid') ?? ''
    const stored = await moderatorView(site, guid)
    expect(stored).toMatchObject({ status: 'approved', source: 'akismet', content: fields.comment_content })
    expect(stored.reasons[0]).toMatchObject({ rule: 'site-administrator', score: 0 })
    expect(stored.reasons[0].detail).toMatch(/administrator/)
    expect(stored.reasons.map((reason: Body) => reason.rule)).toContain('honeypot')
    expect(stored.history.map((event: Body) => event.action)).toEqual(['submit'])
    const learned = () =>
      ctx.database.db
        .select({ spam: bayesCorpora.spamMessages, ham: bayesCorpora.hamMessages })
        .from(bayesCorpora)
        .where(eq(bayesCorpora.siteId, site.id))
    expect(await learned()).toEqual([])

    // The site's own reports about its administrator teach nothing either; a moderator's decision does.
    await expectPlain(await akismet('/1.1/submit-spam', fields), THANKS)
    expect((await moderatorView(site, guid)).status).toBe('approved')
    expect(await learned()).toEqual([])
    await ctx.request('POST', `/v1/sites/${site.id}/comments/${guid}/spam`, { token: site.moderatorKey })
    expect(await learned()).toEqual([{ spam: 1, ham: 0 }])

    // Checked again, the administrator's comment is still `false`, and still one comment.
    const again = await akismet('/1.1/comment-check', fields)
    await expectPlain(again, 'false')
    expect(again.headers.get('x-akismet-guid')).toBe(guid)
    expect(await storedComments(site)).toHaveLength(1)
  })

  it.each([
    ['text/plain', 'text/plain'],
    ['a form type naming ISO-8859-1', `${FORM}; charset=ISO-8859-1`],
    ['no Content-Type', null],
  ])('parses the body as a form whatever the Content-Type says: %s', async (_, contentType) => {
    const site = await ctx.newSite()
    const body = `${encodeForm(aCheck(site, { comment_author: 'akismet-guaranteed-spam' }))}`
    await expectPlain(await akismet('/1.1/comment-check', body, { contentType }), 'true')
    const ham = await akismet('/1.1/comment-check', encodeForm(aCheck(site)), { contentType })
    await expectPlain(ham, 'false')
    expect(ham.headers.get('x-akismet-guid')).toMatch(UUID)
  })

  it("decodes a body in its blog_charset: ISO-8859-1's %E9 is stored as é", async () => {
    const site = await ctx.newSite()
    const body =
      `api_key=${site.serverKey}&blog=https%3A%2F%2Fblog.example&user_ip=198.51.100.33` +
      '&comment_author=Ren%E9+Lef%E8vre&comment_content=Tr%E8s+bon+article%2C+merci+pour+la+pr%E9cision.' +
      '&blog_charset=ISO-8859-1'
    const response = await akismet('/1.1/comment-check', body, { contentType: `${FORM}; charset=ISO-8859-1` })
    await expectPlain(response, 'false')
    const stored = await moderatorView(site, response.headers.get('x-akismet-guid') ?? '')
    expect(stored.author.name).toBe('René Lefèvre')
    expect(stored.content).toBe('Très bon article, merci pour la précision.')
  })

  it('decodes a body without blog_charset in the charset its Content-Type names', async () => {
    const site = await ctx.newSite()
    const body =
      `api_key=${site.serverKey}&blog=https%3A%2F%2Fblog.example&user_ip=198.51.100.34` +
      '&comment_author=Ren%E9+Lef%E8vre&comment_content=Tr%E8s+bon+article%2C+merci+pour+la+pr%E9cision+!'
    const response = await akismet('/1.1/comment-check', body, { contentType: `${FORM}; charset=ISO-8859-1` })
    await expectPlain(response, 'false')
    const stored = await moderatorView(site, response.headers.get('x-akismet-guid') ?? '')
    expect(stored.author.name).toBe('René Lefèvre')
    expect(stored.content).toBe('Très bon article, merci pour la précision !')
  })

  it('takes the key from the first label of the Host header', async () => {
    const site = await ctx.newSite()
    const { api_key: _, ...fields } = aCheck(site)
    const host = `${site.serverKey}.akismet.vigil.example:8080`
    await expectPlain(await akismet('/1.1/comment-check', fields, { headers: { host } }), 'false')
    await expectPlain(
      await akismet('/1.1/verify-key', { blog: 'https://blog.example' }, { headers: { host } }),
      'valid',
    )
    const bare = await akismet('/1.1/comment-check', fields, { headers: { host: 'localhost:3000' } })
    await expectPlain(bare, 'invalid')
  })

  it('answers invalid with a debug-help header for an unknown or a moderator key', async () => {
    const site = await ctx.newSite()
    for (const key of ['zzzzzz999999', site.moderatorKey]) {
      const response = await akismet('/1.1/comment-check', aCheck(site, { api_key: key }))
      await expectPlain(response, 'invalid')
      expect(response.headers.get('x-akismet-debug-help')).toEqual(expect.any(String))
    }
    expect(await storedComments(site)).toEqual([])
  })

  it('answers a check with no usable user_ip with neither true nor false, and a debug-help header', async () => {
    const site = await ctx.newSite()
    for (const user_ip of [undefined, '', 'not-an-ip']) {
      const fields = aCheck(site)
      if (user_ip === undefined) delete fields.user_ip
      else fields.user_ip = user_ip
      const response = await akismet('/1.1/comment-check', fields)
      expect(response.status).toBe(200)
      expect(['true', 'false', '']).not.toContain(await response.text())
      expect(response.headers.get('x-akismet-debug-help')).toEqual(expect.any(String))
    }
    expect(await storedComments(site)).toEqual([])
  })

  it('says user_ip is missing when it is absent or empty, and invalid when it is no address', async () => {
    const site = await ctx.newSite()
    const answers: Record<string, string> = {}
    for (const user_ip of ['', 'not-an-ip', '999.1.1.1', 'unknown, 10.0.0.1']) {
      const response = await akismet('/1.1/comment-check', aCheck(site, { user_ip }))
      answers[user_ip] = await response.text()
      expect(response.headers.get('x-akismet-debug-help')).toMatch(/user_ip/)
    }
    expect(answers).toEqual({
      '': 'Missing required field: user_ip.',
      'not-an-ip': 'Invalid field: user_ip.',
      '999.1.1.1': 'Invalid field: user_ip.',
      'unknown, 10.0.0.1': 'Invalid field: user_ip.',
    })
  })

  it.each([
    ['a forwarded list', '203.0.113.5, 10.0.0.1', '203.0.113.5'],
    ['an IPv4 address with a port', '203.0.113.5:51234', '203.0.113.5'],
    ['a bracketed IPv6 address', '[2001:db8::1]', '2001:db8::1'],
    ['a bracketed IPv6 address with a port', '[2001:db8::1]:443', '2001:db8::1'],
  ])('takes the address from user_ip sent as %s', async (_, user_ip, address) => {
    const site = await ctx.newSite()
    const response = await akismet('/1.1/comment-check', aCheck(site, { user_ip }))
    await expectPlain(response, 'false')
    expect((await moderatorView(site, response.headers.get('x-akismet-guid') ?? '')).ip).toBe(address)
  })

  it('answers a second check of the same comment with its current status, a moderator decision included', async () => {
    const site = await ctx.newSite()
    const fields = aCheck(site)
    const first = await akismet('/1.1/comment-check', fields)
    await expectPlain(first, 'false')
    const guid = first.headers.get('x-akismet-guid') ?? ''
    const again = await akismet('/1.1/comment-check', { ...fields, recheck_reason: 'recheck_queue' })
    await expectPlain(again, 'false')
    expect(again.headers.get('x-akismet-guid')).toBe(guid)

    const decided = await ctx.request('POST', `/v1/sites/${site.id}/comments/${guid}/spam`, {
      token: site.moderatorKey,
    })
    expect(decided.status).toBe(200)
    const recheck = await akismet('/1.1/comment-check', { ...fields, recheck_reason: 'recheck_queue' })
    await expectPlain(recheck, 'true')
    expect(recheck.headers.get('x-akismet-guid')).toBe(guid)
    expectNoFailureHeaders(recheck)
    expect(await storedComments(site)).toHaveLength(1)
  })

  it('answers a moderator approval of a spam check with false on the next check', async () => {
    const site = await ctx.newSite()
    const fields = aCheck(site, honeypotFilled)
    const first = await akismet('/1.1/comment-check', fields)
    await expectPlain(first, 'true')
    const guid = first.headers.get('x-akismet-guid') ?? ''
    await ctx.request('POST', `/v1/sites/${site.id}/comments/${guid}/approve`, { token: site.moderatorKey })
    const recheck = await akismet('/1.1/comment-check', fields)
    await expectPlain(recheck, 'false')
    expect(recheck.headers.get('x-akismet-guid')).toBe(guid)
  })

  it('stores the same short text from three readers with no name or e-mail, on one page, as three comments', async () => {
    const site = await ctx.newSite()
    const guids = new Set<string>()
    for (const user_ip of ['198.51.100.61', '198.51.100.62', '198.51.100.63']) {
      const fields = aCheck(site, { user_ip, comment_content: 'Merci !' })
      delete fields.comment_author
      delete fields.comment_author_email
      const response = await akismet('/1.1/comment-check', fields)
      expect(response.status).toBe(200)
      guids.add(response.headers.get('x-akismet-guid') ?? '')
    }
    expect(guids.size).toBe(3)
    expect(await storedComments(site)).toHaveLength(3)
  })

  it('hears a check again only with the same name when a name is sent', async () => {
    const site = await ctx.newSite()
    const fields = aCheck(site)
    const first = await akismet('/1.1/comment-check', fields)
    const renamed = await akismet('/1.1/comment-check', { ...fields, comment_author: 'Someone Else' })
    expect(renamed.headers.get('x-akismet-guid')).not.toBe(first.headers.get('x-akismet-guid'))
    expect(await storedComments(site)).toHaveLength(2)
  })

  it('never answers with a comment that came in by the v1 API, so a server key cannot decide it', async () => {
    const site = await ctx.newSite()
    const fields = aCheck(site, { user_ip: '198.51.100.70' })
    const posted = await ctx.submit(site, {
      articleId: fields.permalink,
      author: { name: fields.comment_author, email: fields.comment_author_email },
      content: fields.comment_content,
      ip: fields.user_ip,
    })
    const check = await akismet('/1.1/comment-check', fields)
    await expectPlain(check, 'false')
    const guid = check.headers.get('x-akismet-guid') ?? ''
    expect(guid).not.toBe(posted.id)
    expect(await moderatorView(site, guid)).toMatchObject({ source: 'akismet' })

    await expectPlain(await akismet('/1.1/submit-spam', { ...fields, guid }), THANKS)
    await expectPlain(await akismet('/1.1/submit-spam', fields), THANKS)
    expect((await moderatorView(site, guid)).status).toBe('spam')
    const v1 = await moderatorView(site, posted.id)
    expect(v1.status).toBe(posted.status)
    expect(submissionsOf(v1)).toEqual([])
  })

  it('learns nothing from a report about a comment whose author had their data erased', async () => {
    const site = await ctx.newSite()
    const fields = aCheck(site, { user_ip: '198.51.100.71' })
    const guid = (await akismet('/1.1/comment-check', fields)).headers.get('x-akismet-guid') ?? ''
    // A reply keeps the comment, anonymised, instead of deleting it.
    await ctx.submit(site, { articleId: fields.permalink, parentId: guid })
    await expectStatus(
      ctx.request('POST', `/v1/sites/${site.id}/privacy/erase`, {
        token: site.serverKey,
        body: { email: fields.comment_author_email },
      }),
      200,
    )
    const before = await moderatorView(site, guid)

    await expectPlain(await akismet('/1.1/submit-spam', { ...fields, guid }), THANKS)
    const after = await moderatorView(site, guid)
    expect(after.status).toBe(before.status)
    expect(submissionsOf(after)).toEqual([])
  })

  it('answers every check of a flood from one IP, never with 429', async () => {
    const site = await ctx.newSite()
    for (let i = 0; i < 12; i++) {
      const response = await akismet(
        '/1.1/comment-check',
        aCheck(site, {
          user_ip: '198.51.100.200',
          comment_content: `Message numéro ${i} : ${ordinaryComments[i]}`,
        }),
      )
      expect(response.status).toBe(200)
      expect(['true', 'false']).toContain(await response.text())
      expect(response.headers.get('x-akismet-guid')).toMatch(UUID)
    }
    expect(await storedComments(site)).toHaveLength(12)
  })

  it('answers an is_test check normally but stores nothing', async () => {
    const site = await ctx.newSite()
    for (const is_test of ['1', 'true', 'yes']) {
      const ham = await akismet('/1.1/comment-check', aCheck(site, { is_test }))
      await expectPlain(ham, 'false')
      expect(ham.headers.get('x-akismet-guid')).toMatch(UUID)
      expectNoFailureHeaders(ham)
      const spam = await akismet('/1.1/comment-check', aCheck(site, { ...honeypotFilled, is_test }))
      await expectPlain(spam, 'true')
    }
    expect(await storedComments(site)).toEqual([])
  })
})

describe('the WordPress plugin', () => {
  /** A comment-check body as the plugin's http_build_query writes it, with api_key appended at the end. */
  const wordpressBody = (site: TestSite, userRole: string, ip: string) =>
    [
      'comment_post_ID=42',
      'comment_author=Jean+Dupont',
      'comment_author_email=jean.dupont%40example.org',
      'comment_author_url=',
      'comment_content=Tr%C3%A8s+bon+article%2C+merci+%21+On+attend+la+suite+avec+impatience.',
      'comment_type=comment',
      'comment_parent=0',
      'user_ID=0',
      `user_ip=${encodeURIComponent(ip)}`,
      'user_agent=Mozilla%2F5.0+%28Windows+NT+10.0%3B+Win64%3B+x64%29',
      'referrer=https%3A%2F%2Fblog.example%2F2026%2F11%2Fpost%2F',
      'blog=https%3A%2F%2Fblog.example',
      'blog_lang=fr_FR',
      'blog_charset=UTF-8',
      'permalink=https%3A%2F%2Fblog.example%2F2026%2F11%2Fpost%2F',
      'comment_context%5B0%5D=politique',
      'comment_context%5B1%5D=europe',
      `user_role=${encodeURIComponent(userRole)}`,
      'akismet_comment_nonce=passed',
      'POST_ak_hp_textarea=',
      'POST_ak_js=1764331200123',
      'HTTP_USER_AGENT=Mozilla%2F5.0+%28Windows+NT+10.0%3B+Win64%3B+x64%29',
      'HTTP_ACCEPT_LANGUAGE=fr-FR%2Cfr%3Bq%3D0.9',
      `api_key=${site.serverKey}`,
    ].join('&')

  const wordpress = {
    contentType: `${FORM}; charset=UTF-8`,
    headers: { 'user-agent': 'WordPress/6.8 | Akismet/5.4' },
  }

  it('verifies its key with key, blog and the appended api_key', async () => {
    const site = await ctx.newSite()
    const body = `key=${site.serverKey}&blog=https%3A%2F%2Fblog.example&api_key=${site.serverKey}`
    await expectPlain(await akismet('/1.1/verify-key', body, wordpress), 'valid')
  })

  it("checks a visitor's comment and keeps what the plugin sent", async () => {
    const site = await ctx.newSite()
    const response = await akismet('/1.1/comment-check', wordpressBody(site, '', '2001:db8::a1'), wordpress)
    await expectPlain(response, 'false')
    expectNoFailureHeaders(response)
    const stored = await moderatorView(site, response.headers.get('x-akismet-guid') ?? '')
    expect(stored).toMatchObject({
      source: 'akismet',
      articleId: 'https://blog.example/2026/11/post/',
      author: { name: 'Jean Dupont', email: 'jean.dupont@example.org', url: null },
      content: 'Très bon article, merci ! On attend la suite avec impatience.',
      ip: '2001:db8::a1',
    })
    expect(stored.extra).toMatchObject({
      comment_post_ID: '42',
      comment_type: 'comment',
      comment_context: ['politique', 'europe'],
      POST_ak_hp_textarea: '',
      POST_ak_js: '1764331200123',
      HTTP_USER_AGENT: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
      blog: 'https://blog.example',
      blog_charset: 'UTF-8',
    })
    expect(stored.extra).not.toHaveProperty('api_key')
  })

  it('answers its recheck of a comment, sent as WordPress stored it (entities encoded), from the earlier check', async () => {
    const site = await ctx.newSite()
    const ip = '2001:db8::a3'
    const original = wordpressBody(site, '', ip)
      .replace(
        /comment_content=[^&]*/,
        `comment_content=${encodeURIComponent('Tom & Jerry, "les classiques" : la mairie a raison.')}`,
      )
      .replace('comment_author=Jean+Dupont', `comment_author=${encodeURIComponent('Jean Dupont & fils')}`)
    const first = await akismet('/1.1/comment-check', original, wordpress)
    await expectPlain(first, 'false')
    const guid = first.headers.get('x-akismet-guid') ?? ''
    const asStored = wordpressBody(site, '', ip)
      .replace(
        /comment_content=[^&]*/,
        `comment_content=${encodeURIComponent('Tom &amp; Jerry, &quot;les classiques&quot; : la mairie a raison.')}`,
      )
      .replace('comment_author=Jean+Dupont', `comment_author=${encodeURIComponent('Jean Dupont &amp; fils')}`)
    const recheck = await akismet('/1.1/comment-check', `${asStored}&recheck_reason=recheck_queue`, wordpress)
    await expectPlain(recheck, 'false')
    expect(recheck.headers.get('x-akismet-guid')).toBe(guid)
    expect(await storedComments(site)).toHaveLength(1)
  })

  it('answers false for an administrator (user_role=administrator,editor), and keeps the comment approved', async () => {
    const site = await ctx.newSite()
    const body = `${wordpressBody(site, 'administrator,editor', '2001:db8::a2')}&honeypot_field_name=hp&hp=filled`
    const response = await akismet('/1.1/comment-check', body, wordpress)
    await expectPlain(response, 'false')
    expect(response.headers.get('x-akismet-guid')).toMatch(UUID)
    expectNoFailureHeaders(response)
    const stored = await moderatorView(site, response.headers.get('x-akismet-guid') ?? '')
    expect(stored).toMatchObject({ status: 'approved', source: 'akismet', author: { name: 'Jean Dupont' } })
  })

  /** What the plugin posts to its account paths: the legacy key, the blog, and the appended api_key. */
  const accountBody = (key: string) => `key=${key}&blog=https%3A%2F%2Fblog.example&api_key=${key}`

  it('reads an active account from get-subscription, which its settings screen requires of a valid key', async () => {
    const site = await ctx.newSite()
    const response = await akismet('/1.1/get-subscription', accountBody(site.serverKey), wordpress)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    expectNoFailureHeaders(response)
    // Akismet_Admin::get_akismet_user takes a non-empty body other than `invalid` as the account, in JSON.
    expect(await response.json()).toEqual({
      account_id: false,
      status: 'active',
      account_name: 'Vigil (self-hosted)',
      account_type: 'vigil',
      next_billing_date: false,
      limit_reached: false,
    })
  })

  it('hears invalid, with a debug-help header, from get-subscription for a bad key', async () => {
    const site = await ctx.newSite()
    for (const key of ['zzzzzz999999', site.moderatorKey]) {
      const response = await akismet('/1.1/get-subscription', accountBody(key), wordpress)
      await expectPlain(response, 'invalid')
      expect(response.headers.get('x-akismet-debug-help')).toEqual(expect.any(String))
    }
  })

  it('passes its connectivity check: /1.1/test answers connected, by GET or POST, with no key', async () => {
    for (const method of ['GET', 'POST']) {
      const response = await akismet('/1.1/test', '', { ...wordpress, method })
      await expectPlain(response, 'connected')
      expectNoFailureHeaders(response)
    }
  })

  it('hears deactivated from deactivate, and an empty 200 from the paths it only displays', async () => {
    const site = await ctx.newSite()
    const body = accountBody(site.serverKey)
    await expectPlain(await akismet('/1.1/deactivate', body, wordpress), 'deactivated')
    for (const path of ['token', 'get-stats', 'verify-wpcom-key']) {
      const response = await akismet(`/1.1/${path}`, body, wordpress)
      await expectPlain(response, '')
      expectNoFailureHeaders(response)
    }
  })
})

describe('POST /1.1/submit-spam and /1.1/submit-ham', () => {
  it('matches a check by its guid, marks it spam and records the submission in its history', async () => {
    const site = await ctx.newSite()
    const fields = aCheck(site)
    const check = await akismet('/1.1/comment-check', fields)
    const guid = check.headers.get('x-akismet-guid') ?? ''
    const response = await akismet('/1.1/submit-spam', { ...fields, guid })
    await expectPlain(response, THANKS)
    expectNoFailureHeaders(response)
    const stored = await moderatorView(site, guid)
    expect(stored.status).toBe('spam')
    expect(stored.history.at(-1)).toMatchObject({
      action: 'akismet-submit-spam',
      fromStatus: 'approved',
      toStatus: 'spam',
    })
    expect(submissionsOf(stored)).toEqual(['akismet-submit-spam'])
    await expectPlain(await akismet('/1.1/comment-check', fields), 'true')
  })

  it('matches a check by its guid alone, whatever else the submission says', async () => {
    const site = await ctx.newSite()
    const check = await akismet('/1.1/comment-check', aCheck(site))
    const guid = check.headers.get('x-akismet-guid') ?? ''
    await expectPlain(await akismet('/1.1/submit-spam', aCheck(site, { guid })), THANKS)
    expect((await moderatorView(site, guid)).status).toBe('spam')
    expect(await storedComments(site)).toHaveLength(1)
  })

  it('never decides, by its guid, a comment that came in by the v1 API', async () => {
    const site = await ctx.newSite()
    const posted = await ctx.submit(site, { content: ordinaryComments[3] })
    const response = await akismet('/1.1/submit-spam', aCheck(site, { guid: posted.id }))
    await expectPlain(response, THANKS)
    expect((await moderatorView(site, posted.id)).status).toBe(posted.status)
  })

  it('matches a check without its guid by user_ip, content and e-mail', async () => {
    const site = await ctx.newSite()
    const fields = aCheck(site)
    const other = await akismet('/1.1/comment-check', aCheck(site))
    const check = await akismet('/1.1/comment-check', fields)
    const guid = check.headers.get('x-akismet-guid') ?? ''
    // Only what Akismet asks a client to repeat: the IP, the content and the e-mail.
    const submission: Fields = { api_key: site.serverKey }
    for (const name of ['user_ip', 'comment_content', 'comment_author_email']) {
      submission[name] = fields[name] ?? ''
    }
    await expectPlain(await akismet('/1.1/submit-spam', submission), THANKS)
    expect((await moderatorView(site, guid)).status).toBe('spam')
    expect((await moderatorView(site, other.headers.get('x-akismet-guid') ?? '')).status).toBe('approved')
    expect(await storedComments(site)).toHaveLength(2)
  })

  it('refuses a submission with neither guid nor usable user_ip, as a check without user_ip is refused', async () => {
    const site = await ctx.newSite()
    const fields = aCheck(site)
    const check = await akismet('/1.1/comment-check', fields)
    const guid = check.headers.get('x-akismet-guid') ?? ''
    const { user_ip: _, ...withoutIp } = fields
    for (const [path, body] of [
      ['/1.1/submit-spam', withoutIp],
      ['/1.1/submit-ham', withoutIp],
      ['/1.1/submit-spam', { ...withoutIp, guid: '0190b8a4-0000-7000-8000-000000000000' }],
    ] as const) {
      const response = await akismet(path, body)
      await expectPlain(response, 'Missing required field: user_ip.')
      expect(response.headers.get('x-akismet-debug-help')).toMatch(/user_ip/)
    }
    const invalid = await akismet('/1.1/submit-spam', { ...fields, user_ip: 'not-an-ip' })
    await expectPlain(invalid, 'Invalid field: user_ip.')
    expect((await moderatorView(site, guid)).status).toBe('approved')
    expect(await storedComments(site)).toHaveLength(1)
  })

  it('matches a check by its guid even without user_ip', async () => {
    const site = await ctx.newSite()
    const fields = aCheck(site)
    const check = await akismet('/1.1/comment-check', fields)
    const guid = check.headers.get('x-akismet-guid') ?? ''
    const { user_ip: _, ...withoutIp } = fields
    await expectPlain(await akismet('/1.1/submit-spam', { ...withoutIp, guid }), THANKS)
    expect((await moderatorView(site, guid)).status).toBe('spam')
  })

  it('without an e-mail, matches only a check that had none', async () => {
    const site = await ctx.newSite()
    const fields = aCheck(site)
    const check = await akismet('/1.1/comment-check', fields)
    const guid = check.headers.get('x-akismet-guid') ?? ''
    const { comment_author_email: _, ...withoutEmail } = fields
    await expectPlain(await akismet('/1.1/submit-spam', withoutEmail), THANKS)
    expect((await moderatorView(site, guid)).status).toBe('approved')
    const stored = await storedComments(site)
    expect(stored).toHaveLength(2)
    expect(stored.find((comment) => comment.id !== guid)).toMatchObject({
      status: 'spam',
      author: { email: null },
    })
  })

  it('matches the article when the submission names one', async () => {
    const site = await ctx.newSite()
    const fields = aCheck(site)
    const elsewhere = { ...fields, permalink: 'https://blog.example/2026/11/other-post/' }
    const here = await akismet('/1.1/comment-check', fields)
    ctx.clock.advance(60_000)
    const there = await akismet('/1.1/comment-check', elsewhere)
    expect(there.headers.get('x-akismet-guid')).not.toBe(here.headers.get('x-akismet-guid'))
    await expectPlain(await akismet('/1.1/submit-spam', fields), THANKS)
    expect((await moderatorView(site, here.headers.get('x-akismet-guid') ?? '')).status).toBe('spam')
    expect((await moderatorView(site, there.headers.get('x-akismet-guid') ?? '')).status).toBe('approved')
  })

  it('approves a spam check on submit-ham and records it', async () => {
    const site = await ctx.newSite()
    const fields = aCheck(site, honeypotFilled)
    const check = await akismet('/1.1/comment-check', fields)
    await expectPlain(check, 'true')
    const guid = check.headers.get('x-akismet-guid') ?? ''
    await expectPlain(await akismet('/1.1/submit-ham', fields), THANKS)
    const stored = await moderatorView(site, guid)
    expect(stored.status).toBe('approved')
    expect(submissionsOf(stored)).toEqual(['akismet-submit-ham'])
  })

  it('is idempotent: the same submission twice changes the comment once', async () => {
    const site = await ctx.newSite()
    const fields = aCheck(site)
    const check = await akismet('/1.1/comment-check', fields)
    const guid = check.headers.get('x-akismet-guid') ?? ''
    await expectPlain(await akismet('/1.1/submit-spam', fields), THANKS)
    await expectPlain(await akismet('/1.1/submit-spam', fields), THANKS)
    const stored = await moderatorView(site, guid)
    expect(stored.status).toBe('spam')
    expect(submissionsOf(stored)).toEqual(['akismet-submit-spam'])
  })

  it('stores a submission about a comment never checked, then decides it', async () => {
    const site = await ctx.newSite()
    const fields = aCheck(site)
    await expectPlain(await akismet('/1.1/submit-spam', fields), THANKS)
    const stored = await storedComments(site)
    expect(stored).toHaveLength(1)
    expect(stored[0]).toMatchObject({ status: 'spam', source: 'akismet', content: fields.comment_content })
    const detail = await moderatorView(site, stored[0]?.id)
    expect(submissionsOf(detail)).toEqual(['akismet-submit-spam'])
  })

  it('thanks an is_test submission but changes and stores nothing', async () => {
    const site = await ctx.newSite()
    const fields = aCheck(site)
    const check = await akismet('/1.1/comment-check', fields)
    const guid = check.headers.get('x-akismet-guid') ?? ''
    await expectPlain(await akismet('/1.1/submit-spam', { ...fields, is_test: '1' }), THANKS)
    await expectPlain(await akismet('/1.1/submit-ham', aCheck(site, { is_test: 'true' })), THANKS)
    const stored = await moderatorView(site, guid)
    expect(stored.status).toBe('approved')
    expect(submissionsOf(stored)).toEqual([])
    expect(await storedComments(site)).toHaveLength(1)
  })

  it('answers invalid, with a debug-help header, to a bad key', async () => {
    const site = await ctx.newSite()
    for (const path of ['/1.1/submit-spam', '/1.1/submit-ham']) {
      const response = await akismet(path, aCheck(site, { api_key: 'zzzzzz999999' }))
      await expectPlain(response, 'invalid')
      expect(response.headers.get('x-akismet-debug-help')).toEqual(expect.any(String))
    }
    expect(await storedComments(site)).toEqual([])
  })
})

describe('/1.2/usage-limit', () => {
  it("counts this month's checks, with no limit, by GET or POST", async () => {
    const site = await ctx.newSite()
    await akismet('/1.1/comment-check', aCheck(site))
    await akismet('/1.1/comment-check', aCheck(site, honeypotFilled))
    await akismet('/1.1/comment-check', aCheck(site, { is_test: '1' }))
    const expected = { limit: 'none', usage: 2, percentage: '0.00', throttled: false }
    const byGet = await akismet(`/1.2/usage-limit?api_key=${site.serverKey}`, '', { method: 'GET' })
    expect(byGet.status).toBe(200)
    expect(byGet.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await byGet.json()).toEqual(expected)
    expect(await json(akismet('/1.2/usage-limit', { api_key: site.serverKey }))).toEqual(expected)
    expect(await json(akismet(`/1.2/usage-limit?api_key=${site.serverKey}`))).toEqual(expected)
  })

  it('answers text invalid to a bad key', async () => {
    const get = await akismet('/1.2/usage-limit?api_key=zzzzzz999999', '', { method: 'GET' })
    await expectPlain(get, 'invalid')
    await expectPlain(await akismet('/1.2/usage-limit', { api_key: 'zzzzzz999999' }), 'invalid')
    await expectPlain(await akismet('/1.2/usage-limit', '', { method: 'GET' }), 'invalid')
  })
})

describe('/1.2/key-sites', () => {
  /**
   * blog a: three checks, one reported as missed spam, one blatant spam reported as a false positive;
   * blog b: two blatant spam checks.
   */
  async function siteWithActivity() {
    const site = await ctx.newSite()
    const a = 'https://a.example'
    const b = 'https://b.example'
    const missed = aCheck(site, { blog: a })
    await akismet('/1.1/comment-check', missed)
    await akismet('/1.1/comment-check', aCheck(site, { blog: a }))
    const falsePositive = aCheck(site, { blog: a, ...honeypotFilled })
    await akismet('/1.1/comment-check', falsePositive)
    await akismet('/1.1/comment-check', aCheck(site, { blog: b, ...honeypotFilled }))
    await akismet('/1.1/comment-check', aCheck(site, { blog: b, ...honeypotFilled }))
    await expectPlain(await akismet('/1.1/submit-spam', missed), THANKS)
    await expectPlain(await akismet('/1.1/submit-ham', falsePositive), THANKS)
    return site
  }
  const siteA = {
    site: 'https://a.example',
    api_calls: '3',
    spam: '1',
    ham: '2',
    missed_spam: '1',
    false_positives: '1',
    is_revoked: false,
  }
  const siteB = {
    site: 'https://b.example',
    api_calls: '2',
    spam: '2',
    ham: '0',
    missed_spam: '0',
    false_positives: '0',
    is_revoked: false,
  }
  const keySites = (site: TestSite, query = '') =>
    akismet(`/1.2/key-sites?api_key=${site.serverKey}${query}`, '', { method: 'GET' })

  it("counts each blog's checks this month, most calls first", async () => {
    const site = await siteWithActivity()
    const response = await keySites(site)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await response.json()).toEqual({ '2026-11': [siteA, siteB], limit: 500, offset: 0, total: 2 })
  })

  it('counts a check a moderator rejected as spam, as comment-check then answers true', async () => {
    const site = await ctx.newSite()
    const check = await akismet('/1.1/comment-check', aCheck(site, { blog: 'https://r.example' }))
    const guid = check.headers.get('x-akismet-guid') ?? ''
    await ctx.request('POST', `/v1/sites/${site.id}/comments/${guid}/reject`, { token: site.moderatorKey })
    const answer = await json(keySites(site))
    expect(answer['2026-11']).toEqual([
      { ...siteB, site: 'https://r.example', api_calls: '1', spam: '1', ham: '0' },
    ])
  })

  it('accepts its parameters in a POST body', async () => {
    const site = await siteWithActivity()
    const body = await json(akismet('/1.2/key-sites', { api_key: site.serverKey, order: 'spam' }))
    expect(body).toEqual({ '2026-11': [siteB, siteA], limit: 500, offset: 0, total: 2 })
  })

  it('orders, filters and pages', async () => {
    const site = await siteWithActivity()
    const sitesOf = async (query: string) =>
      (await json(keySites(site, query)))['2026-11'].map((row: Body) => row.site)
    expect(await sitesOf('&order=spam')).toEqual([siteB.site, siteA.site])
    expect(await sitesOf('&order=ham')).toEqual([siteA.site, siteB.site])
    expect(await sitesOf('&order=missed_spam')).toEqual([siteA.site, siteB.site])
    expect(await sitesOf('&order=false_positives')).toEqual([siteA.site, siteB.site])
    expect(await json(keySites(site, '&filter=B.EXAMPLE'))).toEqual({
      '2026-11': [siteB],
      limit: 500,
      offset: 0,
      total: 1,
    })
    expect(await json(keySites(site, '&limit=1'))).toEqual({
      '2026-11': [siteA],
      limit: 1,
      offset: 0,
      total: 2,
    })
    expect(await json(keySites(site, '&limit=1&offset=1'))).toEqual({
      '2026-11': [siteB],
      limit: 1,
      offset: 1,
      total: 2,
    })
  })

  it('answers for another month, empty when nothing was checked then', async () => {
    const site = await siteWithActivity()
    expect(await json(keySites(site, '&month=2026-10'))).toEqual({
      '2026-10': [],
      limit: 500,
      offset: 0,
      total: 0,
    })
    expect(await json(keySites(site, '&month=2026-11'))).toMatchObject({ total: 2 })
  })

  it('writes CSV on request: a title line, a header, one row per blog', async () => {
    const site = await siteWithActivity()
    const response = await keySites(site, '&format=csv')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/)
    const lines = (await response.text()).trimEnd().split('\n')
    expect(lines).toEqual([
      `Active sites for ${site.serverKey} during 2026-11 (limit: 500, offset: 0, total: 2).`,
      'Site,Total API Calls,Spam,Ham,Missed Spam,False Positives,Is Revoked',
      'https://a.example,3,1,2,1,1,false',
      'https://b.example,2,2,0,0,0,false',
    ])
  })

  it.each([
    ['a month that is not YYYY-MM', '&month=november'],
    ['a month 13', '&month=2026-13'],
    ['an unknown order', '&order=newest'],
    ['a limit of 0', '&limit=0'],
    ['a negative offset', '&offset=-1'],
  ])('answers invalid, with a debug-help header, to %s', async (_, query) => {
    const site = await ctx.newSite()
    const response = await keySites(site, query)
    await expectPlain(response, 'invalid')
    expect(response.headers.get('x-akismet-debug-help')).toEqual(expect.any(String))
  })

  it('answers text invalid to a bad key', async () => {
    await expectPlain(await akismet('/1.2/key-sites?api_key=zzzzzz999999', '', { method: 'GET' }), 'invalid')
  })
})

describe('request size', () => {
  it('answers a 200 KB body of plain words around an encoded character, not an internal error', async () => {
    const site = await ctx.newSite()
    const { comment_content: _, ...fields } = aCheck(site)
    const body = `${encodeForm(fields)}&comment_content=caf%C3%A9+${'word+'.repeat(40_000)}`
    const response = await akismet('/1.1/comment-check', body)
    expect(['true', 'false']).toContain(await response.text())
    expectNoFailureHeaders(response)
  })

  it('answers a body over 256 KiB with 200 invalid and a debug-help header', async () => {
    const site = await ctx.newSite()
    const body = encodeForm(aCheck(site, { comment_content: 'a'.repeat(300 * 1024) }))
    const response = await akismet('/1.1/comment-check', body)
    await expectPlain(response, 'invalid')
    expect(response.headers.get('x-akismet-debug-help')).toEqual(expect.any(String))
    expect(await storedComments(site)).toEqual([])
  })
})
