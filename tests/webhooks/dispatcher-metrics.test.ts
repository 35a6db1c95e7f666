import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { systemClock } from '../../src/clock.js'
import { loadConfig } from '../../src/config.js'
import { webhookDeliveries } from '../../src/db/webhook-schema.js'
import { createLogger } from '../../src/logger.js'
import { createMetrics } from '../../src/metrics/metrics.js'
import { createDispatcher } from '../../src/webhooks/dispatcher.js'
import { expectStatus, json, useTestApp } from '../helpers/app.js'
import { TestReceiver } from '../helpers/receiver.js'

const env = {
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
  // One retry, then the delivery fails for good.
  WEBHOOK_RETRY_DELAYS_MS: '50',
  WEBHOOK_DISABLE_AFTER_FAILURES: '100',
  WEBHOOK_TIMEOUT_MS: '2000',
}
// Behind real time, so what the app records is due at once for the dispatcher, which runs on real time.
const ctx = useTestApp(env, { startAt: new Date(Date.now() - 3_600_000) })
const receiver = new TestReceiver()
afterAll(() => receiver.stop())

/** The dispatcher's count of attempts with `result`, from its metrics. */
async function attempts(metrics: ReturnType<typeof createMetrics>, result: string): Promise<number> {
  const counter = await metrics.registry.getSingleMetric('vigil_webhook_attempts_total')?.get()
  return counter?.values.find((sample) => sample.labels.result === result)?.value ?? 0
}

describe('a dispatcher counts its attempts', () => {
  it('as delivered, retrying and failed, and times each', async () => {
    await receiver.start()
    const site = await ctx.newSite()
    await expectStatus(
      ctx.request('POST', `/v1/sites/${site.id}/webhooks`, { body: { url: receiver.url } }),
      201,
    )
    // The first comment's event is accepted; the second's is refused twice: a retry, then a failure.
    receiver.reply({ status: 200 }, { status: 503 }, { status: 503 })
    await ctx.submit(site)
    const metrics = createMetrics()
    const dispatcher = createDispatcher({
      database: ctx.database,
      config: loadConfig({ NODE_ENV: 'test', ...env }).webhooks,
      clock: systemClock,
      logger: createLogger('silent'),
      pollIntervalMs: 50,
      metrics,
    })
    await dispatcher.start()
    try {
      await receiver.waitFor(1)
      await ctx.submit(site)
      await receiver.waitFor(3)
      const deadline = Date.now() + 5_000
      while ((await attempts(metrics, 'failed')) < 1 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
    } finally {
      await dispatcher.stop()
    }
    expect(await attempts(metrics, 'delivered')).toBe(1)
    expect(await attempts(metrics, 'retrying')).toBe(1)
    expect(await attempts(metrics, 'failed')).toBe(1)
    expect(await metrics.registry.metrics()).toMatch(/^vigil_webhook_attempt_duration_seconds_count 3$/m)
  })
})

describe('a dispatcher that gives a delivery up', () => {
  it('counts it and says so in a warning naming it, since nothing else will try it again', async () => {
    const site = await ctx.newSite()
    const created = await json(
      expectStatus(
        ctx.request('POST', `/v1/sites/${site.id}/webhooks`, { body: { url: 'https://example.com/hook' } }),
        201,
      ),
    )
    await ctx.submit(site)
    // Claimed the most times allowed (one retry: three claims), the outcome of the last never recorded: the
    // mark of dispatchers that kept dying mid-send.
    const [delivery] = await ctx.database.db
      .update(webhookDeliveries)
      .set({ attempts: 3, nextAttemptAt: new Date(0) })
      .where(eq(webhookDeliveries.endpointId, created.id as string))
      .returning({ id: webhookDeliveries.id })
    const lines: { level: number; msg: string; delivery?: string; attempts?: number; site?: string }[] = []
    const metrics = createMetrics()
    const dispatcher = createDispatcher({
      database: ctx.database,
      config: loadConfig({ NODE_ENV: 'test', ...env }).webhooks,
      clock: systemClock,
      logger: createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) }),
      pollIntervalMs: 50,
      metrics,
    })
    await dispatcher.start()
    try {
      const deadline = Date.now() + 5_000
      while (!lines.some((line) => line.delivery === delivery?.id) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 25))
    } finally {
      await dispatcher.stop()
    }
    expect(lines.filter((line) => line.delivery === delivery?.id)).toEqual([
      expect.objectContaining({
        level: 40,
        site: site.id,
        attempts: 3,
        msg: expect.stringContaining('given up'),
      }),
    ])
    expect(await metrics.registry.metrics()).toMatch(/^vigil_webhook_deliveries_given_up_total 1$/m)
  })
})
