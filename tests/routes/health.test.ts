import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { createLogger } from '../../src/logger.js'
import { SCALAR_INTEGRITY, SCALAR_SCRIPT } from '../../src/routes/docs.js'
import { webhookEventTypes } from '../../src/webhooks/events.js'
import { ADMIN_TOKEN, type Body, json, TestClock, useTestApp } from '../helpers/app.js'

const ctx = useTestApp()

describe('operations', () => {
  it('/healthz says the process is up', async () => {
    const response = await ctx.request('GET', '/healthz', { token: null })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok' })
  })

  it('/readyz checks the database and that every migration is applied', async () => {
    const response = await ctx.request('GET', '/readyz', { token: null })
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(await response.json()).toEqual({ status: 'ok' })
  })

  it('/readyz answers 503 once the process has begun to stop, while /healthz still answers 200', async () => {
    let stopping = false
    const app = createApp({
      db: ctx.database.db,
      config: loadConfig({ ADMIN_TOKEN, NODE_ENV: 'test' }),
      stopping: () => stopping,
    })
    expect((await app.request('/readyz')).status).toBe(200)
    stopping = true
    const response = await app.request('/readyz')
    expect(response.status).toBe(503)
    expect(await response.json()).toEqual({ status: 'unavailable', detail: 'the process is shutting down' })
    expect((await app.request('/healthz')).status).toBe(200)
  })

  it('every response carries a request id, and errors repeat it', async () => {
    const response = await ctx.request('GET', '/nowhere', {
      token: null,
      headers: { 'x-request-id': 'trace-123' },
    })
    expect(response.status).toBe(404)
    expect(response.headers.get('x-request-id')).toBe('trace-123')
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect(await response.json()).toEqual({
      type: 'urn:vigil:problem:route-not-found',
      title: expect.any(String),
      status: 404,
      detail: 'No endpoint answers GET /nowhere.',
      instance: '/nowhere',
      requestId: 'trace-123',
    })
  })

  it('sets security headers on every response', async () => {
    const response = await ctx.request('GET', '/healthz', { token: null })
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN')
  })
})

describe('readiness in the log', () => {
  /** An app on the test database, which refuses every statement while `down` is set, and what it logs. */
  function appWithFailingDatabase() {
    const state = { down: false }
    const refused = () =>
      Promise.reject(
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      )
    const db = new Proxy(ctx.database.db, {
      get: (target, property) =>
        state.down && property === 'execute' ? refused : Reflect.get(target, property),
    })
    const lines: Body[] = []
    const logger = createLogger('debug', { write: (line: string) => void lines.push(JSON.parse(line)) })
    const clock = new TestClock()
    const app = createApp({ db, config: loadConfig({ ADMIN_TOKEN, NODE_ENV: 'test' }), clock, logger })
    const probe = async () => (await app.request('/readyz')).status
    /** What was logged but the request lines. */
    const logged = () => lines.filter((line) => line.msg !== 'request')
    return { state, clock, probe, logged }
  }

  it('says once, with the error, that the database stopped answering, and once that it answers again', async () => {
    const { state, clock, probe, logged } = appWithFailingDatabase()
    expect(await probe()).toBe(200)
    expect(logged()).toEqual([])

    state.down = true
    for (let tick = 0; tick < 20; tick++) {
      expect(await probe()).toBe(503)
      clock.advance(5_000)
    }
    expect(logged()).toHaveLength(1)
    expect(logged()[0]).toMatchObject({
      level: 40,
      msg: 'not ready: the database does not answer',
      err: { message: expect.stringContaining('ECONNREFUSED'), stack: expect.any(String) },
    })

    state.down = false
    expect(await probe()).toBe(200)
    expect(await probe()).toBe(200)
    expect(logged()).toHaveLength(2)
    expect(logged()[1]).toMatchObject({
      level: 30,
      msg: 'the database answers readiness probes again',
      failedForSeconds: 100,
    })
    expect(logged()[1]?.err).toBeUndefined()

    // A second outage is told again.
    state.down = true
    expect(await probe()).toBe(503)
    expect(logged()).toHaveLength(3)
    expect(logged()[2]).toMatchObject({ msg: 'not ready: the database does not answer' })
  })

  it('reminds every five minutes of a database still failing, without the stack', async () => {
    const { state, clock, probe, logged } = appWithFailingDatabase()
    state.down = true
    // Ten minutes and a little more of probes every 10 s.
    for (let tick = 0; tick <= 61; tick++) {
      expect(await probe()).toBe(503)
      clock.advance(10_000)
    }
    const reminders = logged().slice(1)
    expect(reminders).toEqual([
      expect.objectContaining({
        level: 40,
        msg: 'still not ready: the database does not answer',
        failingForSeconds: 300,
      }),
      expect.objectContaining({
        level: 40,
        msg: 'still not ready: the database does not answer',
        failingForSeconds: 600,
      }),
    ])
    for (const reminder of reminders) {
      expect(reminder.err).toBeUndefined()
      expect(reminder.error).toContain('ECONNREFUSED')
    }
  })
})

