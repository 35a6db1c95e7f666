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
import { mkdirSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { availableParallelism, cpus, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import { Webhook } from 'standardwebhooks'
import { type App, createApp } from '../src/app.js'
import { systemClock } from '../src/clock.js'
import { loadConfig } from '../src/config.js'
import { type DatabaseHandle, rowsOf } from '../src/db/client.js'
import { createLogger } from '../src/logger.js'
import { createDispatcher, type Dispatcher } from '../src/webhooks/dispatcher.js'
import { openBenchDatabase } from './database.js'
import { benchOptions } from './options.js'
import { table } from './report.js'

/** The issue: "A new delivery starts within a second of its commit." */
const TARGET_P99_LAG_MS = 1_000
const CONCURRENCY = 16
const POOL_SIZE = 10 // what `openDatabase` gives the server
const out = (text = '') => process.stdout.write(`${text}\n`)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function options() {
  const o = benchOptions({
    comments: { default: 2000, min: 1 },
    decisions: { default: 300, min: 1 },
    'pace-ms': { default: 5, min: 0 },
    'time-limit-s': { default: 300, min: 1 },
  })
  return {
    comments: o.comments,
    decisions: o.decisions,
    paceMs: o['pace-ms'],
    timeLimitS: o['time-limit-s'],
  }
}

/**
 * A site's receiver on 127.0.0.1: answers 200 as soon as the body is in, then verifies the signature and notes
 * when the request arrived (`performance.now()`, the same clock as the decisions', one process).
 */
class Receiver {
  readonly webhookIds = new Set<string>()
  /** Arrival of each comment's first `comment.approved`, by comment id. */
  readonly approvedAt = new Map<string, number>()
  readonly createdFor = new Set<string>()
  requests = 0
  signatureFailures = 0
  private verifier: Webhook | null = null
  private waiters: { check: () => boolean; resolve: () => void }[] = []
  private server: Server | null = null
  port = 0

  get url() {
    return `http://127.0.0.1:${this.port}/hooks`
  }

  set secret(secret: string) {
    this.verifier = new Webhook(secret)
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        const at = performance.now()
        response.writeHead(200).end()
        this.record(at, request.headers, Buffer.concat(chunks).toString('utf8'))
      })
    })
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve))
    this.port = (this.server.address() as AddressInfo).port
  }

  async stop(): Promise<void> {
    const server = this.server
    this.server = null
    if (!server) return
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  /** Resolves once `check` holds (checked at every arrival). */
  until(check: () => boolean): Promise<void> {
    if (check()) return Promise.resolve()
    return new Promise((resolve) => this.waiters.push({ check, resolve }))
  }

  private record(at: number, headers: IncomingHttpHeaders, body: string) {
    this.requests++
    try {
      if (!this.verifier) throw new Error('no secret yet')
      this.verifier.verify(body, headers as Record<string, string>)
    } catch {
      this.signatureFailures++
    }
    const webhookId = String(headers['webhook-id'])
    this.webhookIds.add(webhookId)
    let type = 'unreadable'
    let commentId: string | null = null
    try {
      const payload = JSON.parse(body) as { type: string; data?: { comment?: { id?: string } } }
      type = payload.type
      commentId = payload.data?.comment?.id ?? null
    } catch {}
    if (commentId && type === 'comment.created') this.createdFor.add(commentId)
    if (commentId && type === 'comment.approved' && !this.approvedAt.has(commentId))
      this.approvedAt.set(commentId, at)
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.check()) return true
      waiter.resolve()
      return false
    })
  }
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0

function distribution(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b)
  return {
    n: sorted.length,
    p50: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
    p99: percentile(sorted, 0.99),
    max: sorted.at(-1) ?? 0,
  }
}

type Distribution = ReturnType<typeof distribution>

