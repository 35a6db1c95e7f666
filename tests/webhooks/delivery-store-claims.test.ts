import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { webhookAttempts, webhookEndpoints } from '../../src/db/webhook-schema.js'
import {
  type ClaimedDelivery,
  claimDueDeliveries,
  recordAttempt,
  releaseClaims,
} from '../../src/webhooks/delivery-store.js'
import type { TestSite } from '../helpers/app.js'
import { onRealServer } from '../helpers/db.js'
import { withLocksHeld } from '../helpers/locks.js'
import { failedWith, LEASE_MS, MAX_ATTEMPTS, useDeliveryStore } from './delivery-store-setup.js'

/** Claiming due deliveries under a lease, handing claims back, and recording their outcomes whatever happens. */

const { ctx, endpointOf, ping, claim, record, deliveryRow } = useDeliveryStore()

/** A ping to `endpointId`, claimed: its first attempt under way. */
async function claimedPing(site: TestSite, endpointId: string) {
  const { deliveryId } = await ping(site, endpointId)
  const [delivery] = await claim(deliveryId)
  if (!delivery) throw new Error('not claimed')
  return delivery
}

const endpointRow = async (id: string) =>
  (await ctx.database.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)))[0]

/**
 * Claims a delivery with two attempts allowed, a lease apart, its outcomes never recorded (the dispatcher died, or
 * recording kept failing), until a claim gives it up.
 */
async function claimUntilGivenUp(deliveryId: string) {
  let at = ctx.clock.now()
  for (const attempt of [1, 2]) {
    expect(await claim(deliveryId, at, 2)).toMatchObject([{ attempt }])
    at = new Date(at.getTime() + LEASE_MS + 1_000)
  }
  const { claimed, givenUp } = await claimDueDeliveries(ctx.database.db, at, 100, LEASE_MS, 2)
  expect(claimed.filter((delivery) => delivery.id === deliveryId)).toEqual([])
  // Reported by the claim that gave it up, so that the dispatcher can say so: nothing will try it again.
  expect(givenUp.filter((delivery) => delivery.id === deliveryId)).toEqual([
    expect.objectContaining({ id: deliveryId, attempts: 2 }),
  ])
  const again = await claimDueDeliveries(ctx.database.db, at, 100, LEASE_MS, 2)
  expect(again.givenUp.filter((delivery) => delivery.id === deliveryId)).toEqual([])
}

describe('claimDueDeliveries', () => {
  it('claims a due delivery once: a second claim within the lease finds nothing', async () => {
    const site = await ctx.newSite()
    const endpoint = await endpointOf(site)
    const { deliveryId } = await ping(site, endpoint.id)
    const now = ctx.clock.now()
    const { claimed: first } = await claimDueDeliveries(ctx.database.db, now, 100, 60_000, MAX_ATTEMPTS)
    expect(first.filter((claimed) => claimed.id === deliveryId)).toMatchObject([{ attempt: 1 }])
    const { claimed: second } = await claimDueDeliveries(ctx.database.db, now, 100, 60_000, MAX_ATTEMPTS)
    expect(second.some((claimed) => claimed.id === deliveryId)).toBe(false)
    // A dispatcher that died: once the lease has run out, the delivery is claimed again, as the next attempt.
    const later = new Date(now.getTime() + 61_000)
    const { claimed: again } = await claimDueDeliveries(ctx.database.db, later, 100, 60_000, MAX_ATTEMPTS)
    expect(again.filter((claimed) => claimed.id === deliveryId)).toMatchObject([{ attempt: 2 }])
  })
})

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
    await claimUntilGivenUp(deliveryId)
    const row = await deliveryRow(deliveryId)
    expect(row).toMatchObject({ state: 'failed', attempts: 2, nextAttemptAt: null })
    expect(row?.lastError).toContain('never recorded')
  })

  it('given up, says nothing of the receiver: the endpoint’s run of failures neither grows nor starts again', async () => {
    const site = await ctx.newSite()
    const endpoint = await endpointOf(site)
    const failedDelivery = () => claimedPing(site, endpoint.id)
    const failures = () => endpointRow(endpoint.id)
    // One delivery fails its last attempt: a run of one, of the two that turn the endpoint off.
    await record(await failedDelivery(), failedWith(), null, 2)
    expect(await failures()).toMatchObject({ enabled: true, consecutiveFailures: 1 })

    // The next one's outcomes are lost on Vigil's side (a dispatcher dying, a database refusing the record)
    // until it is given up: a healthy receiver must not be turned off by Vigil's own outages.
    const { deliveryId } = await ping(site, endpoint.id)
    await claimUntilGivenUp(deliveryId)
    expect(await deliveryRow(deliveryId)).toMatchObject({ state: 'failed' })
    expect(await failures()).toMatchObject({ enabled: true, consecutiveFailures: 1 })

    // Nor is it a success: the next delivery to fail every attempt makes the run two, and turns the endpoint off.
    await record(await failedDelivery(), failedWith(), null, 2)
    expect(await failures()).toMatchObject({ enabled: false, consecutiveFailures: 2 })
  })
})

