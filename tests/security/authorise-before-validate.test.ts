import { beforeAll, describe, expect, it } from 'vitest'
import { type Body, json, type TestSite, useTestApp } from '../helpers/app.js'

/**
 * A caller who may not use a route learns nothing from it but 401 or 403, whatever it sends: an invalid body,
 * query or path is refused for who is asking before it is read. Clients and monitoring tell a credentials
 * problem from a request bug by that; a 400 to a stranger would also tell them what the route accepts.
 */
const ctx = useTestApp()

const UNAUTHORIZED = 'urn:vigil:problem:unauthorized'
const FORBIDDEN = 'urn:vigil:problem:forbidden'
const COMMENT = '01234567-89ab-7def-8123-456789abcdef'
const BAD_SITE = 'Not_A_Site'
const TOO_LONG = 'k'.repeat(65)

type Request = { method: string; path: string; body?: Body | Uint8Array }
/** Who the route is for, hence which key falls short of it: a moderator key for the admin's, and so on. */
type Audience = 'admin' | 'moderator' | 'server' | 'site'

/** Each role-restricted operation of the document, with a request it would refuse as invalid (400) to its user. */
const routes: Record<string, { audience: Audience; invalid: (site: string) => Request }> = {
  'POST /v1/sites': { audience: 'admin', invalid: () => ({ method: 'POST', path: '/v1/sites', body: {} }) },
  'GET /v1/sites': { audience: 'admin', invalid: () => ({ method: 'GET', path: '/v1/sites?limit=many' }) },
  'GET /v1/sites/{site}': {
    audience: 'site',
    invalid: () => ({ method: 'GET', path: `/v1/sites/${BAD_SITE}` }),
  },
  'PATCH /v1/sites/{site}': {
    audience: 'admin',
    invalid: (site) => ({ method: 'PATCH', path: `/v1/sites/${site}`, body: { name: 42 } }),
  },
  'DELETE /v1/sites/{site}': {
    audience: 'admin',
    invalid: () => ({ method: 'DELETE', path: `/v1/sites/${BAD_SITE}` }),
  },
  'POST /v1/sites/{site}/keys': {
    audience: 'admin',
    invalid: (site) => ({ method: 'POST', path: `/v1/sites/${site}/keys`, body: { role: 'admin' } }),
  },
  'GET /v1/sites/{site}/keys': {
    audience: 'admin',
    invalid: () => ({ method: 'GET', path: `/v1/sites/${BAD_SITE}/keys` }),
  },
  'DELETE /v1/sites/{site}/keys/{keyId}': {
    audience: 'admin',
    invalid: (site) => ({ method: 'DELETE', path: `/v1/sites/${site}/keys/${TOO_LONG}` }),
  },
  'GET /v1/sites/{site}/settings': {
    audience: 'moderator',
    invalid: () => ({ method: 'GET', path: `/v1/sites/${BAD_SITE}/settings` }),
  },
  'PATCH /v1/sites/{site}/settings': {
    audience: 'admin',
    invalid: (site) => ({ method: 'PATCH', path: `/v1/sites/${site}/settings`, body: { maxLinks: 'many' } }),
  },
  'POST /v1/keys': {
    audience: 'admin',
    invalid: () => ({ method: 'POST', path: '/v1/keys', body: { label: 5 } }),
  },
  'DELETE /v1/keys/{keyId}': {
    audience: 'admin',
    invalid: () => ({ method: 'DELETE', path: `/v1/keys/${TOO_LONG}` }),
  },
  'GET /v1/sites/{site}/queue': {
    audience: 'moderator',
    invalid: (site) => ({ method: 'GET', path: `/v1/sites/${site}/queue?status=whatever` }),
  },
  'GET /v1/sites/{site}/comments/{id}': {
    audience: 'moderator',
    invalid: (site) => ({ method: 'GET', path: `/v1/sites/${site}/comments/not-a-uuid` }),
  },
  ...Object.fromEntries(
    ['approve', 'reject', 'spam'].map((action) => [
      `POST /v1/sites/{site}/comments/{id}/${action}`,
      {
        audience: 'moderator' as const,
        invalid: (site: string) => ({
          method: 'POST',
          path: `/v1/sites/${site}/comments/${COMMENT}/${action}`,
          body: { reason: 5 },
        }),
      },
    ]),
  ),
  'POST /v1/sites/{site}/moderation/bulk': {
    audience: 'moderator',
    invalid: (site) => ({ method: 'POST', path: `/v1/sites/${site}/moderation/bulk`, body: {} }),
  },
  'POST /v1/sites/{site}/policy/preview': {
    audience: 'admin',
    invalid: (site) => ({ method: 'POST', path: `/v1/sites/${site}/policy/preview`, body: { limit: 0 } }),
  },
  'POST /v1/sites/{site}/webhooks': {
    audience: 'admin',
    invalid: (site) => ({ method: 'POST', path: `/v1/sites/${site}/webhooks`, body: {} }),
  },
  'GET /v1/sites/{site}/webhooks': {
    audience: 'admin',
    invalid: () => ({ method: 'GET', path: `/v1/sites/${BAD_SITE}/webhooks` }),
  },
  'PATCH /v1/sites/{site}/webhooks/{id}': {
    audience: 'admin',
    invalid: (site) => ({ method: 'PATCH', path: `/v1/sites/${site}/webhooks/${COMMENT}`, body: { url: 5 } }),
  },
  'DELETE /v1/sites/{site}/webhooks/{id}': {
    audience: 'admin',
    invalid: (site) => ({ method: 'DELETE', path: `/v1/sites/${site}/webhooks/not-a-uuid` }),
  },
  'POST /v1/sites/{site}/webhooks/{id}/rotate-secret': {
    audience: 'admin',
    invalid: (site) => ({ method: 'POST', path: `/v1/sites/${site}/webhooks/not-a-uuid/rotate-secret` }),
  },
  'POST /v1/sites/{site}/webhooks/{id}/test': {
    audience: 'admin',
    invalid: (site) => ({ method: 'POST', path: `/v1/sites/${site}/webhooks/not-a-uuid/test` }),
  },
  'GET /v1/sites/{site}/webhooks/{id}/deliveries': {
    audience: 'admin',
    invalid: (site) => ({ method: 'GET', path: `/v1/sites/${site}/webhooks/${COMMENT}/deliveries?limit=0` }),
  },
  'POST /v1/sites/{site}/deliveries/{id}/redeliver': {
    audience: 'admin',
    invalid: (site) => ({ method: 'POST', path: `/v1/sites/${site}/deliveries/not-a-uuid/redeliver` }),
  },
  'GET /v1/sites/{site}/privacy/export': {
    audience: 'server',
    invalid: (site) => ({ method: 'GET', path: `/v1/sites/${site}/privacy/export?email=not-an-address` }),
  },
  'POST /v1/sites/{site}/privacy/erase': {
    audience: 'server',
    invalid: (site) => ({ method: 'POST', path: `/v1/sites/${site}/privacy/erase`, body: {} }),
  },
}

