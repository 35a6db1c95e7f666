import { beforeAll, describe, expect, it } from 'vitest'
import { type Body, json, type TestSite, useTestApp } from '../helpers/app.js'

/**
 * PostgreSQL stores U+0000 in neither text nor jsonb: a NUL that reached a query was a 500. Every route of the
 * app's own OpenAPI document is walked with a NUL in each of its path and query parameters, and in each string of a
 * request body that is otherwise valid: each answer is a 4xx problem, never a 500.
 */
const ctx = useTestApp()

const NUL = 'a%00b'
const UNKNOWN_ID = '01234567-89ab-7def-8123-456789abcdef'

/** A valid body per route that takes one, so that the NUL is the only thing wrong with it. */
const bodies: Record<string, Body> = {
  'POST /v1/sites': {
    id: 'nul-walk',
    name: 'Walk',
    url: 'https://walk.example',
    allowedOrigins: ['https://walk.example'],
  },
  'POST /v1/sites/{site}/keys': { role: 'moderator', label: 'Desk' },
  'PATCH /v1/sites/{site}/settings': { blockedTerms: ['casino'], heldTerms: ['loterie'] },
  'POST /v1/keys': { label: 'Ops' },
  'POST /v1/sites/{site}/comments': {
    articleId: 'article-1',
    articleUrl: 'https://walk.example/article-1',
    articleTitle: 'Un article',
    author: { name: 'Camille', email: 'camille@example.org', url: 'https://camille.example' },
    content: 'Merci pour cet article très clair.',
    honeypot: '',
    formToken: 'token',
    userAgent: 'Mozilla/5.0',
    referrer: 'https://walk.example/',
  },
  'POST /v1/sites/{site}/comments/{id}/approve': { reason: 'Fine' },
  'POST /v1/sites/{site}/comments/{id}/reject': { reason: 'Off topic' },
  'POST /v1/sites/{site}/comments/{id}/spam': { reason: 'Spam' },
  'POST /v1/sites/{site}/moderation/bulk': { action: 'reject', ids: [UNKNOWN_ID], reason: 'Off topic' },
  'POST /v1/sites/{site}/policy/preview': { settings: { blockedTerms: ['casino'] }, limit: 10 },
  'POST /v1/sites/{site}/webhooks': { url: 'https://hooks.example/vigil', description: 'Desk' },
  'PATCH /v1/sites/{site}/webhooks/{id}': { url: 'https://hooks.example/vigil', description: 'Desk' },
  'POST /v1/sites/{site}/privacy/erase': { email: 'camille@example.org' },
}

/** Akismet clients post forms: each of these fields is tried with a NUL. */
const akismetForm = {
  blog: 'https://walk.example',
  user_ip: '198.51.100.7',
  user_agent: 'Mozilla/5.0',
  comment_author: 'Camille',
  comment_author_email: 'camille@example.org',
  comment_content: 'Merci pour cet article très clair.',
}

/** Every string in `value`, as a path of keys and indexes. */
function stringPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [path]
  if (Array.isArray(value)) return value.flatMap((inner, index) => stringPaths(inner, [...path, index]))
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([key, inner]) => stringPaths(inner, [...path, key]))
  return []
}

/** A copy of `body` whose string at `path` carries a NUL. */
function withNul(body: Body, path: (string | number)[]): Body {
  const copy = structuredClone(body)
  let holder: Body = copy
  for (const key of path.slice(0, -1)) holder = holder[key]
  const last = path.at(-1) as string | number
  holder[last] = `${holder[last]}\u0000`
  return copy
}

type Operation = { method: string; template: string; parameters: Body[]; form: boolean }

describe('a NUL anywhere in a request', () => {
  let site: TestSite
  let operations: Operation[]
  beforeAll(async () => {
    site = await ctx.newSite()
    const doc = await json(ctx.request('GET', '/openapi.json', { token: null }))
    operations = Object.entries(doc.paths as Record<string, Record<string, Body>>).flatMap(
      ([template, ops]) =>
        Object.entries(ops).map(([method, op]) => ({
          method: method.toUpperCase(),
          template,
          parameters: op.parameters ?? [],
          form: Boolean(op.requestBody?.content?.['application/x-www-form-urlencoded']),
        })),
    )
  })

  /** The operation's URL with valid values, but `nulIn` (a parameter's name) set to a NUL-bearing one. */
  const urlOf = (operation: Operation, nulIn?: string) => {
    const valid: Record<string, string> = { site: site.id, id: UNKNOWN_ID, keyId: 'key_x', articleId: 'a' }
    const path = operation.template.replace(/\{(\w+)\}/g, (_, name: string) =>
      name === nulIn ? NUL : (valid[name] ?? 'x'),
    )
    const query = operation.parameters
      .filter((parameter) => parameter.in === 'query' && (parameter.required || parameter.name === nulIn))
      .map((parameter) => {
        const value =
          parameter.name === nulIn ? NUL : parameter.name === 'email' ? 'a%40example.org' : site.serverKey
        return `${parameter.name}=${value}`
      })
    return query.length > 0 ? `${path}?${query.join('&')}` : path
  }

  it('in a path or query parameter is a 400 naming it, on every route', async () => {
    const answers: string[] = []
    for (const operation of operations) {
      for (const parameter of operation.parameters.filter((p) => p.in === 'path' || p.in === 'query')) {
        const url = urlOf(operation, parameter.name)
        const response = await ctx.request(operation.method, url)
        const akismet = /^\/1\.\d\//.test(operation.template)
        // Akismet answers in its own words, with 200s; it only must not fail.
        const text = await response.text()
        const refused = akismet
          ? response.status < 500
          : response.status === 400 && text.includes(`"path":"${parameter.name}"`)
        if (!refused) answers.push(`${operation.method} ${url}: ${response.status} ${text}`)
      }
    }
    expect(answers).toEqual([])
  })

  it('in any string of a JSON body is a 400, never a 500', async () => {
    const answers: string[] = []
    for (const operation of operations) {
      const body = bodies[`${operation.method} ${operation.template}`]
      if (!body) continue
      for (const path of stringPaths(body)) {
        const response = await ctx.request(operation.method, urlOf(operation), { body: withNul(body, path) })
        if (response.status !== 400)
          answers.push(`${operation.method} ${operation.template} ${path.join('.')}: ${response.status}`)
        else
          expect((await json(response)).errors).toEqual([expect.objectContaining({ path: path.join('.') })])
      }
    }
    expect(answers).toEqual([])
  })

  it('in an Akismet form field is answered, never a 500', async () => {
    const answers: string[] = []
    for (const operation of operations.filter((op) => op.form)) {
      for (const field of ['api_key', ...Object.keys(akismetForm)]) {
        const form = new URLSearchParams({ api_key: site.serverKey, ...akismetForm })
        form.set(field, `${form.get(field)}\u0000`)
        const response = await ctx.request(operation.method, operation.template, {
          token: null,
          rawBody: form.toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        })
        if (response.status >= 500) answers.push(`${operation.template} ${field}: ${response.status}`)
      }
    }
    expect(answers).toEqual([])
  })
})
