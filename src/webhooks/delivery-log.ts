import { sql } from 'drizzle-orm'
import { type Database, rowsOf } from '../db/client.js'

/**
 * Deletes events older than `before` that no delivery is still trying to send, with their deliveries and attempts
 * (the log keeps readers' names and e-mails: it is not kept for ever, not even for an endpoint turned off longer
 * than that, whose deliveries go too, paused or not). Runs across sites, a bounded batch at a time, so a large backlog
 * never holds one long transaction; returns how many events went. An event a redelivery is being queued for
 * meanwhile is locked by it and skipped here (see `redeliver`).
 */
export async function pruneDeliveryLog(db: Database, before: Date, batchSize = 1_000): Promise<number> {
  const result = await db.execute(sql`
    delete from webhook_events
    where id in (
      select ev.id from webhook_events ev
      where ev.created_at < ${before.toISOString()}::timestamptz
        and not exists (
          select 1 from webhook_deliveries d
          join webhook_endpoints e on e.id = d.endpoint_id
          where d.event_id = ev.id and d.state = 'pending' and d.next_attempt_at is not null and e.enabled)
      order by ev.created_at
      limit ${batchSize}
      for update skip locked
    )
    returning id
  `)
  return rowsOf(result).length
}
