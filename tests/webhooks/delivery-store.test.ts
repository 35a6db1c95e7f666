import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { rowsOf } from '../../src/db/client.js'
import { webhookDeliveries, webhookEvents } from '../../src/db/webhook-schema.js'
import { claimDueDeliveries, pruneDeliveryLog } from '../../src/webhooks/delivery-store.js'
import { expectStatus, json, type TestSite, useTestApp } from '../helpers/app.js'

const ctx = useTestApp({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' })

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
    const first = await claimDueDeliveries(ctx.database.db, now, 100, 60_000)
    expect(first.filter((claimed) => claimed.id === deliveryId)).toMatchObject([{ attempt: 1 }])
    const second = await claimDueDeliveries(ctx.database.db, now, 100, 60_000)
    expect(second.some((claimed) => claimed.id === deliveryId)).toBe(false)
    // A dispatcher that died: once the lease has run out, the delivery is claimed again, as the next attempt.
    const later = new Date(now.getTime() + 61_000)
    const again = await claimDueDeliveries(ctx.database.db, later, 100, 60_000)
    expect(again.filter((claimed) => claimed.id === deliveryId)).toMatchObject([{ attempt: 2 }])
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
    expect(await pruneDeliveryLog(ctx.database.db, new Date(ctx.clock.now().getTime() - 1))).toBe(0)
    expect(await eventsOf(site.id)).toHaveLength(2)

    await pruneDeliveryLog(ctx.database.db, new Date(ctx.clock.now().getTime() + 1_000))
    expect(await eventsOf(site.id)).toEqual([waiting.eventId])
    const deliveries = await ctx.database.db
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.siteId, site.id))
    expect(deliveries.map((delivery) => delivery.id)).toEqual([waiting.deliveryId])
  })

  it('works through a backlog in batches', async () => {
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
