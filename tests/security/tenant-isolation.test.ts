import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { rowsOf } from '../../src/db/client.js'
import {
  ADMIN_TOKEN,
  aComment,
  type Body,
  citingComments,
  json,
  type TestSite,
  useTestApp,
} from '../helpers/app.js'

/**
 * Issue 6: a key of one site can never read, decide, export or erase anything of another. Site A attacks site B
 * on every route that takes a site. The table is checked against the app's own OpenAPI document, so no site
 * route can be added without saying here who may call it and what a key of another site gets.
 */
const ctx = useTestApp()

const THANKS = 'Thanks for making the web a better place.'
const A_BLOG = 'https://alpha-blog.example'
const B_BLOG = 'https://bravo-blog.example'
const A_HOOK = 'https://93.184.215.14/alpha-hook'
const NOT_FOUND = 'urn:vigil:problem:not-found'
const FORBIDDEN = 'urn:vigil:problem:forbidden'

type Role = 'server' | 'moderator' | 'admin'
type Fields = Record<string, string>
type Check = { id: string; fields: Fields }
/** B's article, its approved and its held comment, a webhook, a delivery, a key; the held comment's e-mail. */
type Things = 'article' | 'approved' | 'held' | 'webhook' | 'delivery' | 'key' | 'heldEmail'
/** Site B and what it holds, made by B's own keys (and the admin) before A's attempts. */
type Tenant = TestSite &
  Record<Things, string> & {
    /** Akismet checks B's backend stored: one let through, one caught as spam. */
    checked: Check
    caught: Check
    /** What only B's keys may see; what B publishes (its approved comment, its name). */
    privateData: string[]
    publicData: string[]
  }
type Answer = { status: number; type: string; text: string; body: Body; headers: Headers; seen: string }
type Call = (b: Tenant) => { params?: Record<string, string>; body?: unknown; query?: string }
/** On A's own path naming B's things, by whoever may call it there: a 404 unless `expect` says otherwise. */
type OwnPath = { as: Role; status?: number; expect?: (answer: Answer) => void }
type Row = {
  /** Who the route is for: the specification, in words. */
  for: string
  /** What the request names besides the site: B's own things. */
  call?: Call
  ownPath?: OwnPath
  /** Open to anyone, keyed or not: what it shows is only the path site's own public data. */
  public?: (answer: Answer, b: Tenant) => void
  /** Akismet: the key implies the site. A's server key, naming B's checks, only ever sees and affects A's. */
  akismet?: { fields: (b: Tenant) => Fields; sees: (answer: Answer, a: TestSite) => unknown }
  /** Akismet housekeeping that reads no key: these words to anyone, whatever key and blog are sent. */
  keyless?: string
}

const admin = (call?: Call, ownPath?: OwnPath): Row => ({ for: 'the admin', call, ownPath })
const moderator = (call?: Call, ownPath?: OwnPath): Row => ({
  for: "the site's moderator key",
  call,
  ownPath,
})
const server = (call: Call, ownPath: OwnPath): Row => ({ for: "the site's server key", call, ownPath })
const akismetKey = (what: string, akismet: Row['akismet']): Row => ({ for: `a server key: ${what}`, akismet })
const keyless = (words: string): Row => ({ for: 'anyone: it reads no key and names no site', keyless: words })
const [byAdmin, byModerator, byServer] = [{ as: 'admin' }, { as: 'moderator' }, { as: 'server' }] as const
const held: Call = (b) => ({ params: { id: b.held } })
const approved: Call = (b) => ({ params: { id: b.approved } })
const webhook: Call = (b) => ({ params: { id: b.webhook } })
const delivery: Call = (b) => ({ params: { id: b.delivery } })
/** A's own check, with B's content, author, IP (and guid): as if A's backend had got hold of them. */
const asA = ({ fields }: Check, guid = ''): Fields => ({ ...fields, blog: A_BLOG, guid })
const query = async <T>(statement: ReturnType<typeof sql>) =>
  rowsOf<T>(await ctx.database.db.execute(statement))

