import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { systemClock } from '../../src/clock.js'
import { openDatabase } from '../../src/db/client.js'
import { createLogger } from '../../src/logger.js'
import { createMetrics } from '../../src/metrics/metrics.js'
import { createDispatcher } from '../../src/webhooks/dispatcher.js'
import { expectStatus, json } from '../helpers/app.js'
import { eventually, useDeliveryTests } from './delivery-setup.js'

/** Deliveries that fail: retried, given up, an endpoint turned off, nothing lost or sent twice across outages. */

const {
  ctx,
  webhookConfig,
  dispatchers,
  receivers,
  teardown,
  startDispatcher,
  newReceiver,
  subscribe,
  deliveriesOf,
} = useDeliveryTests()

describe('webhook delivery', () => {
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

  it('records an outcome met by a deadlock while Vigil stops, within the stop’s grace', async () => {
    const receiver = await newReceiver()
    receiver.reply({ status: 200, delayMs: 300 })
    const { site, endpoint } = await subscribe(receiver, { events: ['comment.created'] })
    let deadlockNext = false
    const db = new Proxy(ctx.database.db, {
      get(target, property, receiverOfGet) {
        if (property === 'transaction' && deadlockNext) {
          deadlockNext = false
          return async () => {
            throw Object.assign(new Error('deadlock detected'), { code: '40P01' })
          }
        }
        return Reflect.get(target, property, receiverOfGet)
      },
    })
    const dispatcher = await startDispatcher({ database: { ...ctx.database, db } })
    await ctx.submit(site)
    await eventually(async () => expect(receiver.open).toBe(1))
    // A deploy stops the process while the receiver is answering; the outcome's first record is rolled back.
    deadlockNext = true
    await dispatcher.stop(10_000)

    expect(deadlockNext).toBe(false)
    const [delivery] = await deliveriesOf(site, endpoint.id)
    // Recorded: not sent again when its lease ends, and the attempt the receiver answered is in the log.
    expect(delivery).toMatchObject({ state: 'succeeded' })
    expect(delivery?.history).toMatchObject([{ attempt: 1, statusCode: 200 }])
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
    const lines: string[] = []
    const logs = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk))
        done()
      },
    })
    const metrics = createMetrics()
    await startDispatcher({ logger: createLogger('info', logs), metrics })
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
    // Said where an operator looks: a warning naming the site and the endpoint, and a metric.
    const said = lines.map((line) => JSON.parse(line))
    expect(said.filter((line) => line.level === 40)).toEqual([
      expect.objectContaining({
        site: site.id,
        endpoint: endpoint.id,
        msg: expect.stringMatching(/^webhook endpoint turned off/),
      }),
    ])
    expect(said.find((line) => line.msg === 'webhook attempt failed')).toMatchObject({
      site: site.id,
      endpoint: endpoint.id,
    })
    expect(
      await metrics.registry.getSingleMetricAsString('vigil_webhook_endpoints_turned_off_total'),
    ).toMatch(/ 1$/m)

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
})
