import { type LookupAddress, lookup as lookupCallback } from 'node:dns'

/**
 * Resolves a webhook host to every address it has. Rejects with the resolver's error, or with the signal's
 * reason once `signal` aborts (the caller then no longer waits, whatever the resolver is still doing).
 */
export type HostLookup = (hostname: string, signal?: AbortSignal) => Promise<LookupAddress[]>

/** The system resolver (getaddrinfo, as `http.request` itself uses: /etc/hosts, nsswitch, search domains). */
export const systemLookup = (hostname: string): Promise<LookupAddress[]> =>
  new Promise((resolve, reject) => {
    lookupCallback(hostname, { all: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    )
  })

export type HostLookupOptions = {
  /** Look-ups running at once; the others wait their turn. */
  concurrency?: number
  resolve?: (hostname: string) => Promise<LookupAddress[]>
}

/**
 * Two at once: getaddrinfo runs on libuv's thread pool (four threads by default), which the database driver's
 * own look-ups and the file system share. A resolver that hangs keeps each look-up for its full timeout, and
 * receivers' hosts are anyone's to choose; without a bound, a burst of deliveries to such a host would hold every
 * thread and stall the whole process behind them.
 */
const DEFAULT_CONCURRENCY = 2

type Waiting = { start: () => void; abandon: () => void }

/**
 * A look-up that runs at most `concurrency` resolutions at a time, in the order they were asked for. A caller
 * whose signal aborts while it waits leaves the line without resolving anything; one whose signal aborts during
 * its resolution is answered at once, and the slot is freed when the resolver returns (a running getaddrinfo
 * cannot be cancelled).
 */
export function createHostLookup(options: HostLookupOptions = {}): HostLookup {
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY
  const resolveHost = options.resolve ?? systemLookup
  const waiting: Waiting[] = []
  let running = 0

  const release = () => {
    running--
    const next = waiting.shift()
    if (next) next.start()
  }

  return (hostname, signal) =>
    new Promise<LookupAddress[]>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason)
      let settled = false
      const onAbort = () => {
        if (settled) return
        settled = true
        entry.abandon()
        reject(signal?.reason)
      }
      const entry: Waiting = {
        start: () => {
          running++
          resolveHost(hostname).then(
            (addresses) => finish(() => resolve(addresses)),
            (error: unknown) => finish(() => reject(error)),
          )
        },
        abandon: () => {
          const index = waiting.indexOf(entry)
          if (index >= 0) waiting.splice(index, 1)
        },
      }
      const finish = (answer: () => void) => {
        release()
        signal?.removeEventListener('abort', onAbort)
        if (settled) return
        settled = true
        answer()
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      if (running < concurrency) entry.start()
      else waiting.push(entry)
    })
}
