import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemClock } from '../../src/clock.js'
import { createLogger } from '../../src/logger.js'
import { createDispatcher } from '../../src/webhooks/dispatcher.js'
import { expectStatus, json } from '../helpers/app.js'
import { TestReceiver } from '../helpers/receiver.js'
import { useDeliveryTests } from './delivery-setup.js'

/** How soon a delivery starts after the commit that records its event, however slowly the dispatcher polls. */

const { ctx, webhookConfig, dispatchers, subscribe, decide } = useDeliveryTests()

describe('webhook delivery on a real timeline', () => {
  let receiver: TestReceiver
  beforeAll(async () => {
    receiver = await new TestReceiver().start()
  })
  afterAll(async () => {
    await receiver.stop()
  })

  /** A dispatcher that polls once a minute: only the notification after a commit can explain a fast delivery. */
  async function slowPollingDispatcher() {
    const dispatcher = createDispatcher({
      database: ctx.database,
      config: webhookConfig,
      clock: systemClock,
      logger: createLogger('silent'),
      pollIntervalMs: 60_000,
    })
    await dispatcher.start()
    dispatchers.push(dispatcher)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }

  /** Runs `change` and expects the receiver to hear of it within a second. */
  async function deliveredSoonAfter(change: () => Promise<unknown>) {
    const before = receiver.received.length
    const started = Date.now()
    await change()
    await receiver.waitFor(before + 1, 1_000)
    expect(Date.now() - started).toBeLessThan(1_000)
  }

  it('starts a delivery well within a second of the commit', async () => {
    const { site } = await subscribe(receiver, { events: ['comment.created'] })
    await slowPollingDispatcher()
    await deliveredSoonAfter(() => ctx.submit(site))
  })

  it("starts a decision's delivery, a test ping's and a redelivery's well within a second too", async () => {
    const { site, endpoint } = await subscribe(receiver, { events: ['comment.rejected'] })
    const { id } = await ctx.submit(site)
    await slowPollingDispatcher()
    await deliveredSoonAfter(() => decide(site, id, 'reject'))
    let deliveryId = ''
    await deliveredSoonAfter(async () => {
      const ping = await json(
        expectStatus(ctx.request('POST', `/v1/sites/${site.id}/webhooks/${endpoint.id}/test`), 202),
      )
      deliveryId = ping.deliveryId
    })
    await deliveredSoonAfter(() =>
      expectStatus(ctx.request('POST', `/v1/sites/${site.id}/deliveries/${deliveryId}/redeliver`), 202),
    )
  })
})
