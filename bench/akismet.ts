/**
 * `npm run bench:akismet`: how fast the Akismet-compatible API answers `comment-check` under load. The real HTTP
 * server (`@hono/node-server` on 127.0.0.1, `createApp` with the system clock) and its database run in this
 * process; the clients run in a child process (this file again), so their timing does not wait on the server's
 * thread. Every check is a WordPress-like form body with a comment from the labelled data sets (YouTube and
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
import { type ChildProcess, fork } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { Agent, request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { availableParallelism, cpus, loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { type ServerType, serve } from '@hono/node-server'
import { sql } from 'drizzle-orm'
import { createApp } from '../src/app.js'
import { systemClock } from '../src/clock.js'
import { loadConfig } from '../src/config.js'
import { rowsOf } from '../src/db/client.js'
import { createLogger } from '../src/logger.js'
import { openBenchDatabase } from './database.js'
import { type LabelledComment, loadDatasets } from './datasets.js'
import { benchOptions } from './options.js'
import { table } from './report.js'

/** The issue: "comment-check p99 under 50 ms on this machine at 32 concurrent clients". */
const TARGET_P99_MS = 50
const POOL_SIZE = 10 // what `openDatabase` gives the server
const LOAD_GENERATOR = 'VIGIL_BENCH_AKISMET_LOAD_GENERATOR'
const REQUEST_TIMEOUT_MS = 30_000
const out = (text = '') => process.stdout.write(`${text}\n`)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function options() {
  const o = benchOptions({
    clients: { default: 32, min: 1 },
    requests: { default: 3000, min: 1 },
    warmup: { default: 200, min: 0 },
    baseline: { default: 300, min: 0 },
    'duration-s': { default: 120, min: 1 },
    'time-limit-s': { default: 420, min: 1 },
  })
  return {
    clients: o.clients,
    requests: o.requests,
    warmup: o.warmup,
    baseline: o.baseline,
    durationS: o['duration-s'],
    timeLimitS: o['time-limit-s'],
  }
}

// ─── The clients (child process) ────────────────────────────────────────────────────────────────────────────────

/** One run: `clients` loops over one keep-alive connection each, taking the next body until none is left. */
type LoadOrder = { url: string; clients: number; bodies: string[]; durationMs: number }
/** A check as the client saw it: time from `request()` to the response's last byte, status, body (clipped). */
type Sample = { ms: number; status: number; answer: string }
type LoadResult = { samples: Sample[]; seconds: number; stoppedBy: 'count' | 'time' }

const CLIENT_HEADERS = {
  'content-type': 'application/x-www-form-urlencoded; charset=UTF-8',
  'user-agent': 'WordPress/6.7.1 | Akismet/5.3.5',
}

