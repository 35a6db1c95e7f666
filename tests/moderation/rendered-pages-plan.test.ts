import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Database, rowsOf } from '../../src/db/client.js'
import { encodeCursor } from '../../src/moderation/cursor.js'
import { renderApprovedPage, renderModeratorPage } from '../../src/moderation/rendered-pages.js'
import { createTestDatabase, type TestDatabase } from '../helpers/db.js'
import type { PlanNode } from '../helpers/plans.js'
import { nodesOf } from '../helpers/plans.js'

/**
 * The two hot reads, an article's approved comments and the moderation queue, walk their index from the page's
 * start and stop after one page (50 rows and the one saying another follows): a page deep in the cursor chain
 * reads as few rows as the first, whatever the site holds. Checked on the statements the pages send, with the
 * generic plan Vigil's prepared statements run (`npm run bench` prints the same plans at 1 000 000 comments).
 */
const SITE = 'busy'
const ARTICLE = 'article-0'
const COMMENTS = 40_000
const PAGE = 50

type Executed = PlanNode & { 'Actual Rows': number; 'Actual Loops': number }

let database: TestDatabase

beforeAll(async () => {
  database = await createTestDatabase()
  const { db } = database
  await db.execute(sql`insert into sites (id, name, created_at, updated_at)
    values (${SITE}, 'Busy', now(), now()), ('other', 'Other', now(), now())`)
  // Half a year of comments on 20 articles, every status, and as many on another site at the same times.
  await db.execute(sql`
    insert into comments (id, site_id, article_id, author_name, author_email_hash, content, content_hash, status,
      score, reasons, ip_hash, source, created_at, updated_at)
    select gen_random_uuid(), site, 'article-' || i % 20, 'Reader', md5('e' || i), 'Comment ' || i, md5(site || i),
      (array['approved', 'approved', 'pending', 'spam', 'rejected'])[1 + i % 5]::comment_status, 0, '[]'::jsonb,
      md5('ip' || i), 'api', now() - i * interval '6 minutes', now()
    from generate_series(1, ${COMMENTS}) as i, unnest(array[${SITE}, 'other']) as site`)
  await db.execute(sql`analyze comments`)
}, 180_000)

afterAll(async () => {
  await database?.dispose()
})

/** The statement and parameters a page sends, caught before they reach the driver (as postgres.js's `unsafe`). */
async function sentBy(render: (db: Database) => Promise<unknown>) {
  let caught: { text: string; parameters: readonly unknown[] } | null = null
  const unsafe = (text: string, parameters: readonly unknown[]) => {
    caught = { text, parameters }
    return { raw: () => Promise.resolve([]) }
  }
  await render({ $client: Object.assign(() => {}, { unsafe }) } as unknown as Database)
  if (!caught) throw new Error('the page sent no statement')
  return caught as { text: string; parameters: readonly unknown[] }
}

const literal = (value: unknown) =>
  typeof value === 'number' ? String(value) : `'${String(value).replaceAll("'", "''")}'`

/** The statement's generic plan, executed (`EXPLAIN ANALYZE` of the prepared statement). */
function executedPlan(text: string, parameters: readonly unknown[]): Promise<Executed> {
  return database.db.transaction(async (tx) => {
    await tx.execute(sql.raw('set local plan_cache_mode = force_generic_plan'))
    await tx.execute(sql.raw(`prepare rendered_page as ${text}`))
    const [row] = rowsOf<{ 'QUERY PLAN': [{ Plan: Executed }] | string }>(
      await tx.execute(
        sql.raw(
          `explain (analyze, format json) execute rendered_page(${parameters.map(literal).join(', ')})`,
        ),
      ),
    )
    await tx.execute(sql.raw('deallocate rendered_page'))
    const plan = row?.['QUERY PLAN']
    return (typeof plan === 'string' ? (JSON.parse(plan) as [{ Plan: Executed }]) : plan)?.[0]
      ?.Plan as Executed
  })
}

/** The cursor a reader holds after `pages` pages of the list ordered as `order` by. */
async function cursorAfter(filter: ReturnType<typeof sql>, order: 'asc' | 'desc', pages: number) {
  const [row] = rowsOf<{ created_at: string | Date; id: string }>(
    await database.db.execute(sql`select created_at, id from comments where ${filter}
      order by created_at ${sql.raw(order)}, id ${sql.raw(order)} offset ${pages * PAGE - 1} limit 1`),
  )
  if (!row) throw new Error('the list is shorter than that')
  return encodeCursor({ createdAt: new Date(row.created_at), id: row.id })
}

/** Every read of `comments` in the plan: which index, and how many rows it returned. */
function commentReads(plan: Executed) {
  return (nodesOf(plan) as Executed[])
    .filter((node) => node['Relation Name'] === 'comments')
    .map((node) => ({
      type: node['Node Type'],
      index: node['Index Name'],
      rows: node['Actual Rows'] * node['Actual Loops'],
    }))
}

const articleFilter = sql`site_id = ${SITE} and article_id = ${ARTICLE} and status = 'approved'`
const queueFilter = sql`site_id = ${SITE} and status = 'pending'`

describe.each([
  {
    list: "an article's approved comments",
    index: 'comments_article_idx',
    cursor: () => cursorAfter(articleFilter, 'asc', 12),
    render: (cursor?: string) => (db: Database) =>
      renderApprovedPage(db, { siteId: SITE, articleId: ARTICLE, limit: PAGE, cursor }),
  },
  {
    list: 'the moderation queue',
    index: 'comments_queue_idx',
    cursor: () => cursorAfter(queueFilter, 'desc', 120),
    render: (cursor?: string) => (db: Database) =>
      renderModeratorPage(db, { siteId: SITE, status: 'pending', order: 'newest', limit: PAGE, cursor }),
  },
])('a page of $list', ({ index, cursor, render }) => {
  it.each([
    { page: 'the first page', at: async () => undefined },
    { page: 'a page deep in the cursor chain', at: cursor },
  ])(`$page reads one page off ${index} and nothing else of the table`, async ({ at }) => {
    const { text, parameters } = await sentBy(render(await at()))
    const plan = await executedPlan(text, parameters)
    expect(commentReads(plan)).toEqual([{ type: 'Index Scan', index, rows: PAGE + 1 }])
    // The index gives the rows in the list's order: the only sort is of the page, put in order for its JSON.
    const sorts = (nodesOf(plan) as Executed[]).filter((node) => node['Node Type'] === 'Sort')
    for (const sort of sorts) expect(sort['Actual Rows'] * sort['Actual Loops']).toBeLessThanOrEqual(PAGE)
  })
})
