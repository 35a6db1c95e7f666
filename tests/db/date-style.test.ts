import { sql } from 'drizzle-orm'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DatabaseHandle, openDatabase, rowsOf } from '../../src/db/client.js'
import { createTestDatabase, onRealServer, type TestDatabase } from '../helpers/db.js'

/**
 * Timestamps cross the wire as text: postgres.js, drizzle and the cursors of the comment pages read that text as
 * ISO 8601. A server (or database) whose DateStyle is another (`SQL, DMY`: "30/11/2026 12:00:00 UTC") must not
 * change what Vigil reads.
 */
describe.skipIf(!onRealServer)('timestamps read from a PostgreSQL server set to another DateStyle', () => {
  let database: TestDatabase
  let handle: DatabaseHandle
  beforeAll(async () => {
    database = await createTestDatabase()
    const admin = postgres(database.url as string, { max: 1, onnotice: () => {} })
    const name = new URL(database.url as string).pathname.slice(1)
    await admin.unsafe(`alter database ${name} set datestyle = 'SQL, DMY'`)
    await admin.end()
    handle = await openDatabase({ url: database.url as string, poolSize: 1 })
  })
  afterAll(async () => {
    await handle.close()
    await database.dispose()
  })

  it('come as ISO 8601, which every reader of them parses', async () => {
    const [row] = rowsOf<{ text: string; at: Date | string }>(
      await handle.db.execute(
        sql`select '2026-11-30 12:34:56.789+00'::timestamptz::text as text, '2026-11-30 12:34:56.789+00'::timestamptz as at`,
      ),
    )
    expect(new Date(row?.text ?? '').toISOString()).toBe('2026-11-30T12:34:56.789Z')
    expect(new Date(row?.at ?? '').toISOString()).toBe('2026-11-30T12:34:56.789Z')
  })
})
