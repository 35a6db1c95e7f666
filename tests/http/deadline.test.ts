import { Hono } from 'hono'
import { requestId } from 'hono/request-id'
import { describe, expect, it } from 'vitest'
import { requestDeadline } from '../../src/http/deadline.js'
import type { AppEnv } from '../../src/http/env.js'
import { handleError } from '../../src/http/problem.js'

/** A database that stopped answering without closing the connection: the query never settles. */
const never = new Promise<never>(() => {})

function appWithDeadline(ms: number) {
  const app = new Hono<AppEnv>()
  app.use(requestId())
  app.use('/v1/*', requestDeadline(ms))
  app.use(
    '/1.1/*',
    requestDeadline(ms, (c) => c.text('hold it', 200)),
  )
  app.post('/1.1/hung', async () => never)
  app.onError(handleError)
  app.get('/v1/hung', async () => never)
  app.get('/v1/quick', (c) => c.json({ ok: true }))
  app.get('/v1/failing', () => {
    throw new Error('boom')
  })
  return app
}

describe('a request not answered within the deadline', () => {
  it('is answered 503 unavailable, with Retry-After, instead of waiting for TCP to give up', async () => {
    const started = Date.now()
    const response = await appWithDeadline(100).request('/v1/hung')
    expect(Date.now() - started).toBeLessThan(2_000)
    expect(response.status).toBe(503)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect(response.headers.get('retry-after')).toBe('5')
    expect(await response.json()).toMatchObject({ type: 'urn:vigil:problem:unavailable', status: 503 })
  })

  it('is answered as the API says, where it has its own way (Akismet answers 200 and a word)', async () => {
    const response = await appWithDeadline(100).request('/1.1/hung', { method: 'POST' })
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('hold it')
  })

  it('leaves answers given in time, errors included, as they are', async () => {
    const app = appWithDeadline(1_000)
    const quick = await app.request('/v1/quick')
    expect(quick.status).toBe(200)
    expect(await quick.json()).toEqual({ ok: true })
    const failing = await app.request('/v1/failing')
    expect(failing.status).toBe(500)
    expect(await failing.json()).toMatchObject({ type: 'urn:vigil:problem:internal-error' })
  })
})
