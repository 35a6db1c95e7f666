import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rowsOf } from '../../src/db/client.js'
import { createTestDatabase, type TestDatabase } from '../helpers/db.js'

let database: TestDatabase
beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(() => database.dispose())

describe('the migrated schema', () => {
  it('has, for every foreign key, an index led by its columns: deleting a parent row never reads a whole table', async () => {
    // A delete that cascades (or a check that no child row is left) looks children up by the key's columns
    // alone; an index led by anything else (the site, say) cannot serve that look-up.
    const keys = rowsOf<{ child: string; name: string; columns: string; indexed: boolean }>(
      await database.db.execute(sql`
        select c.conrelid::regclass::text as child, c.conname as name,
          (select string_agg(a.attname, ', ' order by k.n)
             from unnest(c.conkey) with ordinality as k(attnum, n)
             join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum) as columns,
          exists (
            select from pg_index i
            where i.indrelid = c.conrelid
              and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
              and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey) as indexed
        from pg_constraint c
        where c.contype = 'f' and c.connamespace = 'public'::regnamespace`),
    )
    expect(keys.length).toBeGreaterThan(5)
    expect(keys.filter((key) => !key.indexed).map((key) => `${key.child} (${key.columns})`)).toEqual([])
  })
})
