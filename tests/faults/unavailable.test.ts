import { PGlite } from '@electric-sql/pglite'
import { DrizzleQueryError } from 'drizzle-orm/errors'
import { Hono } from 'hono'
import { requestId } from 'hono/request-id'
import { describe, expect, it } from 'vitest'
import { isDatabaseUnavailable } from '../../src/errors.js'
import type { AppEnv } from '../../src/http/env.js'
import { handleError } from '../../src/http/problem.js'

/**
 * How the service answers when the database cannot be reached: 503 `unavailable` with Retry-After, whatever
 * shape the driver's error takes (postgres.js's own, node's socket errors, SQLSTATEs, wrapped by drizzle). The
 * real outage is in postgres-restart.test.ts.
 */

const withCode = (code: string, message = code) => Object.assign(new Error(message), { code })
const wrapped = (cause: unknown) => new DrizzleQueryError('select 1', [], cause as Error)

async function answerTo(error: Error) {
  const app = new Hono<AppEnv>()
  app.use(requestId())
  app.onError(handleError)
  app.get('/boom', () => {
    throw error
  })
  const response = await app.request('/boom')
  return { response, body: (await response.json()) as Record<string, unknown> }
}

describe('a database that cannot be reached', () => {
  it.each([
    ['ECONNREFUSED', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['CONNECTION_CLOSED, wrapped by drizzle', wrapped(withCode('CONNECTION_CLOSED'))],
    ['CONNECT_TIMEOUT, wrapped by drizzle', wrapped(withCode('CONNECT_TIMEOUT'))],
    ['CONNECTION_ENDED', withCode('CONNECTION_ENDED')],
    ['57P01 admin_shutdown, wrapped by drizzle', wrapped(withCode('57P01', 'terminating connection'))],
    ['57P03 cannot_connect_now', withCode('57P03', 'the database system is starting up')],
    ['08006 connection_failure', withCode('08006')],
    ['an AggregateError of refused connections', new AggregateError([withCode('ECONNREFUSED')], 'failed')],
  ])('%s: 503 unavailable with Retry-After', async (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true)
    const { response, body } = await answerTo(error)
    expect(response.status).toBe(503)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect(response.headers.get('retry-after')).toBe('5')
    expect(body).toMatchObject({
      type: 'urn:vigil:problem:unavailable',
      title: 'The service is temporarily unavailable',
      status: 503,
      instance: '/boom',
    })
  })

  it('the embedded database closed under a request still running (a shutdown past its deadline): 503, not 500', async () => {
    const db = new PGlite()
    await db.close()
    const error = await db.query('select 1').then(
      () => null,
      (failure: Error) => failure,
    )
    expect(error).toBeInstanceOf(Error)
    expect(isDatabaseUnavailable(error)).toBe(true)
    expect(isDatabaseUnavailable(wrapped(error))).toBe(true)
    expect((await answerTo(wrapped(error) as Error)).response.status).toBe(503)
  })

  it.each([
    ['a unique violation (23505)', wrapped(withCode('23505', 'duplicate key'))],
    ['a plain bug', new TypeError('x is undefined')],
    // A deadlock is no outage either: a 503 all the same, with a shorter Retry-After (../http/problem.test.ts).
  ])('%s stays a 500', async (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false)
    const { response, body } = await answerTo(error)
    expect(response.status).toBe(500)
    expect(response.headers.get('retry-after')).toBeNull()
    expect(body.type).toBe('urn:vigil:problem:internal-error')
  })
})
