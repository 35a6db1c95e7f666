/**
 * The clients of `bench:akismet`: autocannon (a maintained load generator), run in a child process (the
 * benchmark's entry file again) so that their timing does not wait on the server's thread, and that process as
 * the benchmark sees it.
 */
import { type ChildProcess, fork } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'

export const LOAD_GENERATOR = 'VIGIL_BENCH_AKISMET_LOAD_GENERATOR'
const REQUEST_TIMEOUT_S = 30
/** The file forked: the benchmark's entry, which runs the load generator when LOAD_GENERATOR is set. */
const ENTRY = new URL('../akismet.ts', import.meta.url)

/** One run: `clients` keep-alive connections, each sending the next body as soon as its last was answered. */
export type LoadOrder = { url: string; clients: number; bodies: string[]; durationMs: number }
/** A check as the client saw it: time from sending to the response's last byte, status, body (clipped). */
export type Sample = { ms: number; status: number; answer: string }
/** The answered checks, and the requests that got no answer (connection errors, time-outs), by message. */
export type LoadResult = { samples: Sample[]; failed: string[]; seconds: number; stoppedBy: 'count' | 'time' }

const CLIENT_HEADERS = {
  'content-type': 'application/x-www-form-urlencoded; charset=UTF-8',
  'user-agent': 'WordPress/6.7.1 | Akismet/5.3.5',
}

async function generateLoad(order: LoadOrder): Promise<LoadResult> {
  const samples: Sample[] = []
  const failed: string[] = []
  let next = 0
  // autocannon hands a request's body to `onResponse` and, at once after it, its time to the 'response' event.
  let answer = ''
  const start = performance.now()
  const run = autocannon({
    url: order.url,
    connections: Math.min(order.clients, order.bodies.length),
    pipelining: 1,
    timeout: REQUEST_TIMEOUT_S,
    amount: order.bodies.length,
    requests: [
      {
        method: 'POST',
        path: '/1.1/comment-check',
        headers: CLIENT_HEADERS,
        setupRequest: (request) => ({ ...request, body: order.bodies[next++] ?? '' }),
        onResponse: (_status, body) => {
          answer = body.slice(0, 200)
        },
      },
    ],
  }) as unknown as autocannon.Instance & PromiseLike<autocannon.Result>
  let lastAnswer = start
  run.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    samples.push({ ms, status, answer })
    lastAnswer = performance.now()
  })
  // A time-out ends a request too: a run whose last checks time out took that long.
  run.on('reqError', (error: Error) => {
    failed.push(error.message)
    lastAnswer = performance.now()
  })
  // With `amount`, autocannon ignores `duration`: the run's time bound is this timer.
  let stoppedBy: LoadResult['stoppedBy'] = 'count'
  const bound = setTimeout(() => {
    stoppedBy = 'time'
    run.stop()
  }, order.durationMs)
  await run
  clearTimeout(bound)
  // Up to the last answer or error: autocannon ends a run at its next one-second tick, up to a second after it.
  return { samples, failed, seconds: Math.max((lastAnswer - start) / 1000, 0.001), stoppedBy }
}

export function runLoadGenerator() {
  process.on('message', (order: LoadOrder) => {
    generateLoad(order).then(
      (result) => process.send?.({ result }),
      (error: unknown) => process.send?.({ error: error instanceof Error ? error.message : String(error) }),
    )
  })
  // The benchmark gone (finished, failed or killed): nothing left to do.
  process.on('disconnect', () => process.exit(0))
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
