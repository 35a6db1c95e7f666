import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import * as coreSchema from './schema.js'
import * as webhookSchema from './webhook-schema.js'

const schema = { ...coreSchema, ...webhookSchema }
export type Schema = typeof schema

/** Sessions' pg_trgm threshold: the near-duplicate rule's 80 %, so its index scans stay selective. */
const TRIGRAM_THRESHOLD = '0.8'
/** The drizzle database, whichever driver is behind it. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>
/** A transaction handle: a `Database` whose queries run inside one transaction. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0]
export type Executor = Database | Transaction

export type DatabaseHandle = {
  db: Database
  kind: 'pglite' | 'postgres'
  /** Runs `fn` while holding a session-level advisory lock, so only one process at a time does it. */
  withExclusiveLock<T>(lockKey: number, fn: () => Promise<T>): Promise<T>
  /** Calls `onNotify` for each NOTIFY on `channel` (from any session); resolves to a function that stops it. */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>
  close(): Promise<void>
}

export type DatabaseOptions =
  | { url: string; poolSize?: number }
  /** `dataDir` undefined means an in-memory database (tests). */
  | { url?: undefined; dataDir: string | undefined }

/**
 * Opens PostgreSQL through postgres.js when a URL is given, otherwise the embedded PGlite, persisted under
 * `dataDir` (or in memory). Both expose the same drizzle API, so nothing above this file knows which it is.
 */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) return openPostgres(options.url, options.poolSize ?? 10)
  return openPglite('dataDir' in options ? options.dataDir : undefined)
}

function openPostgres(url: string, poolSize: number): DatabaseHandle {
  const client = postgres(url, {
    max: poolSize,
    onnotice: () => {},
    // Keep timestamps as strings on the wire; drizzle maps them to Date itself.
    // The trigram index then discards candidates under the near-duplicate threshold itself (moderation/facts.ts).
    connection: { application_name: 'vigil', 'pg_trgm.similarity_threshold': TRIGRAM_THRESHOLD },
  })
  const db = drizzlePostgres(client, { schema, casing: 'snake_case' }) as unknown as Database
  return {
    db,
    kind: 'postgres',
    async withExclusiveLock(lockKey, fn) {
      // A reserved connection holds the session lock while `fn` uses the rest of the pool.
      const connection = await client.reserve()
      try {
        await connection`select pg_advisory_lock(${lockKey})`
        try {
          return await fn()
        } finally {
          await connection`select pg_advisory_unlock(${lockKey})`
        }
      } finally {
        connection.release()
      }
    },
    async listen(channel, onNotify) {
      // postgres.js listens on a connection of its own and re-subscribes after a reconnect.
      const subscription = await client.listen(channel, () => onNotify())
      return () => subscription.unlisten()
    },
    close: () => client.end({ timeout: 5 }),
  }
}

async function openPglite(dataDir: string | undefined): Promise<DatabaseHandle> {
  if (dataDir) mkdirSync(dataDir, { recursive: true })
  // pg_trgm finds near-duplicate comments; the server has it as a contrib extension, PGlite loads it here.
  const client = await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { pg_trgm } })
  await client.exec(`set pg_trgm.similarity_threshold = ${TRIGRAM_THRESHOLD}`)
  const db = drizzlePglite(client, { schema, casing: 'snake_case' }) as unknown as Database
  return {
    db,
    kind: 'pglite',
    // PGlite is one connection owned by this process: there is no one else to exclude.
    withExclusiveLock: (_lockKey, fn) => fn(),
    async listen(channel, onNotify) {
      const unsubscribe = await client.listen(channel, () => onNotify())
      return () => unsubscribe()
    },
    close: () => client.close(),
  }
}

/** Rows of a raw `db.execute()`: postgres.js returns an array of rows, PGlite an object with `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[]
  return ((result as { rows?: T[] }).rows ?? []) as T[]
}
