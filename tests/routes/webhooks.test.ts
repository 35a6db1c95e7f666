import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { webhookEndpoints } from '../../src/db/webhook-schema.js'
import { type Body, expectStatus, json, type TestContext, type TestSite, useTestApp } from '../helpers/app.js'

// A public IP literal: accepted without any DNS lookup, and nothing is ever sent to it (no dispatcher runs here).
const PUBLIC_URL = 'https://93.184.215.14/hook'
const SECRET = /^whsec_[A-Za-z0-9+/]{43}=$/
const HOUR = 3_600_000

const ctx = useTestApp()

const hooks = (site: TestSite) => `/v1/sites/${site.id}/webhooks`

async function addEndpoint(site: TestSite, body: Record<string, unknown> = {}, on: TestContext = ctx) {
  return json(expectStatus(on.request('POST', hooks(site), { body: { url: PUBLIC_URL, ...body } }), 201))
}

const patch = (site: TestSite, id: string, body: Record<string, unknown>) =>
  ctx.request('PATCH', `${hooks(site)}/${id}`, { body })

const listed = async (site: TestSite): Promise<Body[]> => (await json(ctx.request('GET', hooks(site)))).items

const redelivery = (site: TestSite, deliveryId: string) =>
  ctx.request('POST', `/v1/sites/${site.id}/deliveries/${deliveryId}/redeliver`)

const ping = (site: TestSite, id: string): Promise<Body> =>
  json(expectStatus(ctx.request('POST', `${hooks(site)}/${id}/test`), 202))

const deliveriesOf = (site: TestSite, id: string, query = ''): Promise<Body> =>
  json(expectStatus(ctx.request('GET', `${hooks(site)}/${id}/deliveries${query}`), 200))

/** Expects a 400 problem whose `errors` name `field`. */
async function expectFieldProblem(pending: Promise<Response>, field: string) {
  const response = await expectStatus(pending, 400)
  expect(response.headers.get('content-type')).toContain('application/problem+json')
  const problem = await json(response)
  expect(problem.type).toBe('urn:vigil:problem:invalid-input')
  expect(problem.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]))
}

