import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemClock } from '../../src/clock.js'
import { openDatabase } from '../../src/db/client.js'
import { createLogger } from '../../src/logger.js'
import { createDispatcher } from '../../src/webhooks/dispatcher.js'
import { expectStatus, json, type TestSite } from '../helpers/app.js'
import { useDeliveries } from '../helpers/deliveries.js'
import { TestReceiver } from '../helpers/receiver.js'

const env = {
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
  WEBHOOK_RETRY_DELAYS_MS: '100,100,100',
  WEBHOOK_DISABLE_AFTER_FAILURES: '2',
  WEBHOOK_TIMEOUT_MS: '2000',
}
const { ctx, webhookConfig, dispatchers, receivers, teardown, startDispatcher, newReceiver } =
  useDeliveries(env)

/** A site with one endpoint pointing at `receiver`, which learns the endpoint's secret. */
async function subscribe(receiver: TestReceiver, body: Record<string, unknown> = {}, site?: TestSite) {
  const target = site ?? (await ctx.newSite())
  const endpoint = await json(
    expectStatus(
      ctx.request('POST', `/v1/sites/${target.id}/webhooks`, { body: { url: receiver.url, ...body } }),
      201,
    ),
  )
  receiver.secrets.push(endpoint.secret)
  return { site: target, endpoint }
}

const decide = (site: TestSite, id: string, action: string) =>
  expectStatus(
    ctx.request('POST', `/v1/sites/${site.id}/comments/${id}/${action}`, { token: site.moderatorKey }),
    200,
  )

const deliveriesOf = async (site: TestSite, endpointId: string) =>
  (await json(ctx.request('GET', `/v1/sites/${site.id}/webhooks/${endpointId}/deliveries`))).items

/** Polls `check` until it passes or `timeoutMs` runs out (deliveries are recorded just after they arrive). */
async function eventually<T>(check: () => Promise<T>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      return await check()
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
}

