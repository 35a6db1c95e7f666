import { eq, like } from 'drizzle-orm'
import { describe, expect, it, vi } from 'vitest'
import { rateLimits } from '../../src/db/schema.js'
import { createRateLimiter } from '../../src/http/rate-limit.js'
import { createLogger } from '../../src/logger.js'
import { aComment, expectStatus } from '../helpers/app.js'
import { created, expectRateLimited, useRateLimitApp } from './rate-limit.js'

/** The counters: windows that pass and limits turned off, counters shared between processes, and their sweep. */

const { ctx, vigilProcess, siteWithoutFloodControl, startOfNextWindow } = useRateLimitApp()

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

  it('count apart in windows of different lengths, as while processes move to a new RATE_LIMIT_WINDOW_SECONDS', async () => {
    const [oldWindow, newWindow] = [1, 2].map(() =>
      createRateLimiter({ db: ctx.database.db, logger: createLogger('silent') }),
    )
    startOfNextWindow()
    const now = ctx.clock.now()
    // Both windows start at the same moment: a 60 s one and a 30 s one.
    for (let i = 0; i < 3; i++) await oldWindow?.hit('test:window-lengths', 3, 60_000, now)
    expect(await newWindow?.hit('test:window-lengths', 3, 30_000, now)).toMatchObject({
      allowed: true,
      hits: 1,
    })
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
  // Each bucket is counted per window length (all of 60 s here).
  const rowsOf = (bucket: string) =>
    ctx.database.db
      .select()
      .from(rateLimits)
      .where(eq(rateLimits.bucket, `${bucket}@60000`))

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
      .values({ bucket: 'test:sweep-stale@60000', windowStart: new Date(start - 3_600_000), hits: 1 })
    ctx.clock.advance(45_000)
    await limiter.hit('test:sweep-current', 5, 60_000, ctx.clock.now())
    expect(await rowsOf('test:sweep-stale')).toHaveLength(1)
    ctx.clock.advance(15_000)
    await limiter.hit('test:sweep-current', 5, 60_000, ctx.clock.now())
    await vi.waitFor(async () => expect(await rowsOf('test:sweep-stale')).toEqual([]))
  })

  it("keeps another process's longer windows while they count (a change of window length rolling out)", async () => {
    const hourly = createRateLimiter({ db: ctx.database.db, logger: createLogger('silent') })
    const minutely = createRateLimiter({ db: ctx.database.db, logger: createLogger('silent') })
    const hour = 3_600_000
    ctx.clock.advance(hour - (ctx.clock.now().getTime() % hour) + 30 * 60_000)
    for (let hit = 0; hit < 5; hit++) await hourly.hit('test:sweep-hourly', 5, hour, ctx.clock.now())
    // Half an hour into the hourly window, a process counting by the minute sweeps.
    await minutely.hit('test:sweep-minutely', 5, 60_000, ctx.clock.now())
    expect(await minutely.sweep(ctx.clock.now())).toBe(0)
    expect(await hourly.hit('test:sweep-hourly', 5, hour, ctx.clock.now())).toMatchObject({
      allowed: false,
      hits: 6,
    })
    // Two of its own windows later, it goes.
    ctx.clock.advance(2 * hour)
    await minutely.sweep(ctx.clock.now())
    const left = await ctx.database.db
      .select()
      .from(rateLimits)
      .where(eq(rateLimits.bucket, `test:sweep-hourly@${hour}`))
    expect(left).toEqual([])
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
