import { createHmac } from 'node:crypto'
import { and, eq, notLike } from 'drizzle-orm'
import type { Clock } from '../clock.js'
import type { Database } from '../db/client.js'
import { apiKeys, instanceSecrets } from '../db/schema.js'
import { KEYED_PREFIX, keyedHash } from './key-hashes.js'
import { secretsEqual } from './secrets.js'

/**
 * Where the fingerprint of the secret the keys are hashed under is kept: a keyed hash of a fixed text, which tells
 * whether a secret is that one without keeping the secret. (It can be guessed against no better than the secret
 * itself: at least 32 characters, config.ts.)
 */
const FINGERPRINT_NAME = 'key-hash-secret-fingerprint'
const FINGERPRINT_TEXT = 'vigil: the secret the API keys are hashed under'

/** The stored key hashes and KEY_HASH_SECRET disagree: no key would work, and the process must not start. */
export class KeyHashSecretError extends Error {
  override name = 'KeyHashSecretError'
}

/**
 * Makes the stored key hashes agree with KEY_HASH_SECRET, before the server checks any key. With a secret, every
 * plain hash is stored keyed from now on (a copy of the database then gives no key away), and a secret other than
 * the one already used is refused; without one, a database whose keys were hashed under a secret is refused.
 * Either mistake would otherwise start a server on which every key fails, the site's comments with them. Safe to
 * run in several processes at once. Returns how many hashes were upgraded.
 */
export async function upgradeKeyHashes(
  db: Database,
  clock: Clock,
  keyHashSecret: string | undefined,
): Promise<number> {
  if (keyHashSecret === undefined) {
    const [fingerprint] = await db
      .select({ name: instanceSecrets.name })
      .from(instanceSecrets)
      .where(eq(instanceSecrets.name, FINGERPRINT_NAME))
    if (fingerprint)
      throw new KeyHashSecretError(
        'KEY_HASH_SECRET is not set, but the API keys on this database are hashed under one: set it again, to the same value, or no key would work',
      )
    return 0
  }

  const fingerprint = createHmac('sha256', keyHashSecret).update(FINGERPRINT_TEXT, 'utf8').digest('hex')
  const [kept] = await db
    .insert(instanceSecrets)
    .values({ name: FINGERPRINT_NAME, value: fingerprint, createdAt: clock.now() })
    // A no-op update, not "do nothing": that returns no row when the fingerprint is already there.
    .onConflictDoUpdate({ target: instanceSecrets.name, set: { name: FINGERPRINT_NAME } })
    .returning({ value: instanceSecrets.value })
  if (!kept || !secretsEqual(kept.value, fingerprint))
    throw new KeyHashSecretError(
      'KEY_HASH_SECRET is not the secret the API keys on this database are hashed under: no key would work. Set it back to that one (README, "API key hashes", says what to do when it is lost)',
    )

  const plain = await db
    .select({ id: apiKeys.id, keyHash: apiKeys.keyHash })
    .from(apiKeys)
    .where(notLike(apiKeys.keyHash, `${KEYED_PREFIX}%`))
  let upgraded = 0
  for (const { id, keyHash } of plain) {
    // Another process starting at the same moment may have upgraded it first: the same hash, not twice.
    const changed = await db
      .update(apiKeys)
      .set({ keyHash: keyedHash(keyHashSecret, keyHash) })
      .where(and(eq(apiKeys.id, id), eq(apiKeys.keyHash, keyHash)))
      .returning({ id: apiKeys.id })
    upgraded += changed.length
  }
  return upgraded
}
