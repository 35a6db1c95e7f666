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
 * turned-off endpoints are not waiting: paused, with no due time, or (a lease that ran out after a dispatcher died
 * mid-attempt, the endpoint turned off meanwhile) due but skipped by every claim, as they are here. Both reads walk
 * `webhook_deliveries_due_idx`; the count stops at the cap, so a large backlog costs no more than a small one.
 */
export async function readBacklog(db: Database, now: Date): Promise<Backlog> {
  const at = now.toISOString()
  const result = await db.execute(sql`
    select
      (select count(*) from (
        select 1 from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id
        where d.state = 'pending' and d.next_attempt_at <= ${at}::timestamptz and e.enabled
        limit ${BACKLOG_COUNT_CAP}
      ) waiting)::int as due,
      (select d.next_attempt_at from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id
        where d.state = 'pending' and d.next_attempt_at <= ${at}::timestamptz and e.enabled
        order by d.next_attempt_at limit 1) as oldest_due_at
  `)
  const [row] = rowsOf<{ due: number | string; oldest_due_at: string | Date | null }>(result)
  return {
    due: Number(row?.due ?? 0),
    oldestDueAt: row?.oldest_due_at ? new Date(row.oldest_due_at) : null,
  }
}
