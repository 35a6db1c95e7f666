/**
 * `npm run bench`: Vigil against the bare ceiling, in the same run and on the same database. On PostgreSQL
 * (BENCH_DATABASE_URL, by default the local server) in a scratch database: the baseline (one prepared INSERT per
 * POST), Vigil's intake, moderators' decisions, and the public and moderator reads over a million seeded comments;
 * then the same baseline and intake on PGlite; then scoring alone and webhook delivery (their own scripts).
 * Prints a table, writes bench/results.json and bench/results/explain.txt. Loopback only, bounded in time.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus, loadavg } from 'node:os'
import { openDatabase } from '../src/db/client.js'
import { datasetsDir } from './datasets.js'
import { benchOptions } from './options.js'
import { startCpuMeter } from './perf/cpu.js'
import { explainHotReads, explainReport } from './perf/explain.js'
import { type LoadFigures, type LoadSpec, runLoad } from './perf/load.js'
import { buildTarget, createScratchDatabase, runScript, startTarget, type Target } from './perf/processes.js'
import { describeCpu, type Figures, printReport } from './perf/report.js'
import { BIG_ARTICLE, readSiteId, seedPending, seedReadCorpus } from './perf/seed.js'
import { loadWorkload, trainModel, type Workload } from './perf/workload.js'

const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef'
const SITE = 'news'
const out = (text = '') => process.stdout.write(`${text}\n`)

function options() {
  const o = benchOptions(
    {
      'duration-s': { default: 10, min: 1 },
      'warm-up-s': { default: 3, min: 1 },
      connections: { default: 32, min: 1 },
      comments: { default: 1_000_000, min: 1 },
      decisions: { default: 10_000, min: 1 },
      'time-limit-s': { default: 1800, min: 1 },
    },
    ['skip-postgres', 'skip-pglite', 'skip-scripts'],
  )
  return {
    durationS: o['duration-s'],
    warmUpS: o['warm-up-s'],
    connections: o.connections,
    comments: o.comments,
    decisions: o.decisions,
    timeLimitS: o['time-limit-s'],
    postgres: !o['skip-postgres'],
    pglite: !o['skip-pglite'],
    scripts: !o['skip-scripts'],
    serverUrl: process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
  }
}
type Settings = ReturnType<typeof options>

/** Calls the app over HTTP as its operator would (admin token, or a key), and insists on the expected status. */
async function call<T>(target: Target, method: string, path: string, token: string, body?: unknown) {
  const response = await fetch(`${target.origin}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
  return { body: (await response.json()) as T, etag: response.headers.get('etag') }
}

/** The site intake posts to: a server key, a moderator key, and a webhook endpoint collecting every event. */
async function setUpSite(target: Target) {
  await call(target, 'POST', '/v1/sites', ADMIN_TOKEN, { id: SITE, name: 'Le Quotidien', allowedOrigins: [] })
  const key = async (role: string) =>
    (await call<{ key: string }>(target, 'POST', `/v1/sites/${SITE}/keys`, ADMIN_TOKEN, { role })).body.key
  const serverKey = await key('server')
  const moderatorKey = await key('moderator')
  // Nothing listens there: the dispatcher is off, so the outbox rows are only written, as intake writes them.
  await call(target, 'POST', `/v1/sites/${SITE}/webhooks`, ADMIN_TOKEN, { url: 'http://127.0.0.1:9/vigil' })
  return { serverKey, moderatorKey }
}

function intakeLoad(settings: Settings, target: Target, workload: Workload, serverKey: string): LoadSpec {
  return {
    origin: target.origin,
    method: 'POST',
    path: () => `/v1/sites/${SITE}/comments`,
    body: (n) => workload.submission(n),
    headers: { authorization: `Bearer ${serverKey}` },
    expect: [201],
    connections: settings.connections,
    durationS: settings.durationS,
  }
}

/**
 * One load run against `server`: the figures, where the CPU went, and (unless `peakRss` is false: the baseline's
 * is not Vigil's) that process's peak resident set during the run, its own and not an earlier one's.
 */
async function measure(
  label: string,
  spec: LoadSpec,
  warmUpS: number,
  server: Target,
  { peakRss = true } = {},
): Promise<LoadFigures> {
  out(`  ${label}…`)
  if (peakRss) server.resetPeakRss()
  const figures = await runLoad(spec, warmUpS, () => startCpuMeter(server.pid, server.onPostgres))
  if (peakRss) figures.peakRssMb = server.peakRssMb()
  const rss = figures.peakRssMb === undefined ? '' : `, peak RSS ${figures.peakRssMb} MB`
  out(
    `    ${figures.perSecond}/s, p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms, errors ${figures.errors}${rss}`,
  )
  if (figures.cpu) out(`    ${describeCpu(figures.cpu, figures.requests)}`)
  return figures
}

/** The highest of the runs' peaks and of the process's peak before them (its start, a model trained in it). */
const peakOf = (before: number, runs: readonly LoadFigures[]) =>
  Math.max(before, ...runs.map((run) => run.peakRssMb ?? 0))

/**
 * Follows `nextCursor` up to `pages` times from `path`: the last cursor and how many pages deep it is. A corpus
 * too small for a second page is an error (the default million gives 100 article pages and 30 queue pages).
 */
async function deepCursor(target: Target, path: string, token: string, pages: number) {
  let cursor: string | null = null
  let depth = 0
  for (; depth < pages; depth++) {
    const separator = path.includes('?') ? '&' : '?'
    const url: string = cursor ? `${path}${separator}cursor=${cursor}` : path
    const { body } = await call<{ nextCursor: string | null }>(target, 'GET', url, token)
    if (!body.nextCursor) break
    cursor = body.nextCursor
  }
  if (!cursor) throw new Error(`${path}: no second page; seed more comments (--comments)`)
  return { cursor, depth }
}

async function postgresSection(settings: Settings, workload: Workload, figures: Figures, cleanup: Cleanup) {
  const database = await createScratchDatabase(settings.serverUrl, cleanup)
  figures.postgres = { database: database.label, explain: [] } as unknown as Figures['postgres']
  const section = figures.postgres as NonNullable<Figures['postgres']>
  out(`\nPostgreSQL (${database.label}): seeding ${settings.comments} comments over 100 sites…`)
  const seedStart = performance.now()
  await seedReadCorpus(database.sql, settings.comments, (done) => out(`    ${done}`))
  section.seedSeconds = Math.round((performance.now() - seedStart) / 1000)

  const baseline = await startTarget({
    kind: 'baseline',
    databaseUrl: database.url,
    adminToken: ADMIN_TOKEN,
    datasetsDir: datasetsDir(),
  })
  cleanup.push(baseline.stop)
  section.baseline = await measure(
    'baseline',
    intakeLoad(settings, baseline, workload, ''),
    settings.warmUpS,
    baseline,
    { peakRss: false },
  )
  await baseline.stop()

  // Trained from here, not in the server: the server's peak resident set is Vigil's own, not the training's.
  const trainer = await openDatabase({ url: database.url, poolSize: 2 })
  await trainModel(trainer.db, SITE, workload.training)
  await trainer.close()
  const vigil = await startTarget({
    kind: 'vigil',
    databaseUrl: database.url,
    adminToken: ADMIN_TOKEN,
    datasetsDir: datasetsDir(),
  })
  cleanup.push(vigil.stop)
  const { serverKey, moderatorKey } = await setUpSite(vigil)
  const startPeakRssMb = vigil.peakRssMb()
  section.intake = await measure(
    'intake',
    intakeLoad(settings, vigil, workload, serverKey),
    settings.warmUpS,
    vigil,
  )

  const pending = await seedPending(database.sql, SITE, settings.decisions)
  section.decisions = await measure(
    `decisions (${pending.length}, approve and reject in turn)`,
    {
      origin: vigil.origin,
      method: 'POST',
      path: (n) => `/v1/sites/${SITE}/comments/${pending[n]}/${n % 2 === 0 ? 'approve' : 'reject'}`,
      body: () => '{}',
      headers: { authorization: `Bearer ${moderatorKey}` },
      expect: [200],
      connections: settings.connections,
      durationS: settings.durationS,
      amount: pending.length,
    },
    0,
    vigil,
  )

  const readSite = readSiteId(0)
  const readKey = (
    await call<{ key: string }>(vigil, 'POST', `/v1/sites/${readSite}/keys`, ADMIN_TOKEN, {
      role: 'moderator',
    })
  ).body.key
  const articlePath = `/v1/sites/${readSite}/articles/${BIG_ARTICLE}/comments?limit=50`
  const queuePath = `/v1/sites/${readSite}/queue?limit=50`
  const { etag } = await call(vigil, 'GET', articlePath, readKey)
  const deepArticle = await deepCursor(vigil, articlePath, readKey, 100)
  const deepQueue = await deepCursor(vigil, queuePath, readKey, 30)
  const read = (path: string, headers: Record<string, string>, expect: number[]): LoadSpec => ({
    origin: vigil.origin,
    method: 'GET',
    path: () => path,
    headers,
    expect,
    connections: settings.connections,
    durationS: settings.durationS,
  })
  const moderator = { authorization: `Bearer ${readKey}` }
  section.reads = {
    articleFirst: await measure('article page, first', read(articlePath, {}, [200]), settings.warmUpS, vigil),
    articleNotModified: await measure(
      'article page, If-None-Match',
      read(articlePath, { 'if-none-match': etag ?? '' }, [304]),
      settings.warmUpS,
      vigil,
    ),
    articleDeep: await measure(
      `article page, ${deepArticle.depth} pages deep`,
      read(`${articlePath}&cursor=${deepArticle.cursor}`, {}, [200]),
      settings.warmUpS,
      vigil,
    ),
    queueFirst: await measure(
      'moderation queue, first',
      read(queuePath, moderator, [200]),
      settings.warmUpS,
      vigil,
    ),
    queueDeep: await measure(
      `moderation queue, ${deepQueue.depth} pages deep`,
      read(`${queuePath}&cursor=${deepQueue.cursor}`, moderator, [200]),
      settings.warmUpS,
      vigil,
    ),
  }
  section.deepPages = { article: deepArticle.depth, queue: deepQueue.depth }
  section.peakRssMb = peakOf(startPeakRssMb, [
    section.intake,
    section.decisions,
    ...Object.values(section.reads),
  ])
  await vigil.stop()
  const plans = await explainHotReads(database.url, {
    siteId: readSite,
    articleId: BIG_ARTICLE,
    deepArticleCursor: deepArticle.cursor,
    deepQueueCursor: deepQueue.cursor,
  })
  writeFileSync(new URL('./results/explain.txt', import.meta.url), explainReport(plans))
  section.explain = plans.map(({ name, executionMs, indexed, rowsRead }) => ({
    name,
    executionMs,
    indexed,
    rowsRead,
  }))
}

async function pgliteSection(settings: Settings, workload: Workload, figures: Figures, cleanup: Cleanup) {
  out('\nPGlite (in memory, in the server process):')
  const baseline = await startTarget({
    kind: 'baseline',
    databaseUrl: null,
    adminToken: ADMIN_TOKEN,
    datasetsDir: datasetsDir(),
  })
  cleanup.push(baseline.stop)
  const baselineFigures = await measure(
    'baseline',
    intakeLoad(settings, baseline, workload, ''),
    settings.warmUpS,
    baseline,
    { peakRss: false },
  )
  await baseline.stop()
  const vigil = await startTarget({
    kind: 'vigil',
    databaseUrl: null,
    adminToken: ADMIN_TOKEN,
    datasetsDir: datasetsDir(),
    trainModelFor: SITE,
  })
  cleanup.push(vigil.stop)
  const { serverKey } = await setUpSite(vigil)
  const startPeakRssMb = vigil.peakRssMb()
  const intake = await measure(
    'intake',
    intakeLoad(settings, vigil, workload, serverKey),
    settings.warmUpS,
    vigil,
  )
  figures.pglite = { baseline: baselineFigures, intake, peakRssMb: peakOf(startPeakRssMb, [intake]) }
  await vigil.stop()
}

type Cleanup = (() => Promise<void>)[]

async function main(settings: Settings, figures: Figures, cleanup: Cleanup) {
  const workload = loadWorkload()
  await buildTarget()
  if (settings.postgres) await postgresSection(settings, workload, figures, cleanup)
  if (settings.pglite) await pgliteSection(settings, workload, figures, cleanup)
  if (settings.scripts) {
    out('\nScoring alone (npm run bench:score):')
    figures.scoring = (await runScript('score.ts', [], {}, 'score.json')) as Figures['scoring']
    out('\nWebhook delivery (npm run bench:webhooks, shortened, on the same PostgreSQL):')
    figures.webhooks = (await runScript(
      'webhooks.ts',
      ['--comments', '600', '--decisions', '300'],
      { BENCH_DATABASE_URL: settings.serverUrl },
      'webhooks.json',
    )) as Figures['webhooks']
  }
}

async function run() {
  const settings = options()
  const figures: Figures = {
    generatedAt: new Date().toISOString(),
    complete: false,
    machine: {
      availableParallelism: availableParallelism(),
      cpu: cpus()[0]?.model ?? '?',
      node: process.version,
      loadAverageAtStart: Number(loadavg()[0]?.toFixed(2)),
    },
    settings: { ...settings, serverUrl: undefined },
  }
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true })
  const cleanup: Cleanup = []
  const tidy = async () => {
    for (const step of cleanup.splice(0).reverse()) await step().catch(() => {})
  }
  // Once: after a time limit or a signal, the work still in flight fails as its connections close, and its
  // error must neither replace the first reason nor exit before the scratch database is dropped.
  let finishing = false
  const finish = async (code: number, error?: string) => {
    if (finishing) return
    finishing = true
    if (error) figures.error = error
    await tidy()
    printReport(figures)
    writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(figures, null, 2)}\n`)
    out('Figures written to bench/results.json (plans of the hot reads in bench/results/explain.txt).')
    process.exit(code)
  }
  const watchdog = setTimeout(
    () => void finish(1, `time limit of ${settings.timeLimitS} s reached`),
    settings.timeLimitS * 1000,
  )
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void finish(1, `stopped by ${signal}`))
  try {
    await main(settings, figures, cleanup)
    figures.complete = true
    clearTimeout(watchdog)
    await finish(0)
  } catch (error) {
    clearTimeout(watchdog)
    console.error(error)
    await finish(1, error instanceof Error ? error.message : String(error))
  }
}

void run()