const usageLimit = akismetKey("the usage of the key's own site", {
  fields: () => ({}),
  sees: async (answer, a) => {
    const [own] = await query<{ n: number }>(
      sql`select count(*)::int as n from comments where site_id = ${a.id} and source = 'akismet'`,
    )
    expect(answer.body.usage).toBe(own?.n)
  },
})
const keySites = akismetKey("the blogs of the key's own site's checks", {
  fields: () => ({}),
  sees: (answer) => {
    const blogs = (Object.values(answer.body).find(Array.isArray) as Body[]).map((entry) => entry.site)
    expect(blogs).toEqual([A_BLOG])
  },
})

const table: Record<string, Row> = {
  'GET /v1/sites/{site}': { for: "the site's server and moderator keys" },
  'POST /v1/sites/{site}/keys': admin(() => ({ body: { role: 'server' } })),
  'GET /v1/sites/{site}/keys': admin(),
  'DELETE /v1/sites/{site}/keys/{keyId}': admin((b) => ({ params: { keyId: b.key } }), byAdmin),
  'GET /v1/sites/{site}/settings': moderator(),
  'PATCH /v1/sites/{site}/settings': admin(() => ({ body: { maxLinks: 9 } })),
  'POST /v1/sites/{site}/policy/preview': admin(() => ({ body: { settings: { maxLinks: 0 } } })),
  'GET /v1/sites/{site}/form-token': {
    for: 'anyone (public): a token signed for the path site, showing nothing of it',
    public: (answer) => expect(Object.keys(answer.body).sort()).toEqual(['expiresAt', 'token']),
  },
  'POST /v1/sites/{site}/comments': {
    for: "anyone without a key (public), or the site's own keys; a key of another site is refused",
    call: (b) => ({ body: aComment({ articleId: b.article, parentId: b.approved }) }),
    // A reply to B's comment sent to A's path hears what any unknown parent gets.
    ownPath: {
      ...byServer,
      status: 400,
      expect: (answer) => expect(answer.body.errors[0].path).toBe('parentId'),
    },
  },
  'GET /v1/sites/{site}/articles/{articleId}/comments': {
    for: "anyone (public): the path site's approved comments on the article, and nothing else",
    call: (b) => ({ params: { articleId: b.article } }),
    public: (answer, b) => expect(answer.body.items.map((item: Body) => item.id)).toEqual([b.approved]),
  },
  'GET /v1/sites/{site}/queue': moderator(() => ({ query: '?status=pending' })),
  'GET /v1/sites/{site}/comments/{id}': moderator(held, byModerator),
  'POST /v1/sites/{site}/comments/{id}/approve': moderator(held, byModerator),
  'POST /v1/sites/{site}/comments/{id}/reject': moderator(held, byModerator),
  'POST /v1/sites/{site}/comments/{id}/spam': moderator(approved, byModerator),
  'POST /v1/sites/{site}/moderation/bulk': moderator(
    (b) => ({ body: { action: 'spam', ids: [b.held, b.approved] } }),
    {
      ...byModerator,
      expect: (answer) =>
        expect(answer.body.results.map((r: Body) => r.error?.type)).toEqual([NOT_FOUND, NOT_FOUND]),
    },
  ),
  'POST /v1/sites/{site}/webhooks': admin(() => ({ body: { url: A_HOOK } })),
  'GET /v1/sites/{site}/webhooks': admin(),
  'PATCH /v1/sites/{site}/webhooks/{id}': admin(
    (b) => ({ params: { id: b.webhook }, body: { url: A_HOOK, enabled: false } }),
    byAdmin,
  ),
  'DELETE /v1/sites/{site}/webhooks/{id}': admin(webhook, byAdmin),
  'POST /v1/sites/{site}/webhooks/{id}/rotate-secret': admin(webhook, byAdmin),
  'POST /v1/sites/{site}/webhooks/{id}/test': admin(webhook, byAdmin),
  'GET /v1/sites/{site}/webhooks/{id}/deliveries': admin(webhook, byAdmin),
  'POST /v1/sites/{site}/deliveries/{id}/redeliver': admin(delivery, byAdmin),
  'GET /v1/sites/{site}/privacy/export': server(
    (b) => ({ query: `?email=${encodeURIComponent(b.heldEmail)}` }),
    {
      ...byServer,
      expect: (answer) =>
        expect(answer.body).toMatchObject({ comments: [], reputation: { approved: 0, spam: 0 } }),
    },
  ),
  'POST /v1/sites/{site}/privacy/erase': server((b) => ({ body: { email: b.heldEmail } }), {
    ...byServer,
    expect: (answer) => expect(answer.body).toEqual({ deleted: [], anonymised: [] }),
  }),
  'GET /privacy': {
    for: 'anyone (public): the notice names the site of ?site= and says nothing else of it',
    call: (b) => ({ query: `?site=${b.id}` }),
    public: (answer) => expect(answer.type).toContain('text/html'),
  },
  'POST /1.1/verify-key': akismetKey('valid, whatever blog it names', {
    fields: () => ({ blog: B_BLOG }),
    sees: (answer) => expect(answer.text).toBe('valid'),
  }),
  'POST /1.1/comment-check': akismetKey("the check is stored on the key's site, never answered from B's", {
    fields: (b) => asA(b.checked),
    sees: async (answer, a) => {
      const guid = answer.headers.get('x-akismet-guid') ?? ''
      const [stored] = await query<{ site: string }>(
        sql`select site_id as site from comments where id::text = ${guid}`,
      )
      expect(stored?.site).toBe(a.id)
    },
  }),
  'POST /1.1/submit-spam': akismetKey("it decides only its own site's checks", {
    fields: (b) => asA(b.checked, b.checked.id),
    sees: (answer) => expect(answer.text).toBe(THANKS),
  }),
  'POST /1.1/submit-ham': akismetKey("it decides only its own site's checks", {
    fields: (b) => asA(b.caught, b.caught.id),
    sees: (answer) => expect(answer.text).toBe(THANKS),
  }),
  'POST /1.1/get-subscription': akismetKey('the same active account, whatever blog it names', {
    fields: () => ({ blog: B_BLOG }),
    sees: (answer) => expect(answer.body.status).toBe('active'),
  }),
  'GET /1.1/test': keyless('connected'),
  'POST /1.1/test': keyless('connected'),
  'POST /1.1/deactivate': keyless('deactivated'),
  'POST /1.1/token': keyless(''),
  'POST /1.1/get-stats': keyless(''),
  'POST /1.1/verify-wpcom-key': keyless(''),
  'GET /1.2/usage-limit': usageLimit,
  'POST /1.2/usage-limit': usageLimit,
  'GET /1.2/key-sites': keySites,
  'POST /1.2/key-sites': keySites,
}

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

