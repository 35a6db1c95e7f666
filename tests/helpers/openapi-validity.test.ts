import { describe, expect, it } from 'vitest'
import type { Body } from './app.js'
import { documentProblems } from './openapi-validity.js'

// The check the published document is held to (tests/http/openapi-document-valid.test.ts): it must find what a
// code generator trips on, and nothing in a sound document.
const sound = (): Body => ({
  openapi: '3.1.0',
  info: { title: 'Things', version: '1' },
  paths: {
    '/v1/things/{id}': {
      get: {
        operationId: 'getThing',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': {
            description: 'The thing.',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
          },
        },
      },
    },
  },
  webhooks: {
    'thing.seen': {
      post: {
        operationId: 'thingSeen',
        requestBody: {
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
        },
        responses: { '200': { description: 'Received.' } },
      },
    },
  },
  components: {
    schemas: { Thing: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } },
  },
})

const broken = (change: (document: Body) => void) => {
  const document = sound()
  change(document)
  return documentProblems(document)
}
const getThing = (document: Body) => document.paths['/v1/things/{id}'].get

describe('what makes an API description unfit to generate code from', () => {
  it('finds nothing in a sound document', async () => {
    expect(await documentProblems(sound())).toEqual([])
  })

  it('a document the OpenAPI 3.1 meta-schema refuses: a response without its description', async () => {
    const problems = await broken((document) => {
      getThing(document).responses = { '200': {} }
    })
    expect(problems.join('\n')).toContain("must have required property 'description'")
  })

  it('a schema JSON Schema 2020-12 refuses, which the meta-schema leaves unchecked', async () => {
    const problems = await broken((document) => {
      document.components.schemas.Thing.required = 'id'
    })
    expect(problems).toEqual([expect.stringMatching(/^components\.schemas\.Thing: not a JSON Schema/)])
  })

  it('a reference to nothing', async () => {
    const problems = await broken((document) => {
      document.webhooks['thing.seen'].post.requestBody.content['application/json'].schema.$ref =
        '#/components/schemas/Thingy'
    })
    expect(problems).toContain(
      '#/webhooks/thing.seen/post/requestBody/content/application/json/schema: $ref "#/components/schemas/Thingy" names nothing in the document',
    )
  })

  it('a path parameter its template and its parameters do not agree on', async () => {
    const problems = await broken((document) => {
      getThing(document).parameters = [
        { name: 'thingId', in: 'path', required: true, schema: { type: 'string' } },
      ]
    })
    expect(problems).toEqual([
      'GET /v1/things/{id}: {id} is not declared as a path parameter',
      'GET /v1/things/{id}: path parameter thingId is not in the path',
    ])
  })

  it('two operations of one operationId, webhooks included', async () => {
    const problems = await broken((document) => {
      document.webhooks['thing.seen'].post.operationId = 'getThing'
    })
    expect(problems).toEqual(["webhook POST thing.seen: operationId getThing is also GET /v1/things/{id}'s"])
  })
})
