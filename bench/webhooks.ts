/**
 * `npm run bench:webhooks`: how fast the outbox delivers, and how long after a moderator's decision its webhook
 * arrives. A real app (`createApp`, driven only through `app.request`), the real dispatcher (`createDispatcher`,
 * concurrency 16, default poll) and a receiver on 127.0.0.1 that answers 200 at once and checks every signature
 * with the `standardwebhooks` library, as a site would. PGlite in memory, or PostgreSQL with BENCH_DATABASE_URL
 * (a fresh database, dropped at the end).
 *
 *   --comments N        comments queued before the dispatcher starts (throughput phase), default 2000
 *   --decisions M       comments approved one by one while it runs (lag phase), default 300
 *   --pace-ms P         at most one decision every P ms, default 5
 *   --time-limit-s S    hard limit: print what there is and exit 1, default 300
 */
import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { type App, createApp } from '../src/app.js'
import { systemClock } from '../src/clock.js'
import { loadConfig } from '../src/config.js'
import { type DatabaseHandle, rowsOf } from '../src/db/client.js'
import { createLogger } from '../src/logger.js'
import { createDispatcher, type Dispatcher } from '../src/webhooks/dispatcher.js'
import { openBenchDatabase } from './database.js'
import { benchRecord, type Cleanup, out, runBounded, settingsOrExit, sleep } from './lifecycle.js'
import {
  CONCURRENCY,
  distribution,
  type Figures,
  options,
  soundness,
  TARGET_P99_LAG_MS,
} from './webhooks/figures.js'
import { Receiver } from './webhooks/receiver.js'
import { report } from './webhooks/report.js'

const POOL_SIZE = 10 // what `openDatabase` gives the server

async function count(db: DatabaseHandle['db'], query: ReturnType<typeof sql>): Promise<number> {
  const [row] = rowsOf<{ n: number | string }>(await db.execute(query))
  return Number(row?.n ?? 0)
}

