import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Database, rowsOf } from '../../src/db/client.js'
import { readContext, sketchFor } from '../../src/moderation/facts.js'
import { analyseText } from '../../src/spam/analysis.js'
import { contentFingerprint } from '../../src/spam/normalize.js'
import { defaultPolicy } from '../../src/spam/policy.js'
import { createTestDatabase, type TestDatabase } from '../helpers/db.js'

/** The new site's comments and reputation rows: all recent, none in the statistics. */
const NEW_SITE_ROWS = 3_000
const NEW_SITE = 'fresh'

type PlanNode = {
  'Node Type': string
  'Relation Name'?: string
  'Index Name'?: string
  'Actual Rows': number
  'Actual Loops': number
  'Rows Removed by Filter'?: number
  Plans?: PlanNode[]
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)]

/** Established sites, `oldSites` of `commentsPerOldSite` over a year, analysed before the new one existed. */
async function seed(db: Database, oldSites: number, commentsPerOldSite: number) {
  const now = Date.now()
  await db.execute(sql`insert into sites (id, name, created_at, updated_at)
    select 'old-' || n, 'Site ' || n, now(), now() from generate_series(1, ${oldSites}) as n
    union all select ${NEW_SITE}, 'New site', now(), now()`)
  const comments = (site: string, count: number, spreadSeconds: number) => sql`
    insert into comments (id, site_id, article_id, author_name, author_email_hash, content, content_hash, status, score, reasons, ip_hash, source, created_at, updated_at)
    select gen_random_uuid(), ${site}, 'article-' || i % 40, 'Reader ' || i, md5('e' || i), 'Comment ' || i,
      md5(${site} || i), 'approved', 0, '[]'::jsonb, md5('ip' || i), 'api',
      to_timestamp(${now / 1000} - i * ${spreadSeconds}::float8 / ${count}), to_timestamp(${now / 1000})
    from generate_series(1, ${count}) as i`
  // A year of comments on each established site, then the statistics, then the new site's hour of comments.
  for (let site = 1; site <= oldSites; site++)
    await db.execute(comments(`old-${site}`, commentsPerOldSite, 365 * 86_400))
  await db.execute(sql`analyze comments`)
  await db.execute(sql`analyze reputation`)
  await db.execute(comments(NEW_SITE, NEW_SITE_ROWS, 3_000))
  await db.execute(sql`insert into reputation (site_id, subject, approved, spam)
    select ${NEW_SITE}, 'i:' || md5('ip' || i), 1, 0 from generate_series(1, ${NEW_SITE_ROWS}) as i`)
}

/** The statement and parameters `readContext` sends, caught before they reach the driver. */
async function contextStatement(): Promise<{ text: string; parameters: unknown[] }> {
  let caught: { text: string; parameters: unknown[] } | null = null
  const catching = {
    unsafe: (text: string, parameters: unknown[]) => {
      caught = { text, parameters }
      return Promise.resolve([])
    },
  }
  const content = 'Un commentaire tout à fait nouveau sur la politique étrangère de la France.'
  await readContext(
    { $client: Object.assign(() => {}, catching) } as unknown as Database,
    {
      siteId: NEW_SITE,
      articleId: 'article-1',
      authorName: 'Reader 7',
      emailHash: 'e-hash-of-a-new-reader',
      ipHash: 'ip-hash-of-a-new-reader',
      authorUrlHost: null,
      contentHash: contentFingerprint(content),
      sketch: sketchFor(analyseText(content).skeleton),
      repostFromSameAddressOnly: false,
      // As an Akismet comment-check reads it: also looking for the check it repeats.
      earlierCheck: { authorName: 'Reader 7' },
      now: new Date(),
    },
    defaultPolicy,
  )
  if (!caught) throw new Error('readContext sent no statement')
  return caught
}

const literal = (value: unknown) =>
  value === null || value === undefined
    ? 'null'
    : typeof value === 'number'
      ? String(value)
      : `'${String(value).replaceAll("'", "''")}'`

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0]

/**
 * Runs `use` in a transaction where the statement is prepared, as the drivers prepare it; `execute(prefix)` runs
 * it with `parameters`, after `prefix` (an `explain …`) when given.
 */