/** Key-only operations with nothing to validate, or whose own authorisation runs first (/metrics). */
const nothingToValidate = ['GET /v1/keys', 'GET /metrics']

/** A JSON body that is not UTF-8 (0xFF never occurs in it), which whoever may use the route is told is invalid. */
const NOT_UTF8 = new Uint8Array([0x7b, 0xff, 0x7d])
const notUtf8 = (request: Request): Request => ({ ...request, body: NOT_UTF8 })

/** What ctx.request sends for a request's body: JSON, or bytes typed as JSON. */
const bodyOf = ({ body }: Request) =>
  body instanceof Uint8Array ? { rawBody: body, headers: { 'content-type': 'application/json' } } : { body }

let site: TestSite
let other: TestSite

beforeAll(async () => {
  site = await ctx.newSite()
  other = await ctx.newSite()
})

/** The key that falls short of the route: one of the site's own of the wrong role, or, if none, another site's. */
function insufficientKey(audience: Audience): string {
  if (audience === 'admin') return site.moderatorKey
  if (audience === 'moderator') return site.serverKey
  if (audience === 'server') return site.moderatorKey
  return other.moderatorKey
}

async function expectRefused(request: Request, token: string | null, status: 401 | 403) {
  const response = await ctx.request(request.method, request.path, { token, ...bodyOf(request) })
  const body = await json(response)
  expect(response.status, `${request.method} ${request.path}: ${JSON.stringify(body)}`).toBe(status)
  expect(body.type).toBe(status === 401 ? UNAUTHORIZED : FORBIDDEN)
}

