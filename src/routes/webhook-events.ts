import { type OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../http/env.js'
import { WEBHOOK_SCHEMA_VERSION, type WebhookEventType, type webhookCommentView } from '../webhooks/events.js'
import { ModeratorCommentSchema, ReasonSchema, StatusSchema } from './comment-schemas.js'

/**
 * What a site's endpoint receives, published under the document's `webhooks` so that a receiver can generate or
 * check its parsing as clients of the API do; the test suite holds every delivered body to it.
 */

/** The comment as its site's backend receives it (events.ts: webhookCommentView). */
const WebhookCommentSchema = ModeratorCommentSchema.omit({
  ip: true,
  userAgent: true,
  referrer: true,
  reasons: true,
  extra: true,
}).openapi('WebhookComment')

type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false
type Holds<T extends true> = T
/** Fails to compile when the schema and what events.ts sends stop naming the same fields. */
export type WebhookCommentFieldsAgree = Holds<
  SameKeys<z.infer<typeof WebhookCommentSchema>, ReturnType<typeof webhookCommentView>>
>

const actor = z
  .string()
  .nullable()
  .openapi({ description: 'The key that acted (its id), `admin-token`, or null for Vigil itself.' })

const created = z.object({
  siteId: z.string(),
  comment: WebhookCommentSchema,
  actor,
  reasons: z.array(ReasonSchema),
})

const decided = (withReasons: boolean) =>
  z.object({
    siteId: z.string(),
    comment: WebhookCommentSchema,
    previousStatus: StatusSchema,
    actor,
    ...(withReasons ? { reasons: z.array(ReasonSchema) } : {}),
  })

const erased = z.object({
  siteId: z.string(),
  erased: z.object({
    id: z.uuid(),
    articleId: z.string(),
    parentId: z.uuid().nullable(),
    mode: z.enum(['deleted', 'anonymised']),
    version: z.int().openapi({
      description:
        'Above any version the comment had in earlier events. The erasure is final: a receiver ignores any other event of this comment, whatever its version.',
    }),
  }),
  actor,
})

const ping = z.object({ siteId: z.string(), endpointId: z.uuid(), message: z.string() })

const events: Record<WebhookEventType, { summary: string; data: z.ZodType; name: string }> = {
  'comment.created': {
    summary: 'A comment came in (its status: approved, pending or spam)',
    data: created,
    name: 'CommentCreated',
  },
  'comment.approved': {
    summary: "A comment was approved (by a moderator, or an Akismet client's submit-ham)",
    data: decided(false),
    name: 'CommentApproved',
  },
  'comment.rejected': {
    summary: 'A moderator rejected a comment',
    data: decided(false),
    name: 'CommentRejected',
  },
  'comment.spam': {
    summary: "A comment was marked as spam (by a moderator, or an Akismet client's submit-spam)",
    data: decided(true),
    name: 'CommentSpam',
  },
  'comment.erased': {
    summary:
      "A reader's data was erased from a comment (deleted, or anonymised when replies depend on it): at their request, or at the end of a spam or rejected comment's retention (no actor)",
    data: erased,
    name: 'CommentErased',
  },
  ping: { summary: 'A test event (POST …/webhooks/{id}/test)', data: ping, name: 'Ping' },
}

const signatureHeaders = z.object({
  'webhook-id': z
    .string()
    .openapi({ description: "The event's id: the same on every attempt. Deduplicate by it." }),
  'webhook-timestamp': z
    .string()
    .openapi({ description: 'Seconds since the epoch, when this attempt was signed.' }),
  'webhook-signature': z
    .string()
    .openapi({ description: 'Standard Webhooks signatures, space-separated: one per secret still signing.' }),
})

/** Registers every event's body in the document's `webhooks`. */
export function documentWebhookEvents(app: OpenAPIHono<AppEnv>) {
  for (const [type, event] of Object.entries(events)) {
    const schema = z
      .object({
        type: z.literal(type),
        schemaVersion: z.literal(WEBHOOK_SCHEMA_VERSION),
        timestamp: z.iso.datetime(),
        data: event.data,
      })
      .openapi(`${event.name}Event`)
    app.openAPIRegistry.registerWebhook({
      method: 'post',
      path: type,
      tags: ['Webhooks'],
      summary: event.summary,
      request: { headers: signatureHeaders, body: { content: { 'application/json': { schema } } } },
      responses: {
        '2XX': { description: 'Received: any 2xx answer. Anything else, or no answer in time, is retried.' },
      },
    })
  }
}
