import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { requestId } from 'hono/request-id'
import { describe, expect, it } from 'vitest'
import { DomainError, invalidField } from '../../src/errors.js'
import type { AppEnv } from '../../src/http/env.js'
import { handleError, handleNotFound, problemType } from '../../src/http/problem.js'

/** A bare app that throws `error` on GET /boom, with the service's error handlers. */
function appThrowing(error: Error) {
  const app = new Hono<AppEnv>()
  app.use(requestId())
  app.onError(handleError)
  app.notFound(handleNotFound)
  app.get('/boom', () => {
    throw error
  })
  return app
}

async function problemFrom(error: Error, path = '/boom') {
  const response = await appThrowing(error).request(path)
  return { response, body: (await response.json()) as Record<string, unknown> }
}

describe('problemType', () => {
  it('is a stable URN per kind', () => {
    expect(problemType('not-found')).toBe('urn:vigil:problem:not-found')
    expect(problemType('rate-limited')).toBe('urn:vigil:problem:rate-limited')
  })
})

describe('handleError', () => {
  it('answers a client that hung up mid-body with 400, not as a database outage', async () => {
    const hangUp = Object.assign(new Error('aborted'), { code: 'ECONNRESET' })
    const { response, body } = await problemFrom(hangUp)
    expect(response.status).toBe(400)
    expect(body.type).toBe('urn:vigil:problem:invalid-input')
    // The same code from the database driver is an outage.
    const lost = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })
    expect((await problemFrom(lost)).response.status).toBe(503)
  })

  it.each([
    ['a deadlock', '40P01'],
    ['a serialisation failure', '40001'],
    ["a lock wait cut short by the operator's lock_timeout", '55P03'],
    ["a statement cut short by the operator's statement_timeout", '57014'],
  ])('answers %s, which rolled everything back, with 503 and a Retry-After of 1 s', async (_, code) => {
    // As drizzle throws it: its own error, the driver's under `cause`.
    const failed = new Error('Failed query: update reputation …', {
      cause: Object.assign(new Error('deadlock detected'), { code }),
    })
    const { response, body } = await problemFrom(failed)
    expect(response.status).toBe(503)
    expect(response.headers.get('retry-after')).toBe('1')
    expect(body).toMatchObject({
      type: 'urn:vigil:problem:unavailable',
      detail: expect.stringMatching(/again/),
    })
  })

  it.each([
    ['invalid-input', 400],
    ['unauthorized', 401],
    ['forbidden', 403],
    ['not-found', 404],
    ['conflict', 409],
    ['duplicate-comment', 409],
    ['comment-erased', 409],
    ['version-mismatch', 412],
    ['rate-limited', 429],
  ] as const)('answers a %s domain failure with HTTP %i and its message as detail', async (kind, status) => {
    const { response, body } = await problemFrom(new DomainError(kind, 'What went wrong, in a sentence.'))
    expect(response.status).toBe(status)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect(body).toEqual({
      type: `urn:vigil:problem:${kind}`,
      title: expect.stringMatching(/\S/),
      status,
      detail: 'What went wrong, in a sentence.',
      instance: '/boom',
      requestId: response.headers.get('x-request-id'),
    })
  })

  it('lists the offending fields of an invalid input', async () => {
    const { body } = await problemFrom(invalidField('parentId', 'does not name a comment on this article'))
    expect(body.errors).toEqual([{ path: 'parentId', message: 'does not name a comment on this article' }])
  })

  it('tells a rate-limited caller when to retry', async () => {
    const { response } = await problemFrom(
      new DomainError('rate-limited', 'Slow down.', { retryAfterSeconds: 7 }),
    )
    expect(response.headers.get('retry-after')).toBe('7')
  })

  it('asks an unauthenticated caller for a bearer token', async () => {
    const { response } = await problemFrom(new DomainError('unauthorized', 'Who are you?'))
    expect(response.headers.get('www-authenticate')).toBe('Bearer')
  })

  it.each([
    [400, 'malformed-request'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'route-not-found'],
    [413, 'payload-too-large'],
    [415, 'unsupported-media-type'],
  ] as const)("turns Hono's HTTP %i into the %s problem", async (status, kind) => {
    const { response, body } = await problemFrom(new HTTPException(status, { message: 'From Hono.' }))
    expect(response.status).toBe(status)
    expect(body).toMatchObject({ type: `urn:vigil:problem:${kind}`, status, detail: 'From Hono.' })
  })

  it('answers an unexpected error with a 500 that does not leak its message', async () => {
    const { response, body } = await problemFrom(new Error('password authentication failed for user "vigil"'))
    expect(response.status).toBe(500)
    expect(body.type).toBe('urn:vigil:problem:internal-error')
    expect(JSON.stringify(body)).not.toContain('password')
  })
})

describe('handleNotFound', () => {
  it('names the method and path that no endpoint answers', async () => {
    const response = await appThrowing(new Error('unused')).request('/nowhere', { method: 'DELETE' })
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({
      type: 'urn:vigil:problem:route-not-found',
      detail: 'No endpoint answers DELETE /nowhere.',
      instance: '/nowhere',
    })
  })
})
