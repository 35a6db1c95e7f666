import { randomBytes } from 'node:crypto'
import postgres from 'postgres'
import { type DatabaseHandle, openDatabase } from '../../src/db/client.js'
import { migrateDatabase } from '../../src/db/migrate.js'

/** Set to a PostgreSQL URL to run the suite on a real server instead of the embedded PGlite. */
export const realServerUrl = process.env.TEST_DATABASE_URL || undefined
export const onRealServer = realServerUrl !== undefined

export type TestDatabase = DatabaseHandle & { url: string | undefined; dispose(): Promise<void> }

/**
 * A new, migrated (unless `migrated: false`), empty database: an in-memory PGlite, or on the real server a
 * database of its own, dropped again by `dispose`.
 */
export async function createTestDatabase({ migrated = true } = {}): Promise<TestDatabase> {
  if (!realServerUrl) {
    const handle = await openDatabase({ dataDir: undefined })
    if (migrated) await migrateDatabase(handle)
    return { ...handle, url: undefined, dispose: () => handle.close() }
  }
  const name = `vigil_test_${randomBytes(6).toString('hex')}`
  const admin = postgres(realServerUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${name}`)
  const url = new URL(realServerUrl)
  url.pathname = `/${name}`
  const handle = await openDatabase({ url: url.toString(), poolSize: 5 })
  if (migrated) await migrateDatabase(handle)
  return {
    ...handle,
    url: url.toString(),
    async dispose() {
      await handle.close()
      await admin.unsafe(`drop database if exists ${name} with (force)`)
      await admin.end()
    },
  }
}
