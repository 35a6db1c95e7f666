import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { webhookDeliveries, webhookEndpoints, webhookEvents } from '../../src/db/webhook-schema.js'
import { pruneDeliveryLog } from '../../src/webhooks/delivery-log.js'
import { claimDueDeliveries, recordAttempt } from '../../src/webhooks/delivery-store.js'
import { expectStatus, json, type TestSite, useTestApp } from '../helpers/app.js'
import { onRealServer } from '../helpers/db.js'
import { withLocksHeld } from '../helpers/locks.js'

/**
 * An endpoint turned off or on while comments are stored, attempts recorded and events redelivered (or deleted
 * while a ping is queued): whatever commits first, a delivery ends paused on an endpoint that is off and due on
 * one that is on. Left the other way, a delivery waits for ever on an endpoint that is on (the event is lost), or
 * stays due on one that is off (nothing sends it, and the reader's data in it outlives the log's retention).
 */
const ctx = useTestApp({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' })
const LEASE_MS = 60_000
const HOUR_MS = 3_600_000

async function endpointOf(site: TestSite) {
  return json(
    expectStatus(
      ctx.request('POST', `/v1/sites/${site.id}/webhooks`, {
        body: { url: 'http://127.0.0.1:9/', events: ['comment.created'] },
      }),
      201,
    ),
  )
}

const patch = (site: TestSite, endpointId: string, enabled: boolean) =>
  expectStatus(
    ctx.request('PATCH', `/v1/sites/${site.id}/webhooks/${endpointId}`, { body: { enabled } }),
    200,
  )

const deliveriesOf = (endpointId: string) =>
  ctx.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId))

const turnedOffByVigil = (endpointId: string) =>
  ctx.database.db
    .update(webhookEndpoints)
    .set({ enabled: false, disabledReason: 'Turned off by Vigil after 5 deliveries in a row failed' })
    .where(eq(webhookEndpoints.id, endpointId))

/**
 * A comment stored across a change of the endpoint: its statement is held at its end (on its check of the site
 * row, which a side transaction locks) once it has read the endpoint, and the change is sent meanwhile.
 */
function storedAcross(site: TestSite, change: () => Promise<unknown>) {
  return withLocksHeld(
    ctx.database.url ?? '',
    (tx) => tx`select 1 from sites where id = ${site.id} for update`,
    async (waitForBlocked) => {
      const storing = ctx.submit(site)
      await waitForBlocked(1)
      const changing = change()
      // The change waits for the comment's transaction, which holds the endpoint.
      await waitForBlocked(2)
      return { pending: Promise.all([storing, changing]) }
    },
  )
}

describe.runIf(onRealServer)('an endpoint switched while a comment is being stored', () => {
  it('turned on: the comment’s delivery is due, not left paused for ever', async () => {
    const site = await ctx.newSite()
    const endpoint = await endpointOf(site)
    await turnedOffByVigil(endpoint.id)
    await storedAcross(site, () => patch(site, endpoint.id, true))
    const later = new Date(ctx.clock.now().getTime() + HOUR_MS)
    const { claimed } = await claimDueDeliveries(ctx.database.db, later, 100, LEASE_MS, 10)
    expect(claimed.filter((delivery) => delivery.endpointId === endpoint.id)).toHaveLength(1)
  })

  it('turned off by a person: the comment’s delivery is paused, not due on an endpoint that is off', async () => {
    const site = await ctx.newSite()
    const endpoint = await endpointOf(site)
    await storedAcross(site, () => patch(site, endpoint.id, false))
    expect((await deliveriesOf(endpoint.id)).map((row) => row.nextAttemptAt)).toEqual([null])
  })
})

describe.runIf(onRealServer)('an endpoint turned off while a redelivery is queued', () => {
  it('leaves the redelivery paused, or refuses it, whichever commits first', async () => {
    const site = await ctx.newSite()
    const endpoint = await endpointOf(site)
    await ctx.submit(site)
    const [original] = await deliveriesOf(endpoint.id)
    if (!original) throw new Error('no delivery')
    const answers = await withLocksHeld(
      ctx.database.url ?? '',
      // The redelivery is held at its insert (on its check of the site row) once it has read the endpoint.
      (tx) => tx`select 1 from sites where id = ${site.id} for update`,
      async (waitForBlocked) => {
        const redelivering = ctx.request('POST', `/v1/sites/${site.id}/deliveries/${original.id}/redeliver`)
        await waitForBlocked(1)
        const turningOff = patch(site, endpoint.id, false)
        // Either the change goes through at once, or it waits for the redelivery's transaction.
        await Promise.race([turningOff, waitForBlocked(2)])
        return { pending: Promise.all([redelivering, turningOff]) }
      },
    )
    const redelivered = (await deliveriesOf(endpoint.id)).filter((row) => row.id !== original.id)
    if (answers[0].status === 202)
      expect(redelivered).toMatchObject([{ state: 'pending', nextAttemptAt: null }])
    else expect([answers[0].status, redelivered]).toEqual([409, []])
  })
})

