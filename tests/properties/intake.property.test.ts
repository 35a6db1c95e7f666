import { performance } from 'node:perf_hooks'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Body, type TestSite, useTestApp } from '../helpers/app.js'
import { onRealServer } from '../helpers/db.js'
import { anyCodeUnit, codePointLength, hugeText, nastyText, nearLimit } from './arbitraries.js'
import { assertProperty, describeValue } from './check.js'

/**
 * POST /v1/sites/{site}/comments on any body: any JSON value, any bytes, any Unicode in every text field. The
 * answer is a 201 or a 4xx problem+json, never a 5xx and never a hang; what is accepted reads back exactly as
 * sent; and the documented limits decide which: a body the schema allows is stored, any other is refused with a
 * 400 naming each offending field (or a 413 over 64 KiB).
 */

const ctx = useTestApp()

const NUM_RUNS = 150
const TEST_TIMEOUT_MS = 120_000
/** One request's answer, or the property fails as a hang. */
const REQUEST_LIMIT_MS = 10_000
const MAX_BODY_BYTES = 64 * 1024

type Caller = 'public' | 'server'

let site: TestSite
beforeAll(async () => {
  site = await ctx.newSite()
})

// Every run posts as a new sender (its own e-mail and IP) one minute after the last, so neither flood control
// (429) nor the re-post check (409) can refuse a comment: each refusal must come from the body itself.
let senderCount = 0
function nextSender() {
  senderCount += 1
  ctx.clock.advance(60_000)
  const n = senderCount
  return {
    email: `prop${n}-${process.pid}@example.org`,
    peer: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
    ip: `2001:db8::${n.toString(16)}`,
  }
}

type Answer = { status: number; text: string; contentType: string | null; elapsedMs: number }

/** Sends a request and reads its answer, failing when either takes longer than REQUEST_LIMIT_MS. */
async function send(
  method: string,
  path: string,
  options: Parameters<typeof ctx.request>[2],
): Promise<Answer> {
  const started = performance.now()
  let timer: NodeJS.Timeout | undefined
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${method} ${path}: no answer within ${REQUEST_LIMIT_MS} ms`)),
      REQUEST_LIMIT_MS,
    )
  })
  try {
    const response = await Promise.race([ctx.request(method, path, options), limit])
    const text = await Promise.race([response.text(), limit])
    const elapsedMs = performance.now() - started
    // A synchronous loop blocks the timer too: the time taken is checked once the answer is in.
    if (elapsedMs > REQUEST_LIMIT_MS)
      throw new Error(`${method} ${path} took ${elapsedMs.toFixed(0)} ms (limit ${REQUEST_LIMIT_MS})`)
    return { status: response.status, text, contentType: response.headers.get('content-type'), elapsedMs }
  } finally {
    clearTimeout(timer)
  }
}

/** A 201, or a 4xx problem+json with a urn:vigil:problem: type; never a 5xx. Returns the parsed body. */
function expectCreatedOrProblem(answer: Answer): Body {
  const summary = `HTTP ${answer.status}: ${answer.text.slice(0, 500)}`
  expect(answer.status < 500, summary).toBe(true)
  expect(answer.status === 201 || (answer.status >= 400 && answer.status < 500), summary).toBe(true)
  const body = JSON.parse(answer.text) as Body
  if (answer.status === 201) {
    expect(answer.contentType ?? '', summary).toMatch(/^application\/json/)
    expect(body.id, summary).toMatch(/^[0-9a-f-]{36}$/)
    return body
  }
  expect(answer.contentType, summary).toBe('application/problem+json')
  expect(body.type, summary).toMatch(/^urn:vigil:problem:[a-z-]+$/)
  expect(body.status, summary).toBe(answer.status)
  return body
}

const commentsPath = () => `/v1/sites/${site.id}/comments`

function post(
  caller: Caller,
  sender: ReturnType<typeof nextSender>,
  options: Parameters<typeof ctx.request>[2],
) {
  return send('POST', commentsPath(), {
    ...options,
    token: caller === 'server' ? site.serverKey : null,
    ...(caller === 'public' ? { peer: sender.peer } : {}),
  })
}

// ---------------------------------------------------------------------------------------------------------------
// The documented limits, restated from the README and the OpenAPI description: the oracle for every text field.
// ---------------------------------------------------------------------------------------------------------------

type TextRule = { max: number; required?: boolean; url?: boolean; pathSegment?: boolean }

/** The text fields of a comment and their limits (characters are code points). */
const TEXT_FIELDS = {
  // An article id is a URL path segment: `.` and `..` are refused.
  articleId: { max: 200, required: true, pathSegment: true },
  articleUrl: { max: 2000, url: true },
  articleTitle: { max: 500 },
  'author.name': { max: 245, required: true },
  'author.url': { max: 200, url: true },
  content: { max: 20_000, required: true },
  honeypot: { max: 2000 },
  userAgent: { max: 1000 },
  referrer: { max: 2000 },
} satisfies Record<string, TextRule>

type TextField = keyof typeof TEXT_FIELDS

const VISIBLE = /[^\s\p{Cf}]/u

function isHttpUrl(value: string) {
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

/** Whether the API must accept this value in a field with this rule. */
function allowed(value: string, rule: TextRule): boolean {
  if (value.includes('\u0000') || !value.isWellFormed()) return false
  if (codePointLength(value) > rule.max) return false
  if (rule.required && !VISIBLE.test(value)) return false
  if (rule.url && !isHttpUrl(value)) return false
  return true
}

// ---------------------------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------------------------

/** Mostly text the API can store (so enough comments get through), often not, and strings at the limit. */
function textFor(rule: TextRule): fc.Arbitrary<string> {
  const base = fc.oneof(
    { weight: 4, arbitrary: nastyText.map((text) => text.replaceAll('\u0000', '').toWellFormed()) },
    { weight: 2, arbitrary: nastyText },
    { weight: 1, arbitrary: nearLimit(rule.max) },
    ...(rule.max >= 20_000 ? [{ weight: 1, arbitrary: hugeText }] : []),
  )
  // A required field gets a visible letter in front now and then, so that it is not refused for being blank.
  const text = rule.required
    ? fc.oneof(
        base,
        base.map((value) => `a${value}`),
      )
    : base
  if (!rule.url) return text
  return fc.oneof(
    text,
    text.map((part) => `https://example.org/${part}`),
    text.map((part) => `http://${part}.example/`),
    text.map((part) => `https://example.org/?q=${part}#${part}`),
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
  )
}

