/**
 * The plans of the hot read queries, as Vigil runs them: the list functions run against the seeded database
 * through a drizzle instance whose logger (and whose driver, for constant statements) keeps each statement and
 * its parameters; each one is then prepared and executed under `EXPLAIN (ANALYZE, BUFFERS)` on a connection that,
 * like Vigil's (src/db/client.ts), plans for any parameters (a generic plan). `EXPLAIN` of the statement with its
 * parameters bound would show the plan made for those values, which Vigil never runs. Written to
 * bench/results/explain.txt by `npm run bench`.
 */
import { drizzle } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import type { Database } from '../../src/db/client.js'
import * as coreSchema from '../../src/db/schema.js'
import { renderApprovedPage, renderModeratorPage } from '../../src/moderation/rendered-pages.js'

export type Plan = {
  name: string
  statement: string
  plan: string
  executionMs: number
  /** True when the plan reads `comments` through one of its indexes, never by a sequential scan. */
  indexed: boolean
  /** Rows of `comments` the plan read to return one page (51 at best): how far it is from a keyset read. */
  rowsRead: number
}

type Captured = { query: string; params: unknown[] }

export type HotReads = {
  siteId: string
  articleId: string
  /** Cursors of the deep pages the load used. */
  deepArticleCursor: string
  deepQueueCursor: string
}

export async function explainHotReads(url: string, reads: HotReads): Promise<Plan[]> {
  const client = postgres(url, {
    max: 1,
    onnotice: () => {},
    connection: { plan_cache_mode: 'force_generic_plan' },
  })
  const captured: Captured[] = []
  const db = drizzle(client, {
    schema: coreSchema,
    casing: 'snake_case',
    logger: { logQuery: (query, params) => captured.push({ query, params }) },
  }) as unknown as Database
  // Statements with a constant text (src/db/statement.ts) go to the driver itself, past drizzle's logger.
  const capturing = new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver)
      if (property !== 'unsafe' || typeof value !== 'function') return value
      return (query: string, params: unknown[] = [], options?: object) => {
        captured.push({ query, params })
        return value.call(target, query, params, options)
      }
    },
  })
  Object.assign(db, { $client: capturing })
  const { siteId, articleId } = reads
  const queries: [string, () => Promise<unknown>][] = [
    ['article page, first', () => renderApprovedPage(db, { siteId, articleId, limit: 50 })],
    [
      'article page, deep',
      () => renderApprovedPage(db, { siteId, articleId, limit: 50, cursor: reads.deepArticleCursor }),
    ],
    [
      'moderation queue, first',
      () => renderModeratorPage(db, { siteId, status: 'pending', order: 'newest', limit: 50 }),
    ],
    [
      'moderation queue, deep',
      () =>
        renderModeratorPage(db, {
          siteId,
          status: 'pending',
          order: 'newest',
          limit: 50,
          cursor: reads.deepQueueCursor,
        }),
    ],
  ]
  const plans: Plan[] = []
  try {
    for (const [name, run] of queries) {
      captured.length = 0
      await run()
      const statement = captured.at(-1)
      if (!statement) throw new Error(`${name}: no statement captured`)
      // EXECUTE takes no bound parameters: the values are written as literals, typed by the prepared statement.
      await client.unsafe(`prepare hot_read as ${statement.query}`)
      const rows = await client.unsafe(
        `explain (analyze, buffers) execute hot_read(${statement.params.map(literal).join(', ')})`,
      )
      await client.unsafe('deallocate hot_read')
      const lines = rows.map((row) => String(row['QUERY PLAN']))
      const plan = lines.join('\n')
      const execution = /Execution Time: ([\d.]+) ms/.exec(plan)
      plans.push({
        name,
        statement: `${statement.query}\n-- parameters: ${JSON.stringify(statement.params)}`,
        plan,
        executionMs: Number(execution?.[1] ?? Number.NaN),
        indexed: /Index (Only )?Scan/.test(plan) && !/Seq Scan on comments/.test(plan),
        rowsRead: rowsRead(plan),
      })
    }
  } finally {
    await client.end()
  }
  return plans
}

/** A parameter as an SQL literal, for EXECUTE: the list reads bind text, numbers and times only. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'number' || typeof value === 'bigint') return String(value)
  if (value instanceof Date) return `'${value.toISOString()}'`
  if (typeof value !== 'string') throw new Error(`no SQL literal written for ${JSON.stringify(value)}`)
  return `'${value.replaceAll("'", "''")}'`
}

/** The rows the innermost scan of `comments` produced (`actual … rows=N`), the page's real cost. */
function rowsRead(plan: string): number {
  const scans = plan.split('\n').filter((line) => /Scan/.test(line) && /on comments/.test(line))
  const innermost = scans.at(-1) ?? ''
  return Number(/actual time=[\d.]+\.\.[\d.]+ rows=(\d+)/.exec(innermost)?.[1] ?? Number.NaN)
}

export function explainReport(plans: readonly Plan[]): string {
  return plans
    .map((plan) => `== ${plan.name} (${plan.executionMs} ms)\n${plan.statement}\n\n${plan.plan}\n`)
    .join('\n')
}