async function main(figures: Figures, receiver: Receiver, cleanup: Cleanup) {
  const { comments: n, decisions: m, paceMs } = figures.settings
  const database = await openBenchDatabase(POOL_SIZE)
  cleanup.push(() => database.dispose())
  figures.database = database.label
  out(`Database: ${database.label}`)

  const adminToken = randomBytes(24).toString('hex')
  const config = loadConfig({
    ADMIN_TOKEN: adminToken,
    NODE_ENV: 'test',
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    // One server key posts every comment, naming no reader: the per-key limit (1 200 a minute by default) would
    // refuse the default 2 000 of phase 1 on a machine that posts them within the minute.
    RATE_LIMIT_API_PER_KEY: '1000000',
  })
  const logger = createLogger('error', process.stderr)
  const app: App = createApp({ db: database.handle.db, config, clock: systemClock, logger })

  async function call(method: string, path: string, token: string, body: unknown, expected: number) {
    // A request from the network starts in an event-loop turn of its own, after pending I/O. Calling
    // `app.request` back to back would not: on PGlite, whose queries run synchronously in this thread, one long
    // chain of promises would then keep the dispatcher's sockets waiting until the loop ends.
    await new Promise((resolve) => setImmediate(resolve))
    const response = await app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    if (response.status !== expected)
      throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`)
    return (await response.json()) as Record<string, unknown>
  }

  await receiver.start()
  cleanup.push(() => receiver.stop())

  const site = `bench-${randomBytes(4).toString('hex')}`
  await call('POST', '/v1/sites', adminToken, { id: site, name: 'Webhook benchmark' }, 201)
  // Every comment held (so each approval changes it, and is an event), and no flood control between them.
  await call(
    'PATCH',
    `/v1/sites/${site}/settings`,
    adminToken,
    { moderation: 'all', floodIntervalSeconds: 0 },
    200,
  )
  const key = async (role: string) =>
    String((await call('POST', `/v1/sites/${site}/keys`, adminToken, { role }, 201)).key)
  const serverKey = await key('server')
  const moderatorKey = await key('moderator')
  const endpoint = await call('POST', `/v1/sites/${site}/webhooks`, adminToken, { url: receiver.url }, 201)
  receiver.secret = String(endpoint.secret)

  let posted = 0
  async function post(): Promise<string> {
    const i = posted++
    const body = await call(
      'POST',
      `/v1/sites/${site}/comments`,
      serverKey,
      {
        articleId: `article-${i % 50}`,
        author: { name: `Reader ${i}`, email: `reader${i}@example.org` },
        content: `Reader ${i} here: ${randomBytes(12).toString('hex')} is my reference for the ${i}th question.`,
      },
      201,
    )
    return String(body.id)
  }

  // Phase 1: N deliveries queued while no dispatcher runs, then one starts and drains them.
  out(`Phase 1: posting ${n} comments with no dispatcher running…`)
  const postStart = performance.now()
  for (let i = 0; i < n; i++) await post()
  const postingSeconds = (performance.now() - postStart) / 1000
  const throughput: NonNullable<Figures['throughput']> = {
    postingSeconds,
    commentsPostedPerSecond: n / postingSeconds,
    deliveries: n,
  }
  figures.throughput = throughput
  const dispatcher: Dispatcher = createDispatcher({
    database: database.handle,
    config: config.webhooks,
    clock: systemClock,
    logger,
    concurrency: CONCURRENCY,
  })
  cleanup.unshift(() => dispatcher.stop(5_000))
  out(`  queued ${n} comment.created deliveries; starting the dispatcher…`)
  const drainStart = performance.now()
  await dispatcher.start()
  await receiver.until(() => receiver.createdFor.size >= n)
  throughput.secondsToReceiveAll = (performance.now() - drainStart) / 1000
  throughput.deliveriesPerSecond = n / throughput.secondsToReceiveAll
  // Each attempt is recorded just after its response: wait for the last one.
  const succeeded = sql`select count(*) as n from webhook_deliveries where state = 'succeeded'`
  while ((await count(database.handle.db, succeeded)) < n) await sleep(10)
  throughput.secondsToRecordAll = (performance.now() - drainStart) / 1000
  throughput.recordedPerSecond = n / throughput.secondsToRecordAll
  throughput.attemptsRecorded = await count(
    database.handle.db,
    sql`select count(*) as n from webhook_attempts`,
  )
  throughput.deliveriesSucceeded = await count(database.handle.db, succeeded)

  // Phase 2: the dispatcher keeps running; M more comments, their created events let through first, then each
  // approved in turn at a steady pace.
  out(`Phase 2: posting ${m} comments, then approving them one by one (one every ${paceMs} ms at most)…`)
  const ids: string[] = []
  for (let i = 0; i < m; i++) ids.push(await post())
  await receiver.until(() => receiver.createdFor.size >= n + m)
  const lag: NonNullable<Figures['lag']> = { decisions: m }
  figures.lag = lag
  const sentAt = new Map<string, number>()
  const committedAt = new Map<string, number>()
  const requestMs: number[] = []
  const paceStart = performance.now()
  for (const [i, id] of ids.entries()) {
    const wait = paceStart + i * paceMs - performance.now()
    if (wait > 0) await sleep(wait)
    const sent = performance.now()
    sentAt.set(id, sent)
    await call('POST', `/v1/sites/${site}/comments/${id}/approve`, moderatorKey, {}, 200)
    const committed = performance.now()
    committedAt.set(id, committed)
    requestMs.push(committed - sent)
  }
  lag.decisionsPerSecond = m / ((performance.now() - paceStart) / 1000)
  lag.decisionRequestMs = distribution(requestMs)
  await receiver.until(() => ids.every((id) => receiver.approvedAt.has(id)))
  const lagOf = (from: Map<string, number>) =>
    distribution(ids.map((id) => (receiver.approvedAt.get(id) ?? 0) - (from.get(id) ?? 0)))
  lag.received = ids.filter((id) => receiver.approvedAt.has(id)).length
  lag.fromRequestMs = lagOf(sentAt)
  lag.fromCommitMs = lagOf(committedAt)
  // In decision order, so a backlog building up (lag growing along the run) shows in the JSON.
  lag.seriesFromCommitMs = ids.map((id) =>
    Math.round((receiver.approvedAt.get(id) ?? 0) - (committedAt.get(id) ?? 0)),
  )
  figures.target.met = lag.fromRequestMs.p99 <= TARGET_P99_LAG_MS
  // Every attempt recorded before the counts are read.
  while ((await count(database.handle.db, succeeded)) < n + 2 * m) await sleep(10)
  figures.attemptsRecorded = await count(database.handle.db, sql`select count(*) as n from webhook_attempts`)
  figures.failedAttempts = rowsOf<{ error: string | null; n: number | string }>(
    await database.handle.db.execute(
      sql`select coalesce(error, 'HTTP ' || status_code) as error, count(*) as n from webhook_attempts
        where status_code is distinct from 200 group by 1 order by 2 desc`,
    ),
  ).map((row) => ({ error: String(row.error), attempts: Number(row.n) }))
  figures.complete = true
}

async function run() {
  const settings = settingsOrExit(options)
  const figures: Figures = {
    ...benchRecord(),
    settings: { ...settings, concurrency: CONCURRENCY },
    receiver: { requests: 0, distinctWebhookIds: 0, duplicates: 0, signatureFailures: 0 },
    target: { p99LagMs: TARGET_P99_LAG_MS, met: null },
  }
  const receiver = new Receiver()
  const finished = await runBounded({
    timeLimitS: settings.timeLimitS,
    signals: true,
    figures,
    main: (cleanup) => main(figures, receiver, cleanup),
    report: () => report(figures, receiver),
  })
  if (!finished) return
  const unsound = soundness(figures)
  if (unsound) console.error(`Deliveries were not sound: ${unsound}.`)
  process.exit(unsound ? 1 : 0)
}

void run()
