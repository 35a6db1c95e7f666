import { expect } from 'vitest'
import { type App, createApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { ADMIN_TOKEN, aComment, expectStatus, type TestSite, useTestApp } from '../helpers/app.js'
import { conforming } from '../helpers/openapi-conformance.js'

type SendOptions = { token?: string; peer?: string; headers?: Record<string, string>; body?: unknown }

/** The test app, and what the rate limit tests do with it: other processes on its database, sites, windows. */
export function useRateLimitApp() {
  const ctx = useTestApp()

  /**
   * Another Vigil process on the test database (its own app, limiter and configuration, the same clock): the
   * counters it shares with `ctx.app` and with other processes are the database's.
   */
  function vigilProcess(env: Record<string, string>) {
    const app: App = createApp({
      db: ctx.database.db,
      config: loadConfig({ ADMIN_TOKEN, NODE_ENV: 'test', ...env }),
      clock: ctx.clock,
    })
    const send = (method: string, path: string, options: SendOptions = {}) => {
      const headers: Record<string, string> = { ...options.headers }
      if (options.token) headers.authorization = `Bearer ${options.token}`
      let body: string | undefined
      if (options.body !== undefined) {
        body = JSON.stringify(options.body)
        headers['content-type'] = 'application/json'
      }
      const bindings = options.peer ? { incoming: { socket: { remoteAddress: options.peer } } } : undefined
      return conforming(method, path, app.request(path, { method, headers, body }, bindings))
    }
    return {
      send,
      /** A comment on `site`, public unless a token is given. */
      submit: (
        site: TestSite,
        options: Omit<SendOptions, 'body'> & { comment?: Record<string, unknown> } = {},
      ) => send('POST', `/v1/sites/${site.id}/comments`, { ...options, body: aComment(options.comment) }),
    }
  }

  /** A site without the policy's flood control, so only the rate limits under test refuse anything. */
  async function siteWithoutFloodControl() {
    const site = await ctx.newSite()
    await expectStatus(
      ctx.request('PATCH', `/v1/sites/${site.id}/settings`, { body: { floodIntervalSeconds: 0 } }),
      200,
    )
    return site
  }

  /** Moves the clock to `offsetSeconds` into the next window of `windowSeconds`. */
  function startOfNextWindow(offsetSeconds = 0, windowSeconds = 60) {
    const windowMs = windowSeconds * 1000
    const now = ctx.clock.now().getTime()
    ctx.clock.advance(Math.floor(now / windowMs) * windowMs + windowMs - now + offsetSeconds * 1000)
  }

  return { ctx, vigilProcess, siteWithoutFloodControl, startOfNextWindow }
}

export async function expectRateLimited(pending: Promise<Response>, retryAfterSeconds?: number) {
  const response = await pending
  const text = await response.text()
  expect(response.status, text).toBe(429)
  expect(response.headers.get('content-type')).toBe('application/problem+json')
  const retryAfter = Number(response.headers.get('retry-after'))
  if (retryAfterSeconds === undefined) expect(retryAfter).toBeGreaterThan(0)
  else expect(retryAfter).toBe(retryAfterSeconds)
  const body = JSON.parse(text) as Record<string, unknown>
  expect(body).toMatchObject({
    type: 'urn:vigil:problem:rate-limited',
    status: 429,
    title: expect.any(String),
  })
  expect(body.detail).toMatch(/too many .* Try again in \d+ s\.$/i)
  return body
}

export const created = (pending: Promise<Response>) => expectStatus(pending, 201)
