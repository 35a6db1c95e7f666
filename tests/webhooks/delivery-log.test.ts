import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { rowsOf } from '../../src/db/client.js'
import { webhookDeliveries } from '../../src/db/webhook-schema.js'
import { pruneDeliveryLog } from '../../src/webhooks/delivery-log.js'
import { expectStatus } from '../helpers/app.js'
import { onRealServer } from '../helpers/db.js'
import { withLocksHeld } from '../helpers/locks.js'
import { useDeliveryStore } from './delivery-store-setup.js'

/** The delivery log kept no longer than its retention, and the events an endpoint took with it when deleted. */

const { ctx, endpointOf, ping, eventsOf } = useDeliveryStore()

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
