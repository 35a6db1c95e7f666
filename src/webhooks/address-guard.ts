import type { LookupAddress } from 'node:dns'
import { isIP, type LookupFunction } from 'node:net'
import ipaddr from 'ipaddr.js'
import { type HostLookup, systemLookup } from './host-lookup.js'

export type WebhookUrlCheck = { ok: true; url: URL } | { ok: false; reason: string }

export type WebhookGuardOptions = {
  allowPrivateNetworks: boolean
  /** How hostnames are resolved: the process's bounded look-up (host-lookup.ts); the system resolver if left out. */
  lookupHost?: HostLookup
  /** How long `checkWebhookUrl` waits for a hostname to resolve before refusing it (5 s if left out). */
  lookupTimeoutMs?: number
}

const DEFAULT_LOOKUP_TIMEOUT_MS = 5_000

/** The `code` of the error `guardedLookup` fails with, so a delivery can tell a refusal from a DNS failure. */
export const ADDRESS_REFUSED = 'EWEBHOOKADDRESS'

// Said as "... is <label>, not a public address". Anything ipaddr.js does not call `unicast` is refused.
const RANGE_LABELS: Record<string, string> = {
  unspecified: 'the unspecified address',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address (this includes cloud metadata endpoints)',
  loopback: 'a loopback address',
  carrierGradeNat: 'a carrier-grade NAT address',
  private: 'a private network address',
  uniqueLocal: 'a unique-local (private) IPv6 address',
  deprecatedSiteLocal: 'a site-local IPv6 address',
}

/** Why `address` (an IPv4 or IPv6 literal) may not receive webhooks, or null when it is a public unicast address. */
export function forbiddenAddressReason(address: string): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6
  try {
    parsed = ipaddr.parse(address)
  } catch {
    return 'not an IP address'
  }
  const embedded = embeddedIPv4(parsed)
  if (embedded) return forbiddenAddressReason(embedded.toString())
  const range = parsed.range()
  if (range === 'unicast' && isIPv4Compatible(parsed)) return 'a deprecated IPv4-compatible IPv6 address'
  if (range === 'unicast') return null
  return RANGE_LABELS[range] ?? `a reserved address (${range})`
}

/**
 * The IPv4 address a packet to `address` really ends up at, for the IPv6 forms that carry one: IPv4-mapped
 * (::ffff:a.b.c.d, which the socket layer connects to as plain IPv4), NAT64 (64:ff9b::/96, what DNS64 answers on
 * IPv6-only networks) and 6to4 (2002:aabb:ccdd::/48). Teredo is refused outright instead: it is obsolete.
 */
function embeddedIPv4(address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | null {
  if (address.kind() === 'ipv4') return null
  const v6 = address as ipaddr.IPv6
  const [p0, p1, p2, p3, p4, p5, p6, p7] = v6.parts as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  const fromWords = (high: number, low: number) =>
    new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff])
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address()
  if (p0 === 0x64 && p1 === 0xff9b && p2 === 0 && p3 === 0 && p4 === 0 && p5 === 0) return fromWords(p6, p7)
  if (p0 === 0x2002) return fromWords(p1, p2)
  return null
}

/** ::a.b.c.d (RFC 4291, deprecated): no public host has one, and some stacks route it to the IPv4 address. */
const isIPv4Compatible = (address: ipaddr.IPv4 | ipaddr.IPv6) =>
  address.kind() === 'ipv6' && (address as ipaddr.IPv6).parts.slice(0, 6).every((part) => part === 0)

/** `localhost` and its subdomains are loopback by definition (RFC 6761), whatever a resolver says. */
function isLocalhostName(hostname: string): boolean {
  const name = hostname.replace(/\.$/, '')
  return name === 'localhost' || name.endsWith('.localhost')
}

/** A URL host as a bare address: WHATWG URL keeps IPv6 literals in brackets. */
const bareHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1')

/**
 * Every check that needs no DNS: scheme, credentials, and (unless private networks are allowed) IP literals and
 * localhost names. WHATWG URL parsing has already normalised 0x7f000001, 2130706433 and 0177.1 to 127.0.0.1.
 */
