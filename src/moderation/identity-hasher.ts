import { createHmac } from 'node:crypto'
import type { Clock } from '../clock.js'
import type { Database } from '../db/client.js'
import { lazySecret } from '../db/instance-secrets.js'

export type IdentityHasher = {
  /** A keyed hash of an IP or e-mail: stable across processes, useless to anyone without the database's key. */
  hash(kind: 'ip' | 'email', value: string): Promise<string>
}

export function createIdentityHasher(db: Database, clock: Clock): IdentityHasher {
  const key = lazySecret(db, clock, 'identity-hash-key')
  return {
    hash: async (kind, value) =>
      createHmac('sha256', await key())
        .update(`${kind}:${value}`)
        .digest('base64url'),
  }
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase()
