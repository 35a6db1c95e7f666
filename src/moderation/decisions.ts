import { and, asc, eq, sql } from 'drizzle-orm'
import type { Clock } from '../clock.js'
import type { Database } from '../db/client.js'
import { type CommentRow, type CommentStatus, comments, moderationEvents } from '../db/schema.js'
import { DomainError, type FailureKind, notFound } from '../errors.js'
import { decisionEventType, webhookCommentView } from '../webhooks/events.js'
import { enqueueEvent } from '../webhooks/outbox.js'
import { labelFor, moveReputation, relearn } from './learning.js'

export const decisionActions = ['approve', 'reject', 'spam'] as const
export type DecisionAction = (typeof decisionActions)[number]

const targetStatus: Record<DecisionAction, Exclude<CommentStatus, 'pending'>> = {
  approve: 'approved',
  reject: 'rejected',
  spam: 'spam',
}

export type Decision = {
  siteId: string
  commentId: string
  action: DecisionAction
  /** The version the moderator saw (`If-Match`); a comment that moved on since is left alone. */
  expectedVersion?: number | undefined
  reason?: string | undefined
  actor: string | null
  /** How the audit trail names the decision when it came another way (`akismet-submit-spam`). */
  auditAction?: string
}

export type DecisionOutcome = { comment: CommentRow; changed: boolean }

/**
 * Applies a moderator's decision. The row is locked for the length of the transaction, so two moderators
 * deciding at once are serialised: with `If-Match`, the second one sees the new version and gets a 412.
 * Repeating a decision the comment already carries changes nothing and is not an error. The status, the audit
 * row, the sender's reputation, what the model learns from the decision and the webhook deliveries that report it
 * commit together or not at all.
 */
export async function decide(db: Database, clock: Clock, decision: Decision): Promise<DecisionOutcome> {
  const to = targetStatus[decision.action]
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(comments)
      .where(and(eq(comments.id, decision.commentId), eq(comments.siteId, decision.siteId)))
      .for('update')
    if (!current) throw notFound('The comment')
    if (decision.expectedVersion !== undefined && decision.expectedVersion !== current.version) {
      throw new DomainError(
        'version-mismatch',
        `The comment is at version ${current.version}, not ${decision.expectedVersion}; reload it and decide again.`,
      )
    }
    // A decision that confirms what intake decided (marking auto-flagged spam as spam) is still a moderator's
    // label the model has not learned; only a decision the comment already carries, and has learned, is a no-op.
    if (current.status === to && current.learnedAs === labelFor(to))
      return { comment: current, changed: false }
    const now = clock.now()
    const learning = await relearn(tx, current, to)
    await moveReputation(tx, decision.siteId, current, current.status, to)
    const [updated] = await tx
      .update(comments)
      .set({ status: to, version: sql`${comments.version} + 1`, updatedAt: now, decidedAt: now, ...learning })
      .where(and(eq(comments.id, current.id), eq(comments.siteId, decision.siteId)))
      .returning()
    if (!updated) throw new Error('update returned no row')
    await tx.insert(moderationEvents).values({
      siteId: decision.siteId,
      commentId: current.id,
      actor: decision.actor,
      action: decision.auditAction ?? decision.action,
      fromStatus: current.status,
      toStatus: to,
      reason: decision.reason ?? null,
      createdAt: now,
    })
    await enqueueEvent(tx, {
      siteId: decision.siteId,
      type: decisionEventType[to],
      data: {
        siteId: decision.siteId,
        comment: webhookCommentView(updated),
        previousStatus: current.status,
        actor: decision.actor,
        ...(to === 'spam' ? { reasons: updated.reasons } : {}),
      },
      now,
    })
    return { comment: updated, changed: true }
  })
}

export type BulkResult =
  | { id: string; ok: true; status: CommentStatus; version: number }
  | { id: string; ok: false; error: { kind: FailureKind; detail: string } }

/** Each id is decided in its own transaction: one missing or locked comment does not undo the others. */
export async function decideMany(
  db: Database,
  clock: Clock,
  input: {
    siteId: string
    action: DecisionAction
    ids: string[]
    reason?: string | undefined
    actor: string | null
  },
): Promise<BulkResult[]> {
  const results: BulkResult[] = []
  for (const id of new Set(input.ids)) {
    try {
      const { comment } = await decide(db, clock, { ...input, commentId: id })
      results.push({ id, ok: true, status: comment.status, version: comment.version })
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
      results.push({ id, ok: false, error: { kind: error.kind, detail: error.message } })
    }
  }
  return results
}

export async function getCommentWithHistory(db: Database, siteId: string, commentId: string) {
  const [comment] = await db
    .select()
    .from(comments)
    .where(and(eq(comments.id, commentId), eq(comments.siteId, siteId)))
  if (!comment) throw notFound('The comment')
  const history = await db
    .select()
    .from(moderationEvents)
    .where(and(eq(moderationEvents.siteId, siteId), eq(moderationEvents.commentId, commentId)))
    .orderBy(asc(moderationEvents.id))
  return { comment, history }
}
