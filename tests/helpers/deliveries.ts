import { afterEach } from 'vitest'
import { systemClock } from '../../src/clock.js'
import { loadConfig } from '../../src/config.js'
import { createLogger } from '../../src/logger.js'
import { createDispatcher, type Dispatcher, type DispatcherOptions } from '../../src/webhooks/dispatcher.js'
import { useTestApp } from './app.js'
import { TestReceiver } from './receiver.js'

/**
 * A test app whose webhooks real dispatchers send to real receivers. Its clock starts an hour behind real time:
 * what it records is due at once for the dispatchers, which run on real time (retry delays must really pass).
 * After each test, what it started is stopped: the dispatchers, then the receivers, then its `teardown` steps.
 */
export function useDeliveries(env: Record<string, string>) {
  const ctx = useTestApp(env, { startAt: new Date(Date.now() - 3_600_000) })
  const webhookConfig = loadConfig({ NODE_ENV: 'test', ...env }).webhooks
  const dispatchers: Dispatcher[] = []
  const receivers: TestReceiver[] = []
  const teardown: (() => Promise<void>)[] = []

  afterEach(async () => {
    await Promise.all(dispatchers.splice(0).map((dispatcher) => dispatcher.stop()))
    await Promise.all(receivers.splice(0).map((receiver) => receiver.stop()))
    for (const step of teardown.splice(0)) await step()
  })

  /** A dispatcher on the test app's database that polls every 100 ms. */
  async function startDispatcher(options: Partial<DispatcherOptions> = {}) {
    const dispatcher = createDispatcher({
      database: ctx.database,
      config: webhookConfig,
      clock: systemClock,
      logger: createLogger('silent'),
      pollIntervalMs: 100,
      ...options,
    })
    await dispatcher.start()
    dispatchers.push(dispatcher)
    return dispatcher
  }

  async function newReceiver() {
    const receiver = await new TestReceiver().start()
    receivers.push(receiver)
    return receiver
  }

  return { ctx, webhookConfig, dispatchers, receivers, teardown, startDispatcher, newReceiver }
}
