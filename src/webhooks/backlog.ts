import { sql } from 'drizzle-orm'
import { type Database, rowsOf } from '../db/client.js'

/** Due deliveries counted at most: enough to tell "behind" from "far behind", in a bounded read. */
export const BACKLOG_COUNT_CAP = 10_000

export type Backlog = {
  /** Deliveries due now and not yet claimed, counted up to BACKLOG_COUNT_CAP. */
  due: number
  /** When the longest-waiting of them came due; null when none is waiting. */
  oldestDueAt: Date | null
}

/**
 * The webhook deliveries waiting for a dispatcher, across every site: an operator's view of whether the
 * dispatchers keep up. Deliveries claimed by a dispatcher (due again only when their lease ends) and those of
 * turned-off endpoints (paused, with no due time) are not waiting. Both reads walk `webhook_deliveries_due_idx`;
 * the count stops at the cap, so a large backlog costs no more than a small one.
 */
export async function readBacklog(db: Database, now: Date): Promise<Backlog> {
  const at = now.toISOString()
  const result = await db.execute(sql`
    select
      (select count(*) from (
        select 1 from webhook_deliveries
        where state = 'pending' and next_attempt_at <= ${at}::timestamptz
        limit ${BACKLOG_COUNT_CAP}
      ) waiting)::int as due,
      (select min(next_attempt_at) from webhook_deliveries
        where state = 'pending' and next_attempt_at <= ${at}::timestamptz) as oldest_due_at
  `)
  const [row] = rowsOf<{ due: number | string; oldest_due_at: string | Date | null }>(result)
  return {
    due: Number(row?.due ?? 0),
    oldestDueAt: row?.oldest_due_at ? new Date(row.oldest_due_at) : null,
  }
}
