/**
 * `npm run bench`: Vigil against the bare ceiling, in the same run and on the same database. On PostgreSQL
 * (BENCH_DATABASE_URL, by default the local server) in a scratch database: the baseline (one prepared INSERT per
 * POST), Vigil's intake, moderators' decisions, and the public and moderator reads over a million seeded comments;
 * then the same baseline and intake on PGlite; then scoring alone, webhook delivery and Akismet's comment-check
 * (their own scripts).
 * Prints a table, writes bench/results.json and bench/results/explain.txt. Loopback only, bounded in time.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { machine, sleep } from './lifecycle.js'
import { buildTarget, runScript } from './perf/processes.js'
import { type Figures, printReport, verdictsOf } from './perf/report.js'
import { pgliteSection, postgresSection } from './perf/sections.js'
import { options, type Settings } from './perf/settings.js'
import type { Cleanup } from './perf/site.js'
import { loadWorkload } from './perf/workload.js'

const out = (text = '') => process.stdout.write(`${text}\n`)

async function main(settings: Settings, figures: Figures, cleanup: Cleanup) {
  const workload = loadWorkload()
  await buildTarget()
  if (settings.postgres) await postgresSection(settings, workload, figures, cleanup)
  if (settings.pglite) await pgliteSection(settings, workload, figures, cleanup)
  if (settings.scripts) {
    out('\nScoring alone (npm run bench:score):')
    figures.scoring = (await runScript('score.ts', [], {}, 'score.json', cleanup)) as Figures['scoring']
    out('\nWebhook delivery (npm run bench:webhooks, shortened, on the same PostgreSQL):')
    figures.webhooks = (await runScript(
      'webhooks.ts',
      ['--comments', '600', '--decisions', '300'],
      { BENCH_DATABASE_URL: settings.serverUrl },
      'webhooks.json',
      cleanup,
    )) as Figures['webhooks']
    out('\nAkismet comment-check (npm run bench:akismet, on the same PostgreSQL):')
    figures.akismet = (await runScript(
      'akismet.ts',
      [],
      { BENCH_DATABASE_URL: settings.serverUrl },
      'akismet.json',
      cleanup,
    )) as Figures['akismet']
  }
}

async function run() {
  const settings = options()
  const figures: Figures = {
    generatedAt: new Date().toISOString(),
    complete: false,
    machine: machine(),
    settings: { ...settings, serverUrl: undefined },
  }
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true })
  const cleanup: Cleanup = []
  const tidy = async () => {
    for (const step of cleanup.splice(0).reverse()) await step().catch(() => {})
  }
  // Tidying a wedged database must not hold the exit up for long (as lifecycle.ts's runBounded); long enough for
  // the running child to be stopped (killed after 12 s at most) and the scratch database dropped after it.
  const tidyBounded = () => Promise.race([tidy(), sleep(30_000)])
  // Once: after a time limit or a signal, the work still in flight fails as its connections close, and its
  // error must neither replace the first reason nor exit before the scratch database is dropped.
  let finishing = false
  const finish = async (code: number, error?: string) => {
    if (finishing) return
    finishing = true
    if (error) figures.error = error
    await tidyBounded()
    figures.verdicts = verdictsOf(figures)
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