describe('webhook endpoints', () => {
  it('are created by the admin, showing the whsec_ secret this once', async () => {
    const site = await ctx.newSite()
    const created = await addEndpoint(site, { description: 'Cache purge' })
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      url: PUBLIC_URL,
      description: 'Cache purge',
      events: null,
      enabled: true,
      disabledReason: null,
      consecutiveFailures: 0,
      previousSecretExpiresAt: null,
      createdAt: ctx.clock.now().toISOString(),
      updatedAt: ctx.clock.now().toISOString(),
      secret: expect.stringMatching(SECRET),
    })

    const listed = await expectStatus(ctx.request('GET', hooks(site)), 200)
    const text = await listed.text()
    expect(text).not.toContain(created.secret)
    const { secret: _, ...view } = created
    expect(JSON.parse(text)).toEqual({ items: [view] })

    const patched = await expectStatus(patch(site, created.id, { description: 'Purge' }), 200)
    expect(await patched.text()).not.toContain(created.secret)
  })

  it('are listed oldest first, each site seeing only its own', async () => {
    const [site, other] = [await ctx.newSite(), await ctx.newSite()]
    const first = await addEndpoint(site)
    const second = await addEndpoint(site, { url: 'http://93.184.215.14:8080/second' })
    await addEndpoint(other)
    expect((await listed(site)).map((endpoint) => endpoint.id)).toEqual([first.id, second.id])
  })

  it('store their events deduplicated and sorted', async () => {
    const site = await ctx.newSite()
    const events = ['comment.spam', 'comment.created', 'comment.spam', 'ping']
    expect((await addEndpoint(site, { events })).events).toEqual(['comment.created', 'comment.spam', 'ping'])
  })

  it.each([
    ['an unknown event', { events: ['comment.deleted'] }, 'events.0'],
    ['an empty event list', { events: [] }, 'events'],
  ])('refuse %s with 400', async (_, body, field) => {
    const site = await ctx.newSite()
    await expectFieldProblem(ctx.request('POST', hooks(site), { body: { url: PUBLIC_URL, ...body } }), field)
  })

  it.each([
    'http://127.0.0.1/',
    'http://localhost:8080/hook',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://10.0.0.1/',
    'http://192.168.1.1/',
    'http://172.16.0.1/',
    'http://169.254.169.254/latest/meta-data',
    'http://0.0.0.0/',
    'ftp://93.184.215.14/hook',
    'http://user:pass@93.184.215.14/',
    'not a url',
  ])('refuse the URL %s with a 400 naming url', async (url) => {
    const site = await ctx.newSite()
    await expectFieldProblem(ctx.request('POST', hooks(site), { body: { url } }), 'url')
    const endpoint = await addEndpoint(site)
    await expectFieldProblem(patch(site, endpoint.id, { url }), 'url')
    expect((await listed(site))[0]?.url).toBe(PUBLIC_URL)
  })

  it('are at most 50 per site: the 51st is refused with 409', async () => {
    const site = await ctx.newSite()
    for (let n = 0; n < 50; n++) await addEndpoint(site, { url: `${PUBLIC_URL}/${n}` })
    const refused = await expectStatus(ctx.request('POST', hooks(site), { body: { url: PUBLIC_URL } }), 409)
    expect((await json(refused)).type).toBe('urn:vigil:problem:conflict')
    await addEndpoint(await ctx.newSite())
  })

  // Fails today: createEndpoint counts, then inserts, with nothing serialising the two (src/webhooks/endpoints.ts).
  it('are at most 50 per site even when added concurrently', async () => {
    const site = await ctx.newSite()
    for (let n = 0; n < 45; n++) await addEndpoint(site, { url: `${PUBLIC_URL}/${n}` })
    const adding = Array.from({ length: 10 }, () =>
      ctx.request('POST', hooks(site), { body: { url: PUBLIC_URL } }),
    )
    const statuses = (await Promise.all(adding)).map((response) => response.status)
    expect(statuses.filter((status) => status === 201)).toHaveLength(5)
    expect(await listed(site)).toHaveLength(50)
  })

  it('change only what a PATCH sends; events: null means every event', async () => {
    const site = await ctx.newSite()
    const endpoint = await addEndpoint(site, { events: ['comment.spam'], description: 'Old' })
    ctx.clock.advance(1_000)
    const patched = await json(
      expectStatus(patch(site, endpoint.id, { url: 'https://93.184.215.14/v2', enabled: false }), 200),
    )
    expect(patched).toMatchObject({
      url: 'https://93.184.215.14/v2',
      enabled: false,
      events: ['comment.spam'],
      description: 'Old',
      createdAt: endpoint.createdAt,
      updatedAt: ctx.clock.now().toISOString(),
    })
    const cleared = await json(patch(site, endpoint.id, { events: null, description: null }))
    expect(cleared).toMatchObject({ events: null, description: null, enabled: false })
    await expectFieldProblem(patch(site, endpoint.id, { events: ['comment.edited'] }), 'events.0')
  })

  it('turned on again by PATCH enabled: true forget why Vigil turned them off and their failures', async () => {
    const site = await ctx.newSite()
    const endpoint = await addEndpoint(site)
    // What the dispatcher does after too many failed deliveries in a row.
    await ctx.database.db
      .update(webhookEndpoints)
      .set({ enabled: false, disabledReason: 'Too many failures', consecutiveFailures: 5 })
      .where(eq(webhookEndpoints.id, endpoint.id))
    const [before] = await listed(site)
    expect(before).toMatchObject({
      enabled: false,
      disabledReason: 'Too many failures',
      consecutiveFailures: 5,
    })
    const after = await json(patch(site, endpoint.id, { enabled: true }))
    expect(after).toMatchObject({ enabled: true, disabledReason: null, consecutiveFailures: 0 })
  })

  it('are deleted with 204, taking their delivery log with them', async () => {
    const site = await ctx.newSite()
    const endpoint = await addEndpoint(site)
    await ping(site, endpoint.id)
    const url = `${hooks(site)}/${endpoint.id}`
    await expectStatus(ctx.request('DELETE', url), 204)
    expect(await listed(site)).toEqual([])
    await expectStatus(ctx.request('GET', `${url}/deliveries`), 404)
    await expectStatus(ctx.request('DELETE', url), 404)
  })

  it('rotate their secret: the new one is shown once, the old one signs for 24 hours more', async () => {
    const site = await ctx.newSite()
    const endpoint = await addEndpoint(site)
    const rotated = await json(
      expectStatus(ctx.request('POST', `${hooks(site)}/${endpoint.id}/rotate-secret`), 200),
    )
    expect(rotated).toMatchObject({
      id: endpoint.id,
      secret: expect.stringMatching(SECRET),
      previousSecretExpiresAt: new Date(ctx.clock.now().getTime() + 24 * HOUR).toISOString(),
    })
    expect(rotated.secret).not.toBe(endpoint.secret)
    const listed = await (await ctx.request('GET', hooks(site))).text()
    expect(listed).not.toContain(endpoint.secret)
    expect(listed).not.toContain(rotated.secret)
    expect(JSON.parse(listed).items[0].previousSecretExpiresAt).toBe(rotated.previousSecretExpiresAt)
  })

  it('keep every secret rotated out within the day signing, four at most, each until its own day is up', async () => {
    const site = await ctx.newSite()
    const endpoint = await addEndpoint(site)
    const secrets = [endpoint.secret as string]
    for (let i = 0; i < 5; i++) {
      ctx.clock.advance(HOUR)
      const rotated = await json(
        expectStatus(ctx.request('POST', `${hooks(site)}/${endpoint.id}/rotate-secret`), 200),
      )
      secrets.push(rotated.secret)
    }
    const signing = async () => {
      const [row] = await ctx.database.db
        .select()
        .from(webhookEndpoints)
        .where(eq(webhookEndpoints.id, endpoint.id))
      return [row?.secret, row?.previousSecret, ...(row?.olderSecrets ?? []).map((older) => older.secret)]
    }
    // Six secrets in five hours: the newest five sign, the first is gone.
    expect(await signing()).toEqual(secrets.slice(1).reverse())
    // Another rotation 22 hours on (27 h after the first): the secrets retired a day ago or more have stopped.
    ctx.clock.advance(22 * HOUR)
    const last = await json(
      expectStatus(ctx.request('POST', `${hooks(site)}/${endpoint.id}/rotate-secret`), 200),
    )
    expect(await signing()).toEqual([last.secret, ...secrets.slice(-3).reverse()])
  })
})

