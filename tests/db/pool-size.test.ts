import { sql } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { type DatabaseHandle, databaseOptionsOf, openDatabase, rowsOf } from '../../src/db/client.js'
import { onRealServer, realServerUrl } from '../helpers/db.js'

describe('DATABASE_POOL_SIZE', () => {
  it('is what the server database is opened with; the embedded database has no pool', () => {
    const url = 'postgres://vigil:secret@db.internal/vigil'
    const base = { databaseUrl: url, databasePreparedStatements: true, dataDir: './data' }
    expect(databaseOptionsOf({ ...base, databasePoolSize: 3 })).toMatchObject({ url, poolSize: 3 })
    expect(databaseOptionsOf({ ...base, databaseUrl: undefined, databasePoolSize: 3 })).not.toHaveProperty(
      'poolSize',
    )
  })

  let opened: DatabaseHandle | undefined
  afterEach(async () => {
    await opened?.close()
    opened = undefined
  })

  it.runIf(onRealServer)('bounds the connections one process opens to the server', async () => {
    opened = await openDatabase({ url: realServerUrl as string, poolSize: 2 })
    const { db } = opened
    // Five statements at once, each holding its connection a moment: two connections serve them all.
    const backends = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const rows = rowsOf<{ pid: number }>(
          await db.execute(sql`select pg_backend_pid() as pid from pg_sleep(0.1)`),
        )
        return rows[0]?.pid
      }),
    )
    expect(backends.every((pid) => typeof pid === 'number')).toBe(true)
    expect(new Set(backends).size).toBe(2)
  })
})
