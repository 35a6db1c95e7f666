import { uuidv7 } from 'uuidv7'
import type { Clock } from '../clock.js'
import type { Config } from '../config.js'
import type { Database } from '../db/client.js'
import type { CommentRow, SiteRow } from '../db/schema.js'
import { DomainError } from '../errors.js'
import type { Metrics } from '../metrics/metrics.js'
import { analyseText } from '../spam/analysis.js'
import type { BayesVerdict } from '../spam/bayes/classifier.js'
import { toIso6393 } from '../spam/languages.js'
import { honeypotFilled } from '../spam/rules/form.js'
import type { Facts } from '../spam/rules/types.js'
import type { Assessment, Reason } from '../spam/score.js'
import type { OutboxBell } from '../webhooks/outbox-bell.js'
import { vouchedArticleUrl } from './article-address.js'
import { readComment } from './comment-rows.js'
import { readContext, type Submission } from './facts.js'
import type { FormTokens } from './form-tokens.js'
import type { IdentityHasher } from './identity-hasher.js'
import { assess, intakePolicy, learnedRequest, scoringInputFor, submissionOf } from './intake-assessment.js'
import { assertParentOnArticle, floodWait, latestToRefuseBy } from './intake-guards.js'
import type { LearnedCache } from './learned-cache.js'
import { approvedBy } from './site-approval.js'
import { storeNewComment } from './store-comment.js'

export { scoreComment } from './intake-assessment.js'

export type NewComment = {
  articleId: string
  articleUrl?: string | undefined
  articleTitle?: string | undefined
  articleLanguage?: string | undefined
  parentId?: string | undefined
  author: { name: string; email?: string | undefined; url?: string | undefined }
  content: string
  honeypot?: string | undefined
  formToken?: string | undefined
  ip: string | null
  userAgent: string | null
  referrer: string | null
}

export type IntakeDeps = {
  db: Database
  clock: Clock
  hasher: IdentityHasher
  formTokens: FormTokens
  /** The learned counts this process holds; without it, every submission reads all it needs. */
  learned?: LearnedCache
  /**
   * Whether decisions also teach the server-wide model (SHARED_LEARNING): an Akismet submission decides. How long
   * spam is kept (SPAM_RETENTION_DAYS), which bounds the duplicate window (`intakePolicy`).
   */
  config?: Pick<Config, 'sharedLearning'> & Partial<Pick<Config, 'privacy'>>
  /** Wakes the webhook dispatchers once a comment's deliveries are committed. */
  outbox: OutboxBell
  /** Counts comments by verdict and times their scoring (`GET /metrics`). */
  metrics?: Metrics
}

/** How a door other than the v1 API takes comments in. */
export type IntakeOptions = {
  /** Stored as the comment's `source`. */
  source?: 'api' | 'akismet'
  /** Fields the caller sent that have no column, kept with the comment. */
  extra?: Record<string, unknown>
  /**
   * What a re-post gets: refused (409, the v1 API), or stored like any comment, for a door that recognises its
   * own repeated calls (the Akismet API, which must never answer with a comment that came in another way).
   */
  repost?: 'refuse' | 'store'
  /**
   * The caller has no key (a reader's browser): a re-post is refused only when it also comes from the same
   * address, so that the answer cannot confirm which e-mail wrote a published comment.
   */
  anonymous?: boolean
  /** Whether a sender posting too fast is refused (429). An Akismet check must always be answered. */
  refuseFloods?: boolean
  /**
   * The site's own word that the comment is to be published (an Akismet client naming the site's administrator
   * as its author): it is stored approved with this reason first, the engine's reasons kept after it for the
   * moderators. Like any verdict intake gives, it teaches the learned model nothing until a moderator decides
   * (the sender's reputation counts it, as it counts every comment stored approved).
   */
  approvedBecause?: Reason
  /**
   * Asked when something alike was stored since intake read (another process's copy of the same call): the
   * comment this submission repeats, to answer with instead of storing it again, or null to judge it again.
   */
  recallOvertaken?: () => Promise<CommentRow | null>
  /**
   * Look for an earlier check this submission repeats, in the same read as the rest (`Submission.earlierCheck`),
   * and answer with it, judged and stored nothing, when there is one.
   */
  earlierCheck?: { authorName: string | null }
}

export type IntakeResult = {
  comment: CommentRow
  assessment: Assessment
  /** The comment is an earlier one (`earlierCheck`, `recallOvertaken`) found: nothing was stored. */
  recalled?: boolean
}

/**
 * Takes a comment in: refuses exact re-posts (409) and floods (429), gathers what the database knows of its
 * sender and text, scores it with every rule and the learned model, and stores the comment with its audit row,
 * its sender's reputation and its webhook outbox rows, all or nothing.
 */
