import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import type { Clock } from '../clock.js'
import type { Database } from './client.js'
import { instanceSecrets } from './schema.js'

/**
 * Returns the named instance secret, creating it on first use. Every process on the same database gets the
 * same value: the first insert wins and the others read it back.
 */
export async function loadInstanceSecret(db: Database, clock: Clock, name: string): Promise<string> {
  await db
    .insert(instanceSecrets)
    .values({ name, value: randomBytes(32).toString('base64url'), createdAt: clock.now() })
    .onConflictDoNothing()
  const [row] = await db.select().from(instanceSecrets).where(eq(instanceSecrets.name, name))
  if (!row) throw new Error(`instance secret ${name} could not be created`)
  return row.value
}

/** The secret, loaded on first use and kept; a failed load is retried on the next call instead of cached. */
export function lazySecret(db: Database, clock: Clock, name: string): () => Promise<string> {
  let secret: Promise<string> | undefined
  return () => {
    secret ??= loadInstanceSecret(db, clock, name).catch((error: unknown) => {
      secret = undefined
      throw error
    })
    return secret
  }
}
