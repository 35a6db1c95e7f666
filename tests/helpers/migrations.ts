import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PgliteDatabase } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js'
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator'
import { expect, onTestFinished } from 'vitest'
import type { DatabaseHandle } from '../../src/db/client.js'
import { migrationsFolder } from '../../src/db/migrate.js'

type Journal = { entries: { tag: string }[] }

/** The committed migrations up to (not including) `tag`, as a folder of their own, removed after the test. */
export function migrationsBefore(tag: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'vigil-migrations-'))
  onTestFinished(() => rmSync(folder, { recursive: true, force: true }))
  cpSync(migrationsFolder, folder, { recursive: true })
  const journalPath = join(folder, 'meta', '_journal.json')
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as Journal
  const at = journal.entries.findIndex((entry) => entry.tag === tag)
  expect(at).toBeGreaterThan(0)
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }))
  return folder
}

/** Applies the migrations of `folder` (see migrationsBefore) as a release that shipped only those did. */
export async function migrateWith(database: DatabaseHandle, folder: string): Promise<void> {
  if (database.kind === 'pglite')
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder: folder })
  else await migratePostgres(database.db as unknown as PostgresJsDatabase, { migrationsFolder: folder })
}
