import { sql } from 'drizzle-orm'
import { uuidv7 } from 'uuidv7'
import type { CommentRow } from '../db/schema.js'
import { isUuid } from '../db/uuid.js'
import { readComment } from '../moderation/comment-rows.js'
import { decide } from '../moderation/decisions.js'
import { type IntakeDeps, scoreComment, submitComment } from '../moderation/intake.js'
import { SITE_ADMINISTRATOR, siteApprovalIn } from '../moderation/site-approval.js'
import type { AkismetCheck } from './comment-fields.js'
import { findEarlierCheck } from './earlier-check.js'
import { authorErased, forgottenCheck } from './forgotten.js'
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

/** The first key of the advisory locks that serialise reports of one comment (`reportedCheck`): "akfb". */
const REPORT_LOCK_CLASS = 0x61_6b_66_62

/**
 * A comment-check: the same intake as `POST /v1/sites/{site}/comments`, stored in the moderation queue with
 * `source: akismet`. A comment checked again (a client's recheck) hears its current status, a moderator's
 * decision included. Held comments are answered `false`: Akismet has no "hold", and a reader's comment wrongly
 * sent to a spam folder is the worst error; the `X-Vigil-Status: pending` header tells clients that can hold.
 * An administrator's comment is always `false`, yet stored (approved) for the queue, since WordPress names the
 * role of every logged-in author's real comment. Test calls and the guaranteed-spam values store nothing.
 * Neither does a pingback's pre-check: it has no author and no text, and stored it would be an empty comment in the
 * queue, then a second copy of the pingback WordPress checks next; it is answered as `is_test` is, by the engine.
 */
export async function checkComment(
  deps: IntakeDeps,
  caller: AkismetCaller,
  check: AkismetCheck,
  inFlight: ChecksInFlight,
): Promise<CheckAnswer> {
  if (check.guaranteedSpam) return unstored(true)
  if (check.isTest || check.preCheck)
    return check.administrator ? unstored(false) : testAnswer(deps, caller, check)
  // A double click, or a client retrying while its first call still runs, sends the same check again before
  // the first is stored: neither would find the other, and the queue would hold the comment twice.
  const key = JSON.stringify([
    caller.site.id,
    check.comment.ip,
    check.comment.author.email?.toLowerCase() ?? null,
    check.comment.content,
    check.comment.articleId,
    check.recheck || !check.authorNamed ? null : check.comment.author.name,
    check.administrator,
  ])
  const running = inFlight.get(key)
  if (running) return running
  const answer = storeOrRecall(deps, caller, check)
  inFlight.set(key, answer)
  try {
    return await answer
  } finally {
    inFlight.delete(key)
  }
}

/** The comment-checks an app is running, by what makes two of them the same check (one map per app). */
export type ChecksInFlight = Map<string, Promise<CheckAnswer>>

/** The earlier check this one repeats, answered with its current status, or this one stored now. */
async function storeOrRecall(
  deps: IntakeDeps,
  caller: AkismetCaller,
  check: AkismetCheck,
): Promise<CheckAnswer> {
  const findEarlier = () =>
    findEarlierCheck(deps, caller.site.id, check, {
      article: true,
      // WordPress resends its stored copy: names and text with HTML entities encoded.
      name: !check.recheck,
      encodedText: check.recheck,
    })
  // A first check finds the one it repeats in intake's own read, a round trip fewer (nearly every check finds
  // none); a recheck looks first, for its author may have had their data erased since: then it is judged, not
  // stored again.
  if (check.recheck) {
    const earlier = await findEarlier()
    if (earlier) return answerOf(earlier, { blatant: false, administrator: check.administrator })
    if (await authorErased(deps, caller.site.id, check))
      return check.administrator ? unstored(false) : testAnswer(deps, caller, check)
  }
  const { comment, assessment, recalled } = await submitComment(
    deps,
    caller.site,
    check.comment,
    caller.keyId,
    {
      source: 'akismet',
      extra: check.extra,
      repost: 'store',
      refuseFloods: false,
      approvedBecause: check.administrator ? SITE_ADMINISTRATOR : undefined,
      // The same check sent to another process at once (checksInFlight is one process's): whichever stores
      // second finds the first's copy as it stores, and answers with it.
      recallOvertaken: findEarlier,
      earlierCheck: check.recheck
        ? undefined
        : { authorName: check.authorNamed ? check.comment.author.name : null },
    },
  )
  return answerOf(comment, {
    blatant: !recalled && assessment.blatant,
    administrator: check.administrator,
  })
}

/** Akismet's word for a stored comment: rejected, like spam, is not to publish; an administrator is never spam. */
function answerOf(
  comment: CommentRow,
  { blatant, administrator }: { blatant: boolean; administrator: boolean },
): CheckAnswer {
  const spam = !administrator && (comment.status === 'spam' || comment.status === 'rejected')
  return {
    spam,
    guid: comment.id,
    discard: spam && blatant,
    status: comment.status,
    score: comment.score,
    reasons: comment.reasons.map(({ rule, score }) => ({ rule, score })),
  }
}

/** An answer given without storing anything: the documented test values. */
const unstored = (spam: boolean): CheckAnswer => ({
  spam,
  guid: uuidv7(),
  discard: false,
  status: 'test',
  score: null,
  reasons: [],
})

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

