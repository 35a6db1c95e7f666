import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/**
 * The real process, as `npm start` runs it (`node --import tsx src/server.ts`), with an environment built from
 * scratch: PATH, HOME, loopback on a free port, and what the test passes. Nothing leaks in from the runner, so a
 * TEST_DATABASE_URL set for the suite reaches a process only when a test passes DATABASE_URL itself. The server
 * tests (tests/server-process.ts) and the fault tests (tests/faults/vigil-process.ts) both start it here.
 */

const root = fileURLToPath(new URL('../..', import.meta.url))

export type Exit = { code: number | null; signal: NodeJS.Signals | null }

export type SpawnedVigil = {
  child: ChildProcess
  /** Resolves when the process exits, however it exits. */
  exited: Promise<Exit>
  /** How it exited, once it has. */
  exit(): Exit | undefined
  stdout(): string
  stderr(): string
}

export function spawnVigil(
  env: Record<string, string>,
  options: {
    args?: string[]
    /** Output kept of each stream: a long soak's request log would pile up for nothing. */
    keepChars?: number
    /** The entry point: the server, or a one-shot command such as `src/purge-cli.ts`. */
    entry?: string
  } = {},
): SpawnedVigil {
  const { args = [], keepChars = Number.POSITIVE_INFINITY, entry = 'src/server.ts' } = options
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      ...(process.env.HOME ? { HOME: process.env.HOME } : {}),
      HOST: '127.0.0.1',
      PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    if (stdout.length < keepChars) stdout += chunk
  })
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    if (stderr.length < keepChars) stderr += chunk
  })
  let exit: Exit | undefined
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal }
      resolve(exit)
    })
  })
  return { child, exited, exit: () => exit, stdout: () => stdout, stderr: () => stderr }
}
