import { analyseText, type TextAnalysis } from './analysis.js'
import type { BayesVerdict } from './bayes/classifier.js'
import { tokenize, withRuleTokens } from './bayes/tokenize.js'
import type { Policy } from './policy.js'
import { rules as defaultRules } from './rules/index.js'
import { DECISIVE_PROBABILITY, learnedReason } from './rules/learned.js'
import type { Facts, Rule, ScoringInput } from './rules/types.js'
import { defaultWeights } from './rules/weights.js'

export type Verdict = 'approved' | 'pending' | 'spam'

/** One rule that fired, with the sentence a moderator reads to understand it. */
export type Reason = { rule: string; score: number; detail: string }

/** The rules' findings, before the learned model is consulted: everything the model needs to look up. */
export type Draft = {
  reasons: Reason[]
  floor: Verdict
  /** Rules that fired only to hold the comment (their finding's floor is `pending`). */
  holding: ReadonlySet<string>
  /** Rules that only confirm other evidence (`confirmsOnly`): never the reason a comment changes band. */
  confirming: ReadonlySet<string>
  /** The tokens the model judges (and later learns) this comment by. */
  tokens: string[]
  text: TextAnalysis
}

export type Assessment = {
  verdict: Verdict
  score: number
  reasons: Reason[]
  /** Blatant spam: a decisive rule fired, or the score is three times the spam threshold (Akismet's "discard"). */
  blatant: boolean
  tokens: string[]
}

const severity: Record<Verdict, number> = { approved: 0, pending: 1, spam: 2 }
const stricter = (a: Verdict, b: Verdict): Verdict => (severity[a] >= severity[b] ? a : b)
const round = (points: number) => Math.round(points * 100) / 100
/** Points of other evidence before a confirming rule is asked: a single cited link (0.5) is not suspicion. */
const CONFIRMATION_NEEDS = 1

/** First phase: run every rule. Pure; `facts` carries what the database knew about the comment's context. */
export function evaluateRules(
  input: ScoringInput,
  facts: Facts,
  policy: Policy,
  /** The content's analysis, when the caller already made it. */
  text: TextAnalysis = analyseText(input.content),
  rules: readonly Rule[] = defaultRules,
  /** The comment's tokens with no rule fired, when the caller made them (`withRuleTokens`). */
  unruledTokens?: readonly string[],
): Draft {
  const name = analyseText(input.author.name)
  const context = { input, text, name, facts, policy }
  const found: { order: number; reason: Reason }[] = []
  const holding = new Set<string>()
  let floor: Verdict = 'approved'
  let evidence = 0
  const run = (rule: Rule, order: number) => {
    const weight = policy.weights[rule.id as keyof Policy['weights']] ?? rule.weight
    // Off, as the settings promise: a rule's floor (a honeypot's spam, a held term's hold) goes with its points.
    if (weight === 0) return
    const finding = rule.evaluate(context)
    if (!finding) return
    const reason = { rule: rule.id, score: round(weight * (finding.factor ?? 1)), detail: finding.detail }
    found.push({ order, reason })
    evidence += Math.max(reason.score, 0)
    if (finding.floor) floor = stricter(floor, finding.floor)
    if (finding.floor === 'pending') holding.add(rule.id)
  }
  rules.forEach((rule, order) => {
    if (!rule.confirmsOnly) run(rule, order)
  })
  if (evidence >= CONFIRMATION_NEEDS) {
    rules.forEach((rule, order) => {
      if (rule.confirmsOnly) run(rule, order)
    })
  }
  const reasons = found.sort((a, b) => a.order - b.order).map((entry) => entry.reason)
  const confirming = confirmingOf(rules)
  // A confirming rule gets no token: it fires only beside other evidence, so the model would learn it from spam
  // alone, and a reader writing in another language than the article's would then be judged spam for it.
  const fired = reasons.map((reason) => reason.rule).filter((rule) => !confirming.has(rule))
  const tokens = (unruledTokens && withRuleTokens(unruledTokens, fired)) ?? tokenize(input, text, name, fired)
  return { reasons, floor, holding, confirming, tokens, text }
}

const confirmingRules = new WeakMap<readonly Rule[], ReadonlySet<string>>()

/** The ids of the confirming rules of a rule list, found once per list. */
export function confirmingOf(rules: readonly Rule[]): ReadonlySet<string> {
  let ids = confirmingRules.get(rules)
  if (!ids) {
    ids = new Set(rules.filter((rule) => rule.confirmsOnly).map((rule) => rule.id))
    confirmingRules.set(rules, ids)
  }
  return ids
}

const TRUST_CAP = 'trust-cap'