function check(agent: Agent, url: URL, body: string): Promise<Sample> {
  return new Promise((resolve) => {
    const started = performance.now()
    const failed = (error: Error) =>
      resolve({ ms: performance.now() - started, status: 0, answer: `(${error.message})` })
    const request = httpRequest(
      {
        agent,
        hostname: url.hostname,
        port: url.port,
        path: '/1.1/comment-check',
        method: 'POST',
        headers: { ...CLIENT_HEADERS, 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('error', failed)
        response.on('end', () =>
          resolve({
            ms: performance.now() - started,
            status: response.statusCode ?? 0,
            answer: Buffer.concat(chunks).toString('utf8').slice(0, 200),
          }),
        )
      },
    )
    request.setTimeout(REQUEST_TIMEOUT_MS, () => request.destroy(new Error('no answer in 30 s')))
    request.on('error', failed)
    request.end(body)
  })
}

/** One pool of keep-alive connections for every run: the measured run goes on with the warm-up's connections. */
let agent: Agent | undefined

async function generateLoad(order: LoadOrder): Promise<LoadResult> {
  agent ??= new Agent({ keepAlive: true })
  const url = new URL(order.url)
  const samples: Sample[] = []
  let next = 0
  let stoppedBy: LoadResult['stoppedBy'] = 'count'
  const start = performance.now()
  const deadline = start + order.durationMs
  const client = async () => {
    while (next < order.bodies.length) {
      if (performance.now() >= deadline) {
        stoppedBy = 'time'
        return
      }
      samples.push(await check(agent as Agent, url, order.bodies[next++] ?? ''))
    }
  }
  await Promise.all(Array.from({ length: order.clients }, client))
  const seconds = (performance.now() - start) / 1000
  return { samples, seconds, stoppedBy }
}

function runLoadGenerator() {
  process.on('message', (order: LoadOrder) => {
    generateLoad(order).then(
      (result) => process.send?.({ result }),
      (error: unknown) => process.send?.({ error: error instanceof Error ? error.message : String(error) }),
    )
  })
  // The benchmark gone (finished, failed or killed): nothing left to do.
  process.on('disconnect', () => {
    agent?.destroy()
    process.exit(0)
  })
  process.send?.({ ready: true })
}

/** The child process, seen from the benchmark: one run at a time. */
class LoadGenerator {
  private child: ChildProcess | null = null

  async start(): Promise<void> {
    // `fork` passes on this process's exec arguments, tsx's loader among them.
    const child = fork(fileURLToPath(import.meta.url), [], {
      env: { ...process.env, [LOAD_GENERATOR]: '1' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    this.child = child
    await this.next<{ ready: true }>()
  }

  async run(order: LoadOrder): Promise<LoadResult> {
    const answer = this.next<{ result?: LoadResult; error?: string }>()
    this.child?.send(order)
    const { result, error } = await answer
    if (!result) throw new Error(`load generator: ${error ?? 'no result'}`)
    return result
  }

  stop(): void {
    const child = this.child
    this.child = null
    if (child && child.exitCode === null) child.kill()
  }

  private next<T>(): Promise<T> {
    const child = this.child
    if (!child) return Promise.reject(new Error('load generator not started'))
    return new Promise((resolve, reject) => {
      const onMessage = (message: T) => {
        child.off('exit', onExit)
        resolve(message)
      }
      const onExit = (code: number | null) => {
        child.off('message', onMessage)
        reject(new Error(`load generator exited (code ${code})`))
      }
      child.once('message', onMessage)
      child.once('exit', onExit)
    })
  }
}

// ─── The checks' bodies ─────────────────────────────────────────────────────────────────────────────────────────

/** mulberry32: the same shuffle on every run. */
function seeded(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** Every labelled comment, YouTube and newsroom, spam and ham, in one shuffled order. */
function commentPool(): LabelledComment[] {
  const { videos, newsroom } = loadDatasets()
  const pool = [...[...videos.values()].flat(), ...newsroom]
  const random = seeded(20_261_129)
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[pool[i], pool[j]] = [pool[j] as LabelledComment, pool[i] as LabelledComment]
  }
  return pool
}

const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
]

const slug = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '-')
    .slice(0, 40) || 'x'

/**
 * Check number `n` (0-based, over the whole benchmark) as the WordPress plugin sends it, with comment
 * `pool[n mod size]`. Its sender is its own: an IP of 198.18.0.0/15 (set aside for benchmarks), the data set's
 * author name, an e-mail made unique by `n` (the newsroom's own, with `+n`), so no check is a re-post of another.
 */
function checkBody(pool: readonly LabelledComment[], apiKey: string, n: number): string {
  const comment = pool[n % pool.length] as LabelledComment
  const address = (n % 131_070) + 1
  const ip = `198.${18 + (address >> 16)}.${(address >> 8) & 255}.${address & 255}`
  const [local, domain] = comment.author.email?.split('@') ?? [slug(comment.author.name), 'example.org']
  const email = `${local}+${n}@${domain}`
  const permalink = `https://blog.example/2026/11/${slug(comment.articleId)}/`
  const userAgent = USER_AGENTS[n % USER_AGENTS.length] as string
  const form = new URLSearchParams({
    api_key: apiKey,
    comment_post_ID: String(1000 + (Math.abs(hash(comment.articleId)) % 500)),
    comment_author: comment.author.name,
    comment_author_email: email,
    comment_author_url: comment.author.url ?? '',
    comment_content: comment.content,
    comment_type: 'comment',
    comment_date_gmt: new Date().toISOString().slice(0, 19).replace('T', ' '),
    user_ip: ip,
    user_agent: userAgent,
    referrer: permalink,
    blog: 'https://blog.example',
    blog_lang: 'fr_FR',
    blog_charset: 'UTF-8',
    permalink,
    POST_ak_js: String(Date.now() - 30_000 - (n % 600) * 1000),
    HTTP_HOST: 'blog.example',
    HTTP_ACCEPT: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    HTTP_ACCEPT_LANGUAGE: 'fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7',
    HTTP_ACCEPT_ENCODING: 'gzip, deflate, br',
    HTTP_REFERER: permalink,
    HTTP_USER_AGENT: userAgent,
    HTTP_CONNECTION: 'keep-alive',
  })
  return form.toString()
}

function hash(text: string): number {
  let h = 0
  for (const char of text) h = (Math.imul(h, 31) + (char.codePointAt(0) ?? 0)) | 0
  return h
}

// ─── Figures ────────────────────────────────────────────────────────────────────────────────────────────────────

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0

type RunFigures = {
  clients: number
  requests: number
  stoppedBy: 'count' | 'time'
  seconds: number
  errors: number
  errorExamples: string[]
  requestsPerSecond: number
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number }
  answeredTrue: number
  /** Of the server's thread: the share of the run it was busy (event-loop utilisation). */
  serverThreadBusy: number
  /** CPU time of the server process (all its threads, PGlite included) over the run's wall time. */
  serverProcessCores: number
  /** Connections the server accepted during the run (the rest were the warm-up's, kept alive). */
  connectionsOpened: number
}

type Usage = { busy: number; cores: number; connections: number }

function summarise(result: LoadResult, clients: number, usage: Usage): RunFigures {
  const answered = (s: Sample) => s.status === 200 && (s.answer === 'true' || s.answer === 'false')
  const ok = result.samples.filter(answered)
  const failures = result.samples.filter((s) => !answered(s))
  const sorted = result.samples.map((s) => s.ms).sort((a, b) => a - b)
  const round = (value: number) => Math.round(value * 10) / 10
  return {
    clients,
    requests: result.samples.length,
    stoppedBy: result.stoppedBy,
    seconds: round(result.seconds),
    errors: failures.length,
    errorExamples: [...new Set(failures.map((s) => `HTTP ${s.status}: ${s.answer}`))].slice(0, 5),
    requestsPerSecond: round(result.samples.length / result.seconds),
    latencyMs: {
      p50: round(percentile(sorted, 0.5)),
      p90: round(percentile(sorted, 0.9)),
      p99: round(percentile(sorted, 0.99)),
      max: round(sorted.at(-1) ?? 0),
      mean: round(sorted.reduce((sum, ms) => sum + ms, 0) / Math.max(1, sorted.length)),
    },
    answeredTrue: ok.filter((s) => s.answer === 'true').length / Math.max(1, ok.length),
    serverThreadBusy: usage.busy,
    serverProcessCores: usage.cores,
    connectionsOpened: usage.connections,
  }
}

type Figures = {
  generatedAt: string
  complete: boolean
  error?: string
  database: string
  machine: { availableParallelism: number; cpu: string; node: string; loadAverageAtStart: number }
  settings: ReturnType<typeof options>
  comments?: { pool: number; spam: number; ham: number }
  baseline?: RunFigures
  loaded?: RunFigures
  /** Checks stored as comments (source akismet) against checks answered: one each, or some were re-posts. */
  stored?: { comments: number; answered: number }
  target: { p99Ms: number; clients: number; met: boolean | null }
}

// ─── The benchmark ──────────────────────────────────────────────────────────────────────────────────────────────

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

async function main(figures: Figures, cleanup: (() => Promise<void>)[]) {
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
  // Warm-up, then the measured run at once on the warm-up's connections; the baseline last, on the fuller tables.
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

function report(figures: Figures) {
  const { baseline: one, loaded: many, settings } = figures
  const ms = (value: number | undefined) => (value === undefined ? '—' : `${value.toFixed(1)} ms`)
  const cell = (run: RunFigures | undefined, value: (run: RunFigures) => string) => (run ? value(run) : '—')
  const pct = (value: number) => `${(value * 100).toFixed(1)} %`
  const met = figures.target.met
  out()
  out('Vigil Akismet API: POST /1.1/comment-check over keep-alive HTTP on 127.0.0.1')
  out(
    `  ${figures.machine.availableParallelism} cores available (${figures.machine.cpu}), load average ` +
      `${figures.machine.loadAverageAtStart} at the start, Node ${figures.machine.node}`,
  )
  out(
    `  ${figures.database}; server${figures.database.startsWith('PGlite') ? ' and database' : ''} in one Node ` +
      'process, clients in a child process, all on this machine',
  )
  if (figures.comments)
    out(
      `  Comments: ${figures.comments.pool} from the data sets (${figures.comments.spam} spam, ` +
        `${figures.comments.ham} ham), shuffled; each check with a sender of its own; ${settings.warmup} checks ` +
        'of warm-up first, not counted',
    )
  out(
    table([
      ['figure', '1 client', `${settings.clients} clients`, 'target', ''],
      ['checks', cell(one, (r) => String(r.requests)), cell(many, (r) => String(r.requests)), '', ''],
      [
        '  stopped by',
        cell(one, (r) => r.stoppedBy),
        cell(many, (r) => (r.stoppedBy === 'time' ? `time (${settings.durationS} s)` : r.stoppedBy)),
        '',
        '',
      ],
      [
        'errors (not 200, or not true/false)',
        cell(one, (r) => String(r.errors)),
        cell(many, (r) => String(r.errors)),
        '0',
        many ? (many.errors === 0 && (one?.errors ?? 0) === 0 ? 'PASS' : 'MISS') : '',
      ],
      [
        'throughput',
        cell(one, (r) => `${r.requestsPerSecond.toFixed(0)}/s`),
        cell(many, (r) => `${r.requestsPerSecond.toFixed(0)}/s`),
        '',
        '',
      ],
      ['latency p50', ms(one?.latencyMs.p50), ms(many?.latencyMs.p50), '', ''],
      ['  p90', ms(one?.latencyMs.p90), ms(many?.latencyMs.p90), '', ''],
      [
        '  p99',
        ms(one?.latencyMs.p99),
        ms(many?.latencyMs.p99),
        `< ${TARGET_P99_MS} ms at ${figures.target.clients}`,
        met === null ? '' : met ? 'PASS' : 'MISS',
      ],
      ['  max', ms(one?.latencyMs.max), ms(many?.latencyMs.max), '', ''],
      ['  mean', ms(one?.latencyMs.mean), ms(many?.latencyMs.mean), '', ''],
      [
        'answered true (spam)',
        cell(one, (r) => pct(r.answeredTrue)),
        cell(many, (r) => pct(r.answeredTrue)),
        '',
        '',
      ],
      [
        'server thread busy (event loop)',
        cell(one, (r) => pct(r.serverThreadBusy)),
        cell(many, (r) => pct(r.serverThreadBusy)),
        '',
        '',
      ],
      [
        'server process CPU, in cores',
        cell(one, (r) => r.serverProcessCores.toFixed(2)),
        cell(many, (r) => r.serverProcessCores.toFixed(2)),
        '',
        '',
      ],
      [
        'connections opened during the run',
        cell(one, (r) => String(r.connectionsOpened)),
        cell(many, (r) => String(r.connectionsOpened)),
        '',
        '',
      ],
      [
        'checks stored / answered',
        figures.stored ? `${figures.stored.comments} / ${figures.stored.answered}` : '—',
        '',
        '',
        '',
      ],
    ]),
  )
  if (one && many) {
    const alone = one.latencyMs.p99
    const waiting = Math.max(0, many.latencyMs.p99 - alone)
    out(
      `  Of the ${settings.clients}-client p99 (${ms(many.latencyMs.p99)}), about ${ms(alone)} is a check on its ` +
        `own (1-client p99) and ${ms(waiting)} waiting behind others (${pct(waiting / Math.max(1, many.latencyMs.p99))}). ` +
        `${settings.clients} clients at ${many.requestsPerSecond.toFixed(0)}/s make a mean of ` +
        `${ms((settings.clients / many.requestsPerSecond) * 1000)} (Little's law).`,
    )
  }
  for (const [name, run] of [
    ['1 client', one],
    [`${settings.clients} clients`, many],
  ] as const) {
    for (const example of run?.errorExamples ?? []) out(`  ${name}, failed check: ${example}`)
  }
  const dir = fileURLToPath(new URL('./results/', import.meta.url))
  mkdirSync(dir, { recursive: true })
  writeFileSync(`${dir}akismet.json`, `${JSON.stringify(figures, null, 2)}\n`)
  out('Figures written to bench/results/akismet.json.')
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
    settings,
    target: { p99Ms: TARGET_P99_MS, clients: settings.clients, met: null },
  }
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
  const stopEarly = (why: string) => {
    if (finishing) return
    finishing = true
    figures.error = why
    console.error(`${why}; figures so far:`)
    report(figures)
    void finish(1)
  }
  const watchdog = setTimeout(
    () => stopEarly(`time limit of ${settings.timeLimitS} s reached`),
    settings.timeLimitS * 1000,
  )
  // Interrupted: the PostgreSQL database is still dropped.
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => stopEarly(`stopped by ${signal}`))
  try {
    await main(figures, cleanup)
  } catch (error) {
    // After the time limit, the run fails as the database is taken away: the watchdog is already reporting.
    if (finishing) return
    clearTimeout(watchdog)
    figures.error = error instanceof Error ? error.message : String(error)
    console.error(figures.error)
    report(figures)
    return finish(1)
  }
  if (finishing) return
  clearTimeout(watchdog)
  await tidy()
  report(figures)
  process.exit(0)
}

if (process.env[LOAD_GENERATOR]) runLoadGenerator()
else void run()