async function answerOf(pending: Promise<Response> | Response): Promise<Answer> {
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
function expectNothingOf(b: Tenant, answer: Answer, request: string, publicToo = true) {
  for (const secret of [...b.privateData, ...(publicToo ? b.publicData : [])]) {
    if (!request.includes(secret)) expect(answer.seen, `the answer shows ${secret}`).not.toContain(secret)
  }
}

/** A problem+json of one of `types`: refused for the key (403), or not found on the path's site (404). */
function expectProblem(answer: Answer, types: string[]) {
  expect(answer.type, answer.text).toContain('application/problem+json')
  expect(types, answer.text).toContain(answer.body.type)
  expect(answer.status).toBe(answer.body.type === FORBIDDEN ? 403 : 404)
}

function akismet(method: string, path: string, fields: Fields) {
  const form = new URLSearchParams(fields).toString()
  if (method === 'GET') return ctx.request(method, `${path}?${form}`, { token: null })
  const headers = { 'content-type': 'application/x-www-form-urlencoded' }
  return ctx.request(method, path, { headers, rawBody: form, token: null })
}

let a: TestSite
let b: Tenant

beforeAll(async () => {
  a = await ctx.newSite({ name: 'Alpha Daily' })
  const site = await ctx.newSite({ name: 'Bravo Gazette', allowedOrigins: ['https://bravo-origin.example'] })
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
  b = {
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
})

describe('tenant isolation', () => {
  it('has an entry in the table for every route that takes a site, and only for those', async () => {
    const doc = await json(ctx.request('GET', '/openapi.json', { token: null }))
    const routes = Object.entries(doc.paths as Record<string, Record<string, Body>>).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, path, op })),
    )
    const takingASite = routes.filter(
      ({ path, op }) =>
        /\{site\}|^\/1\.\d\//.test(path) || op.parameters?.some((p: Body) => p.name === 'site'),
    )
    expect(takingASite.map(({ route }) => route).sort()).toEqual(Object.keys(table).sort())
  })

  for (const [route, row] of Object.entries(table)) {
    const [method = '', template = ''] = route.split(' ')
    /** The route on `site`'s path, naming B's things; `request` is what it named, which may come back. */
    const send = async (site: TestSite, token: string | null) => {
      const { params = {}, body, query = '' } = row.call?.(b) ?? {}
      const path = template.replace(
        /\{(\w+)\}/g,
        (_, name: string) => (name === 'site' ? site.id : params[name]) ?? '',
      )
      const answer = await answerOf(ctx.request(method, `${path}${query}`, { token, body }))
      return { answer, request: decodeURIComponent(`${path}${query} ${JSON.stringify(body ?? null)}`) }
    }
    /** Runs `attempt` and checks that B's rows, every one, are as they were. */
    const leavesBAlone = async (attempt: () => Promise<void>) => {
      const before = await stateOf(b.id)
      await attempt()
      expect(await stateOf(b.id)).toEqual(before)
    }

    describe(`${route}, for ${row.for}`, () => {
      const { akismet: viaKey, ownPath, keyless: words } = row
      if (words !== undefined) {
        it("answers the same words to A's keys and to no key, showing and changing nothing of B", () =>
          leavesBAlone(async () => {
            for (const key of [a.serverKey, a.moderatorKey, null]) {
              const fields = { blog: B_BLOG, ...(key ? { api_key: key } : {}) }
              const answer = await answerOf(akismet(method, template, fields))
              expect([answer.status, answer.text]).toEqual([200, words])
              expectNothingOf(b, answer, JSON.stringify(fields))
            }
          }))
        return
      }
      if (viaKey) {
        it("lets A's server key see and affect only A's checks, even when it names B's", () =>
          leavesBAlone(async () => {
            const answer = await answerOf(
              akismet(method, template, { ...viaKey.fields(b), api_key: a.serverKey }),
            )
            expect(answer.status).toBe(200)
            await viaKey.sees(answer, a)
            expectNothingOf(b, answer, JSON.stringify(viaKey.fields(b)))
          }))
        it("answers invalid to A's moderator key, which is no server key", () =>
          leavesBAlone(async () => {
            const answer = await answerOf(
              akismet(method, template, { ...viaKey.fields(b), api_key: a.moderatorKey }),
            )
            expect(answer.text).toBe('invalid')
          }))
        return
      }

      const guarded = "refuses A's server and moderator keys on B's path with a 403 or 404 problem"
      const open = "shows A's keys, as anyone, only B's own public data"
      it(`${row.public ? open : guarded}, and changes nothing of B`, async () => {
        for (const token of [a.serverKey, a.moderatorKey, ...(row.public ? [null] : [])]) {
          await leavesBAlone(async () => {
            const { answer, request } = await send(b, token)
            if (!row.public) expectProblem(answer, [FORBIDDEN, NOT_FOUND])
            else {
              expect(answer.status, answer.text).toBe(200)
              row.public(answer, b)
            }
            expectNothingOf(b, answer, request, !row.public)
          })
        }
      })

      if (ownPath) {
        const who = ownPath.as === 'admin' ? 'the admin' : `A's ${ownPath.as} key`
        it(`answers ${who} on A's own path naming B's things with nothing of B, and changes nothing of B`, () =>
          leavesBAlone(async () => {
            const token = { admin: ADMIN_TOKEN, server: a.serverKey, moderator: a.moderatorKey }[ownPath.as]
            const { answer, request } = await send(a, token)
            if (!ownPath.expect) expectProblem(answer, [NOT_FOUND])
            else {
              expect(answer.status, answer.text).toBe(ownPath.status ?? 200)
              ownPath.expect(answer)
            }
            expectNothingOf(b, answer, request)
          }))
      }
    })
  }
})
