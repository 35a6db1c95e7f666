import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppDeps } from '../app.js'
import { invalidField } from '../errors.js'
import { callerOf, requireSiteRole } from '../http/auth.js'
import { emptyJsonAsNone } from '../http/body.js'
import type { AppEnv } from '../http/env.js'
import {
  bearerAuth,
  blankAsOmitted,
  cursorParam,
  jsonBody,
  jsonResponse,
  pageLimit,
  pageOf,
  problemResponses,
  SiteParam,
  text,
  uuidToLookUp,
} from '../http/openapi.js'
import { problemType } from '../http/problem.js'
import { requestSite } from '../http/request-site.js'
import { eventView, moderatorCommentView } from '../moderation/comment-view.js'
import { decide, decideMany, decisionActions, getCommentWithHistory } from '../moderation/decisions.js'
import { renderModeratorPage } from '../moderation/rendered-pages.js'
import {
  IpAddress,
  ModerationEventSchema,
  ModeratorCommentSchema,
  StatusSchema,
  StoredEmail,
} from './comment-schemas.js'

const CommentParams = SiteParam.extend({ id: uuidToLookUp().openapi({ param: { name: 'id', in: 'path' } }) })

const queueRoute = createRoute({
  method: 'get',
  path: '/v1/sites/{site}/queue',
  tags: ['Moderation'],
  summary: 'The moderation queue',
  security: bearerAuth,
  middleware: [requireSiteRole(['moderator'])] as const,
  request: {
    params: SiteParam,
    query: z.object({
      status: blankAsOmitted(StatusSchema.default('pending')).openapi({ default: 'pending' }),
      articleId: text(200).optional(),
      email: blankAsOmitted(StoredEmail.optional()).openapi({
        description:
          "Only the comments sent with this e-mail address (letter case aside), as an author's other comments.",
      }),
      ip: blankAsOmitted(IpAddress.optional()).openapi({
        description:
          'Only the comments sent from this IP address (an IPv6 one: from its /64), whether or not the ' +
          'comments still hold the address itself (cleared after IP_RETENTION_DAYS).',
      }),
      order: blankAsOmitted(z.enum(['newest', 'oldest']).default('newest')),
      limit: pageLimit(50),
      cursor: cursorParam,
    }),
  },
  responses: {
    200: jsonResponse(
      pageOf(ModeratorCommentSchema, 'CommentPage'),
      'A page of comments with their reasons.',
    ),
    ...problemResponses(400, 401, 403, 404),
  },
})

/** The ETag a comment is answered with: its version, for If-Match on a decision. */
const versionETag = z.object({
  ETag: z
    .string()
    .openapi({ description: 'The comment\'s version, e.g. `"3"`: send it in If-Match to decide it.' }),
})

const detailRoute = createRoute({
  method: 'get',
  path: '/v1/sites/{site}/comments/{id}',
  tags: ['Moderation'],
  summary: 'A comment, its reasons and its audit history',
  security: bearerAuth,
  middleware: [requireSiteRole(['moderator'])] as const,
  request: { params: CommentParams },
  responses: {
    200: {
      ...jsonResponse(
        ModeratorCommentSchema.extend({ history: z.array(ModerationEventSchema) }).openapi(
          'CommentWithHistory',
        ),
        'The comment. Its ETag is its version, for If-Match on a decision.',
      ),
      headers: versionETag,
    },
    ...problemResponses(401, 403, 404),
  },
})

const DecisionBody = z.object({ reason: text(500).optional() }).openapi('DecisionReason')

const decisionRoute = (action: (typeof decisionActions)[number]) =>
  createRoute({
    method: 'post',
    path: `/v1/sites/{site}/comments/{id}/${action}`,
    tags: ['Moderation'],
    summary: `${action === 'spam' ? 'Mark' : action[0]?.toUpperCase() + action.slice(1)} a comment${action === 'spam' ? ' as spam' : ''}`,
    description:
      'Idempotent: repeating a decision the comment already carries changes nothing. With `If-Match: "<version>"` ' +
      '(or a list, `"2", "3"`), a comment at none of those versions is left alone (412). A comment whose author had their data ' +
      'erased cannot be decided (409, `urn:vigil:problem:comment-erased`).',
    security: bearerAuth,
    middleware: [requireSiteRole(['moderator']), emptyJsonAsNone()] as const,
    request: {
      params: CommentParams,
      headers: z.object({ 'if-match': z.string().max(100).optional() }),
      body: { ...jsonBody(DecisionBody), required: false },
    },
    responses: {
      200: { ...jsonResponse(ModeratorCommentSchema, 'The comment as it now stands.'), headers: versionETag },
      ...problemResponses(400, 401, 403, 404, 409, 412, 415),
    },
  })