/** The check a submission sends back by the guid we answered with; only one this API stored. */
async function checkByGuid(deps: IntakeDeps, siteId: string, guid: string | undefined) {
  if (!guid || !isUuid(guid)) return null
  return readComment(deps.db, siteId, guid, { onlyFromAkismet: true })
}

/** A report of a comment Vigil no longer holds, whose author had their data erased: nothing is stored. */
const ERASED = 'erased'

/**
 * The stored check a submission is about: by its guid, otherwise by the values Akismet asks clients to send
 * again (the IP, the text, the e-mail or its absence, and the article when named), or, for a comment Vigil never
 * checked, a new check stored now so that the submission still teaches (`ERASED` instead when its author had
 * their data erased). Null without an IP to match by.
 */
async function reportedCheck(deps: IntakeDeps, caller: AkismetCaller, check: AkismetCheck) {
  const byGuid = await checkByGuid(deps, caller.site.id, check.guid)
  if (byGuid || !check.comment.ip) return byGuid
  const { site } = caller
  // One look-up-or-store at a time per reported comment, in every process: a client sending the same report
  // twice at once (a retry) had both find nothing and store (and learn) the comment twice. Everything runs in
  // the transaction holding the lock, on its one connection, so a burst of reports cannot exhaust the pool.
  // What intake tells of a comment it stored (the count, the dispatchers' bell) waits for the commit: a report
  // rolled back stored nothing, and dispatchers woken before the commit find no delivery.
  const afterCommit: (() => void)[] = []
  const reportedComment = await deps.db.transaction(async (tx) => {
    afterCommit.length = 0
    const { comment } = check
    const reported = `${comment.ip}\n${comment.author.email ?? ''}\n${comment.content}`
    await tx.execute(
      sql`select pg_advisory_xact_lock(${REPORT_LOCK_CLASS}, hashtext(${site.id} || ${reported}))`,
    )
    const { metrics, outbox } = deps
    const inTransaction: IntakeDeps = {
      ...deps,
      db: tx,
      outbox: { ring: () => afterCommit.push(() => outbox.ring()), stop: () => outbox.stop() },
      metrics: metrics && {
        ...metrics,
        commentStored: (...stored) => afterCommit.push(() => metrics.commentStored(...stored)),
      },
    }
    // The check on the article the report names, else the latest on any: WordPress reports with the post's
    // permalink as it is now, Discourse with a topic URL whose slug follows its title, so a renamed post would
    // otherwise make the report a second comment of its own. The same sender and text on two articles are
    // judged alike anyway.
    const findOn = (article: boolean) =>
      findEarlierCheck(inTransaction, site.id, check, {
        article,
        name: false,
        // WordPress reports from its stored copy when it kept no copy of the comment as submitted.
        encodedText: true,
      })
    const earlier = (comment.articleUrl !== undefined ? await findOn(true) : null) ?? (await findOn(false))
    if (earlier) return earlier
    if (await authorErased(inTransaction, site.id, check)) return ERASED
    const stored = await submitComment(inTransaction, site, comment, caller.keyId, {
      source: 'akismet',
      extra: check.extra,
      repost: 'store',
      refuseFloods: false,
    })
    return stored.comment
  })
  for (const told of afterCommit) told()
  return reportedComment
}

/** `needs-user-ip`: nothing to match the submission by; it is answered as a check without `user_ip` is. */
export type FeedbackOutcome = 'recorded' | 'needs-user-ip'

/**
 * submit-spam / submit-ham: the same decision, and so the same learning, as a moderator marking the stored
 * check spam or approving it. Repeating a submission changes nothing. Test calls change nothing at all, and
 * neither do reports about an administrator's comment: only a moderator teaches from those.
 */
export async function submitFeedback(
  deps: IntakeDeps,
  caller: AkismetCaller,
  check: AkismetCheck,
  label: 'spam' | 'ham',
): Promise<FeedbackOutcome> {
  // A test call is thanked whatever it lacks: it changes nothing, and a client that sent it expects the thanks.
  if (check.isTest || check.guaranteedSpam || check.administrator) return 'recorded'
  if (!check.guid && !check.comment.ip) return 'needs-user-ip'
  // A check erased at its author's request, or purged at the end of its retention, is gone, but the site still
  // holds its copy and reports it (a moderator clicking "Not spam"): stored again, it would bring back the name,
  // e-mail and IP the reader had forgotten, or be learned a second time (forgotten.ts).
  if (await forgottenCheck(deps.db, caller.site.id, check.guid)) return 'recorded'
  const stored = await reportedCheck(deps, caller, check)
  if (stored === ERASED) return 'recorded'
  if (!stored) return 'needs-user-ip'
  // A server key decides only what came in through this API: moderator keys decide the rest. An erased
  // comment's author asked for it to be forgotten: nothing is learned from what is left of it. A comment the site
  // stored as its administrator's is one, whether or not the report says so again.
  if (stored.source !== 'akismet' || stored.erasedAt || siteApprovalIn(stored.reasons)) return 'recorded'
  await decide(deps, {
    siteId: caller.site.id,
    commentId: stored.id,
    action: label === 'spam' ? 'spam' : 'approve',
    actor: caller.keyId,
    auditAction: label === 'spam' ? 'akismet-submit-spam' : 'akismet-submit-ham',
  })
  return 'recorded'
}
