import { describe, expect, it } from 'vitest'
import { claimDueDeliveries, type EndpointShares } from '../../src/webhooks/delivery-store.js'
import { expectStatus, json, type TestSite } from '../helpers/app.js'
import { useDeliveries } from '../helpers/deliveries.js'
import type { TestReceiver } from '../helpers/receiver.js'

const env = {
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
  // An attempt on a receiver that never answers lasts this long; no retry comes due while a test runs.
  WEBHOOK_TIMEOUT_MS: '5000',
  WEBHOOK_RETRY_DELAYS_MS: '600000',
}
const { ctx, startDispatcher, newReceiver } = useDeliveries(env)

/** A new site whose one endpoint receives pings, at `receiver` (or at an address nothing listens on). */
async function siteReceivingPings(receiver?: TestReceiver) {
  const site = await ctx.newSite()
  const url = receiver?.url ?? 'http://127.0.0.1:9/'
  const endpoint = await json(
    expectStatus(
      ctx.request('POST', `/v1/sites/${site.id}/webhooks`, { body: { url, events: ['ping'] } }),
      201,
    ),
  )
  receiver?.secrets.push(endpoint.secret)
  return { site, endpointId: endpoint.id as string }
}

/** Queues `count` pings, each due just after the one before; returns their delivery ids. */
async function queuePings({ site, endpointId }: { site: TestSite; endpointId: string }, count: number) {
  const deliveryIds: string[] = []
  for (let i = 0; i < count; i++) {
    ctx.clock.advance(1)
    const ping = await json(
      expectStatus(ctx.request('POST', `/v1/sites/${site.id}/webhooks/${endpointId}/test`), 202),
    )
    deliveryIds.push(ping.deliveryId)
  }
  return deliveryIds
}

/** Claims as a dispatcher with `inFlight` attempts under way would, and returns the ids claimed by endpoint. */
async function claimWithin(limit: number, shares: EndpointShares) {
  const { claimed } = await claimDueDeliveries(ctx.database.db, ctx.clock.now(), limit, 60_000, 10, shares)
  const byEndpoint = new Map<string, string[]>()
  for (const { endpointId, id } of claimed)
    byEndpoint.set(endpointId, [...(byEndpoint.get(endpointId) ?? []), id])
  return byEndpoint
}

/** What earlier tests left due is claimed out of the way: each test sees only its own deliveries. */
const claimLeftovers = () => claimDueDeliveries(ctx.database.db, ctx.clock.now(), 10_000, 60_000, 10)

describe("a claim within endpoints' shares", () => {
  it("takes what is left of each endpoint's share, oldest first, and lends beyond it only slots that leave a share's worth free", async () => {
    await claimLeftovers()
    const busy = await siteReceivingPings()
    const busyDeliveries = await queuePings(busy, 6)
    const quiet = await siteReceivingPings()
    const [quietDelivery] = await queuePings(quiet, 1)

    // 6 slots free, 2 of them (a share) kept for the others; the busy endpoint has 1 of its share of 2 under way.
    const claimed = await claimWithin(6, { share: 2, inFlight: new Map([[busy.endpointId, 1]]) })
    // Its share's last slot and 2 lent; the quiet endpoint's delivery, due after all of them, within its share.
    expect(claimed.get(busy.endpointId)?.sort()).toEqual(busyDeliveries.slice(0, 3).sort())
    expect(claimed.get(quiet.endpointId)).toEqual([quietDelivery])
  })

  it("skips an endpoint at its share once only a share's worth is left, however many of its deliveries are due first", async () => {
    await claimLeftovers()
    const busy = await siteReceivingPings()
    await queuePings(busy, 10)
    const quiet = await siteReceivingPings()
    const [quietDelivery] = await queuePings(quiet, 1)

    const claimed = await claimWithin(2, { share: 2, inFlight: new Map([[busy.endpointId, 2]]) })
    expect(claimed.get(busy.endpointId)).toBeUndefined()
    expect(claimed.get(quiet.endpointId)).toEqual([quietDelivery])
  })
})

describe("a dispatcher's slots shared between endpoints", () => {
  it("a receiver that never answers holds all but a share's worth, and another site's webhook goes out at once", async () => {
    const stalled = await newReceiver()
    stalled.stopAnswering()
    await queuePings(await siteReceivingPings(stalled), 12)
    ctx.clock.advance(1_000)
    const healthy = await newReceiver()
    await queuePings(await siteReceivingPings(healthy), 1)

    // 4 slots: a share is 1, so the stalled endpoint may hold 3, and the other site's webhook, due behind its
    // twelve, takes the slot left.
    await startDispatcher({ concurrency: 4 })
    await healthy.waitFor(1, 15_000)
    expect(stalled.abandoned).toBe(0) // it went out while every attempt on the stalled receiver still hung
    // Its slot freed, the stalled endpoint borrows it, and no more.
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(stalled.mostOpenAtOnce).toBe(3)
    await stalled.stop() // its attempts end now, not at the timeout
  })

  it("a busy endpoint alone borrows every slot but a share's worth", async () => {
    const slow = await newReceiver()
    slow.reply(...Array.from({ length: 12 }, () => ({ status: 200, delayMs: 500 })))
    await queuePings(await siteReceivingPings(slow), 12)

    // 8 slots: a share is 2, and 2 stay free for endpoints still within theirs.
    await startDispatcher({ concurrency: 8 })
    await slow.waitFor(12, 15_000)
    expect(slow.mostOpenAtOnce).toBe(6)
  })
})