const bulkRoute = createRoute({
  method: 'post',
  path: '/v1/sites/{site}/moderation/bulk',
  tags: ['Moderation'],
  summary: 'Decide up to 500 comments at once',
  description: 'Each id is decided on its own: one unknown id does not stop the others.',
  security: bearerAuth,
  middleware: [requireSiteRole(['moderator'])] as const,
  request: {
    params: SiteParam,
    body: jsonBody(
      z
        .object({
          action: z.enum(decisionActions),
          ids: z.array(uuidToLookUp()).min(1).max(500),
          reason: text(500).optional(),
        })
        .openapi('BulkDecision'),
    ),
  },
  responses: {
    200: jsonResponse(
      z
        .object({
          results: z.array(
            z.object({
              id: z.uuid(),
              ok: z.boolean(),
              status: StatusSchema.optional(),
              version: z.int().optional(),
              error: z.object({ type: z.string(), detail: z.string() }).optional(),
            }),
          ),
        })
        .openapi('BulkDecisionResult'),
      'One result per distinct id, in the order given.',
    ),
    ...problemResponses(400, 401, 403, 404, 413, 415),
  },
})

/**
 * The versions an `If-Match` accepts: a list of entity tags (RFC 9110 §13.1.1), each `"3"`, or leniently `W/"3"`
 * or `3`; `*` (any version) is the same as no precondition.
 */
function parseIfMatch(header: string | undefined): number[] | undefined {
  if (header === undefined || header.trim() === '*') return undefined
  // Empty elements (`"2",` as a list built by joining leaves it) are allowed and mean nothing (RFC 9110 §5.6.1).
  const tags = header.split(',').filter((tag) => tag.trim() !== '')
  const versions = tags.map((tag) => /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(tag)?.[1])
  if (versions.length === 0 || versions.some((version) => version === undefined))
    throw invalidField('If-Match', 'must be the comment\'s version in quotes, e.g. "3", or a list of them')
  return versions.map(Number)
}

export function registerModerationRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(queueRoute, async (c) => {
    const { site: siteId } = c.req.valid('param')
    await requestSite(c, deps.directory, siteId)
    const { email, ip, ...query } = c.req.valid('query')
    // Intake stored keyed hashes of both: the same hashing finds them, and the raw values are never compared.
    const sender = {
      emailHashes: email === undefined ? undefined : await deps.hasher.emailSpellings(email),
      ipHash: ip === undefined ? undefined : await deps.hasher.address(ip),
    }
    // No comment has an empty article id (intake refuses one): empty is a filter left blank, as `cursor=` is.
    const page = await renderModeratorPage(deps.db, {
      siteId,
      ...query,
      articleId: query.articleId || undefined,
      sender,
    })
    // Already JSON, rendered by PostgreSQL in the documented shape (src/moderation/rendered-pages.ts); typed as
    // text, so it is handed over as the route's JSON response.
    return c.body(page, 200, { 'Content-Type': 'application/json' }) as never
  })

  app.openapi(detailRoute, async (c) => {
    const { site: siteId, id } = c.req.valid('param')
    const { comment, history } = await getCommentWithHistory(deps.db, siteId, id)
    c.header('ETag', `"${comment.version}"`)
    return c.json({ ...moderatorCommentView(comment), history: history.map(eventView) }, 200)
  })

  for (const action of decisionActions) {
    app.openapi(decisionRoute(action), async (c) => {
      const { site: siteId, id } = c.req.valid('param')
      const principal = callerOf(c)
      const expectedVersions = parseIfMatch(c.req.valid('header')['if-match'])
      const { reason } = c.req.valid('json') as { reason?: string }
      const { comment } = await decide(deps, {
        siteId,
        commentId: id,
        action,
        expectedVersions,
        reason,
        actor: principal.actor,
      })
      c.header('ETag', `"${comment.version}"`)
      return c.json(moderatorCommentView(comment), 200)
    })
  }

  app.openapi(bulkRoute, async (c) => {
    const { site: siteId } = c.req.valid('param')
    const principal = callerOf(c)
    await requestSite(c, deps.directory, siteId)
    // Sent, it would be expected to guard the decisions: refused rather than ignored.
    if (c.req.header('if-match') !== undefined)
      throw invalidField(
        'If-Match',
        'is taken by the decision of one comment only; bulk decides each as it stands',
      )
    const body = c.req.valid('json')
    const results = await decideMany(deps, { siteId, ...body, actor: principal.actor }, (error) =>
      c.get('logger').error({ err: error, siteId }, 'a bulk decision stopped on an unexpected error'),
    )
    const undecided = results.filter((result) => !result.ok && result.error.kind === 'unavailable').length
    // Answered 200 with the others decided, yet an outage or contention the operator should see.
    if (undecided > 0)
      c.get('logger').warn(
        { siteId, undecided, of: results.length },
        'some comments of a bulk decision were not decided: the database was unreachable or kept conflicting',
      )
    return c.json(
      {
        results: results.map((result) =>
          result.ok
            ? result
            : { ...result, error: { type: problemType(result.error.kind), detail: result.error.detail } },
        ),
      },
      200,
    )
  })
}