describe('the API description', () => {
  it('/openapi.json is an OpenAPI 3.1 document covering every v1 endpoint', async () => {
    const doc = await json(ctx.request('GET', '/openapi.json', { token: null }))
    expect(doc.openapi).toBe('3.1.0')
    const operations = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    )
    expect(operations).toEqual(
      expect.arrayContaining([
        'POST /v1/sites',
        'GET /v1/sites/{site}',
        'POST /v1/sites/{site}/keys',
        'DELETE /v1/sites/{site}/keys/{keyId}',
        'GET /v1/sites/{site}/settings',
        'PATCH /v1/sites/{site}/settings',
        'POST /v1/sites/{site}/comments',
        'GET /v1/sites/{site}/articles/{articleId}/comments',
        'GET /v1/sites/{site}/queue',
        'GET /v1/sites/{site}/comments/{id}',
        'POST /v1/sites/{site}/comments/{id}/approve',
        'POST /v1/sites/{site}/comments/{id}/reject',
        'POST /v1/sites/{site}/comments/{id}/spam',
        'POST /v1/sites/{site}/moderation/bulk',
        'GET /v1/sites/{site}/form-token',
        'POST /v1/sites/{site}/policy/preview',
        'GET /v1/rules',
        'GET /healthz',
        'GET /readyz',
      ]),
    )
    expect(doc.components.schemas.Problem).toBeDefined()
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' })
    const submit = doc.paths['/v1/sites/{site}/comments'].post
    expect(Object.keys(submit.responses)).toEqual(
      expect.arrayContaining(['201', '400', '409', '413', '415', '429']),
    )
  })

  it('lists on every v1 operation what the middleware in front of it can answer', async () => {
    const doc = await json(ctx.request('GET', '/openapi.json', { token: null }))
    const problemsOf = (path: string, method: string) =>
      Object.entries(doc.paths[path][method].responses as Record<string, Body>)
        .filter(([, response]) => response.content?.['application/problem+json'])
        .map(([code]) => code)
    const everyV1 = Object.entries(doc.paths as Record<string, Record<string, Body>>)
      .filter(([path]) => path.startsWith('/v1/'))
      .flatMap(([path, item]) => Object.keys(item).map((method) => [path, method] as const))
    expect(everyV1.length).toBeGreaterThan(20)
    for (const [path, method] of everyV1) {
      expect(problemsOf(path, method), `${method} ${path}`).toEqual(
        expect.arrayContaining(['401', '429', '500', '503']),
      )
    }
    // A public route still refuses a wrong key; a site that does not exist is a 404 wherever a site is named.
    expect(problemsOf('/v1/sites/{site}/form-token', 'get')).toEqual(
      expect.arrayContaining(['400', '401', '404', '429', '500', '503']),
    )
    expect(problemsOf('/v1/sites/{site}/comments/{id}', 'get')).toEqual(
      expect.arrayContaining(['400', '404']),
    )
    expect(problemsOf('/v1/sites/{site}/webhooks', 'post')).toEqual(
      expect.arrayContaining(['400', '404', '413', '415']),
    )
  })

  it("describes every webhook event's body under webhooks", async () => {
    const doc = await json(ctx.request('GET', '/openapi.json', { token: null }))
    expect(Object.keys(doc.webhooks).sort()).toEqual([...webhookEventTypes].sort())
    const spam = doc.webhooks['comment.spam'].post
    expect(spam.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/CommentSpamEvent',
    })
    expect(spam.parameters.map((header: Body) => header.name)).toEqual([
      'webhook-id',
      'webhook-timestamp',
      'webhook-signature',
    ])
    // What a receiver is sent of a comment: never the reader's IP, user agent or referrer.
    const comment = Object.keys(doc.components.schemas.WebhookComment.properties)
    expect(comment.filter((field) => ['ip', 'userAgent', 'referrer', 'extra'].includes(field))).toEqual([])
  })

  it('uses only the formats JSON Schema defines, which validators and generators know', async () => {
    const doc = await json(ctx.request('GET', '/openapi.json', { token: null }))
    // JSON Schema 2020-12, section 7.3: a validator in strict mode refuses to compile a schema naming another.
    const defined = [
      'date-time',
      'date',
      'time',
      'duration',
      'email',
      'idn-email',
      'hostname',
      'idn-hostname',
    ]
    defined.push('ipv4', 'ipv6', 'uri', 'uri-reference', 'iri', 'iri-reference', 'uuid', 'uri-template')
    defined.push('json-pointer', 'relative-json-pointer', 'regex')
    const formats = [...JSON.stringify(doc).matchAll(/"format":"([^"]+)"/g)].map((match) => match[1])
    expect(formats.length).toBeGreaterThan(0)
    expect(formats.filter((format) => !defined.includes(format ?? ''))).toEqual([])
    // A server key's reader address: either kind.
    expect(doc.components.schemas.NewComment.properties.ip.anyOf).toEqual([
      { type: 'string', format: 'ipv4' },
      { type: 'string', format: 'ipv6' },
    ])
  })

  it('publishes a nullable named schema as null or that schema', async () => {
    const doc = await json(ctx.request('GET', '/openapi.json', { token: null }))
    // The generator's default for `.nullable()` on a named schema, allOf [schema, string or null], refuses null.
    expect(doc.components.schemas.ModerationEvent.properties.fromStatus).toEqual({
      anyOf: [{ $ref: '#/components/schemas/CommentStatus' }, { type: 'null' }],
    })
  })

  it('/docs renders the reference page', async () => {
    const response = await ctx.request('GET', '/docs', { token: null })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/html')
    expect(await response.text()).toContain('/openapi.json')
  })

  it('/docs loads its script at a fixed version, not whatever the CDN serves as the latest', async () => {
    const page = await (await ctx.request('GET', '/docs', { token: null })).text()
    const scripts = [...page.matchAll(/<script src="([^"]+)"/g)].map((match) => match[1])
    expect(scripts).toHaveLength(1)
    expect(scripts[0]).toMatch(/^https:\/\/cdn\.jsdelivr\.net\/npm\/@scalar\/api-reference@\d+\.\d+\.\d+\//)
  })

  it('/docs has the browser check the script against its pinned hash, and loads no fonts from elsewhere', async () => {
    const page = await (await ctx.request('GET', '/docs', { token: null })).text()
    expect(page).toContain(
      `<script src="${SCALAR_SCRIPT}" integrity="${SCALAR_INTEGRITY}" crossorigin="anonymous"></script>`,
    )
    expect(SCALAR_INTEGRITY).toMatch(/^sha384-[A-Za-z0-9+/]{64}$/)
    expect(page).toContain('"withDefaultFonts": false')
  })
})