describe('an endpoint Vigil turned off while one of its attempts was under way', () => {
  it('keeps its run of failures when that attempt then succeeds: the count its reason gives', async () => {
    const site = await ctx.newSite()
    const endpoint = await endpointOf(site)
    const underWay = await claimedPing(site, endpoint.id)
    // Another delivery fails its last attempt: a run of one turns this endpoint off.
    await record(await claimedPing(site, endpoint.id), failedWith(), null, 1)
    await record(underWay, failedWith({ ok: true, statusCode: 200, error: null, retryable: false }), null, 1)
    const row = await endpointRow(endpoint.id)
    expect(row).toMatchObject({ enabled: false, consecutiveFailures: 1 })
    expect(row?.disabledReason).toContain('after 1 deliveries in a row failed')
  })
})

describe('a retry scheduled before WEBHOOK_RETRY_DELAYS_MS was shortened', () => {
  it('is attempted once more, as scheduled, not given up as an attempt whose outcome was never recorded', async () => {
    const site = await ctx.newSite()
    const endpoint = await endpointOf(site)
    const { deliveryId } = await ping(site, endpoint.id)
    let at = ctx.clock.now()
    // Two attempts failed and were recorded, the third scheduled, under a schedule of many retries.
    for (const attempt of [1, 2]) {
      const [delivery] = await claim(deliveryId, at)
      if (!delivery) throw new Error(`attempt ${attempt} not claimed`)
      at = new Date(at.getTime() + 1_000)
      await record(delivery, failedWith(), at)
    }
    // Restarted with a schedule that allows two attempts (one retry) and one for a lost outcome.
    expect(await claim(deliveryId, at, 2)).toMatchObject([{ attempt: 3 }])
    expect(await deliveryRow(deliveryId)).toMatchObject({ state: 'pending', lastError: 'HTTP 500' })
  })
})

describe('an outcome recorded late, or twice', () => {
  const attemptsOf = (deliveryId: string) =>
    ctx.database.db
      .select()
      .from(webhookAttempts)
      .where(eq(webhookAttempts.deliveryId, deliveryId))
      .orderBy(webhookAttempts.attempt)

  it('after its lease ran out and the delivery was claimed again: kept in the log, and nothing else changed', async () => {
    const site = await ctx.newSite()
    const endpoint = await endpointOf(site)
    const { deliveryId } = await ping(site, endpoint.id)
    const [first] = await claim(deliveryId)
    if (!first) throw new Error('not claimed')
    const later = new Date(ctx.clock.now().getTime() + LEASE_MS + 1_000)
    const [second] = await claim(deliveryId, later)
    if (!second) throw new Error('not claimed again')
    const before = await deliveryRow(deliveryId)
    // The first attempt's outcome arrives now (its process stalled): the second attempt owns the delivery.
    await record(first, failedWith({ statusCode: 503 }), new Date(later.getTime() + 5_000))
    expect(await deliveryRow(deliveryId)).toEqual(before)
    expect(await attemptsOf(deliveryId)).toMatchObject([{ attempt: 1, statusCode: 503, nextAttemptAt: null }])
    await record(second, { ...failedWith(), ok: true, statusCode: 204, error: null }, null)
    expect(await deliveryRow(deliveryId)).toMatchObject({ state: 'succeeded', attempts: 2 })
    expect((await attemptsOf(deliveryId)).map((row) => row.attempt)).toEqual([1, 2])
  })

  it('again after its commit went unanswered (the database reached, the answer lost): logged once', async () => {
    const site = await ctx.newSite()
    const endpoint = await endpointOf(site)
    const { deliveryId } = await ping(site, endpoint.id)
    const [delivery] = await claim(deliveryId)
    if (!delivery) throw new Error('not claimed')
    const retryAt = new Date(ctx.clock.now().getTime() + 5_000)
    await record(delivery, failedWith(), retryAt)
    await record(delivery, failedWith(), retryAt)
    expect(await attemptsOf(deliveryId)).toHaveLength(1)
    expect(await deliveryRow(deliveryId)).toMatchObject({
      state: 'pending',
      attempts: 1,
      nextAttemptAt: retryAt,
    })
  })
})

describe('outcomes recorded at once for one endpoint', () => {
  it.runIf(onRealServer)(
    'never deadlock when one of them turns the endpoint off and pauses the other deliveries',
    async () => {
      const site = await ctx.newSite()
      const endpoint = await endpointOf(site)
      const pings = [await ping(site, endpoint.id), await ping(site, endpoint.id)]
      const { claimed } = await claimDueDeliveries(
        ctx.database.db,
        ctx.clock.now(),
        100,
        LEASE_MS,
        MAX_ATTEMPTS,
      )
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
