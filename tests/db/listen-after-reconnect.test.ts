import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DatabaseHandle, openDatabase } from '../../src/db/client.js'
import { createTestDatabase, onRealServer, type TestDatabase } from '../helpers/db.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A lost LISTEN connection is only a real server's: PGlite is the process itself. */
describe.runIf(onRealServer)('listening, once its connection was lost and made again', () => {
  let database: TestDatabase
  let other: DatabaseHandle
  beforeAll(async () => {
    database = await createTestDatabase({ migrated: false })
    other = await openDatabase({ url: database.url as string, poolSize: 1 })
  })
  afterAll(async () => {
    await other?.close()
    await database?.dispose()
  })

  it('stops when told to: nothing announced after is heard', async () => {
    const heard: (string | undefined)[] = []
    const stop = await other.listen('vigil_test_channel', (payload) => heard.push(payload))
    await database.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity
      where query ilike 'listen%' and datname = current_database()`)
    for (let waited = 0; heard.length === 0 && waited < 3_000; waited += 20) await sleep(20)
    // Listening again, it says so: what was announced meanwhile is unknown.
    expect(heard).toEqual([undefined])
    await stop()
    await database.db.execute(sql`select pg_notify('vigil_test_channel', 'after the stop')`)
    await sleep(300)
    expect(heard).toEqual([undefined])
  })
})
