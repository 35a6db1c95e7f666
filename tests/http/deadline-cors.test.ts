import { Hono } from 'hono'
import { requestId } from 'hono/request-id'
import { describe, expect, it } from 'vitest'
import type { SiteRow } from '../../src/db/schema.js'
import { jsonBodyGuard } from '../../src/http/body.js'
import { requestDeadline } from '../../src/http/deadline.js'
import type { AppEnv } from '../../src/http/env.js'
import { handleError } from '../../src/http/problem.js'
import { siteCors } from '../../src/http/site-cors.js'
import type { Directory } from '../../src/sites/directory.js'
import { useTestApp } from '../helpers/app.js'

/**
 * An answer the request deadline gives for a route article pages call (a 503 when Vigil is too slow, a 408 when
 * the body is) is one of that route's error answers: a page allowed to call the route can read it, as it can read
 * a 400 or a 413, and a shared cache keeps it apart from the answer to a backend (`Vary: Origin`).
 */

const PAGE = 'https://www.journal.example'
const ctx = useTestApp({ REQUEST_TIMEOUT_MS: '300' })

/** A body whose first bytes arrive and whose rest never does: a reader on a stalled connection. */
function stalledBody(start: string): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(start))
    },
  })
}

describe('a 408 for a comment whose body did not arrive in time', () => {
  const postStalled = (siteId: string, headers: Record<string, string>) =>
    ctx.app.request(`/v1/sites/${siteId}/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: stalledBody('{"articleId":"a-1","content":"Bonjour'),
      duplex: 'half',
    } as RequestInit)

  it("carries the CORS headers for one of the site's origins, and Vary: Origin", async () => {
    const site = await ctx.newSite({ allowedOrigins: [PAGE] })
    const response = await postStalled(site.id, { origin: PAGE })
    expect(response.status).toBe(408)
    expect(response.headers.get('access-control-allow-origin')).toBe(PAGE)
    expect(response.headers.get('vary')).toContain('Origin')
  })

  it('carries none for another origin, and Vary: Origin also when asked without one', async () => {
    const site = await ctx.newSite({ allowedOrigins: [PAGE] })
    const foreign = await postStalled(site.id, { origin: 'https://evil.example' })
    expect(foreign.status).toBe(408)
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull()
    expect(foreign.headers.get('vary')).toContain('Origin')
    const fromBackend = await postStalled(site.id, { authorization: `Bearer ${site.serverKey}` })
    expect(fromBackend.status).toBe(408)
    expect(fromBackend.headers.get('vary')).toContain('Origin')
  })
})

describe('a 503 for a request Vigil did not answer in time', () => {
  const site = { id: 'journal', allowedOrigins: [PAGE] } as unknown as SiteRow
  const directory = { site: async (id: string) => (id === site.id ? site : null) } as unknown as Directory

  /** The app's order: the deadline first, then CORS for the routes pages call, then the body guard. */
  function appWithHungRoute() {
    const app = new Hono<AppEnv>()
    app.use(requestId())
    app.use('/v1/*', requestDeadline(100))
    app.use('/v1/sites/:site/comments', siteCors(directory))
    app.use('/v1/*', jsonBodyGuard())
    app.onError(handleError)
    // A database that stopped answering without closing the connection.
    app.get('/v1/sites/:site/comments', () => new Promise<never>(() => {}))
    return app
  }

  it("carries the CORS headers for one of the site's origins, and Vary: Origin", async () => {
    const response = await appWithHungRoute().request('/v1/sites/journal/comments', {
      headers: { origin: PAGE },
    })
    expect(response.status).toBe(503)
    expect(response.headers.get('access-control-allow-origin')).toBe(PAGE)
    expect(response.headers.get('access-control-expose-headers')).toContain('Retry-After')
    expect(response.headers.get('vary')).toContain('Origin')
  })

  it('carries Vary: Origin when asked without one, and no CORS headers for another origin', async () => {
    const app = appWithHungRoute()
    const fromBackend = await app.request('/v1/sites/journal/comments')
    expect(fromBackend.status).toBe(503)
    expect(fromBackend.headers.get('vary')).toContain('Origin')
    const foreign = await app.request('/v1/sites/journal/comments', {
      headers: { origin: 'https://evil.example' },
    })
    expect(foreign.status).toBe(503)
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull()
    expect(foreign.headers.get('vary')).toContain('Origin')
  })

  it('carries Vary: Origin, but no CORS headers, when the site could not be read in time to check the origin', async () => {
    const app = new Hono<AppEnv>()
    app.use(requestId())
    app.use('/v1/*', requestDeadline(100))
    const stalled = { site: () => new Promise<never>(() => {}) } as unknown as Directory
    app.use('/v1/sites/:site/comments', siteCors(stalled))
    app.onError(handleError)
    app.get('/v1/sites/:site/comments', (c) => c.json([]))
    const response = await app.request('/v1/sites/journal/comments', { headers: { origin: PAGE } })
    expect(response.status).toBe(503)
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
    expect(response.headers.get('vary')).toContain('Origin')
  })
})