/** Everything measured so far: filled in phase by phase, so a run cut short still reports what it has. */
type Figures = {
  generatedAt: string
  complete: boolean
  error?: string
  database: string
  machine: { availableParallelism: number; cpu: string; node: string; loadAverageAtStart: number }
  settings: { comments: number; decisions: number; paceMs: number; concurrency: number; timeLimitS: number }
  throughput?: {
    postingSeconds: number
    commentsPostedPerSecond: number
    deliveries: number
    secondsToReceiveAll?: number
    deliveriesPerSecond?: number
    secondsToRecordAll?: number
    recordedPerSecond?: number
    attemptsRecorded?: number
    deliveriesSucceeded?: number
  }
  lag?: {
    decisions: number
    decisionsPerSecond?: number
    decisionRequestMs?: Distribution
    fromRequestMs?: Distribution
    fromCommitMs?: Distribution
    seriesFromCommitMs?: number[]
    received?: number
  }
  /** Both phases: N created, M created, M approved; one attempt each. */
  attemptsRecorded?: number
  /** Attempts that did not get a 200, by error (each is retried after the first retry delay). */
  failedAttempts?: { error: string; attempts: number }[]
  receiver: { requests: number; distinctWebhookIds: number; duplicates: number; signatureFailures: number }
  target: { p99LagMs: number; met: boolean | null }
}

async function count(db: DatabaseHandle['db'], query: ReturnType<typeof sql>): Promise<number> {
  const [row] = rowsOf<{ n: number | string }>(await db.execute(query))
  return Number(row?.n ?? 0)
}

