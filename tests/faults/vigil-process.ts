import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Exit, spawnVigil } from '../helpers/vigil-process.js'

/**
 * The real process for the fault and soak tests (tests/helpers/vigil-process.ts), with its own temporary DATA_DIR,
 * once it listens.
 */

export type { Exit }

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
  const spawned = spawnVigil({ DATA_DIR: dataDir, NODE_ENV: 'test', ...env }, { keepChars: 1_000_000 })
  const { child, exited } = spawned
  const exitOf = spawned.exit
  let url: string | undefined
  const listening = () => (url ??= /"url":"(http:\/\/[^"]+)"/.exec(spawned.stdout())?.[1])

  const stop = async (limitMs = 15_000): Promise<Exit> => {
    const exit = exitOf()
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
      return listening() ?? ''
    },
    exited,
    alive: () => exitOf() === undefined,
    stdout: spawned.stdout,
    stderr: spawned.stderr,
    stop,
    async dispose() {
      if (!exitOf()) {
        child.kill('SIGKILL')
        await exited
      }
      rmSync(dataDir, { recursive: true, force: true })
    },
  }

  const deadline = Date.now() + startLimitMs
  while (!listening()) {
    const exit = exitOf()
    if (exit) {
      await process_.dispose()
      throw new Error(`Vigil exited before listening (${JSON.stringify(exit)}); stderr: ${spawned.stderr()}`)
    }
    if (Date.now() > deadline) {
      await process_.dispose()
      throw new Error(
        `Vigil did not listen within ${startLimitMs} ms; stdout: ${spawned.stdout().slice(-2000)}`,
      )
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