/** The band a score puts a comment in, given the rules' floor. */
function band(reasons: readonly Reason[], draft: Draft, policy: Policy): Verdict {
  const score = round(reasons.reduce((sum, reason) => sum + reason.score, 0))
  // Rules that exist to hold a comment for a person (a held term, many links) never add up to spam on their own:
  // spam needs at least one piece of evidence of another kind. The trust cap is none: it only gives back part of
  // what trust took off, and counting it made a trusted author's held comment spam where a stranger's was held.
  const onlyHolding = reasons.every(
    (reason) => reason.score <= 0 || draft.holding.has(reason.rule) || reason.rule === TRUST_CAP,
  )
  if (score >= policy.thresholds.spam && !onlyHolding) return 'spam'
  if (score >= policy.thresholds.hold) return stricter(draft.floor, 'pending')
  return draft.floor
}

/**
 * The reasons with the points of confirming rules taken off when they alone would move the comment into a
 * stricter band: a comment in another language than the article's is a weak hint, never why a reader's comment
 * is held or marked spam. They keep their points when the other evidence already decides the band.
 */
function withoutDecidingConfirmations(reasons: Reason[], draft: Draft, policy: Policy): Reason[] {
  const confirms = (reason: Reason) => reason.score > 0 && draft.confirming.has(reason.rule)
  if (!reasons.some(confirms)) return reasons
  const others = reasons.filter((reason) => !confirms(reason))
  if (severity[band(others, draft, policy)] >= severity[band(reasons, draft, policy)]) return reasons
  return reasons.map((reason) =>
    confirms(reason)
      ? {
          ...reason,
          score: 0,
          detail: `${reason.detail} Not counted: a weak hint never changes a verdict by itself.`,
        }
      : reason,
  )
}

/** Second phase: add the learned model's opinion, bound trust, and band the score into a verdict. */
export function conclude(draft: Draft, bayes: BayesVerdict | null, policy: Policy): Assessment {
  const reasons = [...draft.reasons]
  if (bayes) {
    const learned = learnedReason(
      bayes,
      policy.learningMinMessages,
      policy.weights.learned ?? defaultWeights.learned,
    )
    if (learned) reasons.push({ rule: 'learned', score: round(learned.points), detail: learned.detail })
  }
  const trust = reasons.reduce((sum, reason) => sum + Math.min(reason.score, 0), 0)
  if (trust < -policy.trustCap) {
    reasons.push({
      rule: TRUST_CAP,
      score: round(-policy.trustCap - trust),
      detail: `Trust can take off at most ${policy.trustCap} points on this site.`,
    })
  }
  const counted = withoutDecidingConfirmations(reasons, draft, policy)
  const score = round(counted.reduce((sum, reason) => sum + reason.score, 0))
  let verdict = band(counted, draft, policy)
  // "Likely spam" holds; only "very likely" or more may be what marks a comment spam (DECISIVE_PROBABILITY).
  const learnedAt = counted.findIndex((reason) => reason.rule === 'learned' && reason.score > 0)
  if (verdict === 'spam' && learnedAt >= 0 && bayes && bayes.probability < DECISIVE_PROBABILITY) {
    const others = counted.filter((_, at) => at !== learnedAt)
    if (band(others, draft, policy) !== 'spam') {
      verdict = stricter(draft.floor, 'pending')
      const learned = counted[learnedAt] as Reason
      counted[learnedAt] = {
        ...learned,
        detail: `${learned.detail} Under ${DECISIVE_PROBABILITY * 100} %, not enough to mark it spam: held for a moderator.`,
      }
    }
  }
  if (policy.moderation === 'all' && verdict === 'approved') {
    verdict = 'pending'
    counted.push({
      rule: 'moderation-all',
      score: 0,
      detail: 'This site holds every comment for a moderator.',
    })
  }
  const blatant = draft.floor === 'spam' || score >= 3 * Math.max(policy.thresholds.spam, 1)
  return { verdict, score, reasons: counted.map(wellFormed), blatant, tokens: draft.tokens }
}

/**
 * A reason whose quote of the comment was cut between the halves of a surrogate pair (an emoji) would be refused
 * by the jsonb column it is stored in, and fail the whole intake: rules quote whole characters, and this makes sure.
 */
const wellFormed = (reason: Reason): Reason =>
  reason.detail.isWellFormed() ? reason : { ...reason, detail: reason.detail.toWellFormed() }

/** Both phases at once, for callers that have no learned model to consult. */
export function assessComment(
  input: ScoringInput,
  facts: Facts,
  policy: Policy,
  bayes: BayesVerdict | null = null,
) {
  return conclude(evaluateRules(input, facts, policy), bayes, policy)
}
