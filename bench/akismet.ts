/**
 * `npm run bench:akismet`: how fast the Akismet-compatible API answers `comment-check` under load. The real HTTP
 * server (`@hono/node-server` on 127.0.0.1, `createApp` with the system clock) and its database run in this
 * process; the clients (autocannon) run in a child process (this file again), so their timing does not wait on
 * the server's thread. Every check is a WordPress-like form body with a comment from the labelled data sets (YouTube and
 * newsroom, spam and ham mixed) and a sender of its own. PGlite in memory, or PostgreSQL with BENCH_DATABASE_URL
 * (a fresh database, dropped at the end).
 *
 *   --clients N         concurrent keep-alive clients in the measured run, default 32
 *   --requests N        checks in the measured run, default 3000
 *   --warmup N          checks first, not measured, default 200
 *   --baseline N        checks by a single client after the measured run, default 300
 *   --duration-s S      each run also stops after S seconds, default 120
 *   --time-limit-s S    hard limit: print what there is and exit 1, default 420
 */
import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'
import { type ServerType, serve } from '@hono/node-server'
import { sql } from 'drizzle-orm'
import { createApp } from '../src/app.js'
import { systemClock } from '../src/clock.js'
import { loadConfig } from '../src/config.js'
import { rowsOf } from '../src/db/client.js'
import { createLogger } from '../src/logger.js'
import { checkBody, commentPool } from './akismet/bodies.js'
import { type Figures, options, type RunFigures, summarise, TARGET_P99_MS } from './akismet/figures.js'
import { LOAD_GENERATOR, LoadGenerator, type LoadOrder, runLoadGenerator } from './akismet/load-generator.js'
import { report } from './akismet/report.js'
import { openBenchDatabase } from './database.js'
import { benchRecord, type Cleanup, out, runBounded, settingsOrExit } from './lifecycle.js'

const POOL_SIZE = 10 // what `openDatabase` gives the server

/** Runs `order` and measures the server process meanwhile (`accepted`: the server's count of connections). */
async function measured(
  generator: LoadGenerator,
  order: LoadOrder,
  accepted: () => number,
): Promise<RunFigures> {
  const elu = performance.eventLoopUtilization()
  const cpu = process.cpuUsage()
  const connections = accepted()
  const wall = performance.now()
  const result = await generator.run(order)
  const busy = performance.eventLoopUtilization(elu).utilization
  const used = process.cpuUsage(cpu)
  const cores = (used.user + used.system) / 1000 / (performance.now() - wall)
  return summarise(result, order.clients, {
    busy: Math.round(busy * 1000) / 1000,
    cores: Math.round(cores * 100) / 100,
    connections: accepted() - connections,
  })
}

async function main(figures: Figures, cleanup: Cleanup) {
  const settings = figures.settings
  const database = await openBenchDatabase(POOL_SIZE)
  cleanup.push(() => database.dispose())
  figures.database = database.label
  out(`Database: ${database.label}`)

  const adminToken = randomBytes(24).toString('hex')
  const config = loadConfig({ ADMIN_TOKEN: adminToken, NODE_ENV: 'production', LOG_LEVEL: 'silent' })
  // No request log (as LOG_LEVEL=silent); a failed check's error still goes to stderr.
  const logger = createLogger('error', process.stderr)
  const app = createApp({ db: database.handle.db, config, clock: systemClock, logger })
  const server = await new Promise<ServerType>((resolve) => {
    const listening = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(listening))
  })
  cleanup.unshift(async () => {
    if ('closeAllConnections' in server) server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })
  let accepted = 0
  server.on('connection', () => accepted++)
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  out(`Server: ${url}`)

  async function call(path: string, body: unknown, expected: number) {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    if (response.status !== expected)
      throw new Error(`POST ${path}: HTTP ${response.status} ${await response.text()}`)
    return (await response.json()) as Record<string, unknown>
  }
  const site = `bench-${randomBytes(4).toString('hex')}`
  await call('/v1/sites', { id: site, name: 'Akismet benchmark' }, 201)
  const apiKey = String((await call(`/v1/sites/${site}/keys`, { role: 'server' }, 201)).key)

  const pool = commentPool()
  const spam = pool.filter((comment) => comment.label === 'spam').length
  figures.comments = { pool: pool.length, spam, ham: pool.length - spam }
  let checks = 0
  const bodies = (count: number) => Array.from({ length: count }, () => checkBody(pool, apiKey, checks++))

  const generator = new LoadGenerator()
  cleanup.unshift(async () => generator.stop())
  await generator.start()

  let answered = 0
  const run = async (clients: number, count: number) => {
    const result = await measured(
      generator,
      { url, clients, bodies: bodies(count), durationMs: settings.durationS * 1000 },
      () => accepted,
    )
    answered += result.requests - result.errors
    return result
  }
  // Warm-up, then the measured run at once (on connections of its own: autocannon opens them per run, and the
  // table counts them); the baseline last, on the fuller tables.
  if (settings.warmup > 0) {
    out(`Warm-up: ${settings.warmup} checks from ${settings.clients} clients, not measured…`)
    const warm = await run(settings.clients, settings.warmup)
    if (warm.errors === warm.requests)
      throw new Error(`every check failed in the warm-up: ${warm.errorExamples[0]}`)
  }
  out(
    `Measured: ${settings.requests} checks from ${settings.clients} clients (at most ${settings.durationS} s)…`,
  )
  const loaded = await run(settings.clients, settings.requests)
  figures.loaded = loaded
  if (loaded.errors === loaded.requests)
    throw new Error(`every measured check failed: ${loaded.errorExamples[0]}`)
  figures.target.met = loaded.latencyMs.p99 < TARGET_P99_MS
  if (settings.baseline > 0) {
    out(`Baseline: ${settings.baseline} checks from 1 client…`)
    figures.baseline = await run(1, settings.baseline)
  }
  const [row] = rowsOf<{ n: number | string }>(
    await database.handle.db.execute(sql`select count(*) as n from comments where source = 'akismet'`),
  )
  figures.stored = { comments: Number(row?.n ?? 0), answered }
  figures.complete = true
}

async function run() {
  const settings = settingsOrExit(options)
  const figures: Figures = {
    ...benchRecord(),
    settings,
    target: { p99Ms: TARGET_P99_MS, clients: settings.clients, met: null },
  }
  const finished = await runBounded({
    timeLimitS: settings.timeLimitS,
    signals: true,
    figures,
    main: (cleanup) => main(figures, cleanup),
    report: () => report(figures),
  })
  if (finished) process.exit(0)
}

if (process.env[LOAD_GENERATOR]) runLoadGenerator()
else void run()
