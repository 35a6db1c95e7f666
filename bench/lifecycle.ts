/**
 * What the HTTP benchmarks (`bench:akismet`, `bench:webhooks`) share around their measurements: the machine they
 * ran on, the figures file, and a run bounded in time that still reports what it has when cut short.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'

export const out = (text = '') => process.stdout.write(`${text}\n`)
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0

export type Machine = { availableParallelism: number; cpu: string; node: string; loadAverageAtStart: number }

export function machine(): Machine {
  return {
    availableParallelism: availableParallelism(),
    cpu: cpus()[0]?.model ?? '?',
    node: process.version,
    loadAverageAtStart: Number(loadavg()[0]?.toFixed(2)),
  }
}

/** What a benchmark's figures start with, whatever it measures. */
export type BenchRecord = {
  generatedAt: string
  complete: boolean
  error?: string
  database: string
  machine: Machine
}

export const benchRecord = (): BenchRecord => ({
  generatedAt: new Date().toISOString(),
  complete: false,
  database: 'not opened',
  machine: machine(),
})

/** Parses the options, or stops the script with their one-line message. */
export function settingsOrExit<T>(options: () => T): T {
  try {
    return options()
  } catch (error) {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  }
}

/** Writes bench/results/`name`.json and says so. */
export function writeFigures(name: string, figures: unknown) {
  const dir = fileURLToPath(new URL('./results/', import.meta.url))
  mkdirSync(dir, { recursive: true })
  writeFileSync(`${dir}${name}.json`, `${JSON.stringify(figures, null, 2)}\n`)
  out(`Figures written to bench/results/${name}.json.`)
}

export type Cleanup = (() => Promise<void>)[]

/**
 * Runs `main` within `timeLimitS` seconds (and, with `signals`, until SIGINT or SIGTERM). Cut short or failed,
 * it reports the figures so far, tidies up and exits 1; finished, it tidies up, reports and resolves true, the
 * exit code left to the caller. `cleanup` steps run in their order, each failure logged and passed over.
 */
export async function runBounded(run: {
  timeLimitS: number
  signals: boolean
  figures: { error?: string }
  main: (cleanup: Cleanup) => Promise<void>
  report: () => void
}): Promise<boolean> {
  const { figures, report } = run
  const cleanup: Cleanup = []
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
    report()
    void finish(1)
  }
  const watchdog = setTimeout(
    () => stopEarly(`time limit of ${run.timeLimitS} s reached`),
    run.timeLimitS * 1000,
  )
  // Interrupted: the PostgreSQL database is still dropped.
  if (run.signals)
    for (const signal of ['SIGINT', 'SIGTERM'] as const)
      process.once(signal, () => stopEarly(`stopped by ${signal}`))
  try {
    await run.main(cleanup)
  } catch (error) {
    // After the time limit, the run fails as the database is taken away: the watchdog is already reporting.
    if (finishing) return false
    clearTimeout(watchdog)
    figures.error = error instanceof Error ? error.message : String(error)
    console.error(figures.error)
    report()
    await finish(1)
    return false
  }
  if (finishing) return false
  clearTimeout(watchdog)
  await tidy()
  report()
  return true
}
