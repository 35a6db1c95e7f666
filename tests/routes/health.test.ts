import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { webhookEventTypes } from '../../src/webhooks/events.js'
import { ADMIN_TOKEN, type Body, json, useTestApp } from '../helpers/app.js'

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
})
