import { and, asc, eq } from 'drizzle-orm'
import type { Config } from '../config.js'
import type { Database } from '../db/client.js'
import { type CommentRow, type CommentStatus, moderationEvents } from '../db/schema.js'
import {
  DomainError,
  type FailureKind,
  isDatabaseUnavailable,
  isTransientConflict,
  notFound,
} from '../errors.js'
import type { Metrics } from '../metrics/metrics.js'
import type { ChangeDeps } from '../webhooks/outbox-bell.js'
import { applyDecision } from './apply-decision.js'
import { readComment } from './comment-rows.js'
import { labelFor, learningChange } from './learning.js'

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
  /**
   * The versions the moderator accepts (`If-Match`, which may list several); a comment at none of them is left
   * alone.
   */
  expectedVersions?: readonly number[] | undefined
  reason?: string | undefined
  actor: string | null
  /** How the audit trail names the decision when it came another way (`akismet-submit-spam`). */
  auditAction?: string
}

export type DecisionOutcome = { comment: CommentRow; changed: boolean }

/**
 * How many times a decision is tried optimistically when other decisions change the comment between its read
 * and its write; the last try holds the comment's row from read to write, so it cannot lose again.
 */
const MAX_ATTEMPTS = 4

/**
 * Applies a moderator's decision. The comment is read, then changed on the condition that it is still at the
 * version read (optimistic concurrency: no row lock held between round trips). When two moderators decide at
 * once, the second one's write finds a new version and it reads the comment again: with `If-Match` it then gets
 * a 412, without it its decision applies to the comment as it now stands. A comment many decide at once (a
 * bulk action racing others) would leave some decisions losing every round: their last round locks the row.
 * Repeating a decision the comment already carries changes nothing and is not an error. The status, the audit
 * row, the sender's reputation, what the model learns from the decision and the webhook deliveries that report
 * it are one statement: they commit together or not at all.
 */
/**
 * What deciding needs: whether the server-wide model learns too (SHARED_LEARNING; it does unless told not to), and
 * where decisions are counted (`GET /metrics`).
 */
export type DecisionDeps = ChangeDeps & { config?: Pick<Config, 'sharedLearning'>; metrics?: Metrics }

export async function decide(deps: DecisionDeps, decision: Decision): Promise<DecisionOutcome> {
  let outcome: Tried | null = null
  for (let attempt = 1; attempt < MAX_ATTEMPTS && !outcome; attempt++)
    outcome = await tryDecision(deps, deps.db, decision, false)
  // The comment's row, locked as the write would lock it, first: the order every decision takes.
  outcome ??= await deps.db.transaction((tx) => tryDecision(deps, tx, decision, true))
  if (!outcome) throw new Error('a decision holding its comment lost it to another')
  // Once committed, so that the dispatchers woken find the deliveries, and so that a decision rolled back (the
  // last round's transaction failing to commit) is not counted.
  if (outcome.deliveries > 0) deps.outbox.ring()
  if (outcome.changed) deps.metrics?.decided(decision.auditAction ?? decision.action)
  return { comment: outcome.comment, changed: outcome.changed }
}

type Tried = DecisionOutcome & { deliveries: number }

/** One read and write of a decision: its outcome, or null when another decision changed the comment between. */
async function tryDecision(
  deps: DecisionDeps,
  db: Database,
  decision: Decision,
  holdingTheRow: boolean,
): Promise<Tried | null> {
  const to = targetStatus[decision.action]
  const current = await readComment(db, decision.siteId, decision.commentId, { lock: holdingTheRow })
  if (!current) throw notFound('The comment')
  // What is left of it is a placeholder: approving would publish "[erased]", marking it spam would teach the
  // model the placeholder, and either would count towards a reputation that no longer exists.
  if (current.erasedAt)
    throw new DomainError(
      'comment-erased',
      "This comment was erased (its author's erasure, or the retention period of spam): it stays only to hold its replies, and cannot be decided.",
    )
  const expected = decision.expectedVersions
  if (expected !== undefined && !expected.includes(current.version)) {
    throw new DomainError(
      'version-mismatch',
      `The comment is at version ${current.version}, not ${expected.join(' or ')}; reload it and decide again.`,
    )
  }
  // A decision that confirms what intake decided (marking auto-flagged spam as spam) is still a moderator's
  // label the model has not learned; only a decision the comment already carries, and has learned, is a no-op.
  if (current.status === to && current.learnedAs === labelFor(to))
    return { comment: current, changed: false, deliveries: 0 }
  const updated = await applyDecision(db, {
    current,
    to,
    learning: learningChange(current, to, deps.config?.sharedLearning !== false),
    now: deps.clock.now(),
    actor: decision.actor,
    action: decision.auditAction ?? decision.action,
    reason: decision.reason ?? null,
  })
  if (!updated) return null
  return { comment: updated.comment, changed: true, deliveries: updated.deliveries }
}

