import { describe, expect, it } from 'vitest'
import { type ApiDocument, conformanceChecker } from './openapi-conformance.js'

// The check every test's requests go through (app.ts): it must refuse what clients would trip on.
const document: ApiDocument = {
  paths: {
    '/v1/things/{id}': {
      get: {
        responses: {
          '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
          '404': { content: { 'application/problem+json': { schema: { type: 'object' } } } },
        },
      },
    },
    '/v1/things/latest': { get: { responses: { '202': {} } } },
  },
  webhooks: {
    'thing.seen': {
      post: {
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: { type: { const: 'thing.seen' }, thing: { $ref: '#/components/schemas/Thing' } },
                required: ['type', 'thing'],
              },
            },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        properties: { id: { type: 'string', format: 'uuid' }, seenAt: { type: ['string', 'null'] } },
        required: ['id', 'seenAt'],
      },
    },
  },
}
const check = conformanceChecker(document)
const answer = (status: number, body: unknown, type = 'application/json') =>
  new Response(body === null ? null : JSON.stringify(body), {
    status,
    headers: body === null ? {} : { 'content-type': `${type}; charset=utf-8` },
  })
const id = '0193a5c0-7b2e-7000-8000-000000000001'

describe('holding an answer to the published API description', () => {
  it('lets through an answer as documented, and paths or methods the document does not describe', async () => {
    await check.response('GET', `/v1/things/${id}?verbose=1`, answer(200, { id, seenAt: null }))
    await check.response('GET', '/v1/things/latest', answer(202, null))
    await check.response('GET', '/1.1/comment-check', answer(200, 'true', 'text/plain'))
    await check.response('DELETE', '/2.0/things', answer(500, { anything: true }))
    await check.response(
      'DELETE',
      `/v1/things/${id}`,
      answer(404, { type: 'urn:vigil:problem:route-not-found' }),
    )
    await check.response('OPTIONS', `/v1/things/${id}`, answer(204, null))
    await check.response(
      'POST',
      '/v1/nothing-here',
      answer(413, { type: 'urn:vigil:problem:payload-too-large' }),
    )
    await check.response('HEAD', '/v1/things/latest', new Response(null, { status: 202 }))
  })

  it('refuses any other answer from a v1 path or method the document does not describe', async () => {
    await expect(check.response('DELETE', `/v1/things/${id}`, answer(200, {}))).rejects.toThrow(
      'an answer from an endpoint the document does not describe',
    )
    await expect(check.response('GET', '/v1/things/', answer(200, {}))).rejects.toThrow(
      'an answer from an endpoint the document does not describe',
    )
  })

  it('refuses a field the schema does not name, and an empty body where one is documented', async () => {
    await expect(
      check.response('GET', `/v1/things/${id}`, answer(200, { id, seenAt: null, ip: '203.0.113.9' })),
    ).rejects.toThrow('must NOT have unevaluated properties')
    await expect(
      check.response('GET', `/v1/things/${id}`, new Response('', { status: 200 })),
    ).rejects.toThrow('an empty body where one is documented')
  })

  it('closes a component an allOf extends wherever another schema names it', async () => {
    const open: ApiDocument = {
      paths: {
        '/v1/keys': {
          get: {
            responses: {
              '200': {
                content: {
                  'application/json': {
                    schema: { type: 'array', items: { $ref: '#/components/schemas/Key' } },
                  },
                },
              },
            },
          },
        },
      },
      components: {
        schemas: {
          Key: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
          CreatedKey: {
            allOf: [
              { $ref: '#/components/schemas/Key' },
              { type: 'object', properties: { key: { type: 'string' } } },
            ],
          },
        },
      },
    }
    const keys = conformanceChecker(open)
    await keys.response('GET', '/v1/keys', answer(200, [{ id: 'k1' }]))
    await expect(
      keys.response('GET', '/v1/keys', answer(200, [{ id: 'k1', key: 'vk_secret' }])),
    ).rejects.toThrow('must NOT have unevaluated properties')
  })

  it('refuses a status the operation does not list', async () => {
    await expect(check.response('GET', `/v1/things/${id}`, answer(429, {}))).rejects.toThrow(
      'status not documented',
    )
  })

  it('refuses a media type the status does not list, and a body where none is documented', async () => {
    await expect(
      check.response('GET', `/v1/things/${id}`, answer(404, {}, 'application/json')),
    ).rejects.toThrow('application/json is not among application/problem+json')
    await expect(check.response('GET', '/v1/things/latest', answer(202, { id }))).rejects.toThrow(
      'none is documented',
    )
  })

  it('refuses a body its schema refuses, following references into the components', async () => {
    await expect(
      check.response('GET', `/v1/things/${id}`, answer(200, { id: 'not-a-uuid', seenAt: 3 })),
    ).rejects.toThrow(/\/id must match format "uuid".*\/seenAt must be string,null/)
  })

  it('holds a webhook body to the event its type names', () => {
    check.webhook({ type: 'thing.seen', thing: { id, seenAt: '2026-11-30T06:00:00.000Z' } })
    expect(() => check.webhook({ type: 'thing.seen', thing: { id } })).toThrow(
      "webhook thing.seen: not as /openapi.json describes it: the body does not match its schema: /thing must have required property 'seenAt'",
    )
    expect(() => check.webhook({ type: 'thing.lost' })).toThrow('no such event in the document')
  })

  it('prefers the path with more fixed segments', async () => {
    await expect(
      check.response('GET', '/v1/things/latest', answer(200, { id, seenAt: null })),
    ).rejects.toThrow('GET /v1/things/latest → 200')
  })
})
