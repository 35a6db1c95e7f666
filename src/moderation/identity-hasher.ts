import { createHmac } from 'node:crypto'
import { domainToASCII, domainToUnicode } from 'node:url'
import ipaddr from 'ipaddr.js'
import type { Clock } from '../clock.js'
import type { Database } from '../db/client.js'
import { instanceSecret } from '../db/instance-secrets.js'

export type IdentityHasher = {
  /** A keyed hash of an IP or e-mail: stable across processes, useless to anyone without the database's key. */
  hash(kind: 'ip' | 'email', value: string): Promise<string>
  /**
   * The keyed hash of the network a reader's IP address stands for (`addressBucket`): what flood control,
   * reputation, rate limits and failed-key blocks count a sender by.
   */
  address(ip: string): Promise<string>
  /** The keyed hash of an e-mail address, its spelling aside (`canonicalEmail`): what a reader is known by. */
  email(address: string): Promise<string>
  /**
   * The keyed hashes an address may be stored under, `email`'s first: comments stored before addresses were
   * canonical hold the hash of the address as typed then, composed or decomposed, its domain in Unicode or
   * punycode. What finds a person's data (export, erasure) looks for every one.
   */
  emailSpellings(address: string): Promise<string[]>
}

/**
 * What an address is counted as: an IPv4 address itself, an IPv6 address by its /64 (one subscriber's
 * network, whose hosts take any number of addresses in it, and change them every day for privacy). An
 * IPv4-mapped IPv6 address counts as the IPv4 one.
 */
export function addressBucket(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip
  const address = ipaddr.process(ip)
  if (address.kind() === 'ipv4') return address.toString()
  const parts = (address as ipaddr.IPv6).parts.slice(0, 4)
  return `${new ipaddr.IPv6([...parts, 0, 0, 0, 0]).toString()}/64`
}

/**
 * One spelling of an address: trimmed, lower-cased, composed (NFC: an é typed on macOS, or copied, arrives as an e
 * and a combining accent), its domain in Unicode rather than punycode (café.example, not xn--caf-dma.example).
 */
export function canonicalEmail(address: string): string {
  const lower = address.trim().toLowerCase().normalize('NFC')
  const at = lower.lastIndexOf('@')
  const domain = at < 0 ? '' : domainToUnicode(lower.slice(at + 1)).normalize('NFC')
  return domain ? `${lower.slice(0, at)}@${domain}` : lower
}

/** The spellings an earlier version may have hashed an address in: as typed, lower-cased and trimmed. */
function earlierSpellings(address: string): string[] {
  const canonical = canonicalEmail(address)
  const at = canonical.lastIndexOf('@')
  const spellings = [canonical, address.trim().toLowerCase()]
  if (at >= 0) {
    const local = canonical.slice(0, at)
    const domain = canonical.slice(at + 1)
    const domains = [domain, domain.normalize('NFD'), domainToASCII(domain) || domain]
    for (const part of [local, local.normalize('NFD')]) spellings.push(...domains.map((d) => `${part}@${d}`))
  }
  return [...new Set(spellings)]
}

export function createIdentityHasher(db: Database, clock: Clock): IdentityHasher {
  const key = instanceSecret(db, clock, 'identity-hash-key')
  const hash: IdentityHasher['hash'] = async (kind, value) =>
    createHmac('sha256', await key())
      .update(`${kind}:${value}`)
      .digest('base64url')
  return {
    hash,
    address: (ip) => hash('ip', addressBucket(ip)),
    email: (address) => hash('email', canonicalEmail(address)),
    emailSpellings: (address) =>
      Promise.all(earlierSpellings(address).map((spelling) => hash('email', spelling))),
  }
}