const fieldText = Object.fromEntries(
  Object.entries(TEXT_FIELDS).map(([field, rule]) => [field, textFor(rule)]),
) as Record<TextField, fc.Arbitrary<string>>

type Generated = Partial<Record<TextField, string>>

/** A comment whose every text field is arbitrary; the optional ones are left out half the time. */
const anyComment: fc.Arbitrary<Generated> = fc.record(
  {
    articleId: fieldText.articleId,
    articleUrl: fieldText.articleUrl,
    articleTitle: fieldText.articleTitle,
    'author.name': fieldText['author.name'],
    'author.url': fieldText['author.url'],
    content: fieldText.content,
    honeypot: fieldText.honeypot,
    userAgent: fieldText.userAgent,
    referrer: fieldText.referrer,
  },
  { requiredKeys: ['articleId', 'author.name', 'content'] },
)

const firstCodePoints = (text: string, count: number) => [...text].slice(0, Math.max(0, count)).join('')

/**
 * The same text brought within the field's limits, keeping as much of it as it can: NUL removed, lone surrogates
 * made U+FFFD, cut to the limit, a visible letter in front when it had none, an http(s) URL around it.
 */
function withinLimits(value: string, rule: TextRule): string {
  let text = firstCodePoints(value.replaceAll('\u0000', '').toWellFormed(), rule.max)
  if (rule.required && !VISIBLE.test(text)) text = `a${firstCodePoints(text, rule.max - 1)}`
  if (rule.pathSegment && (text === '.' || text === '..')) text = `a${text}`
  if (rule.url && !isHttpUrl(text)) {
    const prefix = 'https://example.org/'
    text = `${prefix}${firstCodePoints(text, rule.max - prefix.length)}`
    if (!isHttpUrl(text)) text = prefix
  }
  return text
}

/** Every field of an arbitrary comment brought within its limits: a body the API must store as it is. */
const allowedComment: fc.Arbitrary<Generated> = anyComment.map((generated) =>
  Object.fromEntries(
    Object.entries(generated).map(([field, value]) => [
      field,
      withinLimits(value, TEXT_FIELDS[field as TextField]),
    ]),
  ),
)