describe('access to webhook endpoints', () => {
  it("is the admin's alone: 401 without a key, 403 for the site's moderator and server keys", async () => {
    const site = await ctx.newSite()
    const endpoint = await addEndpoint(site)
    const delivery = await ping(site, endpoint.id)
    const routes: [string, string, unknown?][] = [
      ['POST', hooks(site), { url: PUBLIC_URL }],
      ['GET', hooks(site)],
      ['PATCH', `${hooks(site)}/${endpoint.id}`, { enabled: false }],
      ['DELETE', `${hooks(site)}/${endpoint.id}`],
      ['POST', `${hooks(site)}/${endpoint.id}/rotate-secret`],
      ['POST', `${hooks(site)}/${endpoint.id}/test`],
      ['GET', `${hooks(site)}/${endpoint.id}/deliveries`],
      ['POST', `/v1/sites/${site.id}/deliveries/${delivery.deliveryId}/redeliver`],
    ]
    for (const [method, path, body] of routes) {
      expect((await ctx.request(method, path, { body, token: null })).status, `${method} ${path}`).toBe(401)
      for (const token of [site.moderatorKey, site.serverKey]) {
        expect((await ctx.request(method, path, { body, token })).status, `${method} ${path}`).toBe(403)
      }
    }
    expect(await listed(site)).toHaveLength(1)
  })

  it("answers 404 for another site's endpoint (leaving it alone) and for an unknown site", async () => {
    const [site, other] = [await ctx.newSite(), await ctx.newSite()]
    const endpoint = await addEndpoint(other)
    const url = `${hooks(site)}/${endpoint.id}`
    await expectStatus(patch(site, endpoint.id, { enabled: false }), 404)
    await expectStatus(ctx.request('DELETE', url), 404)
    await expectStatus(ctx.request('POST', `${url}/rotate-secret`), 404)
    await expectStatus(ctx.request('POST', `${url}/test`), 404)
    await expectStatus(ctx.request('GET', `${url}/deliveries`), 404)
    expect((await listed(other))[0]).toMatchObject({ enabled: true, previousSecretExpiresAt: null })
    expect(await deliveriesOf(other, endpoint.id)).toEqual({ items: [], nextCursor: null })
    await expectStatus(ctx.request('GET', '/v1/sites/no-such-site/webhooks'), 404)
    const body = { url: PUBLIC_URL }
    await expectStatus(ctx.request('POST', '/v1/sites/no-such-site/webhooks', { body }), 404)
  })
})

