import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, expect } from 'vitest'
import { type Exit, spawnVigil } from './helpers/vigil-process.js'

/**
 * The real process, as `npm start` runs it: configuration from the environment, the admin token file, the
 * embedded database under DATA_DIR, signals. Every process here runs on PGlite in a temporary DATA_DIR, whether
 * or not TEST_DATABASE_URL is set: the environment it gets is built from scratch.
 */

const STOP_LIMIT_MS = 10_000
/**
 * How long a process may take to start listening, or to exit by itself: these catch a hang, not slowness. A
 * first start on the embedded database creates it (10 s and more when the suite's other files share the cores).
 */
const START_LIMIT_MS = 60_000
const EXIT_LIMIT_MS = 40_000
/** Node's default keep-alive timeout: an idle connection left to it would hold the shutdown this long. */
export const KEEP_ALIVE_TIMEOUT_MS = 5_000

export type LogLine = { msg?: string; url?: string; level?: number; [key: string]: unknown }
export type { Exit }

export type Spawned = {
  child: ChildProcess
  exited: Promise<Exit>
  stdout(): string
  stderr(): string
  logs(): LogLine[]
}

const children = new Set<ChildProcess>()
const tempDirs: string[] = []

export function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-server-test-'))
  tempDirs.push(dir)
  return dir
}

/**
 * Starts the server (or the one-shot command at `entry`) with only PATH, HOME and `env`
 * (tests/helpers/vigil-process.ts).
 */
export function spawnServer(env: Record<string, string>, args: string[] = [], entry?: string): Spawned {
  const spawned = spawnVigil(env, { args, ...(entry ? { entry } : {}) })
  const { child, exited } = spawned
  children.add(child)
  void exited.then(() => children.delete(child))
  const logs = () =>
    spawned
      .stdout()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogLine)
  return { child, exited, stdout: spawned.stdout, stderr: spawned.stderr, logs }
}

export async function waitFor<T>(
  what: string,
  probe: () => T | undefined,
  server: Spawned,
  limitMs = START_LIMIT_MS,
) {
  const deadline = Date.now() + limitMs
  let exited = false
  void server.exited.then(() => {
    exited = true
  })
  for (;;) {
    const value = probe()
    if (value !== undefined) return value
    if (exited) throw new Error(`the server exited before ${what}; stderr: ${server.stderr()}`)
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; stdout: ${server.stdout()}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/** Starts the server and waits for the log line that carries the address it listens on. */
export async function startServer(dataDir: string, env: Record<string, string> = {}) {
  const server = spawnServer({ DATA_DIR: dataDir, ...env })
  const url = await waitFor('listening', () => server.logs().find((line) => line.url)?.url, server)
  return { ...server, url }
}

/** Sends SIGTERM and waits (bounded) for the exit. */
export async function stop(server: Spawned): Promise<Exit & { elapsedMs: number }> {
  const started = Date.now()
  server.child.kill('SIGTERM')
  const exit = await Promise.race([
    server.exited,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('the server did not exit within 10 s of SIGTERM')), STOP_LIMIT_MS),
    ),
  ])
  return { ...exit, elapsedMs: Date.now() - started }
}

/** Runs a process that is expected to exit by itself (a configuration error). */
export async function runToExit(env: Record<string, string>, args: string[] = []) {
  const server = spawnServer(env, args)
  const exit = await Promise.race([
    server.exited,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`did not exit within ${EXIT_LIMIT_MS / 1000} s`)), EXIT_LIMIT_MS),
    ),
  ])
  return { ...exit, stdout: server.stdout(), stderr: server.stderr(), logs: server.logs() }
}

/** Registers the hooks that kill what a test left running and remove the temporary DATA_DIRs. */
export function cleanUpProcesses() {
  afterEach(async () => {
    // Whatever a failed test left running is killed, so no process outlives its test.
    const running = [...children].filter((child) => child.exitCode === null && child.signalCode === null)
    for (const child of running) child.kill('SIGKILL')
    await Promise.all(running.map((child) => new Promise((resolve) => child.once('exit', resolve))))
  })

  afterAll(() => {
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true })
  })
}

export const adminToken = (dataDir: string) => readFileSync(join(dataDir, 'admin-token'), 'utf8').trim()

export async function createSite(url: string, token: string, id: string) {
  const response = await fetch(`${url}/v1/sites`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id, name: 'Le Quotidien' }),
  })
  expect(response.status).toBe(201)
}