/** Half anything at all, half bodies within the limits (so that enough runs get to the read-back). */
const comment = fc.oneof(anyComment, allowedComment)

function bodyOf(generated: Generated, sender: ReturnType<typeof nextSender>, caller: Caller) {
  const { 'author.name': name, 'author.url': url, ...rest } = generated
  return {
    ...rest,
    author: { name, email: sender.email, ...(url === undefined ? {} : { url }) },
    // A server key speaks for its reader: the IP comes in the body.
    ...(caller === 'server' ? { ip: sender.ip } : {}),
  }
}

/** What the API must answer: 413 over 64 KiB, else 400 naming exactly the fields outside their limits, else 201. */
function expectedAnswer(generated: Generated, bytes: number): { status: 201 | 400 | 413; fields: string[] } {
  if (bytes > MAX_BODY_BYTES) return { status: 413, fields: [] }
  const fields = (Object.keys(TEXT_FIELDS) as TextField[]).filter((field) => {
    const value = generated[field]
    const rule: TextRule = TEXT_FIELDS[field]
    return (
      value !== undefined &&
      (!allowed(value, rule) || (rule.pathSegment && (value === '.' || value === '..')))
    )
  })
  return { status: fields.length > 0 ? 400 : 201, fields: fields.sort() }
}

// ---------------------------------------------------------------------------------------------------------------
// Read-back: what was accepted is what the moderator and the public read, to the code unit.
// ---------------------------------------------------------------------------------------------------------------

async function expectStoredAsSent(
  id: string,
  status: string,
  generated: Generated,
  caller: Caller,
  sender: ReturnType<typeof nextSender>,
) {
  const answer = await send('GET', `${commentsPath()}/${id}`, { token: site.moderatorKey })
  expect(answer.status, answer.text.slice(0, 500)).toBe(200)
  const stored = JSON.parse(answer.text) as Body
  const sent = (field: TextField) => generated[field] ?? null
  const readBack: Record<string, unknown> = {
    articleId: stored.articleId,
    articleUrl: stored.articleUrl,
    articleTitle: stored.articleTitle,
    'author.name': stored.author.name,
    'author.email': stored.author.email,
    'author.url': stored.author.url,
    content: stored.content,
    ip: stored.ip,
    userAgent: stored.userAgent,
    referrer: stored.referrer,
  }
  const expected: Record<string, unknown> = {
    articleId: sent('articleId'),
    articleUrl: sent('articleUrl'),
    articleTitle: sent('articleTitle'),
    'author.name': sent('author.name'),
    'author.email': sender.email,
    'author.url': sent('author.url'),
    content: sent('content'),
    // A public caller's reader is the caller itself: its peer address, and no user agent or referrer header.
    ip: caller === 'server' ? sender.ip : sender.peer,
    userAgent: caller === 'server' ? sent('userAgent') : null,
    referrer: caller === 'server' ? sent('referrer') : null,
  }
  for (const [field, value] of Object.entries(expected)) {
    // === on strings: the same UTF-16 code units, so the same bytes once encoded.
    expect(
      readBack[field] === readsBackAs(value),
      `${field} read back as ${describeValue(readBack[field])}`,
    ).toBe(true)
  }

  // An approved comment is what readers see on the article, text unchanged.
  if (status === 'approved') {
    const articleId = generated.articleId ?? ''
    const page = await send(
      'GET',
      `/v1/sites/${site.id}/articles/${encodeURIComponent(articleId)}/comments?limit=100`,
      { token: null },
    )
    expect(page.status, `public list of the article: ${page.text.slice(0, 500)}`).toBe(200)
    const item = (JSON.parse(page.text) as Body).items.find((entry: Body) => entry.id === id)
    expect(item, 'the approved comment is in its article’s public list').toBeDefined()
    // Exactly as sent, on PGlite too: the page is one JSON value rendered by the database, so PGlite's dropping
    // of a leading byte order mark (see readsBackAs) never reaches a field inside it.
    expect(item.content === generated.content, 'public content').toBe(true)
    expect(item.author.name === generated['author.name'], 'public author.name').toBe(true)
  }
}

/**
 * Known bug, pinned by a failing regression test below: PGlite decodes every text value it returns with a
 * TextDecoder that drops a leading byte order mark, so on the embedded database a field that starts with U+FEFF
 * reads back without it (the row itself holds it). Exempt (that one character, on PGlite only) until fixed.
 */
