import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { requestId } from 'hono/request-id'
import { describe, expect, it } from 'vitest'
import type { AppEnv } from '../../src/http/env.js'
import { handleError, validationHook } from '../../src/http/problem.js'

/**
 * A NUL that a route's schema lets through (a free-form object) is refused once the body is validated:
 * PostgreSQL stores U+0000 in neither text nor jsonb, so it would otherwise fail in the query, as a 500. Text
 * fields refuse it in their own schemas (`storable`), where every bad field is named at once.
 */
function appEchoing() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  app.use(requestId())
  app.onError(handleError)
  const route = createRoute({
    method: 'post',
    path: '/v1/echo',
    request: {
      body: {
        content: {
          'application/json': {
            schema: z.object({
              author: z.object({ names: z.array(z.string()) }).optional(),
              extra: z.record(z.string(), z.string()).optional(),
              content: z.string().optional(),
            }),
          },
        },
      },
    },
    responses: { 200: { description: 'The body, as validated.' } },
  })
  app.openapi(route, (c) => c.json(c.req.valid('json'), 200))
  return app
}

const post = (raw: string) =>
  appEchoing().request('/v1/echo', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: raw,
  })

describe('a validated JSON body holding U+0000', () => {
  it('is refused with a 400 naming the field, however deep it lies', async () => {
    const response = await post('{"author":{"names":["Camille","Ca\\u0000mille"]}}')
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect(await response.json()).toMatchObject({
      type: 'urn:vigil:problem:invalid-input',
      errors: [{ path: 'author.names.1', message: 'must not contain a NUL character' }],
    })
  })

  it('is refused when the NUL is in a key', async () => {
    const response = await post('{"extra":{"a\\u0000b":"x"}}')
    expect(response.status).toBe(400)
    const problem = (await response.json()) as { errors: unknown[] }
    expect(problem.errors).toEqual([expect.objectContaining({ path: 'extra.a\u0000b' })])
  })

  it('is told apart from the text "\\u0000" written out, which passes', async () => {
    const response = await post('{"content":"a backslash: \\\\u0000"}')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ content: 'a backslash: \\u0000' })
  })
})
