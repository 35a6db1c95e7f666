import { describe, expect, it } from 'vitest'
import { readBacklog } from '../../src/webhooks/backlog.js'
import { expectStatus } from '../helpers/app.js'
import { LEASE_MS, useDeliveryStore } from './delivery-store-setup.js'

/** The deliveries waiting for a dispatcher, as the backlog gauges report them. */

const { ctx, endpointOf, ping, pingInFlight, deliveryRow } = useDeliveryStore()

describe('readBacklog', () => {
  it("counts what is due for endpoints that are on, not an attempt's lease run out on an endpoint that is off", async () => {
    // A dispatcher died mid-attempt, and a person turned the endpoint off before the attempt's lease ran out.
    const site = await ctx.newSite()
    const { endpoint, deliveryId } = await pingInFlight(site)
    await expectStatus(
      ctx.request('PATCH', `/v1/sites/${site.id}/webhooks/${endpoint.id}`, { body: { enabled: false } }),
      200,
    )
    ctx.clock.advance(LEASE_MS + 1_000)
    expect((await deliveryRow(deliveryId))?.nextAttemptAt?.getTime()).toBeLessThan(ctx.clock.now().getTime())
    const other = await ctx.newSite()
    const waiting = await ping(other, (await endpointOf(other)).id)

    expect(await readBacklog(ctx.database.db, ctx.clock.now())).toEqual({
      due: 1,
      oldestDueAt: (await deliveryRow(waiting.deliveryId))?.nextAttemptAt,
    })
  })
})