describe('webhook delivery', () => {
  it('delivers every kind of event, signed so that a Standard Webhooks library verifies it', async () => {
    const receiver = await newReceiver()
    const { site, endpoint } = await subscribe(receiver)
    await startDispatcher()

    const first = await ctx.submit(site)
    const second = await ctx.submit(site)
    const third = await ctx.submit(site)
    await decide(site, first.id, 'approve')
    await decide(site, second.id, 'reject')
    await decide(site, third.id, 'spam')
    await expectStatus(ctx.request('POST', `/v1/sites/${site.id}/webhooks/${endpoint.id}/test`), 202)

    const received = await receiver.waitFor(7)
    expect(received.every((hook) => hook.verifiedWith === endpoint.secret)).toBe(true)
    const types = received.map((hook) => hook.payload.type).sort()
    expect(types).toEqual([
      'comment.approved',
      'comment.created',
      'comment.created',
      'comment.created',
      'comment.rejected',
      'comment.spam',
      'ping',
    ])
    for (const hook of received) {
      expect(hook.headers['webhook-id']).toMatch(/^msg_/)
      expect(hook.payload).toMatchObject({ schemaVersion: 1, data: { siteId: site.id } })
      expect(Date.parse(hook.payload.timestamp)).not.toBeNaN()
    }
    const created = received.find((hook) => hook.payload.data.comment?.id === first.id)
    expect(created?.payload.data.comment).toMatchObject({ id: first.id, status: 'approved' })
    expect(created?.payload.data.comment).not.toHaveProperty('ip')
    const spam = received.find((hook) => hook.payload.type === 'comment.spam')
    expect(spam?.payload.data).toMatchObject({ previousStatus: 'approved', comment: { status: 'spam' } })
    expect(spam?.payload.data.actor).toEqual(expect.any(String))
    expect(spam?.payload.data.reasons).toEqual(expect.any(Array))
  })

  it('records an outcome once the database answers again, instead of sending the event a second time', async () => {
    const receiver = await newReceiver()
    const { site, endpoint } = await subscribe(receiver, { events: ['comment.created'] })
    // The database is unreachable (a restart) just when the first two outcomes are to be recorded.
    let outages = 2
    const db = new Proxy(ctx.database.db, {
      get(target, property, receiverOfGet) {
        if (property === 'transaction' && outages > 0) {
          outages--
          return async () => {
            throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })
          }
        }
        return Reflect.get(target, property, receiverOfGet)
      },
    })
    await startDispatcher({ database: { ...ctx.database, db } })
    await ctx.submit(site)

    const [delivery] = await eventually(async () => {
      const items = await deliveriesOf(site, endpoint.id)
      expect(items).toMatchObject([{ state: 'succeeded' }])
      return items
    })
    expect(outages).toBe(0)
    expect(delivery.history).toMatchObject([{ attempt: 1, statusCode: 200 }])
    expect(receiver.received).toHaveLength(1)
  })

  it('retries a receiver that fails twice, and the third attempt delivers the same event', async () => {
    const receiver = await newReceiver()
    receiver.reply({ status: 500 }, { status: 503 })
    const { site, endpoint } = await subscribe(receiver, { events: ['comment.created'] })
    await startDispatcher()
    await ctx.submit(site)

    const received = await receiver.waitFor(3)
    expect(new Set(received.map((hook) => hook.headers['webhook-id'])).size).toBe(1)
    const [delivery] = await eventually(async () => {
      const items = await deliveriesOf(site, endpoint.id)
      expect(items[0]?.state).toBe('succeeded')
      return items
    })
    expect(delivery).toMatchObject({ attempts: 3, lastStatusCode: 200, nextAttemptAt: null })
    expect(delivery.history.map((attempt: { statusCode: number }) => attempt.statusCode)).toEqual([
      500, 503, 200,
    ])
  })

  it("waits as long as the receiver's Retry-After asks", async () => {
    const receiver = await newReceiver()
    receiver.reply({ status: 429, headers: { 'retry-after': '1' } })
    const { site } = await subscribe(receiver, { events: ['comment.created'] })
    await startDispatcher()
    await ctx.submit(site)
    const [refused, accepted] = await receiver.waitFor(2, 5_000)
    expect(refused && accepted).toBeTruthy()
    const gap = Number(accepted?.headers['webhook-timestamp']) - Number(refused?.headers['webhook-timestamp'])
    expect(gap).toBeGreaterThanOrEqual(1)
  })

  it('gives a delivery up after the last attempt, and turns the endpoint off after repeated failures', async () => {
    const receiver = await newReceiver()
    receiver.reply(...Array.from({ length: 8 }, () => ({ status: 500 })))
    const { site, endpoint } = await subscribe(receiver, { events: ['comment.created'] })
    await startDispatcher()
    await ctx.submit(site)
    await ctx.submit(site)

    const items = await eventually(async () => {
      const deliveries = await deliveriesOf(site, endpoint.id)
      expect(deliveries.map((delivery: { state: string }) => delivery.state)).toEqual(['failed', 'failed'])
      return deliveries
    })
    expect(items[0]).toMatchObject({ attempts: 4, lastStatusCode: 500, lastError: 'HTTP 500' })
    const [listed] = (await json(ctx.request('GET', `/v1/sites/${site.id}/webhooks`))).items
    expect(listed).toMatchObject({ enabled: false, consecutiveFailures: 2 })
    expect(listed.disabledReason).toMatch(/2 deliveries in a row/)

    // While Vigil keeps it off, events wait for it; turned on again, they go out.
    await ctx.submit(site)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(receiver.received).toHaveLength(8)
    await expectStatus(
      ctx.request('PATCH', `/v1/sites/${site.id}/webhooks/${endpoint.id}`, { body: { enabled: true } }),
      200,
    )
    await receiver.waitFor(9)
  })

  it('loses nothing when the receiver is down while Vigil restarts', async () => {
    const receiver = await newReceiver()
    const port = receiver.port
    const { site, endpoint } = await subscribe(receiver, { events: ['comment.created'] })
    await receiver.stop()
    // Enough attempts to outlast the outage: the endpoint is only down, not gone.
    const patient = createDispatcher({
      database: ctx.database,
      config: { ...webhookConfig, retryDelaysMs: Array.from({ length: 30 }, () => 100) },
      clock: systemClock,
      logger: createLogger('silent'),
      pollIntervalMs: 100,
    })
    await patient.start()
    const ids = []
    for (let i = 0; i < 5; i++) ids.push((await ctx.submit(site)).id)
    await new Promise((resolve) => setTimeout(resolve, 300))
    await patient.stop()

    await receiver.start(port)
    receivers.push(receiver)
    const restarted = createDispatcher({
      database: ctx.database,
      config: { ...webhookConfig, retryDelaysMs: Array.from({ length: 30 }, () => 100) },
      clock: systemClock,
      logger: createLogger('silent'),
      pollIntervalMs: 100,
    })
    dispatchers.push(restarted)
    await restarted.start()
    const received = await receiver.waitFor(5)
    expect(received.map((hook) => hook.payload.data.comment.id).sort()).toEqual([...ids].sort())
    const deliveries = await eventually(async () => {
      const items = await deliveriesOf(site, endpoint.id)
      expect(items.every((delivery: { state: string }) => delivery.state === 'succeeded')).toBe(true)
      return items
    })
    expect(deliveries.every((delivery: { attempts: number }) => delivery.attempts >= 2)).toBe(true)
  })

  it('makes each attempt once with two dispatchers sharing the database', async () => {
    const receiver = await newReceiver()
    const { site } = await subscribe(receiver, { events: ['comment.created'] })
    await startDispatcher({ concurrency: 4 })
    // On a real server the second dispatcher has connections of its own, as another Vigil process would.
    const other = ctx.database.url ? await openDatabase({ url: ctx.database.url, poolSize: 4 }) : ctx.database
    if (other !== ctx.database) teardown.push(() => other.close())
    await startDispatcher({ concurrency: 4, database: other })
    for (let i = 0; i < 30; i++) await ctx.submit(site)
    const received = await receiver.waitFor(30)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(received).toHaveLength(30)
    expect(new Set(received.map((hook) => hook.headers['webhook-id'])).size).toBe(30)
  })

  it('signs with both secrets for a day after a rotation', async () => {
    const receiver = await newReceiver()
    const { site, endpoint } = await subscribe(receiver, { events: ['ping'] })
    const oldSecret = endpoint.secret
    const rotated = await json(
      expectStatus(ctx.request('POST', `/v1/sites/${site.id}/webhooks/${endpoint.id}/rotate-secret`), 200),
    )
    expect(rotated.secret).not.toBe(oldSecret)
    expect(Date.parse(rotated.previousSecretExpiresAt) - ctx.clock.now().getTime()).toBe(24 * 3_600_000)
    receiver.secrets.splice(0, receiver.secrets.length, rotated.secret)
    await startDispatcher()
    await expectStatus(ctx.request('POST', `/v1/sites/${site.id}/webhooks/${endpoint.id}/test`), 202)
    const [hook] = await receiver.waitFor(1)
    expect(hook?.verifiedWith).toBe(rotated.secret)
    expect(String(hook?.headers['webhook-signature']).split(' ')).toHaveLength(2)
    // A receiver still holding the old secret verifies the same request.
    const headers = hook?.headers as Record<string, string>
    expect(new Webhook(oldSecret).verify(hook?.body ?? '', headers)).toEqual(hook?.payload)
  })

  it('signs with every secret rotated out within the day, so a second rotation strands no receiver', async () => {
    const receiver = await newReceiver()
    const { site, endpoint } = await subscribe(receiver, { events: ['ping'] })
    const rotate = () =>
      json(
        expectStatus(ctx.request('POST', `/v1/sites/${site.id}/webhooks/${endpoint.id}/rotate-secret`), 200),
      )
    const first = endpoint.secret as string
    const second = (await rotate()).secret as string
    ctx.clock.advance(60_000)
    const third = (await rotate()).secret as string
    receiver.secrets.splice(0, receiver.secrets.length, third)
    await startDispatcher()
    await expectStatus(ctx.request('POST', `/v1/sites/${site.id}/webhooks/${endpoint.id}/test`), 202)
    const [hook] = await receiver.waitFor(1)
    const headers = hook?.headers as Record<string, string>
    expect(headers['webhook-signature']?.split(' ')).toHaveLength(3)
    // Receivers still holding the first or the second secret verify the same request.
    for (const secret of [first, second])
      expect(new Webhook(secret).verify(hook?.body ?? '', headers)).toEqual(hook?.payload)
  })

  it('sends an event only to the endpoints subscribed to it', async () => {
    const spamOnly = await newReceiver()
    const everything = await newReceiver()
    const { site } = await subscribe(spamOnly, { events: ['comment.spam'] })
    await subscribe(everything, {}, site)
    await startDispatcher()
    const comment = await ctx.submit(site)
    await decide(site, comment.id, 'spam')
    await everything.waitFor(2)
    const [spam] = await spamOnly.waitFor(1)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(spamOnly.received).toHaveLength(1)
    expect(spam?.payload.type).toBe('comment.spam')
  })

  it('records no event for a decision that did not happen', async () => {
    const receiver = await newReceiver()
    const { site, endpoint } = await subscribe(receiver, { events: ['comment.approved'] })
    const comment = await ctx.submit(site)
    await expectStatus(
      ctx.request('POST', `/v1/sites/${site.id}/comments/${comment.id}/approve`, {
        token: site.moderatorKey,
        headers: { 'if-match': '"99"' },
      }),
      412,
    )
    expect(await deliveriesOf(site, endpoint.id)).toEqual([])
  })

  it('redelivers an event under the same id', async () => {
    const receiver = await newReceiver()
    const { site, endpoint } = await subscribe(receiver, { events: ['ping'] })
    await startDispatcher()
    const { deliveryId } = await json(
      expectStatus(ctx.request('POST', `/v1/sites/${site.id}/webhooks/${endpoint.id}/test`), 202),
    )
    await receiver.waitFor(1)
    const again = await json(
      expectStatus(ctx.request('POST', `/v1/sites/${site.id}/deliveries/${deliveryId}/redeliver`), 202),
    )
    expect(again).toMatchObject({ state: 'pending', attempts: 0, event: 'ping' })
    const [first, second] = await receiver.waitFor(2)
    expect(second?.headers['webhook-id']).toBe(first?.headers['webhook-id'])
  })
})

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
