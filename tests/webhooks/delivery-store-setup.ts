import { eq } from 'drizzle-orm'
import { webhookDeliveries, webhookEvents } from '../../src/db/webhook-schema.js'
import { type ClaimedDelivery, claimDueDeliveries, recordAttempt } from '../../src/webhooks/delivery-store.js'
import type { PostOutcome } from '../../src/webhooks/http-post.js'
import { expectStatus, json, type TestSite, useTestApp } from '../helpers/app.js'

export const MAX_ATTEMPTS = 10
export const LEASE_MS = 60_000

export const failedWith = (overrides: Partial<PostOutcome> = {}): PostOutcome => ({
  ok: false,
  statusCode: 500,
  latencyMs: 3,
  error: 'HTTP 500',
  retryAfterMs: null,
  responseExcerpt: null,
  retryable: true,
  ...overrides,
})

/**
 * The test file's app and database (`useTestApp`, webhooks to private networks allowed) and what the delivery store
 * tests do with them: endpoints that nothing listens on, pings, claims and recorded attempts, the rows they leave.
 */
export function useDeliveryStore() {
  const ctx = useTestApp({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' })

  async function endpointOf(site: TestSite, events: string[] = ['ping']) {
    return json(
      expectStatus(
        ctx.request('POST', `/v1/sites/${site.id}/webhooks`, {
          body: { url: 'http://127.0.0.1:9/', events },
        }),
        201,
      ),
    )
  }

  const ping = async (site: TestSite, endpointId: string) =>
    json(expectStatus(ctx.request('POST', `/v1/sites/${site.id}/webhooks/${endpointId}/test`), 202))

  const eventsOf = async (siteId: string) =>
    (await ctx.database.db.select().from(webhookEvents).where(eq(webhookEvents.siteId, siteId))).map(
      (e) => e.id,
    )

  /** Claims at `at` (the test clock's now by default) and keeps the claims of `deliveryId`. */
  async function claim(deliveryId: string, at = ctx.clock.now(), maxAttempts = MAX_ATTEMPTS) {
    const { claimed } = await claimDueDeliveries(ctx.database.db, at, 100, LEASE_MS, maxAttempts)
    return claimed.filter((delivery) => delivery.id === deliveryId)
  }

  function record(
    delivery: ClaimedDelivery,
    outcome: PostOutcome,
    nextAttemptAt: Date | null,
    disableAfter = 5,
  ) {
    const now = ctx.clock.now()
    return recordAttempt(ctx.database.db, {
      delivery,
      outcome,
      startedAt: now,
      finishedAt: now,
      nextAttemptAt,
      disableAfterFailures: disableAfter,
    })
  }

  /** A ping to a new endpoint of `site`, claimed: its attempt under way. */
  async function pingInFlight(site: TestSite) {
    const endpoint = await endpointOf(site)
    const { deliveryId } = await ping(site, endpoint.id)
    const [delivery] = await claim(deliveryId)
    if (!delivery) throw new Error('not claimed')
    return { endpoint, deliveryId, delivery }
  }

  const deliveryRow = async (id: string) =>
    (await ctx.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)))[0]
  const deliveriesOf = (endpointId: string) =>
    ctx.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId))

  return { ctx, endpointOf, ping, eventsOf, claim, record, pingInFlight, deliveryRow, deliveriesOf }
}
