import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppDeps } from '../app.js'
import { requireAdmin } from '../http/auth.js'
import type { AppEnv } from '../http/env.js'
import { bearerAuth, jsonBody, jsonResponse, problemResponses, SiteParam } from '../http/openapi.js'
import {
  MAX_PREVIEW_COMMENTS,
  NOT_REPLAYED,
  PREVIEW_BUDGET_MS,
  previewPolicy,
} from '../moderation/preview.js'

/** The largest limit a request may name; past MAX_PREVIEW_COMMENTS, the answer says it was cut short. */
const MAX_PREVIEW_LIMIT = 5_000

import { getSite } from '../sites/sites.js'
import { PolicyPatchSchema } from '../spam/policy.js'
import { rules } from '../spam/rules/index.js'
import { learnedRule } from '../spam/rules/learned.js'
import { StatusSchema } from './comment-schemas.js'

const RuleSchema = z.object({ id: z.string(), weight: z.number(), summary: z.string() }).openapi('Rule', {
  description: 'A scoring rule; its id is the `rule` of a reason and a key of `weights`.',
})

const Replayed = z.object({ verdict: StatusSchema, score: z.number(), rules: z.array(z.string()) })
const Tally = z.object({ current: z.int(), candidate: z.int() })

const PreviewSchema = z
  .object({
    replayed: z.int().openapi({ description: 'How many comments were replayed.' }),
    truncated: z.boolean().openapi({
      description:
        `The replay stopped short (after ${PREVIEW_BUDGET_MS / 1000} s, or at ${MAX_PREVIEW_COMMENTS} comments): ` +
        'only `replayed` comments were compared.',
    }),
    notReplayed: z.array(z.enum(NOT_REPLAYED)).openapi({
      description:
        "The candidate's changes whose effect the replay cannot show, the facts they act on kept as intake " +
        'counted them: the duplicate window (copies counted), the flood interval (a comment refused 429 was never ' +
        'stored) and a lower minimum for the learned model (whether it had an opinion). Empty when every change was replayed.',
    }),
    changed: z.int(),
    transitions: z
      .record(z.string(), z.int())
      .openapi({ example: { 'approved→pending': 4, 'pending→spam': 1 } }),
    againstModerators: z.object({ decided: z.int(), approvedMarkedSpam: Tally, spamApproved: Tally }),
    examples: z.array(
      z.object({
        id: z.uuid(),
        excerpt: z.string(),
        moderatorLabel: z.enum(['spam', 'ham']).nullable(),
        current: Replayed,
        candidate: Replayed,
      }),
    ),
  })
  .openapi('PolicyPreview')

const routes = {
  rules: createRoute({
    method: 'get',
    path: '/v1/rules',
    tags: ['Policy'],
    summary: 'The scoring rules and their default weights',
    responses: {
      200: jsonResponse(
        z.object({ items: z.array(RuleSchema) }),
        'Every rule, in the order reasons list them.',
      ),
    },
  }),
  preview: createRoute({
    method: 'post',
    path: '/v1/sites/{site}/policy/preview',
    tags: ['Policy'],
    summary: 'What a policy change would do to the latest comments',
    description:
      "Replays the site's latest comments, with the facts and learned opinion each was scored with, under the " +
      'current policy and under the candidate (the current one with `settings` applied), and reports the verdicts ' +
      'that would change, which way, with examples, and how each agrees with what moderators decided. At most ' +
      `${MAX_PREVIEW_COMMENTS} comments, for at most ${PREVIEW_BUDGET_MS / 1000} s: past that it answers with what ` +
      'it replayed (`replayed`, `truncated`).',
    security: bearerAuth,
    middleware: [requireAdmin()] as const,
    request: {
      params: SiteParam,
      body: jsonBody(
        z
          .object({
            settings: PolicyPatchSchema,
            limit: z
              .int()
              .min(1)
              // Accepted up to 5 000 as before the cap, so clients that asked for more are not refused.
              .max(MAX_PREVIEW_LIMIT)
              .default(MAX_PREVIEW_COMMENTS)
              .openapi({ description: 'How many of the latest comments.' }),
          })
          .strict()
          .openapi('PolicyPreviewRequest'),
      ),
    },
    responses: {
      200: jsonResponse(PreviewSchema, 'The comparison.'),
      ...problemResponses(400, 401, 403, 404, 415),
    },
  }),
}

/** What `GET /v1/rules` lists: the same for every request. */
const ruleList = {
  items: [...rules, learnedRule].map(({ id, weight, summary }) => ({ id, weight, summary })),
}

export function registerPolicyRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(routes.rules, (c) => c.json(ruleList, 200))

  app.openapi(routes.preview, async (c) => {
    const { site: siteId } = c.req.valid('param')
    const { settings, limit } = c.req.valid('json')
    return c.json(await previewPolicy(deps.db, await getSite(deps.db, siteId), settings, limit), 200)
  })
}
