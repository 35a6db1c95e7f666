import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppDeps } from '../app.js'
import { refuseOtherSitesKey } from '../http/auth.js'
import { readableBody } from '../http/body.js'
import { clientIp } from '../http/client-ip.js'
import type { AppEnv, Principal } from '../http/env.js'
import { jsonWithEtag } from '../http/etag.js'
import {
  bearerAuth,
  cursorParam,
  jsonBody,
  jsonResponse,
  pageLimit,
  pageOf,
  problemResponses,
  SiteParam,
  text,
} from '../http/openapi.js'
import { limitSubmission } from '../http/rate-limit.js'
import { requestSite } from '../http/request-site.js'
import { submitComment } from '../moderation/intake.js'
import { renderApprovedPage } from '../moderation/rendered-pages.js'
import {
  NewCommentSchema,
  PublicCommentSchema,
  PublicSubmissionSchema,
  TrustedSubmissionSchema,
} from './comment-schemas.js'

const submitRoute = createRoute({
  method: 'post',
  path: '/v1/sites/{site}/comments',
  tags: ['Comments'],
  summary: 'Submit a comment',
  description:
    "Public (an article page) or with the site's server key (the site's backend). A public caller only learns " +
    'whether the comment is visible (`approved`) or awaits moderation (`pending`; spam is reported as pending). ' +
    "A server-key caller gets the true status, the score and the reasons, and may pass the reader's `ip`, " +
    '`userAgent` and `referrer`.',
  security: [{}, ...bearerAuth],
  // Public, or a key of this site: another site's key is refused before the body is read, let alone validated.
  middleware: [refuseOtherSitesKey(), readableBody()] as const,
  request: { params: SiteParam, body: jsonBody(NewCommentSchema) },
  responses: {
    201: {
      description: 'Stored.',
      content: { 'application/json': { schema: z.union([PublicSubmissionSchema, TrustedSubmissionSchema]) } },
    },
    ...problemResponses(400, 401, 403, 404, 409, 413, 415, 429),
  },
})

const listRoute = createRoute({
  method: 'get',
  path: '/v1/sites/{site}/articles/{articleId}/comments',
  tags: ['Comments'],
  summary: "An article's approved comments",
  description: 'Oldest first, cursor-paginated. Carries an ETag: send it back in If-None-Match to get a 304.',
  request: {
    params: SiteParam.extend({ articleId: text(200) }),
    query: z.object({ limit: pageLimit(50), cursor: cursorParam }),
  },
  responses: {
    200: {
      ...jsonResponse(pageOf(PublicCommentSchema, 'PublicCommentPage'), 'A page of approved comments.'),
      headers: z.object({
        ETag: z
          .string()
          .openapi({ description: 'Send it back in If-None-Match: an unchanged page is a 304.' }),
      }),
    },
    304: { description: 'Unchanged since the ETag in If-None-Match.' },
    ...problemResponses(400, 404),
  },
})

/**
 * Public callers answer for themselves; a server key (or the admin) speaks for its readers. Another site's key
 * never gets here (refuseOtherSitesKey).
 */
function callerFor(principal: Principal | null) {
  if (!principal) return { trusted: false, speaksForReader: false, actor: null }
  if (principal.kind === 'admin') return { trusted: true, speaksForReader: true, actor: principal.actor }
  return { trusted: true, speaksForReader: principal.role === 'server', actor: principal.actor }
}

const formTokenRoute = createRoute({
  method: 'get',
  path: '/v1/sites/{site}/form-token',
  tags: ['Comments'],
  summary: 'A token for a comment form about to be shown',
  description:
    'Fetch it when the form is shown and send it back as `formToken` with the comment. A missing token costs ' +
    'nothing (site backends and API clients have none); a forged one, or a form sent back within seconds, counts ' +
    'against the comment.',
  request: { params: SiteParam },
  responses: {
    200: jsonResponse(
      z.object({ token: z.string(), expiresAt: z.iso.datetime() }).openapi('FormToken'),
      'A token valid for 24 hours.',
    ),
    ...problemResponses(404),
  },
})

export function registerCommentRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(formTokenRoute, async (c) => {
    const { site } = c.req.valid('param')
    await requestSite(c, deps.directory, site)
    const { token, expiresAt } = await deps.formTokens.issue(site)
    c.header('Cache-Control', 'no-store')
    return c.json({ token, expiresAt: expiresAt.toISOString() }, 200)
  })

  app.openapi(submitRoute, async (c) => {
    const { site: siteId } = c.req.valid('param')
    const body = c.req.valid('json')
    const principal = c.get('principal')
    const caller = callerFor(principal)
    const site = await requestSite(c, deps.directory, siteId)
    const reader = caller.speaksForReader
      ? { ip: body.ip ?? null, userAgent: body.userAgent ?? null, referrer: body.referrer ?? null }
      : {
          ip: clientIp(c, deps.config),
          userAgent: c.req.header('user-agent')?.slice(0, 1000) ?? null,
          referrer: c.req.header('referer')?.slice(0, 2000) ?? null,
        }
    await limitSubmission(deps, {
      siteId,
      principal,
      speaksForReader: caller.speaksForReader,
      readerIp: reader.ip,
    })
    const { comment, assessment } = await submitComment(deps, site, { ...body, ...reader }, caller.actor, {
      anonymous: !caller.trusted,
    })
    if (caller.trusted) {
      return c.json(
        {
          id: comment.id,
          status: comment.status as 'approved' | 'pending' | 'spam',
          score: assessment.score,
          reasons: assessment.reasons,
        },
        201,
      )
    }
    // Never tell a spammer they were caught: spam looks exactly like a comment awaiting moderation.
    return c.json(
      { id: comment.id, status: comment.status === 'approved' ? 'approved' : 'pending' } as const,
      201,
    )
  })

  app.openapi(listRoute, async (c) => {
    const { site: siteId, articleId } = c.req.valid('param')
    const { limit, cursor } = c.req.valid('query')
    await requestSite(c, deps.directory, siteId)
    const page = await renderApprovedPage(deps.db, { siteId, articleId, limit, cursor })
    c.header('Cache-Control', 'public, max-age=10, stale-while-revalidate=60')
    // Already JSON, rendered by PostgreSQL in the documented shape (src/moderation/rendered-pages.ts).
    return jsonWithEtag(c, page)
  })
}