function readsBackAs<T>(sent: T): T {
  if (!onRealServer && typeof sent === 'string' && sent.startsWith('\uFEFF')) return sent.slice(1) as T
  return sent
}

// ---------------------------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------------------------

describe('POST /v1/sites/{site}/comments on any JSON value or bytes', () => {
  const contentTypes = fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'application/problem+json',
    'application/vnd.api+json',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    '',
  )

  it(
    'answers any JSON value as the whole body with a 4xx problem, never a 5xx',
    async () => {
      const value = fc.oneof(
        fc.jsonValue({ maxDepth: 4 }),
        fc.jsonValue({ maxDepth: 4, stringUnit: 'binary' }),
        fc.jsonValue({ maxDepth: 4, stringUnit: 'grapheme' }),
        fc.jsonValue({ maxDepth: 4, stringUnit: anyCodeUnit }),
      )
      await assertProperty(
        fc.asyncProperty(value, fc.constantFrom<Caller>('public', 'server'), async (json, caller) => {
          const answer = await post(caller, nextSender(), { body: json })
          expectCreatedOrProblem(answer)
          // A bare JSON value is never a comment.
          expect([400, 413], answer.text).toContain(answer.status)
        }),
        { numRuns: NUM_RUNS },
      )
    },
    TEST_TIMEOUT_MS,
  )

  it(
    'answers any text or bytes, under any content type, with a 4xx problem, never a 5xx',
    async () => {
      const raw = fc.oneof(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        nastyText,
        fc.uint8Array({ maxLength: 300 }),
        fc.json().map((json) => json.slice(0, Math.max(0, json.length - 1))),
        fc.constantFrom('', ' ', '{', '{}', '[]', 'null', '"\\ud800"', '{"articleId":', '\uFEFF{}', '\u0000'),
      )
      await assertProperty(
        fc.asyncProperty(raw, contentTypes, async (rawBody, contentType) => {
          const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {}
          const answer = await post('public', nextSender(), { rawBody, headers })
          expectCreatedOrProblem(answer)
          expect(answer.status, answer.text).not.toBe(201)
        }),
        { numRuns: NUM_RUNS },
      )
    },
    TEST_TIMEOUT_MS,
  )

  it(
    'answers a comment with any field replaced by any JSON value with a 201 or a 4xx problem',
    async () => {
      const field = fc.constantFrom(
        'articleId',
        'articleUrl',
        'articleTitle',
        'articleLanguage',
        'parentId',
        'author',
        'content',
        'honeypot',
        'formToken',
        'ip',
        'userAgent',
        'referrer',
        'unknownField',
        '__proto__',
      )
      const replacements = fc.dictionary(field, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 3 })
      const authorReplacements = fc.dictionary(
        fc.constantFrom('name', 'email', 'url', 'extra'),
        fc.jsonValue({ maxDepth: 2 }),
        { maxKeys: 2 },
      )
      let created = 0
      await assertProperty(
        fc.asyncProperty(
          replacements,
          authorReplacements,
          fc.constantFrom<Caller>('public', 'server'),
          async (replaced, authorReplaced, caller) => {
            const sender = nextSender()
            const body = {
              articleId: 'mutated',
              author: { name: 'Camille', email: sender.email, ...authorReplaced },
              content: `Un commentaire ordinaire, numéro ${senderCount}.`,
              ...(caller === 'server' ? { ip: sender.ip } : {}),
              ...replaced,
            }
            const answer = await post(caller, sender, { body })
            const parsed = expectCreatedOrProblem(answer)
            if (answer.status === 201) created += 1
            if (answer.status === 201 && typeof body.content === 'string') {
              const stored = await send('GET', `${commentsPath()}/${parsed.id}`, { token: site.moderatorKey })
              expect(stored.status).toBe(200)
              expect((JSON.parse(stored.text) as Body).content === readsBackAs(body.content)).toBe(true)
            }
          },
        ),
        { numRuns: NUM_RUNS },
      )
      expect(created, 'runs that got through to a 201').toBeGreaterThan(0)
    },
    TEST_TIMEOUT_MS,
  )
})

