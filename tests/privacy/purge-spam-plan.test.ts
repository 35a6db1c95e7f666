import { type SQL, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/db/client.js'
import { purgeSpam } from '../../src/privacy/purge-spam.js'
import { TestClock } from '../helpers/app.js'
import { createTestDatabase, type TestDatabase } from '../helpers/db.js'
import { nodesOf, type PlanNode, planOf, statementsSentBy } from '../helpers/plans.js'

/**
 * Each batch of the spam purge reads, newest first, at most a batch of each status from where the last one
 * stopped, by the site's queue index: not every spam and rejected comment of the site, sorted, per batch.
 */
const COMMENTS = 50_000

let database: TestDatabase

beforeAll(async () => {
  database = await createTestDatabase()
  await database.db.execute(sql`insert into sites (id, name, created_at, updated_at)
    values ('busy', 'Busy', now(), now())`)
  await database.db.execute(sql`
    insert into comments (id, site_id, article_id, author_name, content, content_hash, status, score, reasons,
      decided_at, created_at, updated_at)
    select gen_random_uuid(), 'busy', 'a', 'Reader', 'Un commentaire', md5(i::text),
      (case i % 10 when 0 then 'spam' when 1 then 'rejected' else 'approved' end)::comment_status, 0, '[]'::jsonb,
      now() - (i * 10) * interval '1 minute', now() - (i * 10) * interval '1 minute', now()
    from generate_series(1, ${COMMENTS}) as i`)
  await database.db.execute(sql`analyze comments`)
}, 120_000)

afterAll(async () => {
  await database?.dispose()
})

/** The statement the first batch sends to find its comments, caught before it reaches the database. */
async function firstBatchStatement(): Promise<SQL> {
  const cutoff = new Date(Date.now() - 30 * 24 * 60 * 60 * 1000).toISOString()
  const [statement] = await statementsSentBy((db) =>
    purgeSpam(
      db as Database,
      new TestClock(),
      'busy',
      {
        ip: cutoff,
        spam: cutoff,
        batchSize: 1000,
        stopped: () => false,
      },
      true,
    ),
  )
  if (!statement) throw new Error('purgeSpam sent no statement')
  return statement
}

/** The walks down the queue index, one per status. */
const walksOf = (scans: PlanNode[]) => scans.filter((node) => node['Index Name'] === 'comments_queue_idx')

describe('finding a batch of expired spam and rejected comments', () => {
  it('walks the queue index newest first, per status, without sorting every one of them', async () => {
    const root = await planOf(database.db, await firstBatchStatement())
    const nodes = nodesOf(root)
    expect(nodes.map((node) => node['Node Type'])).not.toContain('Sort')
    const scans = nodes.filter((node) => node['Relation Name'] === 'comments')
    expect(walksOf(scans).map((node) => [node['Node Type'], node['Scan Direction']])).toEqual([
      ['Index Scan', 'Backward'],
      ['Index Scan', 'Backward'],
    ])
    // The only other read: whether a reply that stays still answers a placeholder, by the parent index.
    for (const node of scans.filter((scan) => !walksOf([scan]).length))
      expect([node['Node Type'], node['Index Name']]).toEqual(['Index Scan', 'comments_parent_idx'])
  })

  // Otherwise each run starts at the newest and reads every comment still within its retention to get there:
  // all of a spam flood, every hour.
  it('starts each walk at the cutoff, not at the newest comment', async () => {
    const scans = nodesOf(await planOf(database.db, await firstBatchStatement())).filter(
      (node) => node['Relation Name'] === 'comments',
    )
    expect(walksOf(scans).map((node) => node['Index Cond'])).toEqual([
      expect.stringContaining('created_at <'),
      expect.stringContaining('created_at <'),
    ])
  })
})