export function checkWebhookUrlSyntax(raw: string, options: WebhookGuardOptions): WebhookUrlCheck {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return { ok: false, reason: 'The webhook URL is not a valid absolute URL.' }
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: 'The webhook URL must use http or https.' }
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'The webhook URL must not contain a user name or password.' }
  }
  if (options.allowPrivateNetworks) return { ok: true, url }
  const host = bareHost(url)
  if (isIP(host)) {
    const forbidden = forbiddenAddressReason(host)
    if (forbidden)
      return { ok: false, reason: `The webhook address ${host} is ${forbidden}, not a public address.` }
  } else if (isLocalhostName(host)) {
    return { ok: false, reason: `The webhook host ${host} is a local name, not a public address.` }
  }
  return { ok: true, url }
}

/**
 * Whether a webhook may be sent to `raw`; a hostname must resolve, and only to public addresses. This is the check
 * to give an API caller a clear answer; the delivery itself connects through `guardedLookup`, which checks again.
 */
export async function checkWebhookUrl(raw: string, options: WebhookGuardOptions): Promise<WebhookUrlCheck> {
  const checked = checkWebhookUrlSyntax(raw, options)
  if (!checked.ok || options.allowPrivateNetworks) return checked
  const host = bareHost(checked.url)
  if (isIP(host)) return checked
  const lookupHost = options.lookupHost ?? systemLookup
  const timeoutMs = options.lookupTimeoutMs ?? DEFAULT_LOOKUP_TIMEOUT_MS
  let addresses: LookupAddress[]
  try {
    const deadline = AbortSignal.timeout(timeoutMs)
    addresses = await Promise.race([lookupHost(host, deadline), rejectionOnAbort(deadline)])
  } catch (error) {
    // The API caller is answered within the deadline, whatever the resolver is still doing.
    if (error instanceof DOMException && error.name === 'TimeoutError')
      return { ok: false, reason: `The webhook host ${host} did not resolve within ${timeoutMs} ms.` }
    return { ok: false, reason: `The webhook host ${host} does not resolve to any address.` }
  }
  if (addresses.length === 0) {
    return { ok: false, reason: `The webhook host ${host} does not resolve to any address.` }
  }
  const refusal = firstRefusal(host, addresses)
  return refusal ? { ok: false, reason: refusal } : checked
}

/** Rejects with the signal's reason once it aborts: a deadline kept whatever the look-up does with the signal. */
const rejectionOnAbort = (signal: AbortSignal) =>
  new Promise<never>((_resolve, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true })
  })

function firstRefusal(host: string, addresses: readonly LookupAddress[]): string | null {
  for (const { address } of addresses) {
    const forbidden = forbiddenAddressReason(address)
    if (forbidden)
      return `The webhook host ${host} resolves to ${address}, which is ${forbidden}, not a public address.`
  }
  return null
}

/**
 * A `lookup` for `http.request` that refuses to connect to a forbidden address. The URL was checked when it was
 * saved, but DNS can answer differently a moment later (rebinding), so the addresses actually connected to are
 * checked here. Node 20 asks for `all: true` (autoSelectFamily) and then wants the whole list back. Once `signal`
 * aborts (the attempt's deadline), a look-up still waiting its turn is dropped.
 */
export function guardedLookup(
  allowPrivateNetworks: boolean,
  lookupHost: HostLookup = systemLookup,
  signal?: AbortSignal,
): LookupFunction {
  return (hostname, options, callback) => {
    lookupHost(hostname, signal).then(
      (resolved) => {
        const refusal = allowPrivateNetworks ? null : firstRefusal(hostname, resolved)
        if (refusal) return callback(addressRefusedError(refusal), [])
        const family = options.family
        const addresses =
          family === 4 || family === 6 ? resolved.filter((entry) => entry.family === family) : resolved
        if (options.all) return callback(null, addresses)
        const [first] = addresses
        if (!first) return callback(notFoundError(hostname), [])
        callback(null, first.address, first.family)
      },
      (error: NodeJS.ErrnoException) => callback(error, []),
    )
  }
}

function addressRefusedError(reason: string): NodeJS.ErrnoException {
  return Object.assign(new Error(reason), { code: ADDRESS_REFUSED })
}

function notFoundError(hostname: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname })
}
