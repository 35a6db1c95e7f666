import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AppDeps } from '../app.js'
import { requireAdmin, requireSiteRole } from '../http/auth.js'
import type { AppEnv } from '../http/env.js'
import {
  bearerAuth,
  blankAsOmitted,
  httpUrl,
  jsonBody,
  jsonResponse,
  pageLimit,
  problemResponses,
  requiredText,
  SiteId,
  SiteParam,
  text,
} from '../http/openapi.js'
import { deleteSite } from '../sites/delete-site.js'
import { createKey, listKeys, revokeKey } from '../sites/keys.js'
import {
  createSite,
  getSite,
  listSites,
  sitePolicy,
  siteView,
  updateSite,
  updateSitePolicy,
} from '../sites/sites.js'
import { PolicyPatchSchema, PolicySchema, type ResolvedSettings } from '../spam/policy.js'
import { CreatedKeySchema, KeySchema, keyPage } from './key-schemas.js'

const SiteSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    url: z.string().nullable(),
    allowedOrigins: z.array(z.string()),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('Site')

/** A host browsers can send as an Origin: letters, digits, hyphens, underscores and dots, or an IP address. */
const ORIGIN_HOST = /^(?:[a-z0-9_-]+\.)*[a-z0-9_-]+\.?$|^\[[0-9a-f:.]+\]$/
// The URL parser takes `*` in a host: a wildcard origin would be stored, shown, and never match.
const Origin = httpUrl(2000).refine(
  // What is no URL at all httpUrl refuses, naming the field once.
  (value) => !URL.canParse(value) || ORIGIN_HOST.test(new URL(value).hostname),
  'must be an origin such as https://www.example.org, one host each (no wildcard)',
)
const AllowedOrigins = z
  .array(Origin)
  .max(50)
  .openapi({ description: 'Origins whose pages may post comments from the browser.' })
const SiteName = requiredText(200).openapi({ example: 'Le Monde diplomatique' })

const NewSiteSchema = z
  .object({
    id: SiteId,
    name: SiteName,
    url: httpUrl(2000).optional(),
    allowedOrigins: AllowedOrigins.optional(),
  })
  // A field this route does not take (settings, a misspelt name) is refused rather than dropped unseen.
  .strict()
  .openapi('NewSite')

const SitePatchSchema = z
  .object({
    name: SiteName.optional(),
    url: httpUrl(2000).nullable().optional().openapi({ description: 'null removes it.' }),
    allowedOrigins: AllowedOrigins.optional(),
  })
  // The id names the site everywhere (keys, comments, webhooks' payloads): it is never changed.
  .strict()
  .openapi('SitePatch')

const NewKeySchema = z
  .object({ role: z.enum(['moderator', 'server']), label: requiredText(200).optional() })
  .strict()
const KeyParams = SiteParam.extend({ keyId: text(64) })
const Policy = PolicySchema.meta({ id: 'ModerationPolicy' })

