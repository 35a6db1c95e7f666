import { createHmac } from 'node:crypto'
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
  /** The keyed hash of an e-mail address, letter case and surrounding spaces aside: what a reader is known by. */
  email(address: string): Promise<string>
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

const normalizeEmail = (email: string) => email.trim().toLowerCase()

export function createIdentityHasher(db: Database, clock: Clock): IdentityHasher {
  const key = instanceSecret(db, clock, 'identity-hash-key')
  const hash: IdentityHasher['hash'] = async (kind, value) =>
    createHmac('sha256', await key())
      .update(`${kind}:${value}`)
      .digest('base64url')
  return {
    hash,
    address: (ip) => hash('ip', addressBucket(ip)),
    email: (address) => hash('email', normalizeEmail(address)),
  }
}
