import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Body } from '../helpers/app.js'
import { anyCodeUnit, nastyText } from './arbitraries.js'
import { assertProperty, describeValue } from './check.js'
import { type Caller, expectCreatedOrProblem, type Sender, useIntakeClient } from './intake-client.js'
import {
  bodyOf,
  comment,
  expectedAnswer,
  type Generated,
  readsBackAs,
  storedValueOf,
  type TextField,
} from './intake-oracle.js'

/**
 * POST /v1/sites/{site}/comments on any body: any JSON value, any bytes, any Unicode in every text field. The
 * answer is a 201 or a 4xx problem+json, never a 5xx and never a hang; what is accepted reads back exactly as
 * sent; and the documented limits decide which: a body the schema allows is stored, any other is refused with a
 * 400 naming each offending field (or a 413 over 256 KiB).
 */

const intake = useIntakeClient()
const { nextSender, send, post, commentsPath } = intake

const NUM_RUNS = 150
const TEST_TIMEOUT_MS = 120_000

// ---------------------------------------------------------------------------------------------------------------
// Read-back: what was accepted is what the moderator and the public read, to the code unit.
// ---------------------------------------------------------------------------------------------------------------

async function expectStoredAsSent(
  id: string,
  status: string,
  generated: Generated,
  caller: Caller,
  sender: Sender,
) {
  const answer = await send('GET', `${commentsPath()}/${id}`, { token: intake.site.moderatorKey })
  expect(answer.status, answer.text.slice(0, 500)).toBe(200)
  const stored = JSON.parse(answer.text) as Body
  const sent = (field: TextField) => storedValueOf(field, generated[field])
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
    // The site names no origin, so a public caller's article address is not kept (article-address.ts).
    articleUrl: caller === 'server' ? sent('articleUrl') : null,
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
      `/v1/sites/${intake.site.id}/articles/${encodeURIComponent(articleId)}/comments?limit=100`,
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
              content: `Un commentaire ordinaire, numéro ${intake.senderCount}.`,
              ...(caller === 'server' ? { ip: sender.ip } : {}),
              ...replaced,
            }
            const answer = await post(caller, sender, { body })
            const parsed = expectCreatedOrProblem(answer)
            if (answer.status === 201) created += 1
            if (answer.status === 201 && typeof body.content === 'string') {
              const stored = await send('GET', `${commentsPath()}/${parsed.id}`, {
                token: intake.site.moderatorKey,
              })
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