describe('test pings and the delivery log', () => {
  it('queue a ping (202 with eventId and deliveryId), whatever the endpoint subscribes to', async () => {
    const site = await ctx.newSite()
    const endpoint = await addEndpoint(site, { events: ['comment.spam'] })
    const queued = await ping(site, endpoint.id)
    expect(queued).toEqual({ eventId: expect.stringMatching(/^msg_/), deliveryId: expect.any(String) })
    expect((await deliveriesOf(site, endpoint.id)).items).toEqual([
      expect.objectContaining({
        id: queued.deliveryId,
        endpointId: endpoint.id,
        eventId: queued.eventId,
        event: 'ping',
        state: 'pending',
        attempts: 0,
        history: [],
      }),
    ])
  })

  it('refuse to ping an endpoint a person turned off, with 409', async () => {
    const site = await ctx.newSite()
    const endpoint = await addEndpoint(site)
    await expectStatus(patch(site, endpoint.id, { enabled: false }), 200)
    const refused = await expectStatus(ctx.request('POST', `${hooks(site)}/${endpoint.id}/test`), 409)
    expect((await json(refused)).type).toBe('urn:vigil:problem:conflict')
  })

  it('page the log newest first with limit and nextCursor, and refuse a bad cursor', async () => {
    const site = await ctx.newSite()
    const endpoint = await addEndpoint(site)
    const queued: string[] = []
    for (let n = 0; n < 5; n++) queued.push((await ping(site, endpoint.id)).deliveryId)
    const seen: string[][] = []
    let cursor: string | null = ''
    while (cursor !== null) {
      const page: Body = await deliveriesOf(site, endpoint.id, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      seen.push(page.items.map((delivery: Body) => delivery.id))
      cursor = page.nextCursor
    }
    expect(seen.map((page) => page.length)).toEqual([2, 2, 1])
    expect(seen.flat()).toEqual([...queued].reverse())
    const url = `${hooks(site)}/${endpoint.id}/deliveries`
    await expectFieldProblem(ctx.request('GET', `${url}?cursor=not-a-cursor`), 'cursor')
    await expectFieldProblem(ctx.request('GET', `${url}?limit=0`), 'limit')
  })
})

describe('redelivery', () => {
  it('queues the same event again as a new delivery (202)', async () => {
    const site = await ctx.newSite()
    const endpoint = await addEndpoint(site)
    const original = await ping(site, endpoint.id)
    const again = await json(expectStatus(redelivery(site, original.deliveryId), 202))
    expect(again).toMatchObject({ endpointId: endpoint.id, eventId: original.eventId, state: 'pending' })
    expect(again.id).not.toBe(original.deliveryId)
    const { items } = await deliveriesOf(site, endpoint.id)
    expect(items.map((delivery: Body) => delivery.id)).toEqual([again.id, original.deliveryId])
  })

  it("answers 404 for an unknown delivery and for another site's", async () => {
    const [site, other] = [await ctx.newSite(), await ctx.newSite()]
    const theirs = await ping(other, (await addEndpoint(other)).id)
    await expectStatus(redelivery(site, crypto.randomUUID()), 404)
    await expectStatus(redelivery(site, theirs.deliveryId), 404)
  })
})

describe('events from comment intake', () => {
  it('a new comment queues comment.created for a subscribed endpoint, and nothing for others', async () => {
    const site = await ctx.newSite()
    const everything = await addEndpoint(site)
    const created = await addEndpoint(site, { events: ['comment.created'] })
    const spamOnly = await addEndpoint(site, { events: ['comment.spam'] })
    const off = await addEndpoint(site)
    await expectStatus(patch(site, off.id, { enabled: false }), 200)
    await ctx.submit(site)
    for (const endpoint of [everything, created]) {
      expect((await deliveriesOf(site, endpoint.id)).items).toEqual([
        expect.objectContaining({ event: 'comment.created', state: 'pending', attempts: 0 }),
      ])
    }
    expect((await deliveriesOf(site, spamOnly.id)).items).toEqual([])
    expect((await deliveriesOf(site, off.id)).items).toEqual([])
  })
})

describe('the OpenAPI document', () => {
  it('documents every webhook route', async () => {
    const { paths } = await json(expectStatus(ctx.request('GET', '/openapi.json', { token: null }), 200))
    const documented = Object.entries(paths).flatMap(([path, operations]) =>
      Object.keys(operations as object).map((method) => `${method.toUpperCase()} ${path}`),
    )
    expect(documented).toEqual(
      expect.arrayContaining([
        'POST /v1/sites/{site}/webhooks',
        'GET /v1/sites/{site}/webhooks',
        'PATCH /v1/sites/{site}/webhooks/{id}',
        'DELETE /v1/sites/{site}/webhooks/{id}',
        'POST /v1/sites/{site}/webhooks/{id}/rotate-secret',
        'POST /v1/sites/{site}/webhooks/{id}/test',
        'GET /v1/sites/{site}/webhooks/{id}/deliveries',
        'POST /v1/sites/{site}/deliveries/{id}/redeliver',
      ]),
    )
  })
})

describe('with WEBHOOK_ALLOW_PRIVATE_NETWORKS=true', () => {
  const local = useTestApp({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' })

  it.each(['http://127.0.0.1:3000/hook', 'http://localhost/', 'http://[::1]/', 'http://10.0.0.1/'])(
    'accepts %s',
    async (url) => {
      expect((await addEndpoint(await local.newSite(), { url }, local)).url).toBe(url)
    },
  )

  it.each(['ftp://127.0.0.1/', 'http://user:pass@127.0.0.1/'])('still refuses %s', async (url) => {
    const site = await local.newSite()
    await expectFieldProblem(local.request('POST', hooks(site), { body: { url } }), 'url')
  })
})
