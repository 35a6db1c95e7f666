import { type SQL, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/db/client.js'
import { clearIps } from '../../src/privacy/clear-ips.js'
import { createTestDatabase, type TestDatabase } from '../helpers/db.js'
import { nodesOf, planOf, statementsSentBy } from '../helpers/plans.js'

/**
 * The hourly clearing of raw IPs reads only the comments that still hold one, by an index of those alone: a
 * site's years of comments cleared long ago are not read again every hour.
 */
const COMMENTS = 50_000
const STILL_HOLDING = 200

let database: TestDatabase

beforeAll(async () => {
  database = await createTestDatabase()
  await database.db.execute(sql`insert into sites (id, name, created_at, updated_at)
    values ('busy', 'Busy', now(), now())`)
  // A year of comments, a minute apart: all but the last days' cleared, as the hourly runs leave them.
  await database.db.execute(sql`
    insert into comments (id, site_id, article_id, author_name, content, content_hash, status, score, reasons,
      ip, ip_hash, user_agent, extra, created_at, updated_at)
    select gen_random_uuid(), 'busy', 'a' || (i % 500), 'Reader', 'Un commentaire', md5(i::text), 'approved', 0,
      '[]'::jsonb,
      case when i <= ${STILL_HOLDING} then '203.0.113.' || (i % 250) end, md5('ip' || i),
      case when i <= ${STILL_HOLDING} then 'Mozilla/5.0' end,
      case when i % 3 = 0 then jsonb_build_object('blog', 'https://blog.example') end,
      now() - (i * 10) * interval '1 minute', now()
    from generate_series(1, ${COMMENTS}) as i`)
  await database.db.execute(sql`analyze comments`)
}, 120_000)

afterAll(async () => {
  await database?.dispose()
})

/** The statement clearIps sends for its first batch, caught before it reaches the database. */
async function firstBatchStatement(cutoff: string): Promise<SQL> {
  const [statement] = await statementsSentBy((db) =>
    clearIps(db as Database, 'busy', { ip: cutoff, spam: cutoff, batchSize: 1000, stopped: () => false }),
  )
  if (!statement) throw new Error('clearIps sent no statement')
  return statement
}

describe('clearing the raw IPs past their retention', () => {
  it('reads the comments that still hold one by their index, not every comment older than the cutoff', async () => {
    // A day back: the comments of the last day still hold theirs; a year of cleared ones lies beyond.
    const statement = await firstBatchStatement(new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString())
    const root = await planOf(database.db, statement)
    const scans = nodesOf(root).filter((node) => node['Relation Name'] === 'comments')
    expect(scans.map((node) => node['Node Type'])).not.toContain('Seq Scan')
    expect(scans.map((node) => node['Index Name'])).toContain('comments_ip_retained_idx')
  })
})