export async function submitComment(
  deps: IntakeDeps,
  site: SiteRow,
  sent: NewComment,
  actor: string | null,
  options: IntakeOptions = {},
): Promise<IntakeResult> {
  const { db } = deps
  const input = options.anonymous
    ? { ...sent, articleUrl: vouchedArticleUrl(site, sent.articleUrl ?? null) ?? undefined }
    : sent
  const policy = intakePolicy(site, deps.config)
  const text = analyseText(input.content)
  const submission = {
    ...(await submissionOf(deps, site, input, text, options.anonymous === true)),
    earlierCheck: options.earlierCheck,
  }
  const scoringInput = scoringInputFor(input, policy)

  if (input.parentId)
    await assertParentOnArticle(db, site.id, input.articleId, input.parentId, {
      approvedOnly: options.anonymous === true,
    })
  // A store that finds something alike (the same text, IP or e-mail) stored since this read stores nothing
  // (store-comment.ts): read and judge again, seeing it. The last attempt stores without counting again, so a
  // burst of copies cannot keep a submission going round; each attempt lets at least one of them through.
  for (let attempt = 1; ; attempt++) {
    const learned = learnedRequest(deps, site.id, scoringInput, text)
    const context = await readContext(db, submission, policy, learned)
    if (context.earlierCheck) {
      const earlier = await readComment(db, site.id, context.earlierCheck)
      if (earlier) return recalled(earlier)
    }
    // Something alike stored since the caller last looked: the same call, answered by another process?
    // Not when this very read looked for the earlier check (`earlierCheck`): asking again finds the same.
    if (context.repostOf && options.recallOvertaken && !options.earlierCheck) {
      const earlier = await options.recallOvertaken()
      if (earlier) return recalled(earlier)
    }
    // Checked before the flood: a double click should hear "already posted", not "too fast".
    if (context.repostOf && options.repost !== 'store')
      throw new DomainError(
        'duplicate-comment',
        'The same author already posted this comment on this article.',
      )
    const retryAfterSeconds = floodWait(
      latestToRefuseBy(context, submission, options),
      submission.now,
      policy.floodIntervalSeconds,
    )
    if (retryAfterSeconds > 0 && options.refuseFloods !== false) {
      throw new DomainError('rate-limited', 'Comments from the same sender are arriving too fast.', {
        retryAfterSeconds,
      })
    }

    const { unruledTokens } = learned
    const engine = await assess(deps, site, input, { scoringInput, text, policy, context, unruledTokens })
    const assessment = options.approvedBecause
      ? approvedBy(engine.assessment, options.approvedBecause)
      : engine.assessment
    const comment = commentRowOf(site, input, submission, assessment, engine, options)
    const counted = attempt < STORE_ATTEMPTS ? context.counted : null
    const deliveries = await storeNewComment(db, comment, actor, counted, {
      parentShownOnly: options.anonymous === true,
    })
    if (deliveries === null) {
      const earlier = await options.recallOvertaken?.()
      if (earlier) return recalled(earlier)
      continue
    }
    if (deliveries > 0) deps.outbox.ring()
    deps.metrics?.commentStored(comment.source === 'akismet' ? 'akismet' : 'api', comment.status)
    return { comment, assessment }
  }
}

/** The answer of a submission that repeats `earlier`, stored meanwhile: nothing stored, nothing judged. */
function recalled(earlier: CommentRow): IntakeResult {
  const verdict: Assessment['verdict'] =
    earlier.status === 'approved' || earlier.status === 'spam' ? earlier.status : 'pending'
  const assessment: Assessment = {
    verdict,
    score: earlier.score,
    reasons: earlier.reasons,
    blatant: false,
    tokens: [],
  }
  return { comment: earlier, assessment, recalled: true }
}

/** How many times intake reads, judges and tries to store a submission that things alike keep overtaking. */
const STORE_ATTEMPTS = 3

/** The row stored for a submission, as intake judged it. */
function commentRowOf(
  site: SiteRow,
  input: NewComment,
  submission: Submission,
  assessment: Assessment,
  { facts, bayes }: { facts: Facts; bayes: BayesVerdict | null },
  options: IntakeOptions,
): CommentRow {
  return {
    id: uuidv7(),
    siteId: site.id,
    articleId: input.articleId,
    articleUrl: input.articleUrl ?? null,
    articleTitle: input.articleTitle ?? null,
    articleLanguage: toIso6393(input.articleLanguage),
    parentId: input.parentId ?? null,
    authorName: input.author.name,
    authorEmail: input.author.email ?? null,
    authorEmailHash: submission.emailHash,
    authorUrl: input.author.url ?? null,
    authorUrlHost: submission.authorUrlHost,
    content: input.content,
    contentHash: submission.contentHash,
    nearDuplicateSketch: submission.sketch?.bins ?? null,
    nearDuplicateBands: submission.sketch?.bands ?? null,
    status: assessment.verdict,
    score: assessment.score,
    reasons: assessment.reasons,
    // What the rules were given beyond the stored columns, for a policy preview's replay (preview.ts): the
    // honeypot's content is not kept, and a site weighing it 0 gets no reason saying it was filled.
    facts: { ...facts, bayes, honeypotFilled: honeypotFilled(input) },
    learnedAs: null,
    learnedTokens: null,
    learnedInServerCorpus: null,
    // Anyone can write anyone's address: only a caller with a key vouches for who the author is.
    identityCounted: options.anonymous !== true,
    sentWithKey: options.anonymous !== true,
    version: 1,
    ip: input.ip,
    ipHash: submission.ipHash,
    userAgent: input.userAgent,
    referrer: input.referrer,
    source: options.source ?? 'api',
    extra: options.extra ?? null,
    createdAt: submission.now,
    updatedAt: submission.now,
    decidedAt: null,
    erasedAt: null,
  }
}
