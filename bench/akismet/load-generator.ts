/**
 * The clients of `bench:akismet`, run in a child process (the benchmark's entry file again) so that their timing
 * does not wait on the server's thread, and that process as the benchmark sees it.
 */
import { type ChildProcess, fork } from 'node:child_process'
import { Agent, request as httpRequest } from 'node:http'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'

export const LOAD_GENERATOR = 'VIGIL_BENCH_AKISMET_LOAD_GENERATOR'
const REQUEST_TIMEOUT_MS = 30_000
/** The file forked: the benchmark's entry, which runs the load generator when LOAD_GENERATOR is set. */
const ENTRY = new URL('../akismet.ts', import.meta.url)

/** One run: `clients` loops over one keep-alive connection each, taking the next body until none is left. */
export type LoadOrder = { url: string; clients: number; bodies: string[]; durationMs: number }
/** A check as the client saw it: time from `request()` to the response's last byte, status, body (clipped). */
export type Sample = { ms: number; status: number; answer: string }
export type LoadResult = { samples: Sample[]; seconds: number; stoppedBy: 'count' | 'time' }

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

export function runLoadGenerator() {
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
export class LoadGenerator {
  private child: ChildProcess | null = null

  async start(): Promise<void> {
    // `fork` passes on this process's exec arguments, tsx's loader among them.
    const child = fork(fileURLToPath(ENTRY), [], {
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
