import { expectStatus, json, type TestSite } from '../helpers/app.js'
import { useDeliveries } from '../helpers/deliveries.js'
import type { TestReceiver } from '../helpers/receiver.js'

/** Retries 100 ms apart, an endpoint turned off after two failed deliveries in a row. */
const env = {
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
  WEBHOOK_RETRY_DELAYS_MS: '100,100,100',
  WEBHOOK_DISABLE_AFTER_FAILURES: '2',
  WEBHOOK_TIMEOUT_MS: '2000',
}

/**
 * The test file's app, dispatchers and receivers (`useDeliveries`, with `env`), and what the delivery tests do with
 * them: endpoints for receivers, moderators' decisions, an endpoint's delivery log.
 */
export function useDeliveryTests() {
  const deliveries = useDeliveries(env)
  const { ctx } = deliveries

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

  return { ...deliveries, subscribe, decide, deliveriesOf }
}

/** Polls `check` until it passes or `timeoutMs` runs out (deliveries are recorded just after they arrive). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 5_000): Promise<T> {
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
