import { describe, expect, it } from 'vitest'
import { expectStatus, json } from '../helpers/app.js'
import { hooks, PUBLIC_URL, useWebhookRequests } from './webhook-requests.js'

/** Who may call the webhook routes, on which site, and the API document that describes them. */

const { ctx, addEndpoint, patch, listed, ping, deliveriesOf } = useWebhookRequests()

describe('access to webhook endpoints', () => {
  it("is the admin's alone: 401 without a key, 403 for the site's moderator and server keys", async () => {
    const site = await ctx.newSite()
    const endpoint = await addEndpoint(site)
    const delivery = await ping(site, endpoint.id)
    const routes: [string, string, unknown?][] = [
      ['POST', hooks(site), { url: PUBLIC_URL }],
      ['GET', hooks(site)],
      ['PATCH', `${hooks(site)}/${endpoint.id}`, { enabled: false }],
      ['DELETE', `${hooks(site)}/${endpoint.id}`],
      ['POST', `${hooks(site)}/${endpoint.id}/rotate-secret`],
      ['POST', `${hooks(site)}/${endpoint.id}/test`],
      ['GET', `${hooks(site)}/${endpoint.id}/deliveries`],
      ['POST', `/v1/sites/${site.id}/deliveries/${delivery.deliveryId}/redeliver`],
    ]
    for (const [method, path, body] of routes) {
      expect((await ctx.request(method, path, { body, token: null })).status, `${method} ${path}`).toBe(401)
      for (const token of [site.moderatorKey, site.serverKey]) {
        expect((await ctx.request(method, path, { body, token })).status, `${method} ${path}`).toBe(403)
      }
    }
    expect(await listed(site)).toHaveLength(1)
  })

  it("answers 404 for another site's endpoint (leaving it alone) and for an unknown site", async () => {
    const [site, other] = [await ctx.newSite(), await ctx.newSite()]
    const endpoint = await addEndpoint(other)
    const url = `${hooks(site)}/${endpoint.id}`
    await expectStatus(patch(site, endpoint.id, { enabled: false }), 404)
    await expectStatus(ctx.request('DELETE', url), 404)
    await expectStatus(ctx.request('POST', `${url}/rotate-secret`), 404)
    await expectStatus(ctx.request('POST', `${url}/test`), 404)
    await expectStatus(ctx.request('GET', `${url}/deliveries`), 404)
    expect((await listed(other))[0]).toMatchObject({ enabled: true, previousSecretExpiresAt: null })
    expect(await deliveriesOf(other, endpoint.id)).toEqual({ items: [], nextCursor: null })
    await expectStatus(ctx.request('GET', '/v1/sites/no-such-site/webhooks'), 404)
    const body = { url: PUBLIC_URL }
    await expectStatus(ctx.request('POST', '/v1/sites/no-such-site/webhooks', { body }), 404)
  })
})

describe('the OpenAPI document', () => {
  it('documents every webhook route', async () => {
    const { paths } = await json(expectStatus(ctx.request('GET', '/openapi.json', { token: null }), 200))
    const documented = Object.entries(paths).flatMap(([path, operations]) =>
      Object.keys(operations as object).map((method) => `${method.toUpperCase()} ${path}`),
    )
    expect(documented).toEqual(
      expect.arrayContaining([
        'POST /v1/sites/{site}/webhooks',
        'GET /v1/sites/{site}/webhooks',
        'PATCH /v1/sites/{site}/webhooks/{id}',
        'DELETE /v1/sites/{site}/webhooks/{id}',
        'POST /v1/sites/{site}/webhooks/{id}/rotate-secret',
        'POST /v1/sites/{site}/webhooks/{id}/test',
        'GET /v1/sites/{site}/webhooks/{id}/deliveries',
        'POST /v1/sites/{site}/deliveries/{id}/redeliver',
      ]),
    )
  })
})
