import { type LookupAddress, type LookupAllOptions, type LookupOneOptions, lookup } from 'node:dns'
import http from 'node:http'

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void

/** `localhost` and every name under it (RFC 6761), which this machine's resolver does not answer for. */
export const isLoopbackName = (hostname: string) => /(^|\.)localhost\.?$/i.test(hostname)

/**
 * A `lookup` for sockets that answers 127.0.0.1 for `*.localhost` and asks the system for anything else. Node
 * calls it with `{ all: true }` when it may try several addresses (autoSelectFamily): that form wants a list.
 */
export function loopbackLookup(
  hostname: string,
  options: number | LookupOneOptions | LookupAllOptions | undefined,
  callback: LookupCallback,
): void {
  const all = typeof options === 'object' && options?.all === true
  if (isLoopbackName(hostname)) {
    const family = typeof options === 'number' ? options : (options?.family ?? 0)
    if (family === 6 || family === 'IPv6') {
      const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`)
      error.code = 'ENOTFOUND'
      process.nextTick(callback, error, all ? [] : '', 6)
      return
    }
    if (all) process.nextTick(callback, null, [{ address: '127.0.0.1', family: 4 }])
    else process.nextTick(callback, null, '127.0.0.1', 4)
    return
  }
  // The system resolver, with the same arguments (dns.lookup takes both forms of `options`).
  ;(lookup as (name: string, options: unknown, callback: LookupCallback) => void)(
    hostname,
    options ?? {},
    callback,
  )
}

/**
 * An agent whose sockets resolve with `loopbackLookup`, whatever options it is built with: a client that asks
 * for a fresh agent per request (superagent does, with `agent: false`) gets `new globalAgent.constructor()`.
 */
class LoopbackAgent extends http.Agent {
  constructor(options?: http.AgentOptions) {
    super({ ...options, lookup: loopbackLookup as http.AgentOptions['lookup'] })
  }
}

/**
 * Makes `http.request` in this process reach 127.0.0.1 for `localhost` and `*.localhost` names, without touching
 * the client that sends them (akismet-api puts the API key in the host name: `<key>.localhost:<port>`).
 * Returns the function that puts the original global agent back.
 */
export function resolveLocalhostSubdomains(): () => void {
  const original = http.globalAgent
  http.globalAgent = new LoopbackAgent({ keepAlive: false })
  return () => {
    const current = http.globalAgent
    http.globalAgent = original
    current.destroy()
  }
}
