import { sql } from 'drizzle-orm'
import { expect } from 'vitest'
import { rowsOf } from '../../src/db/client.js'
import { type Body, citingComments, json, type TestContext, type TestSite } from '../helpers/app.js'

/**
 * Two sites of the tenant isolation tests, A and B, what B holds, and how an answer to A is checked for anything of
 * B: in what it shows, and in B's rows, which must be as they were.
 */

export const A_BLOG = 'https://alpha-blog.example'
export const B_BLOG = 'https://bravo-blog.example'
export const NOT_FOUND = 'urn:vigil:problem:not-found'
export const FORBIDDEN = 'urn:vigil:problem:forbidden'

export type Role = 'server' | 'moderator' | 'admin'
export type Fields = Record<string, string>
export type Check = { id: string; fields: Fields }
/** B's article, its approved and its held comment, a webhook, a delivery, a key; the held comment's e-mail. */
type Things = 'article' | 'approved' | 'held' | 'webhook' | 'delivery' | 'key' | 'heldEmail'
/** Site B and what it holds, made by B's own keys (and the admin) before A's attempts. */
export type Tenant = TestSite &
  Record<Things, string> & {
    /** Akismet checks B's backend stored: one let through, one caught as spam. */
    checked: Check
    caught: Check
    /** What only B's keys may see; what B publishes (its approved comment, its name). */
    privateData: string[]
    publicData: string[]
  }
export type Answer = {
  status: number
  type: string
  text: string
  body: Body
  headers: Headers
  seen: string
}

export async function answerOf(pending: Promise<Response> | Response): Promise<Answer> {
  const response = await pending
  const { status, headers } = response
  const text = await response.text()
  let body: Body = {}
  try {
    body = JSON.parse(text)
  } catch {}
  const seen = `${JSON.stringify([...headers])}\n${text}`
  return { status, type: headers.get('content-type') ?? '', text, body, headers, seen }
}

/** Nothing B keeps to itself (nor, unless told, what it publishes) that the request did not name itself. */
export function expectNothingOf(b: Tenant, answer: Answer, request: string, publicToo = true) {
  for (const secret of [...b.privateData, ...(publicToo ? b.publicData : [])]) {
    if (!request.includes(secret)) expect(answer.seen, `the answer shows ${secret}`).not.toContain(secret)
  }
}

/** A problem+json of one of `types`: refused for the key (403), or not found on the path's site (404). */
export function expectProblem(answer: Answer, types: string[]) {
  expect(answer.type, answer.text).toContain('application/problem+json')
  expect(types, answer.text).toContain(answer.body.type)
  expect(answer.status).toBe(answer.body.type === FORBIDDEN ? 403 : 404)
}

/** What the tests of the test file's app (`ctx`) read and send: B's rows, and Akismet forms. */
export function tenantsOf(ctx: TestContext) {
  const query = async <T>(statement: ReturnType<typeof sql>) =>
    rowsOf<T>(await ctx.database.db.execute(statement))

  /** Every row of every table with a `site_id` (and the site's own row): what "nothing of B changed" compares. */
  async function stateOf(siteId: string): Promise<Record<string, string[]>> {
    const tables = await query<{ name: string }>(sql`select table_name as name from information_schema.columns
      where column_name = 'site_id' and table_schema = current_schema() order by 1`)
    const state: Record<string, string[]> = {}
    for (const { name } of [{ name: 'sites' }, ...tables]) {
      const column = sql.identifier(name === 'sites' ? 'id' : 'site_id')
      // A key's last use is all that moves when a key is merely presented.
      const rows = await query<{ row: string }>(sql`select (to_jsonb(t) - 'last_used_at')::text as row
        from ${sql.identifier(name)} t where ${column} = ${siteId} order by 1`)
      state[name] = rows.map(({ row }) => row)
    }
    return state
  }

  function akismet(method: string, path: string, fields: Fields) {
    const form = new URLSearchParams(fields).toString()
    if (method === 'GET') return ctx.request(method, `${path}?${form}`, { token: null })
    const headers = { 'content-type': 'application/x-www-form-urlencoded' }
    return ctx.request(method, path, { headers, rawBody: form, token: null })
  }

  /** Site A, and site B with what it holds, made by B's own keys (and the admin). */
  async function createTenants(): Promise<{ a: TestSite; b: Tenant }> {
    const a = await ctx.newSite({ name: 'Alpha Daily' })
    const site = await ctx.newSite({
      name: 'Bravo Gazette',
      allowedOrigins: ['https://bravo-origin.example'],
    })
    const asAdmin = async (method: string, path: string, body?: unknown) => {
      const response = await ctx.request(method, `/v1/sites/${site.id}${path}`, { body })
      expect(response.ok, `${method} ${path}`).toBe(true)
      return json(response)
    }
    await asAdmin('PATCH', '/settings', { blockedTerms: ['bravo-blocked-term'] })
    const approved = await ctx.submit(site, {
      articleId: 'bravo-article',
      author: { name: 'Bravo Reader', email: 'bravo.reader@bravo.example' },
    })
    const heldEmail = 'bravo.held@bravo.example'
    const pending = await ctx.submit(site, {
      articleId: 'bravo-article',
      author: { name: 'Bravo Held', email: heldEmail },
      content: `${citingComments[0]} bravo-held-secret`,
    })
    expect([approved.status, pending.status]).toEqual(['approved', 'pending'])
    const hook = await asAdmin('POST', '/webhooks', { url: 'https://93.184.215.14/bravo-hook' })
    const ping = await asAdmin('POST', `/webhooks/${hook.id}/test`)
    const keys: string[] = (await asAdmin('GET', '/keys')).items.map((key: Body) => key.id)
    const check = async (n: number, extra: Fields = {}): Promise<Check> => {
      const fields = {
        blog: B_BLOG,
        user_ip: `203.0.113.${n}`,
        comment_author: `Bravo Checked ${n}`,
        comment_author_email: `bravo.checked${n}@bravo.example`,
        comment_content: `Bravo check number ${n}: the council vote on the harbour deserves a closer look.`,
        ...extra,
      }
      const response = await akismet('POST', '/1.1/comment-check', { api_key: site.serverKey, ...fields })
      expect(await response.text()).toBe(extra.hidden ? 'true' : 'false')
      return { id: response.headers.get('x-akismet-guid') ?? '', fields }
    }
    const checked = await check(71)
    const caught = await check(72, { honeypot_field_name: 'hidden', hidden: 'http://bot.example' })
    const b: Tenant = {
      ...site,
      ...{ article: 'bravo-article', approved: approved.id, held: pending.id, heldEmail, key: keys[0] ?? '' },
      ...{ webhook: hook.id, delivery: ping.deliveryId, checked, caught },
      privateData: [
        ...[site.id, pending.id, heldEmail, 'Bravo Held', 'bravo-held-secret', 'bravo.reader@bravo.example'],
        ...['bravo-origin', 'bravo-blocked-term', hook.id, 'bravo-hook', ping.deliveryId, ...keys, B_BLOG],
        ...[checked.id, caught.id, 'Bravo Checked', 'bravo.checked', 'Bravo check number'],
      ],
      publicData: [approved.id, 'Bravo Reader', 'Bravo Gazette'],
    }
    return { a, b }
  }

  return { query, stateOf, akismet, createTenants }
}
