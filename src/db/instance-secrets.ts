import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { Clock } from '../clock.js'
import type { Database } from './client.js'
import { instanceSecrets } from './schema.js'

/**
 * Returns the named instance secret, creating it on first use. Every process on the same database gets the
 * same value: the first insert wins and the others get its row back. One statement, so that a transaction begun
 * meanwhile on the embedded database's one connection cannot come between a write and a read.
 */
export async function loadInstanceSecret(db: Database, clock: Clock, name: string): Promise<string> {
  const [row] = await db
    .insert(instanceSecrets)
    .values({ name, value: randomBytes(32).toString('base64url'), createdAt: clock.now() })
    // A no-op update, not "do nothing": that returns no row when the secret exists.
    .onConflictDoUpdate({ target: instanceSecrets.name, set: { name: sql`excluded.name` } })
    .returning({ value: instanceSecrets.value })
  if (!row) throw new Error(`instance secret ${name} could not be created`)
  return row.value
}

/**
 * The secret, loaded from the moment this is called and kept. Not on first use: the first use may come inside a
 * transaction, and the embedded database's one connection is that transaction's until it ends, so a read from the
 * root database there would wait forever. A failed load is retried on the next use instead of cached.
 */
export function instanceSecret(db: Database, clock: Clock, name: string): () => Promise<string> {
  let secret: Promise<string> | undefined
  const load = () => {
    secret ??= loadInstanceSecret(db, clock, name).catch((error: unknown) => {
      secret = undefined
      throw error
    })
    return secret
  }
  // Nobody may be waiting for the first load yet: its failure is the next use's to report.
  load().catch(() => {})
  return load
}