const routes = {
  createSite: createRoute({
    method: 'post',
    path: '/v1/sites',
    tags: ['Sites'],
    summary: 'Create a site',
    security: bearerAuth,
    middleware: [requireAdmin()] as const,
    request: { body: jsonBody(NewSiteSchema) },
    responses: {
      201: jsonResponse(SiteSchema, 'Created.'),
      ...problemResponses(400, 401, 403, 409, 413, 415),
    },
  }),
  listSites: createRoute({
    method: 'get',
    path: '/v1/sites',
    tags: ['Sites'],
    summary: 'List sites',
    security: bearerAuth,
    middleware: [requireAdmin()] as const,
    request: {
      query: z.object({
        limit: pageLimit(50),
        cursor: blankAsOmitted(
          SiteId.optional().openapi({ description: 'The nextCursor of the previous page.' }),
        ),
      }),
    },
    responses: {
      200: jsonResponse(
        z.object({ items: z.array(SiteSchema), nextCursor: z.string().nullable() }),
        'Sites by id.',
      ),
      ...problemResponses(400, 401, 403),
    },
  }),
  getSite: createRoute({
    method: 'get',
    path: '/v1/sites/{site}',
    tags: ['Sites'],
    summary: 'A site',
    security: bearerAuth,
    middleware: [requireSiteRole(['moderator', 'server'])] as const,
    request: { params: SiteParam },
    responses: { 200: jsonResponse(SiteSchema, 'The site.'), ...problemResponses(401, 403, 404) },
  }),
  updateSite: createRoute({
    method: 'patch',
    path: '/v1/sites/{site}',
    tags: ['Sites'],
    summary: "Change a site's name, URL or allowed origins",
    description: 'Send only what changes; `allowedOrigins` is replaced as a whole.',
    security: bearerAuth,
    middleware: [requireAdmin()] as const,
    request: { params: SiteParam, body: jsonBody(SitePatchSchema) },
    responses: {
      200: jsonResponse(SiteSchema, 'The site as it now is.'),
      ...problemResponses(400, 401, 403, 404, 413, 415),
    },
  }),
  deleteSite: createRoute({
    method: 'delete',
    path: '/v1/sites/{site}',
    tags: ['Sites'],
    summary: 'Delete a site and everything held of it',
    description:
      'Permanent: its comments and their audit trail, reputation, keys, webhook endpoints and deliveries, and what its ' +
      "moderators' decisions taught the learned model (its own and the server's share) go in one transaction. " +
      'Webhook endpoints are not told. A site with many comments takes a while: past the request timeout the answer ' +
      'is a 503 while the deletion goes on to commit, and the site then answers 404.',
    security: bearerAuth,
    middleware: [requireAdmin()] as const,
    request: { params: SiteParam },
    responses: { 204: { description: 'Deleted.' }, ...problemResponses(401, 403, 404) },
  }),
  createKey: createRoute({
    method: 'post',
    path: '/v1/sites/{site}/keys',
    tags: ['Keys'],
    summary: "Create a site's moderator or server key",
    description: 'A server key is 12 lowercase hex digits, the form Akismet clients expect.',
    security: bearerAuth,
    middleware: [requireAdmin()] as const,
    request: { params: SiteParam, body: jsonBody(NewKeySchema) },
    responses: {
      201: jsonResponse(CreatedKeySchema, 'Created.'),
      ...problemResponses(400, 401, 403, 404, 415),
    },
  }),
  listKeys: createRoute({
    method: 'get',
    path: '/v1/sites/{site}/keys',
    tags: ['Keys'],
    summary: "A site's keys (never the keys themselves)",
    description: keyPage.description,
    security: bearerAuth,
    middleware: [requireAdmin()] as const,
    request: { params: SiteParam, query: keyPage.query },
    responses: {
      200: keyPage.response,
      ...problemResponses(400, 401, 403, 404),
    },
  }),
  revokeKey: createRoute({
    method: 'delete',
    path: '/v1/sites/{site}/keys/{keyId}',
    tags: ['Keys'],
    summary: 'Revoke a key',
    security: bearerAuth,
    middleware: [requireAdmin()] as const,
    request: { params: KeyParams },
    responses: { 200: jsonResponse(KeySchema, 'The revoked key.'), ...problemResponses(401, 403, 404) },
  }),
  getSettings: createRoute({
    method: 'get',
    path: '/v1/sites/{site}/settings',
    tags: ['Sites'],
    summary: "A site's moderation policy",
    security: bearerAuth,
    middleware: [requireSiteRole(['moderator'])] as const,
    request: { params: SiteParam },
    responses: { 200: jsonResponse(Policy, 'The policy in force.'), ...problemResponses(401, 403, 404) },
  }),
  updateSettings: createRoute({
    method: 'patch',
    path: '/v1/sites/{site}/settings',
    tags: ['Sites'],
    summary: "Change a site's moderation policy",
    description:
      'Send only what changes; `thresholds`, `weights` and each term list are replaced as a whole (send every weight the site overrides). ' +
      'A field sent as null goes back to its default.',
    security: bearerAuth,
    middleware: [requireAdmin()] as const,
    request: { params: SiteParam, body: jsonBody(PolicyPatchSchema.meta({ id: 'ModerationPolicyPatch' })) },
    responses: {
      200: jsonResponse(Policy, 'The policy now in force.'),
      ...problemResponses(400, 401, 403, 404, 415),
    },
  }),
}

/**
 * The policy a settings route answers with. A stored override that no longer validates (a rule an upgrade retired,
 * a limit it tightened) is not in force, and the answer shows its default: the log says which, by name only.
 */
function inForce(c: Context<AppEnv>, site: string, { policy, dropped }: ResolvedSettings) {
  if (dropped.length > 0) {
    c.get('logger').warn({ site, dropped }, 'stored settings that no longer validate are not in force')
  }
  return policy
}

export function registerSiteRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  const { db, clock } = deps

  app.openapi(routes.createSite, async (c) => {
    return c.json(siteView(await createSite(db, clock, c.req.valid('json'))), 201)
  })

  app.openapi(routes.listSites, async (c) => {
    const { limit, cursor } = c.req.valid('query')
    const rows = await listSites(db, limit + 1, cursor)
    const items = rows.slice(0, limit).map(siteView)
    return c.json({ items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null }, 200)
  })

  app.openapi(routes.getSite, async (c) => {
    const { site } = c.req.valid('param')
    return c.json(siteView(await getSite(db, site)), 200)
  })

  app.openapi(routes.updateSite, async (c) => {
    const { site } = c.req.valid('param')
    return c.json(siteView(await updateSite(db, clock, deps.directory, site, c.req.valid('json'))), 200)
  })

  app.openapi(routes.deleteSite, async (c) => {
    const { site } = c.req.valid('param')
    const deleted = await deleteSite(db, deps.directory, site, deps.config.sharedLearning)
    c.get('logger').info({ site, ...deleted }, 'site deleted')
    return c.body(null, 204)
  })

  app.openapi(routes.createKey, async (c) => {
    const { site } = c.req.valid('param')
    await getSite(db, site)
    const { key, secret } = await createKey(db, clock, deps.directory, {
      siteId: site,
      ...c.req.valid('json'),
    })
    return c.json({ ...key, key: secret }, 201)
  })

  app.openapi(routes.listKeys, async (c) => {
    const { site } = c.req.valid('param')
    await getSite(db, site)
    return c.json(await listKeys(db, site, c.req.valid('query')), 200)
  })

  app.openapi(routes.revokeKey, async (c) => {
    const { site, keyId } = c.req.valid('param')
    return c.json(await revokeKey(db, clock, deps.directory, site, keyId), 200)
  })

  app.openapi(routes.getSettings, async (c) => {
    const { site } = c.req.valid('param')
    return c.json(inForce(c, site, sitePolicy(await getSite(db, site))), 200)
  })

  app.openapi(routes.updateSettings, async (c) => {
    const { site } = c.req.valid('param')
    const settings = await updateSitePolicy(db, clock, deps.directory, site, c.req.valid('json'))
    return c.json(inForce(c, site, settings), 200)
  })
}
