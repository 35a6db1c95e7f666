import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppDeps } from '../app.js'
import { requireAdmin } from '../http/auth.js'
import { emptyJsonAsNone } from '../http/body.js'
import type { AppEnv } from '../http/env.js'
import { bearerAuth, jsonBody, jsonResponse, problemResponses, requiredText, text } from '../http/openapi.js'
import { createKey, listKeys, revokeKey } from '../sites/keys.js'
import { CreatedKeySchema, KeySchema, keyPage } from './key-schemas.js'

const routes = {
  create: createRoute({
    method: 'post',
    path: '/v1/keys',
    tags: ['Keys'],
    summary: 'Create an admin key',
    description: 'Admin keys act on every site, like the admin token, but each can be revoked on its own.',
    security: bearerAuth,
    middleware: [requireAdmin(), emptyJsonAsNone()] as const,
    // The body is optional: a key without a label needs none.
    request: {
      body: {
        ...jsonBody(
          z
            .object({ label: requiredText(200).optional() })
            .strict()
            .openapi('NewAdminKey'),
        ),
        required: false,
      },
    },
    responses: { 201: jsonResponse(CreatedKeySchema, 'Created.'), ...problemResponses(400, 401, 403, 415) },
  }),
  list: createRoute({
    method: 'get',
    path: '/v1/keys',
    tags: ['Keys'],
    summary: 'Admin keys (never the keys themselves)',
    description: keyPage.description,
    security: bearerAuth,
    middleware: [requireAdmin()] as const,
    request: { query: keyPage.query },
    responses: {
      200: keyPage.response,
      ...problemResponses(400, 401, 403),
    },
  }),
  revoke: createRoute({
    method: 'delete',
    path: '/v1/keys/{keyId}',
    tags: ['Keys'],
    summary: 'Revoke an admin key',
    security: bearerAuth,
    middleware: [requireAdmin()] as const,
    request: { params: z.object({ keyId: text(64) }) },
    responses: { 200: jsonResponse(KeySchema, 'The revoked key.'), ...problemResponses(401, 403, 404) },
  }),
}

export function registerAdminKeyRoutes(app: OpenAPIHono<AppEnv>, { db, clock, directory }: AppDeps) {
  app.openapi(routes.create, async (c) => {
    const { key, secret } = await createKey(db, clock, directory, {
      siteId: null,
      role: 'admin',
      ...c.req.valid('json'),
    })
    return c.json({ ...key, key: secret }, 201)
  })
  app.openapi(routes.list, async (c) => {
    return c.json(await listKeys(db, null, c.req.valid('query')), 200)
  })
  app.openapi(routes.revoke, async (c) => {
    return c.json(await revokeKey(db, clock, directory, null, c.req.valid('param').keyId), 200)
  })
}
