import { sql } from 'drizzle-orm'
import type { Logger } from '../logger.js'
import type { DatabaseHandle } from './client.js'

/** How often the embedded database's statistics are refreshed and its busiest tables vacuumed. */
const MAINTENANCE_INTERVAL_MS = 10 * 60_000
/** The first run, once the process has taken some traffic. */
const FIRST_RUN_MS = 60_000

/**
 * What autovacuum does on a PostgreSQL server, for the embedded PGlite, which runs no background workers and so
 * never analyses or vacuums by itself. Without statistics the planner guesses every selectivity: with a site's
 * comments growing, it would sort all of them to find the latest 200 a new comment is compared with, rather than
 * read them off `comments_recent_idx` (the statistics of a PostgreSQL server stay current on their own). The
 * tables updated in place on every request (rate-limit counters, webhook deliveries, reputation) are vacuumed
 * so their dead rows are reused rather than piling up. A no-op on a PostgreSQL server.
 */
export function scheduleMaintenance(deps: { database: DatabaseHandle; logger: Logger }) {
  if (deps.database.kind !== 'pglite') return { stop: async () => {} }
  const { db } = deps.database
  const run = async () => {
    try {
      await db.execute(sql`vacuum rate_limits, webhook_deliveries, reputation, bayes_tokens, bayes_corpora`)
      await db.execute(sql`analyze`)
    } catch (error) {
      deps.logger.warn(
        { err: error },
        'refreshing the embedded database statistics failed; it runs again later',
      )
    }
  }
  let running: Promise<void> = Promise.resolve()
  const first = setTimeout(() => {
    running = run()
  }, FIRST_RUN_MS)
  const timer = setInterval(() => {
    running = run()
  }, MAINTENANCE_INTERVAL_MS)
  first.unref()
  timer.unref()
  return {
    async stop() {
      clearTimeout(first)
      clearInterval(timer)
      await running
    },
  }
}
