import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppDeps } from '../app.js'
import { requireAdmin } from '../http/auth.js'
import type { AppEnv } from '../http/env.js'
import {
  bearerAuth,
  cursorParam,
  jsonBody,
  jsonResponse,
  pageLimit,
  problemResponses,
  SiteParam,
} from '../http/openapi.js'
import { getSite } from '../sites/sites.js'
import { listDeliveries, redeliver } from '../webhooks/deliveries.js'
import {
  createEndpoint,
  deleteEndpoint,
  endpointView,
  getEndpoint,
  listEndpoints,
  rotateSecret,
  sendPing,
  updateEndpoint,
} from '../webhooks/endpoints.js'
import { documentWebhookEvents } from './webhook-events.js'
import {
  DeliveryParams,
  DeliverySchema,
  EndpointParams,
  EndpointPatchSchema,
  EndpointSchema,
  EndpointWithSecretSchema,
  NewEndpointSchema,
} from './webhook-schemas.js'

const tags = ['Webhooks']
const security = bearerAuth

const routes = {
  create: createRoute({
    method: 'post',
    path: '/v1/sites/{site}/webhooks',
    tags,
    security,
    middleware: [requireAdmin()] as const,
    summary: 'Add a webhook endpoint',
    description:
      'The URL must be http(s) and reach a public address (not loopback, private, link-local or a cloud ' +
      'metadata service). Deliveries are signed with the Standard Webhooks scheme.',
    request: { params: SiteParam, body: jsonBody(NewEndpointSchema) },
    responses: {
      201: jsonResponse(EndpointWithSecretSchema, 'Created; the secret is shown this once.'),
      ...problemResponses(400, 401, 403, 404, 409, 415),
    },
  }),
  list: createRoute({
    method: 'get',
    path: '/v1/sites/{site}/webhooks',
    tags,
    security,
    middleware: [requireAdmin()] as const,
    summary: "A site's webhook endpoints",
    request: { params: SiteParam },
    responses: {
      200: jsonResponse(z.object({ items: z.array(EndpointSchema) }), 'Endpoints, oldest first.'),
      ...problemResponses(401, 403, 404),
    },
  }),
  update: createRoute({
    method: 'patch',
    path: '/v1/sites/{site}/webhooks/{id}',
    tags,
    security,
    middleware: [requireAdmin()] as const,
    summary: 'Change a webhook endpoint',
    request: { params: EndpointParams, body: jsonBody(EndpointPatchSchema) },
    responses: {
      200: jsonResponse(EndpointSchema, 'The endpoint as it now is.'),
      ...problemResponses(400, 401, 403, 404, 415),
    },
  }),
  remove: createRoute({
    method: 'delete',
    path: '/v1/sites/{site}/webhooks/{id}',
    tags,
    security,
    middleware: [requireAdmin()] as const,
    summary: 'Delete a webhook endpoint, its pending deliveries and its log',
    request: { params: EndpointParams },
    responses: { 204: { description: 'Deleted.' }, ...problemResponses(400, 401, 403, 404) },
  }),
  rotate: createRoute({
    method: 'post',
    path: '/v1/sites/{site}/webhooks/{id}/rotate-secret',
    tags,
    security,
    middleware: [requireAdmin()] as const,
    summary: 'Rotate the signing secret',
    description:
      'The old secret also signs for 24 hours (one signature per secret is sent), while receivers switch; so do ' +
      'secrets earlier rotations retired, until their own 24 hours are up (at most four besides the new one).',
    request: { params: EndpointParams },
    responses: {
      200: jsonResponse(EndpointWithSecretSchema, 'The new secret, shown this once.'),
      ...problemResponses(400, 401, 403, 404),
    },
  }),
  test: createRoute({
    method: 'post',
    path: '/v1/sites/{site}/webhooks/{id}/test',
    tags,
    security,
    middleware: [requireAdmin()] as const,
    summary: 'Send a ping to the endpoint',
    request: { params: EndpointParams },
    responses: {
      202: jsonResponse(
        z.object({ eventId: z.string(), deliveryId: z.uuid() }),
        'Queued; follow it in the delivery log.',
      ),
      ...problemResponses(400, 401, 403, 404, 409),
    },
  }),
  deliveries: createRoute({
    method: 'get',
    path: '/v1/sites/{site}/webhooks/{id}/deliveries',
    tags,
    security,
    middleware: [requireAdmin()] as const,
    summary: "An endpoint's delivery log",
    description: 'Newest first, each delivery with every attempt: status code, latency, error, next attempt.',
    request: { params: EndpointParams, query: z.object({ limit: pageLimit(50), cursor: cursorParam }) },
    responses: {
      200: jsonResponse(
        z.object({ items: z.array(DeliverySchema), nextCursor: z.string().nullable() }),
        'A page of deliveries.',
      ),
      ...problemResponses(400, 401, 403, 404),
    },
  }),
  redeliver: createRoute({
    method: 'post',
    path: '/v1/sites/{site}/deliveries/{id}/redeliver',
    tags,
    security,
    middleware: [requireAdmin()] as const,
    summary: 'Deliver an event again',
    description:
      'A new delivery of the same event (same `webhook-id`) to the same endpoint, from the first attempt.',
    request: { params: DeliveryParams },
    responses: {
      202: jsonResponse(DeliverySchema, 'The new delivery, queued.'),
      ...problemResponses(400, 401, 403, 404, 409),
    },
  }),
}

/** Webhook endpoints are the site's integration, so the admin manages them (as the contract says). */
export function registerWebhookRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  documentWebhookEvents(app)
  const { db, clock } = deps
  const guard = {
    allowPrivateNetworks: deps.config.webhooks.allowPrivateNetworks,
    lookupHost: deps.lookupHost,
  }

  app.openapi(routes.create, async (c) => {
    const { site } = c.req.valid('param')
    await getSite(db, site)
    const { endpoint, secret } = await createEndpoint(db, clock, guard, site, c.req.valid('json'))
    return c.json({ ...endpointView(endpoint), secret }, 201)
  })

  app.openapi(routes.list, async (c) => {
    const { site } = c.req.valid('param')
    await getSite(db, site)
    return c.json({ items: (await listEndpoints(db, site)).map(endpointView) }, 200)
  })

  app.openapi(routes.update, async (c) => {
    const { site, id } = c.req.valid('param')
    return c.json(endpointView(await updateEndpoint(db, clock, guard, site, id, c.req.valid('json'))), 200)
  })

  app.openapi(routes.remove, async (c) => {
    const { site, id } = c.req.valid('param')
    await deleteEndpoint(db, site, id)
    return c.body(null, 204)
  })

  app.openapi(routes.rotate, async (c) => {
    const { site, id } = c.req.valid('param')
    const { endpoint, secret } = await rotateSecret(db, clock, site, id)
    return c.json({ ...endpointView(endpoint), secret }, 200)
  })

  app.openapi(routes.test, async (c) => {
    const { site, id } = c.req.valid('param')
    return c.json(await sendPing(deps, site, id), 202)
  })

  app.openapi(routes.deliveries, async (c) => {
    const { site, id } = c.req.valid('param')
    await getEndpoint(db, site, id)
    return c.json(await listDeliveries(db, site, id, c.req.valid('query')), 200)
  })

  app.openapi(routes.redeliver, async (c) => {
    const { site, id } = c.req.valid('param')
    return c.json(await redeliver(deps, site, id), 202)
  })
}
