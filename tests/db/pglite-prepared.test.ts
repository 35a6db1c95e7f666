import type { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runStatement, runStatementAsBytes } from '../../src/db/statement.js'
import { createTestDatabase, onRealServer, type TestDatabase } from '../helpers/db.js'

const CREATE = `create table prepared_probe (
  id int primary key, at timestamptz, doc jsonb, tags text[], flag boolean, big bigint, note text)`
const INSERT = `insert into prepared_probe values ($1, $2::timestamptz, $3::jsonb, $4::text[], $5, $6, $7)
  returning id, at, doc, tags, flag, big, note`
const SELECT = 'select id, at, doc, tags, flag, big, note from prepared_probe where id = $1'
const COUNT = 'select count(*)::int as n from prepared_probe'

/** Vigil's own statements, as pg_prepared_statements lists them on the embedded database's one session. */
async function preparedTexts(client: PGlite): Promise<string[]> {
  const { rows } = await client.query<{ statement: string }>(
    "select statement from pg_prepared_statements where name like 'vigil\\_%'",
  )
  return rows.map((row) => row.statement)
}

describe.skipIf(onRealServer)("statements on the embedded database, prepared once by Vigil's runner", () => {
  let database: TestDatabase
  let client: PGlite
  beforeAll(async () => {
    database = await createTestDatabase()
    client = (database.db as unknown as { $client: PGlite }).$client
    await client.exec(CREATE)
  })
  afterAll(() => database?.dispose())

  it('parses a statement once, under a name, however often it runs', async () => {
    for (let run = 0; run < 3; run++) await runStatement(database.db, COUNT, [])
    const texts = await preparedTexts(client)
    expect(texts.filter((text) => text === COUNT)).toHaveLength(1)
  })

  it('gives the rows and values PGlite’s own query gives, in both row modes', async () => {
    const at = new Date('2026-11-29T10:00:00.000Z')
    const parameters = [1, at, JSON.stringify({ é: 'ü', n: [1, 2] }), '{a,"b c"}', true, 2 ** 40, null]
    const inserted = await runStatement(database.db, INSERT, parameters)
    const expected = (await client.query(SELECT, [1])).rows
    expect(inserted).toEqual(expected)
    expect(await runStatement(database.db, SELECT, [1])).toEqual(expected)
    const arrays = (await client.query<unknown[]>(SELECT, [1], { rowMode: 'array' })).rows
    expect(await runStatementAsBytes(database.db, SELECT, [1])).toEqual(arrays)
    expect(expected[0]).toMatchObject({ id: 1, doc: { é: 'ü', n: [1, 2] }, tags: ['a', 'b c'], flag: true })
  })

  it('reports a failed run as PGlite does, and runs the statement again afterwards', async () => {
    const row = [2, new Date(), '{}', '{}', false, 1, 'x']
    await runStatement(database.db, INSERT, row)
    await expect(runStatement(database.db, INSERT, row)).rejects.toMatchObject({ code: '23505' })
    await expect(runStatement(database.db, INSERT, [3, ...row.slice(1)])).resolves.toHaveLength(1)
    await expect(runStatement(database.db, 'select from no_such_table', [])).rejects.toMatchObject({
      code: '42P01',
    })
  })

  it('waits for a transaction in progress instead of running inside it', async () => {
    let release = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    let entered = () => {}
    const inside = new Promise<void>((resolve) => {
      entered = resolve
    })
    const transaction = client
      .transaction(async (tx) => {
        await tx.query("insert into prepared_probe (id, note) values (100, 'uncommitted')")
        entered()
        await held
        await tx.rollback()
      })
      .catch(() => {})
    await inside
    let counted: number | undefined
    const count = runStatement<{ n: number }>(database.db, COUNT, []).then(([row]) => {
      counted = row?.n
    })
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(counted).toBeUndefined()
    release()
    await Promise.all([transaction, count])
    // Three rows were committed above; the transaction's fourth was rolled back before the count ran.
    expect(counted).toBe(3)
  })

  it('prepares a statement again when PostgreSQL no longer has it as it was', async () => {
    await client.exec('create table prepared_stale (id int primary key, label varchar(10))')
    await client.exec("insert into prepared_stale values (1, 'un')")
    const read = () =>
      runStatement<{ label: string }>(database.db, 'select label from prepared_stale where id = $1', [1])
    expect(await read()).toEqual([{ label: 'un' }])
    // Deallocated by someone else, as a DISCARD ALL would.
    await client.exec('deallocate all')
    expect(await read()).toEqual([{ label: 'un' }])
    // A migration changing a column the statement returns: its cached plan may not change result type.
    await client.exec('alter table prepared_stale alter column label type text')
    expect(await read()).toEqual([{ label: 'un' }])
  })

  it('keeps at most 256 statements, and still runs any text beyond them', async () => {
    const fresh = await createTestDatabase()
    try {
      for (let n = 0; n < 300; n++) {
        const [row] = await runStatement<{ n: number }>(fresh.db, `select ${n}::int as n`, [])
        expect(row?.n).toBe(n)
      }
      const freshClient = (fresh.db as unknown as { $client: PGlite }).$client
      expect((await preparedTexts(freshClient)).length).toBe(256)
    } finally {
      await fresh.dispose()
    }
  })
})

describe.skipIf(onRealServer)('statements on an embedded database that has been closed', () => {
  it('fail as PGlite’s own queries do, whether asked before or after the close ended', async () => {
    const database = await createTestDatabase()
    await runStatement(database.db, 'select 1 as one', [])
    const closing = database.dispose()
    const during = runStatement(database.db, 'select 1 as one', [])
    await closing
    // PGlite's own words, "PGlite is closing" or "PGlite is closed", depending on how far the close had gone.
    await expect(during).rejects.toThrow(/PGlite is clos(ing|ed)/)
    await expect(runStatement(database.db, 'select 1 as one', [])).rejects.toThrow('PGlite is closed')
  })
})
