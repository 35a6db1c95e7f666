import type { Clock } from '../clock.js'
import type { Database } from '../db/client.js'
import { withinDeadline } from '../timeouts.js'
import { type Backlog, readBacklog } from '../webhooks/backlog.js'
import { type Metrics, scrapedGauge } from './metrics.js'

/** Well within Prometheus's default scrape timeout (10 s): a frozen database must not fail the whole scrape. */
const READ_DEADLINE_MS = 2_000

/**
 * The webhook backlog as two gauges, read from the database at each scrape (one read serves both): every process
 * reports the same figures, since the outbox is shared; alert on the maximum, not the sum.
 */
export function watchWebhookBacklog(metrics: Metrics, db: Database, clock: Clock): void {
  let reading: Promise<Backlog> | null = null
  const read = () => {
    // Prometheus collects every gauge of a scrape at once: the second one joins the first one's read.
    reading ??= withinDeadline(readBacklog(db, clock.now()), READ_DEADLINE_MS).finally(() => {
      reading = null
    })
    return reading
  }
  scrapedGauge(
    metrics,
    {
      name: 'vigil_webhook_deliveries_due',
      help: 'Webhook deliveries due and waiting for a dispatcher, all sites (counted up to 10000).',
    },
    async () => (await read()).due,
  )
  scrapedGauge(
    metrics,
    {
      name: 'vigil_webhook_oldest_due_seconds',
      help: 'How long the longest-waiting due webhook delivery has waited (0 when none waits).',
    },
    async () => {
      const { oldestDueAt } = await read()
      return oldestDueAt ? Math.max(0, (clock.now().getTime() - oldestDueAt.getTime()) / 1000) : 0
    },
  )
}
