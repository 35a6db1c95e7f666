import { sql } from 'drizzle-orm'
import type { Clock } from '../clock.js'
import type { Database } from '../db/client.js'
import type { Logger } from '../logger.js'
import { WEBHOOK_CHANNEL } from './outbox.js'

/** At most one notification per this interval and process; the rings in between share the next one. */
const DEFAULT_INTERVAL_MS = 20

export type OutboxBell = {
  /** Tells the dispatchers (in every process on the database) that deliveries were committed: after the commit. */
  ring(): void
  /** Sends what is still due at once, and rings no more. */
  stop(): Promise<void>
}

/** What a change that may queue webhook deliveries needs: the database, the time, and the bell to ring after it. */
export type ChangeDeps = { db: Database; clock: Clock; outbox: OutboxBell }

/**
 * Wakes the webhook dispatchers after deliveries are committed, with a NOTIFY of its own rather than one inside
 * the change's transaction. PostgreSQL serialises every committing transaction that has notified, database-wide
 * and through its WAL flush: with a NOTIFY in each intake, concurrent submissions committed one at a time
 * (`Lock:object` was the commonest wait under load). Here a process notifies at most once per interval, and its
 * intake commits never wait on each other for it.
 *
 * The notification is only a wake-up: a dispatcher also looks for due deliveries on a short poll, so one lost in
 * a crash between the commit and the ring delays delivery a little and loses nothing. It is therefore sent without
 * waiting for its commit to be flushed (`synchronous_commit` off for that transaction alone).
 */
export function createOutboxBell(deps: { db: Database; logger: Logger; intervalMs?: number }): OutboxBell {
  const intervalMs = deps.intervalMs ?? DEFAULT_INTERVAL_MS
  let lastSentAt = Number.NEGATIVE_INFINITY
  let due: NodeJS.Timeout | undefined
  let sending: Promise<void> = Promise.resolve()
  let stopped = false

  const send = () => {
    due = undefined
    lastSentAt = performance.now()
    sending = deps.db
      .execute(sql`select set_config('synchronous_commit', 'off', true), pg_notify(${WEBHOOK_CHANNEL}, '')`)
      .then(
        () => undefined,
        (error: unknown) => deps.logger.warn({ err: error }, 'waking the webhook dispatchers failed'),
      )
  }

  return {
    ring() {
      if (stopped || due) return
      const wait = lastSentAt + intervalMs - performance.now()
      if (wait <= 0) return send()
      due = setTimeout(send, wait)
      due.unref()
    },
    async stop() {
      stopped = true
      if (due) {
        clearTimeout(due)
        send()
      }
      await sending
    },
  }
}
