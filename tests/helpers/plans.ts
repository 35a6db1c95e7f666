import { type SQL, sql } from 'drizzle-orm'
import { type Executor, rowsOf } from '../../src/db/client.js'

/** A node of `EXPLAIN (FORMAT JSON)`'s tree, with the fields plan tests look at. */
export type PlanNode = {
  'Node Type': string
  'Relation Name'?: string
  'Index Name'?: string
  'Scan Direction'?: string
  'Index Cond'?: string
  Plans?: PlanNode[]
}

/** Every node of a plan, the root first. */
export const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)]

/**
 * The plan the database chooses for a statement, without running it. PGlite hands the JSON back parsed and
 * postgres.js as text: both are read.
 */
export async function planOf(db: Executor, statement: SQL): Promise<PlanNode> {
  const [row] = rowsOf<{ 'QUERY PLAN': [{ Plan: PlanNode }] | string }>(
    await db.execute(sql`explain (format json) ${statement}`),
  )
  const plan = row?.['QUERY PLAN']
  if (!plan) throw new Error('EXPLAIN returned no plan')
  const [{ Plan: root }] = typeof plan === 'string' ? (JSON.parse(plan) as [{ Plan: PlanNode }]) : plan
  return root
}

/**
 * The statements a piece of code sends, caught before they reach a database: it is handed a stand-in that answers
 * every statement with no rows and runs a transaction's work on itself.
 */
export async function statementsSentBy(run: (db: Executor) => Promise<unknown>): Promise<SQL[]> {
  const sent: SQL[] = []
  const catching = {
    execute: async (statement: SQL) => {
      sent.push(statement)
      return []
    },
    transaction: (work: (tx: unknown) => unknown) => work(catching),
  }
  await run(catching as unknown as Executor)
  return sent
}