function withPrepared<T>(
  db: Database,
  text: string,
  parameters: readonly unknown[],
  use: (tx: Transaction, execute: (prefix?: string) => Promise<unknown>) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw(`prepare context_read as ${text}`))
    // EXECUTE takes no bound parameters: the values are written as literals, typed by the prepared statement.
    const values = parameters.map(literal).join(', ')
    const result = await use(tx, (prefix = '') =>
      tx.execute(sql.raw(`${prefix}execute context_read(${values})`)),
    )
    await tx.execute(sql.raw('deallocate context_read'))
    return result
  })
}

/** The plan the connection runs the statement with (prepared, as the drivers prepare it), executed. */
function executedPlan(db: Database, text: string, parameters: readonly unknown[]): Promise<PlanNode> {
  return withPrepared(db, text, parameters, async (_tx, execute) => {
    const [row] = rowsOf<{ 'QUERY PLAN': [{ Plan: PlanNode }] | string }>(
      await execute('explain (analyze, format json) '),
    )
    const plan = row?.['QUERY PLAN']
    return (typeof plan === 'string' ? JSON.parse(plan) : plan)?.[0].Plan as PlanNode
  })
}

/**
 * Rows of `comments` that executing the statement read, its generic plan as used: fetched through an index or a
 * bitmap (PostgreSQL counts the first against the index, the second against the table), and read by sequential
 * scans.
 */
function commentsRead(
  db: Database,
  text: string,
  parameters: readonly unknown[],
): Promise<{ fetched: number; scanned: number }> {
  return withPrepared(db, text, parameters, async (tx, execute) => {
    const counts = async () => {
      const [row] = rowsOf<{ fetched: number | string; scanned: number | string }>(
        await tx.execute(sql`select sum(pg_stat_get_xact_tuples_fetched(oid)) as fetched,
            pg_stat_get_xact_tuples_returned('comments'::regclass) as scanned
          from (select 'comments'::regclass::oid as oid
            union all select indexrelid from pg_index where indrelid = 'comments'::regclass) as relations`),
      )
      return { fetched: Number(row?.fetched), scanned: Number(row?.scanned) }
    }
    const before = await counts()
    await execute()
    const after = await counts()
    return { fetched: after.fetched - before.fetched, scanned: after.scanned - before.scanned }
  })
}

describe("intake's context read, for a site created since the statistics were gathered", () => {
  let database: TestDatabase
  let plan: PlanNode
  beforeAll(async () => {
    database = await createTestDatabase()
    await seed(database.db, 10, 2_000)
    const { text, parameters } = await contextStatement()
    plan = await executedPlan(database.db, text, parameters)
  }, 120_000)
  afterAll(() => database.dispose())

  // Estimated at one row, such a site's look-ups used to go through comments_recent_idx and filter every one of
  // its comments, and its reputation was read whole: the plans are now generic (src/db/client.ts).
  it('looks up comments through an index, never by reading the table or the whole site', () => {
    const scans = nodesOf(plan).filter((node) => node['Relation Name'] === 'comments')
    expect(scans.length).toBeGreaterThan(0)
    for (const scan of scans) {
      expect(scan['Node Type'], JSON.stringify(scan)).not.toBe('Seq Scan')
      expect(scan['Rows Removed by Filter'] ?? 0, JSON.stringify(scan)).toBeLessThanOrEqual(10)
    }
  })

  it("reads the sender's reputation by primary key, not the site's thousands of rows", () => {
    const reads = nodesOf(plan).filter((node) => node['Relation Name'] === 'reputation')
    expect(reads.length).toBeGreaterThan(0)
    for (const read of reads) {
      expect(read['Rows Removed by Filter'] ?? 0, JSON.stringify(read)).toBe(0)
      expect(read['Actual Rows'] * read['Actual Loops']).toBeLessThanOrEqual(3)
    }
  })
})

describe("intake's context read, for a large site among many small ones", () => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await createTestDatabase()
    // The average site has 10 comments: a generic plan expected a few in the new site's window, where there are
    // 3 000, and read and sorted them all to keep the latest 200.
    await seed(database.db, 300, 10)
  }, 120_000)
  afterAll(() => database.dispose())

  it('reads no more than the latest 200 comments of the window for near-duplicates, whatever its size', async () => {
    const { text, parameters } = await contextStatement()
    const { fetched, scanned } = await commentsRead(database.db, text, parameters)
    // The 200 candidates, and the few rows the other look-ups find (none for a new reader and a new text).
    expect(fetched).toBeGreaterThanOrEqual(200)
    expect(fetched).toBeLessThanOrEqual(210)
    expect(scanned).toBe(0)
  })
})
