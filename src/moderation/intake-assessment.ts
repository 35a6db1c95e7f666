/**
 * How intake judges a submission: what it knows of the sender and text, the comment as the rules read it, and
 * every rule and the learned model given the database's context. Also the verdict alone, stored nowhere.
 */
import type { SiteRow } from '../db/schema.js'
import { analyseText, type TextAnalysis } from '../spam/analysis.js'
import { type BayesVerdict, classify } from '../spam/bayes/classifier.js'
import { hostOfUrl } from '../spam/extract-links.js'
import { toIso6393 } from '../spam/languages.js'
import { contentFingerprint } from '../spam/normalize.js'
import { type Policy, resolvePolicy } from '../spam/policy.js'
import type { Facts, ScoringInput } from '../spam/rules/types.js'
import { type Assessment, conclude, evaluateRules } from '../spam/score.js'
import { readContext, type Submission, type SubmissionContext, sketchFor } from './facts.js'
import type { IntakeDeps, NewComment } from './intake.js'
import { createLearnedCache } from './learned-cache.js'
import { lookupTokensOf } from './scoring-input.js'

export async function submissionOf(
  deps: IntakeDeps,
  site: SiteRow,
  input: NewComment,
  text: TextAnalysis,
  repostFromSameAddressOnly: boolean,
): Promise<Submission> {
  const { hasher, clock } = deps
  // The canonical spelling's hash first: what the comment is stored under.
  const [emailHash = null, ...earlierEmailHashes] = input.author.email
    ? await hasher.emailSpellings(input.author.email)
    : []
  return {
    siteId: site.id,
    articleId: input.articleId,
    authorName: input.author.name,
    emailHash,
    earlierEmailHashes,
    ipHash: input.ip ? await hasher.address(input.ip) : null,
    authorUrlHost: hostOfUrl(input.author.url),
    contentHash: contentFingerprint(input.content),
    sketch: sketchFor(text.skeleton),
    repostFromSameAddressOnly,
    now: clock.now(),
  }
}

/** The comment as the rules read it. */
export function scoringInputFor(input: NewComment, policy: Policy): ScoringInput {
  return {
    content: input.content,
    author: { name: input.author.name, email: input.author.email ?? null, url: input.author.url ?? null },
    honeypot: input.honeypot ?? null,
    article: {
      title: input.articleTitle ?? null,
      url: input.articleUrl ?? null,
      language: toIso6393(input.articleLanguage) ?? policy.language,
    },
    userAgent: input.userAgent,
    referrer: input.referrer,
  }
}

/** The learned counts to read with the context: those of every token the comment could be judged by. */
export function learnedRequest(deps: IntakeDeps, siteId: string, input: ScoringInput, text: TextAnalysis) {
  const cache = deps.learned ?? createLearnedCache()
  const tokens = lookupTokensOf(input, text, analyseText(input.author.name))
  return { cache, request: cache.request(siteId, tokens.all), unruledTokens: tokens.unruled }
}

/** Every rule and the learned model, given what the database knows of the comment's context. */
export async function assess(
  deps: IntakeDeps,
  site: SiteRow,
  input: NewComment,
  known: {
    scoringInput: ScoringInput
    text: TextAnalysis
    policy: Policy
    context: SubmissionContext
    /** The comment's tokens with no rule fired, as `learnedRequest` made them. */
    unruledTokens?: readonly string[]
  },
): Promise<{ facts: Facts; assessment: Assessment; bayes: BayesVerdict | null }> {
  const { scoringInput, text, policy, context, unruledTokens } = known
  const facts: Facts = {
    ...context.facts,
    recentFromSender: context.activity.lastHour,
    formToken: await deps.formTokens.check(site.id, input.formToken),
  }
  const started = performance.now()
  const draft = evaluateRules(scoringInput, facts, policy, text, undefined, unruledTokens)
  const bayes = classify(draft.tokens, context.learned, { minMessages: policy.learningMinMessages })
  const assessment = conclude(draft, bayes, policy)
  deps.metrics?.scored((performance.now() - started) / 1000)
  return { facts, assessment, bayes }
}

/**
 * The site's policy as intake applies it: copies are looked for no further back than spam is kept
 * (SPAM_RETENTION_DAYS). Spam and rejected comments are purged then, approved and held ones are not, so a longer
 * `duplicateWindowHours` would count only the copies of what was not spam, and a re-post or a copy answered
 * differently would tell a public caller how its comment was judged.
 */
export function intakePolicy(site: SiteRow, config: IntakeDeps['config']): Policy {
  const policy = resolvePolicy(site.settings)
  const keptDays = config?.privacy?.spamRetentionDays
  const keptHours = keptDays === undefined ? Number.POSITIVE_INFINITY : keptDays * 24
  return policy.duplicateWindowHours <= keptHours ? policy : { ...policy, duplicateWindowHours: keptHours }
}

/**
 * The verdict intake would give, without storing anything, refusing anything or teaching anything: for calls
 * that only ask (an Akismet `is_test` check).
 */
export async function scoreComment(deps: IntakeDeps, site: SiteRow, input: NewComment): Promise<Assessment> {
  const policy = intakePolicy(site, deps.config)
  const text = analyseText(input.content)
  const submission = await submissionOf(deps, site, input, text, false)
  const scoringInput = scoringInputFor(input, policy)
  const learned = learnedRequest(deps, site.id, scoringInput, text)
  const context = await readContext(deps.db, submission, policy, learned)
  const { unruledTokens } = learned
  return (await assess(deps, site, input, { scoringInput, text, policy, context, unruledTokens })).assessment
}
