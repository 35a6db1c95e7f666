/**
 * The processes `npm run bench` drives: servers under test (bench/perf/target.ts), the other benchmark scripts,
 * and a scratch database of its own on the PostgreSQL server, dropped on the way out.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import postgres from 'postgres'
import { openDatabase } from '../../src/db/client.js'
import { migrateDatabase } from '../../src/db/migrate.js'
import type { TargetOptions, TargetReady } from './target.js'

export type Target = {
  origin: string
  pid: number
  /** Whether its database is a PostgreSQL server (its processes' CPU then counts), or PGlite in its own process. */
  onPostgres: boolean
  /** The process's peak resident set (VmHWM) since it started or since `resetPeakRss`, in MB. */
  peakRssMb(): number
  /** Starts the peak over from the current resident set, so that a phase's own peak can be read. */
  resetPeakRss(): void
  stop(): Promise<void>
}

const TARGET_SOURCE = fileURLToPath(new URL('./target.ts', import.meta.url))
/**
 * Where the server under test is bundled to: two folders deep, like src/db/migrate.ts, whose path to drizzle/ is
 * relative to itself. Output, kept out of git with the rest of bench/results/.
 */
const TARGET = fileURLToPath(new URL('../results/target.mjs', import.meta.url))
const START_TIMEOUT_MS = 180_000
const PROFILES = fileURLToPath(new URL('../results/profiles/', import.meta.url))

/**
 * Compiles the server under test to one JavaScript file (its packages left as imports), so it runs as production
 * runs Vigil (`npm run start:prod`, compiled code): through tsx, the loader's own thread and its compiled sources
 * would add some 75 MB to the resident set measured, and its start-up to the first figures.
 */
export async function buildTarget(): Promise<void> {
  await build({
    entryPoints: [TARGET_SOURCE],
    outfile: TARGET,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  })
}

export function startTarget(options: TargetOptions): Promise<Target> {
  const child = fork(TARGET, [JSON.stringify(options)], {
    // BENCH_PROFILE=1: each server writes a CPU profile (open it in Chrome's DevTools) when it stops.
    execArgv: process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILES}`] : [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`the ${options.kind} server did not start within ${START_TIMEOUT_MS / 1000} s`))
    }, START_TIMEOUT_MS)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`the ${options.kind} server exited with code ${code} before listening`))
    })
    child.once('message', (message) => {
      clearTimeout(timer)
      const { port, pid } = message as TargetReady
      resolve({
        origin: `http://127.0.0.1:${port}`,
        pid,
        onPostgres: options.databaseUrl !== null,
        peakRssMb: () => peakRssMb(pid),
        // Linux's clear_refs: writing 5 resets VmHWM to the current resident set.
        resetPeakRss: () => writeFileSync(`/proc/${pid}/clear_refs`, '5'),
        stop: () => stopChild(child),
      })
    })
  })
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN)
  return Math.round(kb / 1024)
}

/**
 * Stops a child, killed if it has not ended after 12 s: longer than a benchmark script's own tidying (10 s at
 * most, lifecycle.ts: it drops its scratch database), and short enough for the bench's (30 s) to drop its own
 * after it. A child that never started (no pid) has nothing to stop.
 */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve()
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 12_000)
    child.removeAllListeners('exit')
    child.once('exit', () => {
      clearTimeout(force)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

/**
 * Runs another benchmark script to its end (its output shown), then reads the figures it wrote. Cut short, the
 * bench stops it by `cleanup` (SIGTERM: it drops its own scratch database) instead of leaving it running.
 */
export function runScript(
  script: string,
  args: readonly string[],
  env: Record<string, string>,
  resultsFile: string,
  cleanup: (() => Promise<void>)[],
): Promise<unknown> {
  const path = fileURLToPath(new URL(`../${script}`, import.meta.url))
  const child = spawn(process.execPath, ['--import', 'tsx', path, ...args], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...env },
  })
  cleanup.push(() => stopChild(child))
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`${script} exited with code ${code}`))
      const results = fileURLToPath(new URL(`../results/${resultsFile}`, import.meta.url))
      resolve(JSON.parse(readFileSync(results, 'utf8')))
    })
  })
}

export type ScratchDatabase = { url: string; label: string; sql: postgres.Sql; drop(): Promise<void> }

/**
 * A fresh, migrated `vigil_perf_<random>` database on the server at `serverUrl`. Its removal is put on `cleanup`
 * before it is created, so an interruption at any point leaves nothing behind.
 */
export async function createScratchDatabase(
  serverUrl: string,
  cleanup: (() => Promise<void>)[],
): Promise<ScratchDatabase> {
  const name = `vigil_perf_${randomBytes(6).toString('hex')}`
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 })
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const sql = postgres(url.toString(), { max: 4, onnotice: () => {} })
  const drop = async () => {
    await sql.end({ timeout: 5 })
    await admin.unsafe(`drop database if exists ${name} with (force)`)
    await admin.end()
  }
  cleanup.push(drop)
  await admin.unsafe(`create database ${name}`)
  const handle = await openDatabase({ url: url.toString(), poolSize: 2 })
  await migrateDatabase(handle)
  await handle.close()
  const [row] = await sql<{ server_version: string }[]>`show server_version`
  const version = row?.server_version.split(' ')[0] ?? '?'
  return { url: url.toString(), label: `PostgreSQL ${version} at ${url.host}`, sql, drop }
}
