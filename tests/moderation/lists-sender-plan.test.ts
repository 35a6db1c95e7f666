import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Executor } from '../../src/db/client.js'
import { listQuery } from '../../src/moderation/lists.js'
import { createTestDatabase, type TestDatabase } from '../helpers/db.js'
import { nodesOf, planOf } from '../helpers/plans.js'

/**
 * One sender's comments are read off the sender's index (site, hash, created_at), in time order, however
 * many comments the site holds in that status and wherever the sender's few are among them: no walk of the site's
 * queue filtered by sender, no sort of the site's rows. Checked on the generic plan Vigil's prepared statements run.
 */
const SITE = 'busy'
const COMMENTS = 30_000
const SENDER = { email: 'e-hash-of-the-sender', ip: 'ip-hash-of-the-sender' }

let database: TestDatabase

beforeAll(async () => {
  database = await createTestDatabase()
  const { db } = database
  await db.execute(
    sql`insert into sites (id, name, created_at, updated_at) values (${SITE}, 'Busy', now(), now())`,
  )
  // A year of pending comments from thousands of readers; the sender's five among the oldest.
  await db.execute(sql`
    insert into comments (id, site_id, article_id, author_name, author_email_hash, content, content_hash, status,
      score, reasons, ip_hash, source, created_at, updated_at)
    select gen_random_uuid(), ${SITE}, 'article-' || i % 40, 'Reader', case when i > ${COMMENTS - 5}
      then ${SENDER.email} else md5('e' || i % 5000) end, 'Comment ' || i, md5(i::text), 'pending', 0, '[]'::jsonb,
      case when i > ${COMMENTS - 5} then ${SENDER.ip} else md5('ip' || i % 7000) end, 'api',
      now() - i * interval '15 minutes', now()
    from generate_series(1, ${COMMENTS}) as i`)
  await db.execute(sql`analyze comments`)
}, 120_000)

afterAll(async () => {
  await database?.dispose()
})

/** The plan of `text` as a prepared statement with a generic plan, executed with `parameters`. */
async function genericPlan(db: Executor, text: string, parameters: readonly unknown[]) {
  const literal = (value: unknown) =>
    typeof value === 'number' ? String(value) : `'${String(value).replaceAll("'", "''")}'`
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw(`set local plan_cache_mode = force_generic_plan`))
    await tx.execute(sql.raw(`prepare sender_page as ${text}`))
    const plan = await planOf(tx, sql.raw(`execute sender_page(${parameters.map(literal).join(', ')})`))
    await tx.execute(sql.raw('deallocate sender_page'))
    return plan
  })
}

describe("a page of one sender's comments", () => {
  it.each([
    { by: 'e-mail', sender: { emailHashes: [SENDER.email] }, index: 'comments_email_hash_idx' },
    { by: 'IP', sender: { ipHash: SENDER.ip }, index: 'comments_ip_hash_idx' },
  ])('by $by is read from $index', async ({ sender, index }) => {
    for (const order of ['newest', 'oldest'] as const) {
      const { statement, parameters } = listQuery(
        { siteId: SITE, status: 'pending', sender, order, limit: 50 },
        'viewed',
      )
      const nodes = nodesOf(await genericPlan(database.db as Executor, statement, parameters))
      const types = nodes.map((node) => node['Node Type'])
      expect(types, order).not.toContain('Seq Scan')
      expect(types, order).not.toContain('Sort')
      expect(
        nodes.filter((node) => node['Relation Name'] === 'comments').map((node) => node['Index Name']),
        order,
      ).toEqual([index])
    }
  })

  it('by the spellings of an accented e-mail is read from comments_email_hash_idx, only their few rows sorted', async () => {
    const { statement, parameters } = listQuery(
      {
        siteId: SITE,
        status: 'pending',
        sender: { emailHashes: [SENDER.email, 'e-hash-as-typed-then'] },
        order: 'newest',
        limit: 50,
      },
      'viewed',
    )
    const nodes = nodesOf(await genericPlan(database.db as Executor, statement, parameters))
    expect(nodes.map((node) => node['Node Type'])).not.toContain('Seq Scan')
    expect(
      nodes.filter((node) => node['Relation Name'] === 'comments').map((node) => node['Index Name']),
    ).toEqual(['comments_email_hash_idx'])
  })
})
