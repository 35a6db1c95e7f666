import type { CommentRow, CommentStatus, ReasonRow } from '../db/schema.js'
import { moderatorCommentView } from '../moderation/comment-view.js'

/** Every event a site can subscribe to. */
export const webhookEventTypes = [
  'comment.created',
  'comment.approved',
  'comment.rejected',
  'comment.spam',
  'comment.erased',
  'ping',
] as const
export type WebhookEventType = (typeof webhookEventTypes)[number]

/** Bumped when a payload changes in a way a receiver could notice; receivers may branch on it. */
export const WEBHOOK_SCHEMA_VERSION = 1

/** The event a moderator's decision emits, by the comment's new status. */
export const decisionEventType: Record<Exclude<CommentStatus, 'pending'>, WebhookEventType> = {
  approved: 'comment.approved',
  rejected: 'comment.rejected',
  spam: 'comment.spam',
}

/**
 * The comment as the site's own backend receives it: the moderator's view without the reader's IP, user agent,
 * referrer and an Akismet client's extra fields (the site has no use for Vigil's copy of them), and without the
 * reasons, which the events that have a use for them carry beside the comment.
 */
export function webhookCommentView(row: CommentRow) {
  const {
    ip: _ip,
    userAgent: _userAgent,
    referrer: _referrer,
    reasons: _reasons,
    extra: _extra,
    ...comment
  } = moderatorCommentView(row)
  return comment
}

export type EventData = {
  siteId: string
  comment?: ReturnType<typeof webhookCommentView>
  previousStatus?: CommentStatus | null
  /** The key that acted (its id), `admin-token`, or null for Vigil itself. */
  actor?: string | null
  reasons?: ReasonRow[]
  [extra: string]: unknown
}

/** The body every endpoint receives, and what the signature covers. */
export type EventPayload = {
  type: WebhookEventType
  schemaVersion: number
  timestamp: string
  data: EventData
}

export function eventPayload(type: WebhookEventType, data: EventData, now: Date): EventPayload {
  return { type, schemaVersion: WEBHOOK_SCHEMA_VERSION, timestamp: now.toISOString(), data }
}
