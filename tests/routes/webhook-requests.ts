import { expect } from 'vitest'
import { type Body, expectStatus, json, type TestContext, type TestSite, useTestApp } from '../helpers/app.js'

// A public IP literal: accepted without any DNS lookup, and nothing is ever sent to it (no dispatcher runs here).
export const PUBLIC_URL = 'https://93.184.215.14/hook'

export const hooks = (site: TestSite) => `/v1/sites/${site.id}/webhooks`

/** Expects a 400 problem whose `errors` name `field`. */
export async function expectFieldProblem(pending: Promise<Response>, field: string) {
  const response = await expectStatus(pending, 400)
  expect(response.headers.get('content-type')).toContain('application/problem+json')
  const problem = await json(response)
  expect(problem.type).toBe('urn:vigil:problem:invalid-input')
  expect(problem.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]))
}

/** The test file's app and database (`useTestApp`), and the webhook requests it sends as the admin. */
export function useWebhookRequests() {
  const ctx = useTestApp()

  async function addEndpoint(site: TestSite, body: Record<string, unknown> = {}, on: TestContext = ctx) {
    return json(expectStatus(on.request('POST', hooks(site), { body: { url: PUBLIC_URL, ...body } }), 201))
  }

  const patch = (site: TestSite, id: string, body: Record<string, unknown>) =>
    ctx.request('PATCH', `${hooks(site)}/${id}`, { body })

  const listed = async (site: TestSite): Promise<Body[]> =>
    (await json(ctx.request('GET', hooks(site)))).items

  const redelivery = (site: TestSite, deliveryId: string) =>
    ctx.request('POST', `/v1/sites/${site.id}/deliveries/${deliveryId}/redeliver`)

  const ping = (site: TestSite, id: string): Promise<Body> =>
    json(expectStatus(ctx.request('POST', `${hooks(site)}/${id}/test`), 202))

  const deliveriesOf = (site: TestSite, id: string, query = ''): Promise<Body> =>
    json(expectStatus(ctx.request('GET', `${hooks(site)}/${id}/deliveries${query}`), 200))

  return { ctx, addEndpoint, patch, listed, redelivery, ping, deliveriesOf }
}
