import { Hono } from 'hono'
import { requestId } from 'hono/request-id'
import { describe, expect, it } from 'vitest'
import { jsonBodyGuard } from '../../src/http/body.js'
import { requestDeadline } from '../../src/http/deadline.js'
import type { AppEnv } from '../../src/http/env.js'
import { handleError } from '../../src/http/problem.js'
import { ADMIN_TOKEN, useTestApp } from '../helpers/app.js'

/**
 * REQUEST_TIMEOUT_MS bounds how long Vigil takes to answer, but a request whose own body has not arrived by then is
 * the client's delay, not Vigil's: a 408 that says so, not the 503 "the database may be unreachable" that sends an
 * operator looking for an outage and counts as a server error.
 */
const ctx = useTestApp({ REQUEST_TIMEOUT_MS: '300' })

/** A body whose first bytes arrive and whose rest never does: a client on a stalled connection. */
function stalledBody(start: string): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(start))
    },
  })
}

describe('a request whose body has not arrived by the deadline', () => {
  it('is answered 408 request-timeout problem+json, not 503', async () => {
    const site = await ctx.newSite()
    const response = await ctx.app.request(`/v1/sites/${site.id}/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${site.serverKey}` },
      body: stalledBody('{"articleId":"a-1","content":"Bonjour'),
      duplex: 'half',
    } as RequestInit)
    expect(response.status).toBe(408)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect(await response.json()).toMatchObject({ type: 'urn:vigil:problem:request-timeout', status: 408 })
  })

  it('is answered 408 on the admin API too', async () => {
    const response = await ctx.app.request('/v1/sites', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: stalledBody('{"id":"stalled","name":'),
      duplex: 'half',
    } as RequestInit)
    expect(response.status).toBe(408)
    expect(await response.json()).toMatchObject({ type: 'urn:vigil:problem:request-timeout' })
  })
})

describe('a request whose body arrived whole but is not answered by the deadline', () => {
  it("is still answered 503 unavailable: the delay is Vigil's", async () => {
    const app = new Hono<AppEnv>()
    app.use(requestId())
    app.use('/v1/*', requestDeadline(100))
    app.use('/v1/*', jsonBodyGuard())
    app.onError(handleError)
    // A database that stopped answering without closing the connection.
    app.post('/v1/hung', () => new Promise<never>(() => {}))
    const response = await app.request('/v1/hung', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"reason":"whole"}',
    })
    expect(response.status).toBe(503)
    expect(await response.json()).toMatchObject({ type: 'urn:vigil:problem:unavailable' })
  })
})