async function main(figures: Figures, receiver: Receiver, cleanup: (() => Promise<void>)[]) {
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

function report(figures: Figures, receiver: Receiver) {
  figures.receiver = {
    requests: receiver.requests,
    distinctWebhookIds: receiver.webhookIds.size,
    duplicates: receiver.requests - receiver.webhookIds.size,
    signatureFailures: receiver.signatureFailures,
  }
  const { throughput: t, lag, settings } = figures
  const ms = (value: number | undefined) => (value === undefined ? '—' : `${value.toFixed(1)} ms`)
  const rate = (value: number | undefined) => (value === undefined ? '—' : value.toFixed(0))
  const expectedAttempts = settings.comments + 2 * settings.decisions
  const mark = (ok: boolean | null | undefined) =>
    ok === null || ok === undefined ? '' : ok ? 'PASS' : 'MISS'
  out()
  out(
    `Vigil webhook delivery: one process (app, dispatcher, receiver${figures.database.startsWith('PGlite') ? ', database' : ''})`,
  )
  out(
    `  ${figures.machine.availableParallelism} cores available (${figures.machine.cpu}), load average ` +
      `${figures.machine.loadAverageAtStart} at the start, Node ${figures.machine.node}; dispatcher concurrency ` +
      `${settings.concurrency}, receiver on 127.0.0.1 answering 200 at once`,
  )
  out(
    '  Everything shares this machine: the app, the dispatcher and the receiver one Node thread, the database ' +
      '(PGlite: that thread too) the rest; other load moves these figures a lot.',
  )
  out(
    table([
      ['figure', 'value', 'target', ''],
      ['database', figures.database, '', ''],
      ['comments queued, then drained', String(settings.comments), '', ''],
      ['  posting them (intake + enqueue), per second', rate(t?.commentsPostedPerSecond), '', ''],
      ['  deliveries/s, to the receiver', rate(t?.deliveriesPerSecond), '', ''],
      ['  deliveries/s, attempts recorded', rate(t?.recordedPerSecond), '', ''],
      [
        'comments approved, one at a time',
        lag ? `${lag.decisions} at ${rate(lag.decisionsPerSecond)}/s` : '—',
        '',
        '',
      ],
      [
        '  decision request, p50 / p99',
        lag?.decisionRequestMs ? `${ms(lag.decisionRequestMs.p50)} / ${ms(lag.decisionRequestMs.p99)}` : '—',
        '',
        '',
      ],
      ['lag, decision sent → webhook received: p50', ms(lag?.fromRequestMs?.p50), '', ''],
      ['  p90', ms(lag?.fromRequestMs?.p90), '', ''],
      ['  p99', ms(lag?.fromRequestMs?.p99), `≤ ${TARGET_P99_LAG_MS} ms`, mark(figures.target.met)],
      ['  max', ms(lag?.fromRequestMs?.max), '', ''],
      [
        'lag from the commit (response), p50 / p99 / max',
        lag?.fromCommitMs
          ? `${ms(lag.fromCommitMs.p50)} / ${ms(lag.fromCommitMs.p99)} / ${ms(lag.fromCommitMs.max)}`
          : '—',
        '',
        '',
      ],
      [
        '  attempts recorded after the drain',
        t?.attemptsRecorded === undefined ? '—' : String(t.attemptsRecorded),
        `= ${settings.comments}`,
        t?.attemptsRecorded === undefined ? '' : mark(t.attemptsRecorded === settings.comments),
      ],
      [
        'attempts recorded in all (N + 2 M)',
        figures.attemptsRecorded === undefined ? '—' : String(figures.attemptsRecorded),
        `= ${expectedAttempts}`,
        figures.attemptsRecorded === undefined ? '' : mark(figures.attemptsRecorded === expectedAttempts),
      ],
      [
        '  of which failed, to be retried',
        figures.failedAttempts === undefined
          ? '—'
          : String(figures.failedAttempts.reduce((sum, failed) => sum + failed.attempts, 0)),
        '0',
        figures.failedAttempts === undefined ? '' : mark(figures.failedAttempts.length === 0),
      ],
      ...(figures.failedAttempts ?? []).map((failed) => [
        `    ${failed.error}`,
        String(failed.attempts),
        '',
        '',
      ]),
      [
        'duplicates (requests − distinct webhook-id)',
        String(figures.receiver.duplicates),
        '0',
        mark(figures.receiver.duplicates === 0),
      ],
      [
        'signature failures',
        String(figures.receiver.signatureFailures),
        '0',
        mark(figures.receiver.signatureFailures === 0),
      ],
    ]),
  )
  const dir = fileURLToPath(new URL('./results/', import.meta.url))
  mkdirSync(dir, { recursive: true })
  writeFileSync(`${dir}webhooks.json`, `${JSON.stringify(figures, null, 2)}\n`)
  out('Figures written to bench/results/webhooks.json.')
}

/** Sound deliveries are what the figures stand on: anything else is an error, not a missed target. */
function soundness(figures: Figures): string | null {
  const expected = figures.settings.comments + 2 * figures.settings.decisions
  if (figures.receiver.signatureFailures > 0) return `${figures.receiver.signatureFailures} signatures failed`
  if (figures.receiver.duplicates > 0) return `${figures.receiver.duplicates} deliveries arrived twice`
  if (figures.throughput?.attemptsRecorded !== figures.settings.comments)
    return `${figures.throughput?.attemptsRecorded} attempts recorded after the drain, expected ${figures.settings.comments}`
  if (figures.attemptsRecorded !== expected)
    return `${figures.attemptsRecorded} attempts recorded in all, expected ${expected}`
  return null
}

async function run() {
  let settings: ReturnType<typeof options>
  try {
    settings = options()
  } catch (error) {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  }
  const figures: Figures = {
    generatedAt: new Date().toISOString(),
    complete: false,
    database: 'not opened',
    machine: {
      availableParallelism: availableParallelism(),
      cpu: cpus()[0]?.model ?? '?',
      node: process.version,
      loadAverageAtStart: Number(loadavg()[0]?.toFixed(2)),
    },
    settings: { ...settings, concurrency: CONCURRENCY },
    receiver: { requests: 0, distinctWebhookIds: 0, duplicates: 0, signatureFailures: 0 },
    target: { p99LagMs: TARGET_P99_LAG_MS, met: null },
  }
  const receiver = new Receiver()
  const cleanup: (() => Promise<void>)[] = []
  const tidy = async () => {
    for (const step of cleanup.splice(0)) await step().catch((error) => console.error('cleanup:', error))
  }
  let finishing = false
  const finish = async (code: number) => {
    finishing = true
    // Tidying a wedged database must not hold the exit up for long.
    await Promise.race([tidy(), sleep(10_000)])
    process.exit(code)
  }
  const watchdog = setTimeout(() => {
    finishing = true
    figures.error = `time limit of ${settings.timeLimitS} s reached`
    console.error(`${figures.error}; figures so far:`)
    report(figures, receiver)
    void finish(1)
  }, settings.timeLimitS * 1000)
  try {
    await main(figures, receiver, cleanup)
  } catch (error) {
    // After the time limit, the run fails as the database is taken away: the watchdog is already reporting.
    if (finishing) return
    clearTimeout(watchdog)
    figures.error = error instanceof Error ? error.message : String(error)
    console.error(figures.error)
    report(figures, receiver)
    return finish(1)
  }
  if (finishing) return
  clearTimeout(watchdog)
  await tidy()
  report(figures, receiver)
  const unsound = soundness(figures)
  if (unsound) console.error(`Deliveries were not sound: ${unsound}.`)
  process.exit(unsound ? 1 : 0)
}

void run()
