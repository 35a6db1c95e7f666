import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, aComment, type Body, json, type TestSite, useTestApp } from '../helpers/app.js'
import {
  A_BLOG,
  type Answer,
  answerOf,
  B_BLOG,
  type Check,
  expectNothingOf,
  expectProblem,
  type Fields,
  FORBIDDEN,
  NOT_FOUND,
  type Role,
  type Tenant,
  tenantsOf,
} from './tenants.js'

/**
 * Issue 6: a key of one site can never read, decide, export or erase anything of another. Site A attacks site B
 * on every route that takes a site. The table is checked against the app's own OpenAPI document, so no site
 * route can be added without saying here who may call it and what a key of another site gets.
 */
const ctx = useTestApp()
const { query, stateOf, akismet, createTenants } = tenantsOf(ctx)

const THANKS = 'Thanks for making the web a better place.'
const A_HOOK = 'https://93.184.215.14/alpha-hook'

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
  'PATCH /v1/sites/{site}': admin(() => ({ body: { name: 'Renamed' } })),
  // No own-path case: the admin deleting A would name nothing of B.
  'DELETE /v1/sites/{site}': admin(),
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

let a: TestSite
let b: Tenant

beforeAll(async () => {
  ;({ a, b } = await createTenants())
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
