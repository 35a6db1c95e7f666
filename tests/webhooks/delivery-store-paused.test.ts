import { describe, expect, it } from 'vitest'
import { claimDueDeliveries, releaseClaims } from '../../src/webhooks/delivery-store.js'
import { expectStatus, type TestSite } from '../helpers/app.js'
import { failedWith, LEASE_MS, MAX_ATTEMPTS, useDeliveryStore } from './delivery-store-setup.js'

/** What waits for an endpoint turned off, by Vigil or by a person, and what happens when it is turned on again. */

const { ctx, endpointOf, ping, claim, record, pingInFlight, deliveryRow, deliveriesOf } = useDeliveryStore()

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
    const { claimed: resumed } = await claimDueDeliveries(
      ctx.database.db,
      ctx.clock.now(),
      100,
      LEASE_MS,
      MAX_ATTEMPTS,
    )
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

  it('by a person while a claim was being made: the claim handed back waits, paused, not due', async () => {
    const site = await ctx.newSite()
    const endpoint = await endpointOf(site)
    const { deliveryId } = await ping(site, endpoint.id)
    const claimed = await claim(deliveryId)
    await patch(site, endpoint.id, false)
    // The dispatcher was stopped meanwhile, and hands its claim back without sending it.
    await releaseClaims(ctx.database.db, claimed, ctx.clock.now())
    expect(await deliveryRow(deliveryId)).toMatchObject({
      state: 'pending',
      attempts: 0,
      nextAttemptAt: null,
    })

    await patch(site, endpoint.id, true)
    expect(await claim(deliveryId)).toMatchObject([{ attempt: 1 }])
  })

  it('does not reschedule a retry whose attempt ended after it was turned off', async () => {
    const site = await ctx.newSite()
    const { endpoint, deliveryId, delivery } = await pingInFlight(site)
    await patch(site, endpoint.id, false)
    await record(delivery, failedWith(), new Date(ctx.clock.now().getTime() + 1_000))
    expect(await deliveryRow(deliveryId)).toMatchObject({ state: 'pending', nextAttemptAt: null })
  })
})