describe.runIf(onRealServer)('an endpoint turned off while a test ping is queued', () => {
  it('refuses the ping 409, as for any endpoint that is off, rather than accept one that never goes out', async () => {
    const site = await ctx.newSite()
    const endpoint = await endpointOf(site)
    const url = `/v1/sites/${site.id}/webhooks/${endpoint.id}`
    const [turnedOff, pinged] = await withLocksHeld(
      ctx.database.url ?? '',
      // Both wait for the endpoint, turning off first: the ping has read it still on, and queues once the change
      // has committed.
      (tx) => tx`select 1 from webhook_endpoints where id = ${endpoint.id} for update`,
      async (waitForBlocked) => {
        const turningOff = patch(site, endpoint.id, false)
        await waitForBlocked(1)
        const pinging = ctx.request('POST', `${url}/test`)
        await waitForBlocked(2)
        return { pending: Promise.all([turningOff, pinging]) }
      },
    )
    expect(turnedOff.status).toBe(200)
    expect(pinged.status).toBe(409)
    expect((await json(pinged)).type).toBe('urn:vigil:problem:conflict')
    const pings = (await deliveriesOf(endpoint.id)).filter((row) => row.eventType === 'ping')
    expect(pings).toEqual([])
  })
})

describe.runIf(onRealServer)('an endpoint deleted while a test ping is queued', () => {
  it('answers the ping 404, as for any endpoint that is gone', async () => {
    const site = await ctx.newSite()
    const endpoint = await endpointOf(site)
    await ctx.submit(site)
    const url = `/v1/sites/${site.id}/webhooks/${endpoint.id}`
    const [deleted, pinged] = await withLocksHeld(
      ctx.database.url ?? '',
      // The deletion is held at its deliveries, once it has locked the endpoint.
      (tx) => tx`select 1 from webhook_deliveries where endpoint_id = ${endpoint.id} for update`,
      async (waitForBlocked) => {
        const deleting = ctx.request('DELETE', url)
        await waitForBlocked(1)
        const pinging = ctx.request('POST', `${url}/test`)
        await waitForBlocked(2)
        return { pending: Promise.all([deleting, pinging]) }
      },
    )
    expect(deleted.status).toBe(204)
    expect(pinged.status).toBe(404)
    expect((await json(pinged)).type).toBe('urn:vigil:problem:not-found')
  })
})

describe.runIf(onRealServer)('an endpoint deleted while one of its deliveries is redelivered', () => {
  it('answers the redelivery 404, and the deletion goes through', async () => {
    const site = await ctx.newSite()
    const endpoint = await endpointOf(site)
    await ctx.submit(site)
    const [original] = await deliveriesOf(endpoint.id)
    if (!original) throw new Error('no delivery')
    const [deleted, redelivered] = await withLocksHeld(
      ctx.database.url ?? '',
      // The deletion is held at its deliveries, once it has locked the endpoint.
      (tx) => tx`select 1 from webhook_deliveries where endpoint_id = ${endpoint.id} for update`,
      async (waitForBlocked) => {
        const deleting = ctx.request('DELETE', `/v1/sites/${site.id}/webhooks/${endpoint.id}`)
        await waitForBlocked(1)
        const redelivering = ctx.request('POST', `/v1/sites/${site.id}/deliveries/${original.id}/redeliver`)
        await waitForBlocked(2)
        return { pending: Promise.all([deleting, redelivering]) }
      },
    )
    expect([deleted.status, redelivered.status]).toEqual([204, 404])
    expect(await deliveriesOf(endpoint.id)).toEqual([])
  })
})

describe.runIf(onRealServer)('an endpoint turned off while an attempt’s outcome is recorded', () => {
  it('leaves the retry paused, whichever commits first', async () => {
    const site = await ctx.newSite()
    const endpoint = await endpointOf(site)
    await ctx.submit(site)
    const later = new Date(ctx.clock.now().getTime() + 60_000)
    const [delivery] = (await claimDueDeliveries(ctx.database.db, later, 100, LEASE_MS, 10)).claimed.filter(
      (claimed) => claimed.endpointId === endpoint.id,
    )
    if (!delivery) throw new Error('not claimed')
    const now = ctx.clock.now()
    await withLocksHeld(
      ctx.database.url ?? '',
      // The record waits on its delivery row, as it would behind a claim scanning it.
      (tx) => tx`select 1 from webhook_deliveries where id = ${delivery.id} for update`,
      async (waitForBlocked) => {
        const recording = recordAttempt(ctx.database.db, {
          delivery,
          outcome: {
            ...{ ok: false, statusCode: 503, latencyMs: 5, error: 'HTTP 503' },
            ...{ retryAfterMs: null, responseExcerpt: null, retryable: true },
          },
          startedAt: now,
          finishedAt: now,
          nextAttemptAt: new Date(now.getTime() + 5_000),
          disableAfterFailures: 5,
        })
        await waitForBlocked(1)
        const turningOff = patch(site, endpoint.id, false)
        await waitForBlocked(2)
        return { pending: Promise.all([recording, turningOff]) }
      },
    )
    expect(await deliveriesOf(endpoint.id)).toMatchObject([{ state: 'pending', nextAttemptAt: null }])
  })
})

describe('the delivery log of an endpoint that is off', () => {
  it('keeps nothing past the retention, even a delivery left due when the endpoint went off', async () => {
    const site = await ctx.newSite()
    const endpoint = await endpointOf(site)
    await ctx.submit(site)
    // Off without its deliveries paused: a dispatcher died mid-attempt, say, and its lease then ran out.
    await ctx.database.db
      .update(webhookEndpoints)
      .set({ enabled: false })
      .where(eq(webhookEndpoints.id, endpoint.id))
    await pruneDeliveryLog(ctx.database.db, new Date(ctx.clock.now().getTime() + HOUR_MS))
    const events = await ctx.database.db.select().from(webhookEvents).where(eq(webhookEvents.siteId, site.id))
    expect(events).toEqual([])
  })
})
