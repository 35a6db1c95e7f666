import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { keyPageQuery } from '../../src/sites/keys.js'
import { createTestDatabase, type TestDatabase } from '../helpers/db.js'
import { nodesOf, planOf } from '../helpers/plans.js'

/**
 * A page of keys is read from the index in the list's order, (created_at, id) newest first, for a site and for the
 * admin keys (no site) alike, from the first page or from a cursor: no scan of every key, no sort of a scope's keys,
 * however many revoked ones the audit trail keeps.
 */
const SITES = 2_000
/** Keys of the small sites, then of the busy one and the admin keys, batches made in the same millisecond. */
const KEYS = 6_000
const BUSY_KEYS = 3_000
const ADMIN_KEYS = 3_000

let database: TestDatabase

beforeAll(async () => {
  database = await createTestDatabase()
  await database.db.execute(sql`insert into sites (id, name, created_at, updated_at)
    select 'site-' || i, 'Site', now(), now() from generate_series(1, ${SITES}) as i
    union all select 'site-busy', 'Busy', now(), now()`)
  // Most revoked long ago, kept for the audit trail.
  await database.db.execute(sql`
    insert into api_keys (id, site_id, role, key_hash, created_at, revoked_at)
    select 'key_' || lpad(i::text, 16, '0'),
      case when i <= ${KEYS} then 'site-' || (i % ${SITES} + 1) when i <= ${KEYS + BUSY_KEYS} then 'site-busy' end,
      case when i <= ${KEYS + BUSY_KEYS} then 'server' else 'admin' end::key_role, md5(i::text),
      now() - (i / 10) * interval '1 minute', case when i % 4 > 0 then now() end
    from generate_series(1, ${KEYS + BUSY_KEYS + ADMIN_KEYS}) as i`)
  await database.db.execute(sql`analyze api_keys`)
}, 120_000)

afterAll(async () => {
  await database?.dispose()
})

describe('a page of keys', () => {
  /** The key made `i`th, as a cursor: halfway down the busy site's keys, or down the admin keys. */
  const at = (i: number) => ({
    createdAt: new Date(Date.now() - Math.floor(i / 10) * 60_000),
    id: `key_${String(i).padStart(16, '0')}`,
  })
  it.each([
    { scope: 'a site', siteId: 'site-busy', cursor: undefined, index: 'api_keys_site_idx' },
    {
      scope: 'a site, from a cursor',
      siteId: 'site-busy',
      cursor: at(KEYS + BUSY_KEYS / 2),
      index: 'api_keys_site_idx',
    },
    { scope: 'the admin keys', siteId: null, cursor: undefined, index: 'api_keys_admin_idx' },
    {
      scope: 'the admin keys, from a cursor',
      siteId: null,
      cursor: at(KEYS + BUSY_KEYS + ADMIN_KEYS / 2),
      index: 'api_keys_admin_idx',
    },
  ])('of $scope is read in order from $index, with no sort', async ({ siteId, cursor, index }) => {
    const root = await planOf(database.db, keyPageQuery(database.db, siteId, 51, cursor).getSQL())
    const nodes = nodesOf(root)
    const types = nodes.map((node) => node['Node Type'])
    expect(types).not.toContain('Seq Scan')
    expect(types).not.toContain('Sort')
    expect(types).not.toContain('Incremental Sort')
    expect(
      nodes.filter((node) => node['Relation Name'] === 'api_keys').map((node) => node['Index Name']),
    ).toEqual([index])
  })
})
