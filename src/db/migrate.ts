import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import type { PgliteDatabase } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js'
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator'
import { type Database, type DatabaseHandle, rowsOf, type Schema } from './client.js'

/** `drizzle/` sits two levels above both `src/db/` and the built `dist/db/`. */
export const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url))

const MIGRATION_LOCK_KEY = 0x76_69_67_31 // "vig1"

/**
 * Applies the committed migrations. Several processes starting together on one server take turns under an
 * advisory lock; whoever comes second finds nothing left to do. `onWait` hears once that another process holds
 * the lock (its migrations are running).
 */
export async function migrateDatabase(
  handle: DatabaseHandle,
  options: { onWait?: () => void } = {},
): Promise<void> {
  await handle.withExclusiveLock(
    MIGRATION_LOCK_KEY,
    async () => {
      if (handle.kind === 'pglite') {
        await migratePglite(handle.db as unknown as PgliteDatabase<Schema>, { migrationsFolder })
      } else {
        await migratePostgres(handle.db as unknown as PostgresJsDatabase<Schema>, { migrationsFolder })
      }
    },
    options.onWait,
  )
}

type Journal = { entries: { tag: string; when: number }[] }

/** How many migrations this build ships: the database is ready when it has applied at least as many. */
export function expectedMigrationCount(): number {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as Journal
  return journal.entries.length
}

export async function appliedMigrationCount(db: Database): Promise<number> {
  const result = await db.execute(sql`select count(*)::int as count from drizzle.__drizzle_migrations`)
  return Number(rowsOf<{ count: number }>(result)[0]?.count ?? 0)
}
