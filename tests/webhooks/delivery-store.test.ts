import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { rowsOf } from '../../src/db/client.js'
import { webhookAttempts, webhookDeliveries, webhookEvents } from '../../src/db/webhook-schema.js'
import {
  type ClaimedDelivery,
  claimDueDeliveries,
  pruneDeliveryLog,
  recordAttempt,
  releaseClaims,
} from '../../src/webhooks/delivery-store.js'
import type { PostOutcome } from '../../src/webhooks/http-post.js'
import { expectStatus, json, type TestSite, useTestApp } from '../helpers/app.js'
import { onRealServer } from '../helpers/db.js'
import { withLocksHeld } from '../helpers/locks.js'

const ctx = useTestApp({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' })
const MAX_ATTEMPTS = 10
const LEASE_MS = 60_000

async function endpointOf(site: TestSite, events: string[] = ['ping']) {
  return json(
    expectStatus(
      ctx.request('POST', `/v1/sites/${site.id}/webhooks`, { body: { url: 'http://127.0.0.1:9/', events } }),
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

describe('claimDueDeliveries', () => {
  it('claims a due delivery once: a second claim within the lease finds nothing', async () => {
    const site = await ctx.newSite()
    const endpoint = await endpointOf(site)
    const { deliveryId } = await ping(site, endpoint.id)
    const now = ctx.clock.now()
    const first = await claimDueDeliveries(ctx.database.db, now, 100, 60_000, MAX_ATTEMPTS)
    expect(first.filter((claimed) => claimed.id === deliveryId)).toMatchObject([{ attempt: 1 }])
    const second = await claimDueDeliveries(ctx.database.db, now, 100, 60_000, MAX_ATTEMPTS)
    expect(second.some((claimed) => claimed.id === deliveryId)).toBe(false)
    // A dispatcher that died: once the lease has run out, the delivery is claimed again, as the next attempt.
    const later = new Date(now.getTime() + 61_000)
    const again = await claimDueDeliveries(ctx.database.db, later, 100, 60_000, MAX_ATTEMPTS)
    expect(again.filter((claimed) => claimed.id === deliveryId)).toMatchObject([{ attempt: 2 }])
  })
})

/** Claims at `at` (the test clock's now by default) and keeps the claims of `deliveryId`. */
async function claim(deliveryId: string, at = ctx.clock.now(), maxAttempts = MAX_ATTEMPTS) {
  const claimed = await claimDueDeliveries(ctx.database.db, at, 100, LEASE_MS, maxAttempts)
  return claimed.filter((delivery) => delivery.id === deliveryId)
}

const failedWith = (overrides: Partial<PostOutcome> = {}): PostOutcome => ({
  ok: false,
  statusCode: 500,
  latencyMs: 3,
  error: 'HTTP 500',
  retryAfterMs: null,
  responseExcerpt: null,
  retryable: true,
  ...overrides,
})

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

describe('a delivery whose outcome cannot be recorded', () => {
  it('records an answer holding NUL characters, which PostgreSQL text refuses, with U+FFFD in their place', async () => {
    const site = await ctx.newSite()
    const endpoint = await endpointOf(site)
    const { deliveryId } = await ping(site, endpoint.id)
    const [delivery] = await claim(deliveryId)
    if (!delivery) throw new Error('not claimed')
    await record(delivery, failedWith({ responseExcerpt: 'ok\u0000', error: 'HTTP 500 \u0000' }), null)
    expect(await deliveryRow(deliveryId)).toMatchObject({ state: 'failed', lastError: 'HTTP 500 \uFFFD' })
    const [attempt] = await ctx.database.db
      .select()
      .from(webhookAttempts)
      .where(eq(webhookAttempts.deliveryId, deliveryId))
    expect(attempt?.responseExcerpt).toBe('ok\uFFFD')
  })

  it('is given up once it was claimed the most times allowed, instead of being sent again at every lease', async () => {
    const site = await ctx.newSite()
    const endpoint = await endpointOf(site)
    const { deliveryId } = await ping(site, endpoint.id)
    let at = ctx.clock.now()
    // Two attempts allowed; neither outcome is ever recorded (the dispatcher died, or recording kept failing).
    for (const attempt of [1, 2]) {
      expect(await claim(deliveryId, at, 2)).toMatchObject([{ attempt }])
      at = new Date(at.getTime() + LEASE_MS + 1_000)
    }
    expect(await claim(deliveryId, at, 2)).toEqual([])
    const row = await deliveryRow(deliveryId)
    expect(row).toMatchObject({ state: 'failed', attempts: 2, nextAttemptAt: null })
    expect(row?.lastError).toContain('never recorded')
  })
})

describe('outcomes recorded at once for one endpoint', () => {
  it.runIf(onRealServer)(
    'never deadlock when one of them turns the endpoint off and pauses the other deliveries',
    async () => {
      const site = await ctx.newSite()
      const endpoint = await endpointOf(site)
      const pings = [await ping(site, endpoint.id), await ping(site, endpoint.id)]
      const claimed = await claimDueDeliveries(ctx.database.db, ctx.clock.now(), 100, LEASE_MS, MAX_ATTEMPTS)
      const ours = claimed.filter((delivery) => pings.some((p) => p.deliveryId === delivery.id))
      expect(ours).toHaveLength(2)
      const record = (delivery: ClaimedDelivery) =>
        recordAttempt(ctx.database.db, {
          delivery,
          outcome: failedWith({ retryable: false }),
          startedAt: ctx.clock.now(),
          finishedAt: ctx.clock.now(),
          nextAttemptAt: null,
          // One more failure turns it off: the first outcome to get the endpoint pauses the other delivery.
          disableAfterFailures: 1,
        }).then(
          () => 'recorded',
          (error) => String(error?.cause?.code ?? error?.code ?? error),
        )
      const outcomes = await withLocksHeld(
        ctx.database.url ?? '',
        // Both outcomes lock their delivery, then wait here for the endpoint.
        (tx) => tx`select 1 from webhook_endpoints where id = ${endpoint.id} for update`,
        async (waitForBlocked) => {
          const both = ours.map(record)
          await waitForBlocked(2)
          return { pending: Promise.all(both) }
        },
      )
      expect(outcomes).toEqual(['recorded', 'recorded'])
    },
  )
})

describe('releaseClaims', () => {
  it('hands a claim never started back: due at once, and its attempt not counted', async () => {
    const site = await ctx.newSite()
    const endpoint = await endpointOf(site)
    const { deliveryId } = await ping(site, endpoint.id)
    const claimed = await claim(deliveryId)
    await releaseClaims(ctx.database.db, claimed, ctx.clock.now())
    expect(await claim(deliveryId)).toMatchObject([{ attempt: 1 }])
  })
})

describe('an endpoint turned off', () => {
  const patch = (site: TestSite, endpointId: string, enabled: boolean) =>
    expectStatus(
      ctx.request('PATCH', `/v1/sites/${site.id}/webhooks/${endpointId}`, { body: { enabled } }),
      200,
    )

  it('pauses what waits for it (out of the claims), and sends it once turned on again', async () => {
    const site = await ctx.newSite()
    const endpoint = await endpointOf(site)
    const { deliveryId } = await ping(site, endpoint.id)
    await patch(site, endpoint.id, false)
    expect(await deliveryRow(deliveryId)).toMatchObject({ state: 'pending', nextAttemptAt: null })
    expect(await claim(deliveryId)).toEqual([])

    await patch(site, endpoint.id, true)
    expect(await claim(deliveryId)).toMatchObject([{ attempt: 1 }])
  })

  it('by Vigil after failures: its other deliveries and the events it still collects wait, paused', async () => {
    const site = await ctx.newSite()
    const endpoint = await endpointOf(site, ['comment.created'])
    await ctx.submit(site)
    const [first] = await deliveriesOf(endpoint.id)
    if (!first) throw new Error('a delivery expected')
    const [delivery] = await claim(first.id)
    if (!delivery) throw new Error('not claimed')
    // The second waits, unclaimed, while the first's attempt runs.
    await ctx.submit(site)
    const second = (await deliveriesOf(endpoint.id)).find((row) => row.id !== first.id)
    if (!second) throw new Error('two deliveries expected')
    // Its last attempt fails, and one delivery in a row failing turns the endpoint off.
    await record(delivery, failedWith(), null, 1)
    expect(await deliveryRow(second.id)).toMatchObject({ state: 'pending', nextAttemptAt: null })
    await ctx.submit(site)
    const all = await deliveriesOf(endpoint.id)
    expect(all).toHaveLength(3)
    expect(all.filter((row) => row.state === 'pending').map((row) => row.nextAttemptAt)).toEqual([null, null])

    await patch(site, endpoint.id, true)
    const resumed = await claimDueDeliveries(ctx.database.db, ctx.clock.now(), 100, LEASE_MS, MAX_ATTEMPTS)
    expect(resumed.filter((claimed) => claimed.endpointId === endpoint.id)).toHaveLength(2)
  })

  it('by a person while an attempt runs: that attempt keeps its lease, and is not sent again when turned on', async () => {
    const site = await ctx.newSite()
    const { endpoint, deliveryId, delivery } = await pingInFlight(site)
    await patch(site, endpoint.id, false)
    await patch(site, endpoint.id, true)
    expect(await claim(deliveryId)).toEqual([])
    // The attempt in flight succeeds: recorded, as the one and only.
    await record(delivery, { ...failedWith(), ok: true, statusCode: 200, error: null }, null)
    expect(await deliveryRow(deliveryId)).toMatchObject({ state: 'succeeded', attempts: 1 })
  })

  it('does not reschedule a retry whose attempt ended after it was turned off', async () => {
    const site = await ctx.newSite()
    const { endpoint, deliveryId, delivery } = await pingInFlight(site)
    await patch(site, endpoint.id, false)
    await record(delivery, failedWith(), new Date(ctx.clock.now().getTime() + 1_000))
    expect(await deliveryRow(deliveryId)).toMatchObject({ state: 'pending', nextAttemptAt: null })
  })
})

describe('pruneDeliveryLog', () => {
  it('deletes old events nothing waits for, and keeps the pending and the recent ones', async () => {
    const site = await ctx.newSite()
    const endpoint = await endpointOf(site)
    const done = await ping(site, endpoint.id)
    const waiting = await ping(site, endpoint.id)
    await ctx.database.db
      .update(webhookDeliveries)
      .set({ state: 'succeeded', completedAt: ctx.clock.now() })
      .where(eq(webhookDeliveries.id, done.deliveryId))

    // Nothing is old enough yet.
    await pruneDeliveryLog(ctx.database.db, new Date(ctx.clock.now().getTime() - 1))
    expect(await eventsOf(site.id)).toHaveLength(2)

    await pruneDeliveryLog(ctx.database.db, new Date(ctx.clock.now().getTime() + 1_000))
    expect(await eventsOf(site.id)).toEqual([waiting.eventId])
    const deliveries = await ctx.database.db
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.siteId, site.id))
    expect(deliveries.map((delivery) => delivery.id)).toEqual([waiting.deliveryId])
  })

  it('keeps nothing past the retention for an endpoint turned off meanwhile: paused deliveries go too', async () => {
    const site = await ctx.newSite()
    const endpoint = await endpointOf(site)
    await ping(site, endpoint.id)
    await expectStatus(
      ctx.request('PATCH', `/v1/sites/${site.id}/webhooks/${endpoint.id}`, { body: { enabled: false } }),
      200,
    )
    await pruneDeliveryLog(ctx.database.db, new Date(ctx.clock.now().getTime() + 1_000))
    expect(await eventsOf(site.id)).toEqual([])
  })

  it.runIf(onRealServer)(
    'skips an event a redelivery holds locked, instead of deleting its new delivery',
    async () => {
      const site = await ctx.newSite()
      const endpoint = await endpointOf(site)
      const { eventId, deliveryId } = await ping(site, endpoint.id)
      await ctx.database.db
        .update(webhookDeliveries)
        .set({ state: 'succeeded', completedAt: ctx.clock.now() })
        .where(eq(webhookDeliveries.id, deliveryId))
      const left = await withLocksHeld(
        ctx.database.url ?? '',
        // What redeliver holds while it queues the new delivery, on another connection.
        (tx) => tx`select id from webhook_events where id = ${eventId} for key share`,
        async () => {
          await pruneDeliveryLog(ctx.database.db, new Date(ctx.clock.now().getTime() + 1_000))
          return { pending: eventsOf(site.id) }
        },
      )
      expect(left).toEqual([eventId])
    },
  )

  it('works through a backlog in batches', async () => {
    // The log is shared by every test of this file: what earlier ones left goes first.
    await pruneDeliveryLog(ctx.database.db, new Date(ctx.clock.now().getTime() + 1_000), 10_000)
    const site = await ctx.newSite()
    const endpoint = await endpointOf(site)
    for (let i = 0; i < 5; i++) await ping(site, endpoint.id)
    await ctx.database.db.execute(
      sql`update webhook_deliveries set state = 'failed' where site_id = ${site.id}`,
    )
    const before = new Date(ctx.clock.now().getTime() + 1_000)
    expect(await pruneDeliveryLog(ctx.database.db, before, 2)).toBe(2)
    expect(await pruneDeliveryLog(ctx.database.db, before, 2)).toBe(2)
    expect(await pruneDeliveryLog(ctx.database.db, before, 2)).toBe(1)
    expect(await eventsOf(site.id)).toEqual([])
  })
})

describe('deleting an endpoint', () => {
  it('deletes the events only it was to receive, and keeps those another endpoint still needs', async () => {
    const site = await ctx.newSite()
    const leaving = await endpointOf(site, ['comment.created'])
    const staying = await endpointOf(site, ['comment.created'])
    const onlyLeaving = await ping(site, leaving.id)
    await ctx.submit(site)
    const shared = rowsOf<{ event_id: string }>(
      await ctx.database.db.execute(
        sql`select event_id from webhook_deliveries where site_id = ${site.id} and endpoint_id = ${staying.id}`,
      ),
    ).map((row) => row.event_id)
    expect(shared).toHaveLength(1)

    await expectStatus(ctx.request('DELETE', `/v1/sites/${site.id}/webhooks/${leaving.id}`), 204)
    const left = await eventsOf(site.id)
    expect(left).toEqual(shared)
    expect(left).not.toContain(onlyLeaving.eventId)
  })
})
