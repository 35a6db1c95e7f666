import { and, desc, eq } from 'drizzle-orm'
import { uuidv7 } from 'uuidv7'
import { type CommentRow, comments } from '../db/schema.js'
import { isUuid } from '../db/uuid.js'
import { decide } from '../moderation/decisions.js'
import { normalizeEmail } from '../moderation/identity-hasher.js'
import { type IntakeDeps, scoreComment, submitComment } from '../moderation/intake.js'
import { contentFingerprint } from '../spam/normalize.js'
import type { AkismetCheck } from './comment-fields.js'
import type { AkismetCaller } from './key.js'

export type CheckAnswer = {
  /** `true` (spam) or `false`, as Akismet answers. */
  spam: boolean
  /** The stored comment's id, or a fresh id for a check that is not stored (a test). */
  guid: string
  /** Blatant spam, which Akismet tells clients they may discard unseen. */
  discard: boolean
  /** Vigil's own verdict and evidence, for clients that read them. */
  status: CommentRow['status'] | 'test'
  score: number | null
  reasons: { rule: string; score: number }[]
}

/**
 * A comment-check: the same intake as `POST /v1/sites/{site}/comments`, stored in the moderation queue with
 * `source: akismet`. A comment checked again (a client's recheck) hears its current status, a moderator's
 * decision included. Held comments are answered `false`: Akismet has no "hold", and a reader's comment wrongly
 * sent to a spam folder is the worst error; the `X-Vigil-Status: pending` header tells clients that can hold.
 * Test calls and the documented test values are answered without storing anything.
 */
export async function checkComment(
  deps: IntakeDeps,
  caller: AkismetCaller,
  check: AkismetCheck,
): Promise<CheckAnswer> {
  if (check.guaranteedSpam || check.administrator) {
    return {
      spam: check.guaranteedSpam,
      guid: uuidv7(),
      discard: false,
      status: 'test',
      score: null,
      reasons: [],
    }
  }
  if (check.isTest) return testAnswer(deps, caller, check)
  const { comment, assessment } = await submitComment(deps, caller.site, check.comment, caller.keyId, {
    source: 'akismet',
    extra: check.extra,
    repost: 'answer-earlier',
    refuseFloods: false,
  })
  const spam = comment.status === 'spam' || comment.status === 'rejected'
  return {
    spam,
    guid: comment.id,
    discard: spam && assessment.blatant,
    status: comment.status,
    score: comment.score,
    reasons: comment.reasons.map(({ rule, score }) => ({ rule, score })),
  }
}

/** `is_test`: the engine's answer, with nothing stored and nothing learned. */
async function testAnswer(
  deps: IntakeDeps,
  caller: AkismetCaller,
  check: AkismetCheck,
): Promise<CheckAnswer> {
  const assessment = await scoreComment(deps, caller.site, check.comment)
  return {
    spam: assessment.verdict === 'spam',
    guid: uuidv7(),
    discard: assessment.verdict === 'spam' && assessment.blatant,
    status: 'test',
    score: assessment.score,
    reasons: assessment.reasons.map(({ rule, score }) => ({ rule, score })),
  }
}

/**
 * The stored check a submission is about: by the guid we answered with when the client sends it back,
 * otherwise the latest check with the same IP, content and e-mail (Akismet asks clients to send the same
 * values as in the check).
 */
async function findCheck(deps: IntakeDeps, caller: AkismetCaller, check: AkismetCheck) {
  const siteId = caller.site.id
  if (check.guid && isUuid(check.guid)) {
    const [byGuid] = await deps.db
      .select()
      .from(comments)
      // Only a check this API stored: a server key must not decide comments that came in any other way.
      .where(and(eq(comments.siteId, siteId), eq(comments.id, check.guid), eq(comments.source, 'akismet')))
    if (byGuid) return byGuid
  }
  const email = check.comment.author.email
  const conditions = [
    eq(comments.siteId, siteId),
    eq(comments.contentHash, contentFingerprint(check.comment.content)),
    eq(comments.source, 'akismet'),
  ]
  if (check.comment.ip) conditions.push(eq(comments.ipHash, await deps.hasher.hash('ip', check.comment.ip)))
  if (email)
    conditions.push(eq(comments.authorEmailHash, await deps.hasher.hash('email', normalizeEmail(email))))
  const [latest] = await deps.db
    .select()
    .from(comments)
    .where(and(...conditions))
    .orderBy(desc(comments.createdAt))
    .limit(1)
  return latest ?? null
}

/**
 * submit-spam / submit-ham: the same decision, and so the same learning, as a moderator marking the stored
 * check spam or approving it. A submission about a comment Vigil never checked is checked (stored) first, so it
 * still teaches. Repeating a submission changes nothing. Test calls change nothing at all.
 */
export async function submitFeedback(
  deps: IntakeDeps,
  caller: AkismetCaller,
  check: AkismetCheck,
  label: 'spam' | 'ham',
): Promise<void> {
  if (check.isTest || check.guaranteedSpam || check.administrator) return
  const stored =
    (await findCheck(deps, caller, check)) ??
    (
      await submitComment(deps, caller.site, check.comment, caller.keyId, {
        source: 'akismet',
        extra: check.extra,
        repost: 'answer-earlier',
        refuseFloods: false,
      })
    ).comment
  await decide(deps, {
    siteId: caller.site.id,
    commentId: stored.id,
    action: label === 'spam' ? 'spam' : 'approve',
    actor: caller.keyId,
    auditAction: label === 'spam' ? 'akismet-submit-spam' : 'akismet-submit-ham',
  })
}
