import { type SQL, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Transaction } from '../../src/db/client.js'
import { forgetTracesOf } from '../../src/privacy/anonymise.js'
import { createTestDatabase, type TestDatabase } from '../helpers/db.js'
import { nodesOf, planOf, statementsSentBy } from '../helpers/plans.js'

/**
 * The erasure and the retention purge delete the webhook events that carried a comment: on a webhook log of a
 * busy site, by an index, not by reading every event (once per erasure, and once per batch of the purge).
 */
const EVENTS = 50_000

let database: TestDatabase

beforeAll(async () => {
  database = await createTestDatabase()
  await database.db.execute(sql`insert into sites (id, name, created_at, updated_at)
    values ('busy', 'Busy', now(), now()), ('quiet', 'Quiet', now(), now())`)
  await database.db.execute(sql`
    insert into webhook_events (id, site_id, type, payload, created_at)
    select gen_random_uuid()::text, case when i % 10 = 0 then 'quiet' else 'busy' end, 'comment.approved',
      jsonb_build_object('type', 'comment.approved', 'data', jsonb_build_object('siteId', 'busy',
        'comment', jsonb_build_object('id', gen_random_uuid()::text, 'content', repeat('x', 300)))),
      now() - i * interval '1 minute'
    from generate_series(1, ${EVENTS}) as i`)
  await database.db.execute(sql`analyze webhook_events`)
}, 120_000)

afterAll(async () => {
  await database?.dispose()
})

/** The statement forgetTracesOf sends to delete a comment's events, caught before it reaches the database. */
async function eventsStatement(siteId: string, commentIds: string[]): Promise<SQL> {
  const sent = await statementsSentBy((tx) => forgetTracesOf(tx as Transaction, siteId, commentIds))
  const statement = sent.find((candidate) =>
    JSON.stringify(candidate.queryChunks).includes('delete from webhook_events'),
  )
  if (!statement) throw new Error('forgetTracesOf deleted no webhook events')
  return statement
}

describe('deleting the webhook events of erased or purged comments', () => {
  it.each(['busy', 'quiet'])('finds those of a comment on %s site by an index', async (siteId) => {
    const statement = await eventsStatement(siteId, [crypto.randomUUID(), crypto.randomUUID()])
    const root = await planOf(database.db, statement)
    const scans = nodesOf(root).filter((node) => node['Relation Name'] === 'webhook_events')
    expect(scans.map((node) => node['Node Type'])).not.toContain('Seq Scan')
    expect(nodesOf(root).map((node) => node['Index Name'])).toContain('webhook_events_comment_idx')
  })
})