describe('authorisation comes before validation', () => {
  it('covers every operation that needs a key', async () => {
    const document = await json(ctx.request('GET', '/openapi.json'))
    const keyed = Object.entries(document.paths as Record<string, Record<string, Body>>).flatMap(
      ([path, operations]) =>
        Object.entries(operations)
          .filter(([, operation]) => JSON.stringify(operation.security) === '[{"bearerAuth":[]}]')
          .map(([method]) => `${method.toUpperCase()} ${path}`),
    )
    expect(keyed.filter((operation) => !nothingToValidate.includes(operation)).sort()).toEqual(
      Object.keys(routes).sort(),
    )
  })

  it('each request is invalid indeed: the admin, who may use every route, is told 400', async () => {
    for (const { invalid } of Object.values(routes)) {
      const request = invalid(site.id)
      const response = await ctx.request(request.method, request.path, bodyOf(request))
      expect(response.status, `${request.method} ${request.path}`).toBe(400)
    }
  })

  for (const [operation, { audience, invalid }] of Object.entries(routes)) {
    describe(operation, () => {
      it('without a key: 401', async () => {
        await expectRefused(invalid(site.id), null, 401)
      })
      it('with an unknown key: 401', async () => {
        await expectRefused(invalid(site.id), 'no-such-key-0123456789', 401)
      })
      it(`with a key short of ${audience === 'site' ? "the site's" : `a ${audience}`} key: 403`, async () => {
        await expectRefused(invalid(site.id), insufficientKey(audience), 403)
      })
    })
  }
})

/** Operations that take a body: any of them may be sent one that cannot be read. */
const withBody = Object.entries(routes).filter(([operation]) => !operation.startsWith('GET '))

describe('authorisation comes before reading the body: one that is not UTF-8', () => {
  it('is refused with 400 to the admin, who may use every route', async () => {
    for (const [, { invalid }] of withBody) {
      const request = notUtf8(invalid(site.id))
      const response = await ctx.request(request.method, request.path, bodyOf(request))
      const body = await json(response)
      expect(response.status, `${request.method} ${request.path}`).toBe(400)
      expect(body.detail).toContain('UTF-8')
    }
  })

  for (const [operation, { audience, invalid }] of withBody) {
    describe(operation, () => {
      it('without a key: 401', async () => {
        await expectRefused(notUtf8(invalid(site.id)), null, 401)
      })
      it('with an unknown key: 401', async () => {
        await expectRefused(notUtf8(invalid(site.id)), 'no-such-key-0123456789', 401)
      })
      it(`with a key short of ${audience === 'site' ? "the site's" : `a ${audience}`} key: 403`, async () => {
        await expectRefused(notUtf8(invalid(site.id)), insufficientKey(audience), 403)
      })
    })
  }

  // The comment form is public: anyone may learn from it that a body must be UTF-8 (and what else it must be),
  // and who the comment is from is read in the body. A key sent with it is checked first, as for other validation:
  // another site's key is refused (403) before the body is read, as on every route for a site.
  describe('sent to the public comment form', () => {
    const submit = (token: string | null) =>
      ctx.request('POST', `/v1/sites/${site.id}/comments`, {
        token,
        rawBody: NOT_UTF8,
        headers: { 'content-type': 'application/json' },
      })

    it('is refused with 400 to a caller without a key, or with a key of the site', async () => {
      for (const token of [null, site.serverKey]) {
        const response = await submit(token)
        expect(response.status, String(token)).toBe(400)
        expect((await json(response)).detail).toContain('UTF-8')
      }
    })

    it("is refused with 403 to another site's key, before it is read", async () => {
      expect((await submit(other.serverKey)).status).toBe(403)
    })

    it('is refused with 401 to a caller whose key is unknown, as a body that is invalid otherwise is', async () => {
      await expectRefused(
        { method: 'POST', path: `/v1/sites/${site.id}/comments`, body: NOT_UTF8 },
        'no-such-key-0123456789',
        401,
      )
      await expectRefused(
        { method: 'POST', path: `/v1/sites/${site.id}/comments`, body: {} },
        'no-such-key-0123456789',
        401,
      )
    })
  })
})
