import { createHmac } from 'node:crypto'
import { sha256Hex } from './secrets.js'

/**
 * How API keys are stored. A server key has only 48 random bits (the 12 hex digits of an Akismet key, which
 * clients insist on), so its plain SHA-256, read from a copy of the database, gives the key back after a few hours
 * of guessing on one graphics card. With `KEY_HASH_SECRET` set, what is stored is a keyed hash (HMAC-SHA-256 under
 * that secret, which lives in the environment, never in the database) of the plain hash: a copy of the database
 * alone then gives nothing to guess against. Hashing the plain hash rather than the key lets the start-up upgrade
 * the plain hashes already stored without knowing a single key (key-hash-upgrade.ts).
 */
export type KeyHashes = {
  /** The form a new key is stored in. */
  stored(secret: string): string
  /** The stored forms a presented key can have, the one new keys get first. */
  candidates(secret: string): string[]
}

/** Marks a keyed hash; a plain one is 64 hex digits. */
export const KEYED_PREFIX = 'hmac:'

export const isKeyedHash = (stored: string) => stored.startsWith(KEYED_PREFIX)

/** The keyed form of a plain hash (`sha256Hex` of the key). */
export function keyedHash(keyHashSecret: string, plainHash: string): string {
  return KEYED_PREFIX + createHmac('sha256', keyHashSecret).update(plainHash, 'utf8').digest('hex')
}

/**
 * Without a secret, keys are stored and found by their plain hash. With one, new keys are stored keyed; a plain
 * hash is still found, for the key a process of an earlier version created during a rolling upgrade, before the
 * next start upgrades it.
 */
export function keyHashes(keyHashSecret: string | undefined): KeyHashes {
  if (keyHashSecret === undefined) return { stored: sha256Hex, candidates: (secret) => [sha256Hex(secret)] }
  return {
    stored: (secret) => keyedHash(keyHashSecret, sha256Hex(secret)),
    candidates(secret) {
      const plain = sha256Hex(secret)
      return [keyedHash(keyHashSecret, plain), plain]
    },
  }
}
