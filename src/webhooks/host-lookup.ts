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

type Caller = { resolve: (addresses: LookupAddress[]) => void; reject: (error: unknown) => void }
/** One host's resolution, in the line or running, and the callers still waiting for its answer. */
type Resolution = { callers: Set<Caller>; running: boolean }

/**
 * A look-up that runs at most `concurrency` resolutions at a time, in the order they were asked for. Callers
 * asking for a host already in the line or being resolved share that resolution: a host whose name server hangs
 * then holds one slot however many deliveries to it are due, and the other receivers' hosts keep the rest. A
 * caller whose signal aborts is answered at once; a host nobody waits for any more leaves the line, and one being
 * resolved keeps its slot until the resolver returns (a running getaddrinfo cannot be cancelled). Nothing is
 * kept once a resolution is over: the next caller asks again.
 */
export function createHostLookup(options: HostLookupOptions = {}): HostLookup {
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY
  const resolveHost = options.resolve ?? systemLookup
  const resolutions = new Map<string, Resolution>()
  const line: string[] = []
  let running = 0

  const startNext = () => {
    while (running < concurrency) {
      const hostname = line.shift()
      const resolution = hostname === undefined ? undefined : resolutions.get(hostname)
      if (hostname === undefined || !resolution) return
      running++
      resolution.running = true
      const finish = (answer: (caller: Caller) => void) => {
        running--
        resolutions.delete(hostname)
        for (const caller of resolution.callers) answer(caller)
        startNext()
      }
      resolveHost(hostname).then(
        (addresses) => finish((caller) => caller.resolve(addresses)),
        (error: unknown) => finish((caller) => caller.reject(error)),
      )
    }
  }

  return (hostname, signal) =>
    new Promise<LookupAddress[]>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason)
      let resolution = resolutions.get(hostname)
      if (!resolution) {
        resolution = { callers: new Set(), running: false }
        resolutions.set(hostname, resolution)
        line.push(hostname)
      }
      const shared = resolution
      const onAbort = () => {
        shared.callers.delete(caller)
        if (shared.callers.size === 0 && !shared.running) {
          resolutions.delete(hostname)
          line.splice(line.indexOf(hostname), 1)
        }
        reject(signal?.reason)
      }
      const caller: Caller = {
        resolve: (addresses) => {
          signal?.removeEventListener('abort', onAbort)
          resolve(addresses)
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort)
          reject(error)
        },
      }
      shared.callers.add(caller)
      signal?.addEventListener('abort', onAbort, { once: true })
      startNext()
    })
}
