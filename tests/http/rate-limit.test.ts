import { eq, like } from 'drizzle-orm'
import { describe, expect, it, vi } from 'vitest'
import { type App, createApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { rateLimits } from '../../src/db/schema.js'
import { createRateLimiter } from '../../src/http/rate-limit.js'
import { createLogger } from '../../src/logger.js'
import { addressBucket } from '../../src/moderation/identity-hasher.js'
import { ADMIN_TOKEN, aComment, expectStatus, type TestSite, useTestApp } from '../helpers/app.js'
import { conforming } from '../helpers/openapi-conformance.js'

const ctx = useTestApp()

type SendOptions = { token?: string; peer?: string; headers?: Record<string, string>; body?: unknown }

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

async function expectRateLimited(pending: Promise<Response>, retryAfterSeconds?: number) {
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

const created = (pending: Promise<Response>) => expectStatus(pending, 201)

describe('public submissions, per IP', () => {
  it('refuses the submission past the limit with 429, problem+json and the seconds left in the window', async () => {
    const vigil = vigilProcess({ RATE_LIMIT_SUBMISSIONS_PER_IP: '3' })
    const site = await siteWithoutFloodControl()
    startOfNextWindow(15)
    for (let i = 0; i < 3; i++) await created(vigil.submit(site, { peer: '192.0.2.10' }))
    const body = await expectRateLimited(vigil.submit(site, { peer: '192.0.2.10' }), 45)
    expect(body.instance).toBe(`/v1/sites/${site.id}/comments`)
    // Another reader is not affected.
    await created(vigil.submit(site, { peer: '192.0.2.11' }))
  })

  it('ignores X-Forwarded-For without TRUST_PROXY: a spoofed header changes nothing', async () => {
    const vigil = vigilProcess({ RATE_LIMIT_SUBMISSIONS_PER_IP: '2' })
    const site = await siteWithoutFloodControl()
    startOfNextWindow()
    const spoofed = (n: number) => ({ 'x-forwarded-for': `203.0.113.${n}` })
    await created(vigil.submit(site, { peer: '192.0.2.20', headers: spoofed(1) }))
    await created(vigil.submit(site, { peer: '192.0.2.20', headers: spoofed(2) }))
    await expectRateLimited(vigil.submit(site, { peer: '192.0.2.20', headers: spoofed(3) }))
    await expectRateLimited(vigil.submit(site, { peer: '192.0.2.20' }))
  })

  it("believes X-Forwarded-For's rightmost entry with TRUST_PROXY", async () => {
    const vigil = vigilProcess({ RATE_LIMIT_SUBMISSIONS_PER_IP: '2', TRUST_PROXY: 'true' })
    const site = await siteWithoutFloodControl()
    startOfNextWindow()
    const proxy = '10.0.0.1'
    const via = (chain: string) => ({ peer: proxy, headers: { 'x-forwarded-for': chain } })
    await created(vigil.submit(site, via('198.51.100.1, 192.0.2.30')))
    await created(vigil.submit(site, via('198.51.100.2, 192.0.2.30')))
    // What the client put to the left is its own choice, and changes nothing.
    await expectRateLimited(vigil.submit(site, via('198.51.100.3, 192.0.2.30')))
    // Readers behind the same proxy have budgets of their own.
    await created(vigil.submit(site, via('192.0.2.31')))
    await created(vigil.submit(site, via('198.51.100.1, 192.0.2.32')))
  })

  it("believes only the proxy's own header with CLIENT_IP_HEADER (Fly-Client-IP), whatever X-Forwarded-For says", async () => {
    const vigil = vigilProcess({
      RATE_LIMIT_SUBMISSIONS_PER_IP: '2',
      TRUST_PROXY: 'true',
      CLIENT_IP_HEADER: 'Fly-Client-IP',
    })
    const site = await siteWithoutFloodControl()
    startOfNextWindow()
    // Fly appends its own (the app's) address to X-Forwarded-For: the same for every reader.
    const via = (reader: string) => ({
      peer: '172.16.0.2',
      headers: { 'fly-client-ip': reader, 'x-forwarded-for': `${reader}, 66.241.125.10` },
    })
    await created(vigil.submit(site, via('198.51.100.41')))
    await created(vigil.submit(site, via('198.51.100.41')))
    await expectRateLimited(vigil.submit(site, via('198.51.100.41')))
    // Other readers, counted apart although the last X-Forwarded-For entry is the same.
    await created(vigil.submit(site, via('198.51.100.42')))
    await created(vigil.submit(site, via('2001:db8:77::1')))
  })

  it('counts an IPv6 reader by its /64', async () => {
    const vigil = vigilProcess({ RATE_LIMIT_SUBMISSIONS_PER_IP: '2' })
    const site = await siteWithoutFloodControl()
    startOfNextWindow()
    await created(vigil.submit(site, { peer: '2001:db8:40:1::1' }))
    await created(vigil.submit(site, { peer: '2001:db8:40:1:ffff::2' }))
    await expectRateLimited(vigil.submit(site, { peer: '2001:db8:40:1:abcd:1:2:3' }))
    await created(vigil.submit(site, { peer: '2001:db8:40:2::1' }))
  })
})

describe('addressBucket', () => {
  it.each([
    ['192.0.2.1', '192.0.2.1'],
    ['::ffff:192.0.2.1', '192.0.2.1'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002::', '2001:db8:1:2::/64'],
    ['::1', '::/64'],
  ])('counts %s as %s', (ip, bucket) => {
    expect(addressBucket(ip)).toBe(bucket)
  })
})

describe('public submissions, per site', () => {
  it("limits a site's public submissions as a whole, whatever their IPs", async () => {
    const vigil = vigilProcess({ RATE_LIMIT_SUBMISSIONS_PER_IP: '0', RATE_LIMIT_SUBMISSIONS_PER_SITE: '3' })
    const site = await siteWithoutFloodControl()
    const other = await siteWithoutFloodControl()
    startOfNextWindow(50)
    for (let i = 1; i <= 3; i++) await created(vigil.submit(site, { peer: `192.0.2.${40 + i}` }))
    await expectRateLimited(vigil.submit(site, { peer: '192.0.2.44' }), 10)
    await created(vigil.submit(other, { peer: '192.0.2.44' }))
    // The site's own backend is not limited as one client, nor by its public budget.
    await created(vigil.submit(site, { token: site.serverKey, comment: { ip: '192.0.2.45' } }))
  })

  it("does not spend the site's budget on an address already refused", async () => {
    const vigil = vigilProcess({ RATE_LIMIT_SUBMISSIONS_PER_IP: '1', RATE_LIMIT_SUBMISSIONS_PER_SITE: '3' })
    const site = await siteWithoutFloodControl()
    startOfNextWindow(10)
    await created(vigil.submit(site, { peer: '192.0.2.46' }))
    for (let i = 0; i < 5; i++) {
      const refused = await expectRateLimited(vigil.submit(site, { peer: '192.0.2.46' }))
      expect(refused.detail).toMatch(/this address/)
    }
    // The five refusals counted against the address only: the site still has two of its three.
    await created(vigil.submit(site, { peer: '192.0.2.47' }))
    await created(vigil.submit(site, { peer: '192.0.2.48' }))
    const full = await expectRateLimited(vigil.submit(site, { peer: '192.0.2.49' }), 50)
    expect(full.detail).toMatch(/This site is receiving too many comments/)
  })
})

describe('server-key submissions', () => {
  it('are limited per reader IP: two readers of one backend have budgets of their own', async () => {
    const vigil = vigilProcess({ RATE_LIMIT_SUBMISSIONS_PER_IP: '2', RATE_LIMIT_SUBMISSIONS_PER_SITE: '1' })
    const site = await siteWithoutFloodControl()
    startOfNextWindow()
    const asReader = (ip: string) => vigil.submit(site, { token: site.serverKey, comment: { ip } })
    await created(asReader('198.51.100.50'))
    await created(asReader('198.51.100.50'))
    await expectRateLimited(asReader('198.51.100.50'))
    await created(asReader('198.51.100.51'))
    await created(asReader('198.51.100.51'))
    await created(asReader('198.51.100.52'))
    // The backend's connection address plays no part.
    await created(
      vigil.submit(site, { token: site.serverKey, peer: '10.0.0.9', comment: { ip: '198.51.100.53' } }),
    )
  })

  it("count a reader IP within the key's own site, so one site's backend cannot spend another's", async () => {
    const vigil = vigilProcess({ RATE_LIMIT_SUBMISSIONS_PER_IP: '1' })
    const site = await siteWithoutFloodControl()
    const other = await siteWithoutFloodControl()
    startOfNextWindow()
    await created(vigil.submit(site, { token: site.serverKey, comment: { ip: '198.51.100.60' } }))
    await expectRateLimited(vigil.submit(site, { token: site.serverKey, comment: { ip: '198.51.100.60' } }))
    await created(vigil.submit(other, { token: other.serverKey, comment: { ip: '198.51.100.60' } }))
    await created(vigil.submit(site, { peer: '198.51.100.60' }))
  })

  it('fall back to the per-key limit when they name no reader', async () => {
    const vigil = vigilProcess({ RATE_LIMIT_SUBMISSIONS_PER_IP: '1', RATE_LIMIT_API_PER_KEY: '3' })
    const site = await siteWithoutFloodControl()
    startOfNextWindow()
    for (let i = 0; i < 3; i++) await created(vigil.submit(site, { token: site.serverKey, peer: '10.0.0.9' }))
    await expectRateLimited(vigil.submit(site, { token: site.serverKey, peer: '10.0.0.9' }))
    // The key's budget is the whole API's: its other calls are refused too.
    await expectRateLimited(vigil.send('GET', `/v1/sites/${site.id}`, { token: site.serverKey }))
  })
})

describe('the moderation and admin API, per key', () => {
  it('refuses a key past its limit, leaving other keys, public reads and health alone', async () => {
    const vigil = vigilProcess({ RATE_LIMIT_API_PER_KEY: '3' })
    const site = await siteWithoutFloodControl()
    const other = await siteWithoutFloodControl()
    startOfNextWindow(20)
    const queue = (s: TestSite) => vigil.send('GET', `/v1/sites/${s.id}/queue`, { token: s.moderatorKey })
    for (let i = 0; i < 3; i++) await expectStatus(queue(site), 200)
    const body = await expectRateLimited(queue(site), 40)
    expect(body.instance).toBe(`/v1/sites/${site.id}/queue`)
    await expectRateLimited(vigil.send('GET', `/v1/sites/${site.id}/settings`, { token: site.moderatorKey }))
    await expectStatus(queue(other), 200)
    for (let i = 0; i < 5; i++) {
      await expectStatus(vigil.send('GET', `/v1/sites/${site.id}/articles/article-1/comments`), 200)
      await expectStatus(vigil.send('GET', '/healthz'), 200)
    }
  })

  it('limits an admin key like any other', async () => {
    const vigil = vigilProcess({ RATE_LIMIT_API_PER_KEY: '2' })
    const { key } = (await (
      await expectStatus(ctx.request('POST', '/v1/keys', { body: { name: 'rate-limited admin' } }), 201)
    ).json()) as { key: string }
    startOfNextWindow()
    await expectStatus(vigil.send('GET', '/v1/sites', { token: key }), 200)
    await expectStatus(vigil.send('GET', '/v1/keys', { token: key }), 200)
    await expectRateLimited(vigil.send('GET', '/v1/sites', { token: key }))
  })
  it("counts a key's submissions to another site's comments, which its route refuses before counting", async () => {
    const vigil = vigilProcess({ RATE_LIMIT_API_PER_KEY: '2' })
    const [site, other] = [await siteWithoutFloodControl(), await siteWithoutFloodControl()]
    startOfNextWindow()
    for (let i = 0; i < 2; i++)
      await expectStatus(
        vigil.submit(other, { token: site.serverKey, comment: { ip: '198.51.100.90' } }),
        403,
      )
    await expectRateLimited(vigil.submit(other, { token: site.serverKey, comment: { ip: '198.51.100.91' } }))
    await expectRateLimited(vigil.send('GET', `/v1/sites/${site.id}`, { token: site.serverKey }))
    // Its own site's submissions are still limited per reader, not by the key's spent budget.
    await created(vigil.submit(site, { token: site.serverKey, comment: { ip: '198.51.100.92' } }))
  })
})

describe('windows', () => {
  it('lets a refused caller in again once its window has passed', async () => {
    const vigil = vigilProcess({ RATE_LIMIT_SUBMISSIONS_PER_IP: '1', RATE_LIMIT_WINDOW_SECONDS: '10' })
    const site = await siteWithoutFloodControl()
    startOfNextWindow(3, 10)
    await created(vigil.submit(site, { peer: '192.0.2.70' }))
    await expectRateLimited(vigil.submit(site, { peer: '192.0.2.70' }), 7)
    ctx.clock.advance(6_999)
    await expectRateLimited(vigil.submit(site, { peer: '192.0.2.70' }), 1)
    ctx.clock.advance(1)
    await created(vigil.submit(site, { peer: '192.0.2.70' }))
  })

  it('turns a limit off with 0: nothing is counted', async () => {
    const vigil = vigilProcess({
      RATE_LIMIT_SUBMISSIONS_PER_IP: '0',
      RATE_LIMIT_SUBMISSIONS_PER_SITE: '0',
      RATE_LIMIT_API_PER_KEY: '0',
    })
    const site = await siteWithoutFloodControl()
    startOfNextWindow()
    for (let i = 0; i < 12; i++) {
      await created(vigil.submit(site, { peer: '192.0.2.80' }))
      await created(vigil.submit(site, { token: site.serverKey }))
      await expectStatus(vigil.send('GET', `/v1/sites/${site.id}/queue`, { token: site.moderatorKey }), 200)
    }
    const rows = await ctx.database.db
      .select()
      .from(rateLimits)
      .where(like(rateLimits.bucket, `%${site.id}%`))
    expect(rows).toEqual([])
  })

  it('applies the default of 10 submissions per IP per minute', async () => {
    const site = await siteWithoutFloodControl()
    startOfNextWindow()
    const send = () =>
      ctx.request('POST', `/v1/sites/${site.id}/comments`, {
        body: aComment(),
        token: null,
        peer: '192.0.2.90',
      })
    for (let i = 0; i < 10; i++) await created(send())
    await expectRateLimited(send(), 60)
  })
})

describe('several processes', () => {
  it('share their counters through the database', async () => {
    const first = vigilProcess({ RATE_LIMIT_SUBMISSIONS_PER_IP: '3' })
    const second = vigilProcess({ RATE_LIMIT_SUBMISSIONS_PER_IP: '3' })
    const site = await siteWithoutFloodControl()
    startOfNextWindow()
    await created(first.submit(site, { peer: '192.0.2.100' }))
    await created(second.submit(site, { peer: '192.0.2.100' }))
    await created(first.submit(site, { peer: '192.0.2.100' }))
    await expectRateLimited(second.submit(site, { peer: '192.0.2.100' }))
    await expectRateLimited(first.submit(site, { peer: '192.0.2.100' }))
  })

  it('count concurrent hits exactly, one statement each', async () => {
    const limiters = [1, 2, 3].map(() =>
      createRateLimiter({ db: ctx.database.db, logger: createLogger('silent') }),
    )
    const now = ctx.clock.now()
    const decisions = await Promise.all(
      Array.from({ length: 30 }, (_, i) => limiters[i % 3]?.hit('test:concurrent', 20, 60_000, now)),
    )
    expect(decisions.filter((decision) => decision?.allowed)).toHaveLength(20)
    expect(decisions.map((decision) => decision?.hits).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    )
  })
})

describe('the sweep', () => {
  const rowsOf = (bucket: string) =>
    ctx.database.db.select().from(rateLimits).where(eq(rateLimits.bucket, bucket))

  it('deletes windows long past, at most once a minute per process, piggy-backed on a hit', async () => {
    const limiter = createRateLimiter({ db: ctx.database.db, logger: createLogger('silent') })
    startOfNextWindow()
    const start = ctx.clock.now().getTime()
    await limiter.hit('test:sweep-old', 5, 60_000, ctx.clock.now())
    // Rows are kept for two windows, and at least ten minutes.
    ctx.clock.advance(9 * 60_000)
    await limiter.hit('test:sweep-current', 5, 60_000, ctx.clock.now())
    expect(await rowsOf('test:sweep-old')).toHaveLength(1)
    ctx.clock.advance(2 * 60_000)
    await limiter.hit('test:sweep-current', 5, 60_000, ctx.clock.now())
    await vi.waitFor(async () => expect(await rowsOf('test:sweep-old')).toEqual([]))
    // Both of its windows (two minutes apart) are kept.
    expect(await rowsOf('test:sweep-current')).toHaveLength(2)

    // Less than a minute after that sweep, a hit sweeps nothing; a minute after, it does.
    await ctx.database.db
      .insert(rateLimits)
      .values({ bucket: 'test:sweep-stale', windowStart: new Date(start - 3_600_000), hits: 1 })
    ctx.clock.advance(45_000)
    await limiter.hit('test:sweep-current', 5, 60_000, ctx.clock.now())
    expect(await rowsOf('test:sweep-stale')).toHaveLength(1)
    ctx.clock.advance(15_000)
    await limiter.hit('test:sweep-current', 5, 60_000, ctx.clock.now())
    await vi.waitFor(async () => expect(await rowsOf('test:sweep-stale')).toEqual([]))
  })

  it('logs a failed sweep instead of failing the hit', async () => {
    const db = ctx.database.db
    const failingDelete = new Proxy(db, {
      get: (target, property) =>
        property === 'delete'
          ? () => ({
              where: () => ({ returning: () => Promise.reject(new Error('sweep failed on purpose')) }),
            })
          : Reflect.get(target, property),
    })
    const lines: string[] = []
    const logger = createLogger('warn', { write: (line: string) => void lines.push(line) })
    const limiter = createRateLimiter({ db: failingDelete, logger })
    const decision = await limiter.hit('test:sweep-failing', 5, 60_000, ctx.clock.now())
    expect(decision).toMatchObject({ allowed: true, hits: 1 })
    await vi.waitFor(() => expect(lines.join('')).toContain('rate limit sweep failed'))
  })
})
