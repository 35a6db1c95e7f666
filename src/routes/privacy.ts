import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppDeps } from '../app.js'
import { callerOf, requireSiteRole } from '../http/auth.js'
import type { AppEnv } from '../http/env.js'
import {
  bearerAuth,
  isSiteId,
  jsonBody,
  jsonResponse,
  problemResponses,
  SiteParam,
  text,
} from '../http/openapi.js'
import { eraseSubject, exportSubject } from '../privacy/data-subject.js'
import { NOTICE_CSP, privacyNotice } from '../privacy/notice.js'
import { getSite } from '../sites/sites.js'
import { StoredEmail as Email, ModerationEventSchema, ModeratorCommentSchema } from './comment-schemas.js'

const routes = {
  export: createRoute({
    method: 'get',
    path: '/v1/sites/{site}/privacy/export',
    tags: ['Privacy'],
    summary: 'Everything held about an e-mail address',
    description: "For a reader's access request: the site's server key or the admin.",
    security: bearerAuth,
    middleware: [requireSiteRole(['server'])] as const,
    request: { params: SiteParam, query: z.object({ email: Email }) },
    responses: {
      200: jsonResponse(
        z
          .object({
            email: z.string(),
            erasedAt: z.iso.datetime().nullable().openapi({
              description:
                "When the address's data was last erased on the site, or null. Vigil keeps that much (a keyed hash of the address) so that an Akismet client reporting or checking again one of the erased comments does not have it stored again.",
            }),
            comments: z.array(
              ModeratorCommentSchema.extend({
                erasedAt: z.iso.datetime().nullable(),
                history: z.array(ModerationEventSchema),
                stored: z
                  .object({
                    articleLanguage: z.string().nullable(),
                    authorUrlHost: z.string().nullable(),
                    facts: z.record(z.string(), z.unknown()).nullable(),
                    learnedAs: z.enum(['spam', 'ham']).nullable(),
                    learnedTokens: z.array(z.string()).nullable(),
                  })
                  .openapi({
                    description:
                      "What else the row holds beyond the moderator's view: the facts intake counted (the learned model's strongest words included), what the model learned from it and by which words. Keyed hashes and the near-duplicate sketch are not shown.",
                  }),
              }),
            ),
            truncated: z
              .boolean()
              .openapi({ description: 'More than 10 000 comments: the rest were left out.' }),
            reputation: z.object({ approved: z.int(), spam: z.int() }),
            standing: z.array(z.object({ subject: z.string(), approved: z.int(), spam: z.int() })).openapi({
              description:
                'Every reputation count their comments take part in: `e:` the address, `h:` a website host, `i:` an IP (keyed hashes).',
            }),
            webhookEvents: z
              .array(
                z.object({
                  id: z.string(),
                  type: z.string(),
                  commentId: z.uuid(),
                  createdAt: z.iso.datetime(),
                }),
              )
              .openapi({
                description: 'The webhook events the log still keeps that carry one of their comments.',
              }),
          })
          .openapi('PrivacyExport'),
        'The data, as stored.',
      ),
      ...problemResponses(400, 401, 403, 404),
    },
  }),
  erase: createRoute({
    method: 'post',
    path: '/v1/sites/{site}/privacy/erase',
    tags: ['Privacy'],
    summary: "Erase a reader's data",
    description:
      'Deletes the comments written with the e-mail address, or anonymises those others replied to, removes the ' +
      'reputation kept for the address and its IPs, and sends `comment.erased` webhooks. Repeating it is harmless.',
    security: bearerAuth,
    middleware: [requireSiteRole(['server'])] as const,
    request: { params: SiteParam, body: jsonBody(z.object({ email: Email }).strict()) },
    responses: {
      200: jsonResponse(
        z.object({ deleted: z.array(z.uuid()), anonymised: z.array(z.uuid()) }).openapi('ErasureReport'),
        'What was done to each comment.',
      ),
      ...problemResponses(400, 401, 403, 404, 415),
    },
  }),
  notice: createRoute({
    method: 'get',
    path: '/privacy',
    tags: ['Privacy'],
    summary: 'The privacy notice to link under comment forms',
    description: 'Written from the running configuration. `?lang=fr` for French; `?site=` names the site.',
    request: {
      query: z.object({
        lang: z.enum(['en', 'fr']).default('en'),
        site: text(64).optional(),
      }),
    },
    responses: {
      200: { description: 'An HTML page.', content: { 'text/html': { schema: z.string() } } },
      ...problemResponses(400),
    },
  }),
}

export function registerPrivacyRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  const { db, hasher } = deps

  app.openapi(routes.export, async (c) => {
    const { site } = c.req.valid('param')
    await getSite(db, site)
    c.header('Cache-Control', 'no-store')
    return c.json(await exportSubject(db, hasher, site, c.req.valid('query').email), 200)
  })

  app.openapi(routes.erase, async (c) => {
    const { site } = c.req.valid('param')
    await getSite(db, site)
    const { email } = c.req.valid('json')
    return c.json(await eraseSubject(deps, hasher, { siteId: site, email, actor: callerOf(c).actor }), 200)
  })

  app.openapi(routes.notice, async (c) => {
    const { lang, site: siteId } = c.req.valid('query')
    // An unknown site id gives the generic notice rather than an error: the page is linked from public forms. One
    // that no site could have is not even looked up.
    const site = siteId && isSiteId(siteId) ? await getSite(db, siteId).catch(() => null) : null
    c.header('Content-Security-Policy', NOTICE_CSP)
    c.header('Cache-Control', 'public, max-age=300')
    return c.html(privacyNotice(deps.config, lang, site ? { id: site.id, name: site.name } : null), 200)
  })
}