export type BulkResult =
  | { id: string; ok: true; status: CommentStatus; version: number }
  | { id: string; ok: false; error: { kind: FailureKind | 'unavailable' | 'internal-error'; detail: string } }

/** Each id is decided in its own transaction: one missing or locked comment does not undo the others. */
export async function decideMany(
  deps: DecisionDeps,
  input: {
    siteId: string
    action: DecisionAction
    ids: string[]
    reason?: string | undefined
    actor: string | null
  },
  /** Told of a failure that stopped the run after some ids were decided (the answer says which). */
  onStopped: (error: unknown) => void = () => {},
): Promise<BulkResult[]> {
  const results: BulkResult[] = []
  // A UUID may be written in capitals: the same comment, decided (and answered) once.
  const ids = [...new Set(input.ids.map((id) => id.toLowerCase()))]
  for (const [index, id] of ids.entries()) {
    try {
      const { comment } = await decideRetryingOnce(deps, { ...input, commentId: id })
      results.push({ id, ok: true, status: comment.status, version: comment.version })
    } catch (error) {
      // The ids before it are decided: answering the whole request 503 would say nothing was.
      if (isTransientConflict(error)) {
        results.push({ id, ok: false, error: { kind: 'unavailable', detail: CONFLICTED } })
        continue
      }
      // Nothing decided yet (ids refused, as unknown or erased, decide nothing): the request as a whole is
      // answered 503.
      const decidedSome = results.some((result) => result.ok)
      if (isDatabaseUnavailable(error) && decidedSome) {
        // The rest would each wait for the database in turn: none is tried.
        const undecided = ids
          .slice(index)
          .map((rest) => ({ id: rest, ok: false as const, error: UNREACHABLE }))
        return [...results, ...undecided]
      }
      if (error instanceof DomainError) {
        results.push({ id, ok: false, error: { kind: error.kind, detail: error.message } })
        continue
      }
      // Nothing decided yet: the request as a whole is answered 500, as any request failing so.
      if (!decidedSome) throw error
      // A 500 would say nothing of the ids decided before it; the rest are not tried.
      onStopped(error)
      const undecided = ids.slice(index).map((rest) => ({ id: rest, ok: false as const, error: STOPPED }))
      return [...results, ...undecided]
    }
  }
  return results
}

const STOPPED = {
  kind: 'internal-error' as const,
  detail:
    'An unexpected failure stopped the bulk decision here (it is logged) and this comment was not decided; send it again.',
}
const CONFLICTED = 'A concurrent change got in the way twice and this comment was not decided; send it again.'
const UNREACHABLE = {
  kind: 'unavailable' as const,
  detail:
    'The database could not be reached and this comment may not have been decided; send it again (a decision made already changes nothing).',
}

/** A deadlock or serialization failure rolled the decision back whole: trying it again is safe. */
async function decideRetryingOnce(deps: DecisionDeps, decision: Decision) {
  try {
    return await decide(deps, decision)
  } catch (error) {
    if (!isTransientConflict(error)) throw error
    return decide(deps, decision)
  }
}

export async function getCommentWithHistory(db: Database, siteId: string, commentId: string) {
  const comment = await readComment(db, siteId, commentId)
  if (!comment) throw notFound('The comment')
  const history = await db
    .select()
    .from(moderationEvents)
    .where(and(eq(moderationEvents.siteId, siteId), eq(moderationEvents.commentId, commentId)))
    .orderBy(asc(moderationEvents.id))
  return { comment, history }
}
