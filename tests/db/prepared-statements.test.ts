import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DatabaseHandle, openDatabase, rowsOf } from '../../src/db/client.js'
import { sites } from '../../src/db/schema.js'
import { createTestDatabase, onRealServer, type TestDatabase } from '../helpers/db.js'

/** Statements this session has prepared (a one-connection pool, so "this session" is the pool). */
async function preparedCount(handle: DatabaseHandle): Promise<number> {
  const [row] = rowsOf<{ n: number | string }>(
    await handle.db.execute(sql`select count(*) as n from pg_prepared_statements`),
  )
  return Number(row?.n ?? 0)
}

async function planCacheMode(handle: DatabaseHandle): Promise<string | undefined> {
  const [row] = rowsOf<{ plan_cache_mode: string }>(await handle.db.execute(sql`show plan_cache_mode`))
  return row?.plan_cache_mode
}

const readSite = (handle: DatabaseHandle, id: string) =>
  handle.db.select({ id: sites.id }).from(sites).where(eq(sites.id, id))

describe.skipIf(!onRealServer)('statements on a PostgreSQL server', () => {
  let database: TestDatabase
  const opened: DatabaseHandle[] = []
  const open = async (preparedStatements: boolean) => {
    const handle = await openDatabase({ url: database.url as string, poolSize: 1, preparedStatements })
    opened.push(handle)
    return handle
  }
  beforeAll(async () => {
    database = await createTestDatabase()
  })
  afterAll(async () => {
    for (const handle of opened) await handle.close()
    await database.dispose()
  })

  it('are prepared once per connection and reused, whatever drizzle asks for', async () => {
    const handle = await open(true)
    const read = async (id: string) => {
      await readSite(handle, id)
      await handle.db.transaction(async (tx) => {
        await tx.select({ id: sites.id }).from(sites).where(eq(sites.id, id))
      })
    }
    const before = await preparedCount(handle)
    await read('a')
    const once = await preparedCount(handle)
    expect(once).toBeGreaterThan(before)
    // The same texts again, outside and inside a transaction, with other values: nothing new is prepared.
    await read('b')
    await read('c')
    expect(await preparedCount(handle)).toBe(once)
  })

  it('are left unprepared when they carry more than 100 parameters, so bulk texts do not pile up', async () => {
    const handle = await open(true)
    const before = await preparedCount(handle)
    const ids = Array.from({ length: 150 }, (_, i) => sql`${`site-${i}`}`)
    await handle.db.execute(sql`select id from ${sites} where id in (${sql.join(ids, sql`, `)})`)
    expect(await preparedCount(handle)).toBe(before)
  })

  it('can be turned off for a pooler in transaction mode, and everything still works', async () => {
    const handle = await open(false)
    await readSite(handle, 'a')
    await handle.db.transaction(async (tx) => {
      await tx.select({ id: sites.id }).from(sites).where(eq(sites.id, 'b'))
    })
    expect(await preparedCount(handle)).toBe(0)
  })

  it('are planned once for any site (generic plans), except behind a pooler, which may refuse the setting', async () => {
    expect(await planCacheMode(await open(true))).toBe('force_generic_plan')
    expect(await planCacheMode(await open(false))).toBe('auto')
  })
})

describe('statements on the database the tests run on', () => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await createTestDatabase()
  })
  afterAll(() => database.dispose())

  // A site created since the last ANALYZE is estimated at one row and its look-ups took the wrong index.
  it('are planned generically, whichever site they are for, on PGlite as on the server', async () => {
    expect(await planCacheMode(database)).toBe('force_generic_plan')
  })
})