describe.each<Caller>(['public', 'server'])(
  'POST /v1/sites/{site}/comments as a %s caller, any Unicode',
  (caller) => {
    it(
      'stores exactly what the limits allow, refuses the rest with a 400 naming each field, and reads back what it stored',
      async () => {
        let created = 0
        await assertProperty(
          fc.asyncProperty(comment, async (generated) => {
            const sender = nextSender()
            const body = bodyOf(generated, sender, caller)
            const bytes = new TextEncoder().encode(JSON.stringify(body)).length
            const answer = await post(caller, sender, { body })
            const parsed = expectCreatedOrProblem(answer)
            // Each run is a new sender a minute after the last, so these should not happen; were they to, they
            // are valid answers (flood control, a re-post), only not ones the body decides.
            if (answer.status === 409 || answer.status === 429) return
            const expected = expectedAnswer(generated, bytes)
            expect(answer.status, `expected ${expected.status}; got ${answer.text.slice(0, 800)}`).toBe(
              expected.status,
            )
            if (answer.status === 400) {
              expect(parsed.type).toBe('urn:vigil:problem:invalid-input')
              const named = [
                ...new Set((parsed.errors as { path: string }[]).map((issue) => issue.path)),
              ].sort()
              expect(named).toEqual(expected.fields)
            }
            if (answer.status === 201) {
              created += 1
              await expectStoredAsSent(parsed.id, parsed.status, generated, caller, sender)
            }
          }),
          { numRuns: NUM_RUNS },
        )
        // Enough runs got through for the read-back to have been tested, not only the refusals.
        expect(created, 'runs that got through to a 201').toBeGreaterThanOrEqual(NUM_RUNS / 5)
      },
      TEST_TIMEOUT_MS,
    )
  },
)

/**
 * Regressions found while testing these properties. They fail until src/ is fixed; then delete the matching
 * exemption above.
 */
describe('regressions found by the intake properties', () => {
  // A defect of PGlite 0.5.17 (its TextDecoder drops a leading byte order mark on read), not of Vigil: the row
  // holds the U+FEFF and PostgreSQL gives it back. Expected to fail on PGlite until PGlite fixes it.
  const onEveryDriver = onRealServer ? it : it.fails
  onEveryDriver(
    'reads back text fields that start with U+FEFF (a byte order mark) exactly as sent',
    async () => {
      const sender = nextSender()
      const sent = {
        articleId: '\uFEFFarticle',
        articleTitle: '\uFEFF',
        author: { name: '\uFEFFCamille', email: sender.email },
        content: '\uFEFFBonjour à tous.',
      }
      const created = await post('public', sender, { body: sent })
      const { id } = expectCreatedOrProblem(created)
      expect(created.status).toBe(201)
      const answer = await send('GET', `${commentsPath()}/${id}`, { token: site.moderatorKey })
      const stored = JSON.parse(answer.text) as Body
      expect({
        articleId: stored.articleId,
        articleTitle: stored.articleTitle,
        name: stored.author.name,
        content: stored.content,
      }).toEqual({
        articleId: sent.articleId,
        articleTitle: sent.articleTitle,
        name: sent.author.name,
        content: sent.content,
      })
    },
  )

  it.each(['.', '..'])('refuses an article id of %j, which no URL could name', async (articleId) => {
    const sender = nextSender()
    const created = await post('public', sender, {
      body: { articleId, author: { name: 'Camille', email: sender.email }, content: 'Bonjour à tous.' },
    })
    expect(created.status).toBe(400)
    expect((JSON.parse(created.text) as Body).errors.map((issue: Body) => issue.path)).toEqual(['articleId'])
  })

  // tokenize's hostTokens builds every parent domain of a link's host with slice/join: O(n²) in its labels. A
  // 20 000-character comment that is one link of 10 000 one-letter labels holds the event loop for seconds.
  it('answers a comment that is one link with a 10 000-label host (http://a.a.a…a) within 1 s of CPU', async () => {
    const sender = nextSender()
    const content = `http://${'a.'.repeat(9_996)}a`
    expect(codePointLength(content)).toBe(20_000)
    const before = process.cpuUsage()
    const answer = await post('server', sender, {
      body: {
        articleId: 'long-host',
        author: { name: 'Camille', email: sender.email },
        content,
        ip: sender.ip,
      },
    })
    const used = process.cpuUsage(before)
    const cpuMs = (used.user + used.system) / 1000
    expectCreatedOrProblem(answer)
    expect(answer.status).toBe(201)
    expect(cpuMs, `the request took ${cpuMs.toFixed(0)} ms of CPU`).toBeLessThan(1_000)
  })
})
