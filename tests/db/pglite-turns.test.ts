import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rowsOf } from '../../src/db/client.js'
import { runStatement } from '../../src/db/statement.js'
import { createTestDatabase, onRealServer, type TestDatabase } from '../helpers/db.js'

/** A query that keeps PGlite (and so this thread) busy for some milliseconds. */
const BUSY = 'select count(*) as n from generate_series(1, 100000)'
/** Requests in flight at once, each running its queries one after the other, as intake does. */
const REQUESTS = 8
const QUERIES_EACH = 3

describe.skipIf(onRealServer)('the embedded database under load', () => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await createTestDatabase()
  })
  afterAll(() => database?.dispose())

  it('lets the event loop serve I/O and timers between the queries of requests in flight', async () => {
    const events: string[] = []
    const request = async (n: number) => {
      for (let query = 0; query < QUERIES_EACH; query++) {
        // Both ways the app reaches PGlite: its own statements, and drizzle's.
        if ((n + query) % 2 === 0) await runStatement(database.db, BUSY, [])
        else await database.db.execute(sql.raw(BUSY))
        events.push('query')
      }
    }
    const requests = Array.from({ length: REQUESTS }, (_, n) => request(n))
    // What an incoming request or a timer would be: it must not wait until every request in flight is done.
    setImmediate(() => events.push('event loop'))
    await Promise.all(requests)
    const total = REQUESTS * QUERIES_EACH
    expect(events.filter((event) => event === 'query')).toHaveLength(total)
    expect(events.indexOf('event loop')).toBeGreaterThanOrEqual(0)
    expect(events.indexOf('event loop')).toBeLessThanOrEqual(REQUESTS)
  })

  it('closes only after the work asked for before the close', async () => {
    const closing = await createTestDatabase()
    // drizzle starts a query when it is awaited: `then` starts it now.
    const asked = closing.db.execute(sql`select 1 as one`).then(rowsOf)
    await closing.dispose()
    expect(await asked).toEqual([{ one: 1 }])
  })

  it('still runs a transaction as one, its queries together', async () => {
    const seen = await database.db.transaction(async (tx) => {
      await tx.execute(sql`create temporary table turn_probe (n integer) on commit drop`)
      await tx.execute(sql`insert into turn_probe values (1), (2)`)
      return tx.execute(sql`select count(*)::int as n from turn_probe`)
    })
    expect((seen as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(2)
  })
})
