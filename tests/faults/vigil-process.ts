import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The real process for the fault and soak tests, started as tests/server.test.ts starts it: `node --import tsx
 * src/server.ts` with an environment built from scratch (PATH, HOME and what the test passes), on loopback, on
 * a free port, with its own temporary DATA_DIR.
 */

const root = fileURLToPath(new URL('../..', import.meta.url))

export type Exit = { code: number | null; signal: NodeJS.Signals | null }

export type VigilProcess = {
  child: ChildProcess
  url: string
  /** Resolves when the process exits, however it exits. */
  exited: Promise<Exit>
  /** Whether the process is still running. */
  alive(): boolean
  stdout(): string
  stderr(): string
  /** SIGTERM, then SIGKILL if it has not exited within `limitMs`; resolves to how it exited. */
  stop(limitMs?: number): Promise<Exit>
  /** Kills it (if running) and removes its DATA_DIR. */
  dispose(): Promise<void>
}

export async function startVigil(env: Record<string, string>, startLimitMs = 45_000): Promise<VigilProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-fault-'))
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      ...(process.env.HOME ? { HOME: process.env.HOME } : {}),
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      NODE_ENV: 'test',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  let url: string | undefined
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    // Only the start-up lines are kept in full; later the request log would pile up for nothing.
    if (stdout.length < 1_000_000) stdout += chunk
    url ??= /"url":"(http:\/\/[^"]+)"/.exec(stdout)?.[1]
  })
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    if (stderr.length < 1_000_000) stderr += chunk
  })
  let exit: Exit | undefined
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal }
      resolve(exit)
    })
  })

  const stop = async (limitMs = 15_000): Promise<Exit> => {
    if (exit) return exit
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs)
    try {
      return await exited
    } finally {
      clearTimeout(timer)
    }
  }

  const process_: VigilProcess = {
    child,
    get url() {
      return url ?? ''
    },
    exited,
    alive: () => exit === undefined,
    stdout: () => stdout,
    stderr: () => stderr,
    stop,
    async dispose() {
      if (!exit) {
        child.kill('SIGKILL')
        await exited
      }
      rmSync(dataDir, { recursive: true, force: true })
    },
  }

  const deadline = Date.now() + startLimitMs
  while (!url) {
    if (exit) {
      await process_.dispose()
      throw new Error(`Vigil exited before listening (${JSON.stringify(exit)}); stderr: ${stderr}`)
    }
    if (Date.now() > deadline) {
      await process_.dispose()
      throw new Error(`Vigil did not listen within ${startLimitMs} ms; stdout: ${stdout.slice(-2000)}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  return process_
}

/** One HTTP exchange as a test records it: never throws, a transport failure is an outcome too. */
export type Outcome = {
  status: number | 'network-error'
  ms: number
  headers: Headers | null
  body: string
  error?: string
}

export async function exchange(
  url: string,
  init: RequestInit & { timeoutMs?: number } = {},
): Promise<Outcome> {
  const started = performance.now()
  const { timeoutMs = 20_000, ...rest } = init
  try {
    const response = await fetch(url, { ...rest, signal: AbortSignal.timeout(timeoutMs) })
    const body = await response.text()
    return { status: response.status, ms: performance.now() - started, headers: response.headers, body }
  } catch (error) {
    return {
      status: 'network-error',
      ms: performance.now() - started,
      headers: null,
      body: '',
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    }
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
