import { countLinks } from './links.js'
import { normalizeText } from './normalize.js'
import type { Policy } from './policy.js'
import { findTerms } from './terms.js'

export type Verdict = 'approved' | 'pending' | 'spam'

/** One rule that fired, with the sentence a moderator reads to understand it. */
export type Reason = { rule: string; score: number; detail: string }

export type CommentToScore = {
  content: string
  authorName: string
  authorEmail?: string | null
  authorUrl?: string | null
  honeypot?: string | null
}

/** What the moderation layer found out about the comment's author before scoring. */
export type ScoringFacts = {
  /** The author's e-mail already has an approved comment on this site. */
  authorHasApprovedComment: boolean
}

export type Assessment = { verdict: Verdict; score: number; reasons: Reason[] }

type Hit = Reason & { floor?: Exclude<Verdict, 'approved'> }

/**
 * Rule weights. Decisive rules also set a floor that no trust can lower. Rules that only hold a comment weigh
 * less than half the default spam threshold, so two of them together still leave it for a person to judge:
 * losing a reader's comment to the spam folder is the worst mistake the service can make.
 */
export const ruleWeights = {
  honeypot: 10,
  blockedTerm: 10,
  heldTerm: 3,
  links: 3,
  trustedAuthor: -3,
} as const

const quote = (terms: string[]) => terms.map((term) => `“${term}”`).join(', ')

function* hits(comment: CommentToScore, facts: ScoringFacts, policy: Policy): Generator<Hit> {
  if (comment.honeypot?.trim()) {
    yield {
      rule: 'honeypot',
      score: ruleWeights.honeypot,
      detail: 'The hidden form field that people never see was filled in, as bots do.',
      floor: 'spam',
    }
  }
  const text = normalizeText(`${comment.authorName}\n${comment.content}`)
  const blocked = findTerms(text, policy.blockedTerms)
  if (blocked.length > 0) {
    yield {
      rule: 'blocked-term',
      score: ruleWeights.blockedTerm,
      detail: `Contains ${blocked.length === 1 ? 'a blocked term' : 'blocked terms'}: ${quote(blocked)}.`,
      floor: 'spam',
    }
  }
  const held = findTerms(text, policy.heldTerms)
  if (held.length > 0) {
    yield {
      rule: 'held-term',
      score: ruleWeights.heldTerm,
      detail: `Contains ${held.length === 1 ? 'a term' : 'terms'} this site reviews by hand: ${quote(held)}.`,
      floor: 'pending',
    }
  }
  const links = countLinks(comment.content)
  if (policy.maxLinks > 0 && links >= policy.maxLinks) {
    yield {
      rule: 'links',
      score: ruleWeights.links,
      detail: `Contains ${links} links; this site holds comments with ${policy.maxLinks} or more.`,
      floor: 'pending',
    }
  }
  if (facts.authorHasApprovedComment) {
    yield {
      rule: 'trusted-author',
      score: ruleWeights.trustedAuthor,
      detail: 'An earlier comment with this e-mail address was approved on this site.',
    }
  }
}

const severity: Record<Verdict, number> = { approved: 0, pending: 1, spam: 2 }
const atLeast = (a: Verdict, b: Verdict): Verdict => (severity[a] >= severity[b] ? a : b)

/**
 * Scores a comment against a site's policy. Pure: everything it needs from the database arrives in `facts`.
 * The verdict is the stricter of the score band and the floors set by decisive rules.
 */
export function assessComment(comment: CommentToScore, facts: ScoringFacts, policy: Policy): Assessment {
  const reasons: Reason[] = []
  let score = 0
  let verdict: Verdict = 'approved'
  for (const { floor, ...reason } of hits(comment, facts, policy)) {
    reasons.push(reason)
    score += reason.score
    if (floor) verdict = atLeast(verdict, floor)
  }
  if (score >= policy.thresholds.spam) verdict = 'spam'
  else if (score >= policy.thresholds.hold) verdict = atLeast(verdict, 'pending')
  if (policy.moderation === 'all' && verdict === 'approved') {
    verdict = 'pending'
    reasons.push({
      rule: 'moderation-all',
      score: 0,
      detail: 'This site holds every comment for a moderator.',
    })
  }
  return { verdict, score, reasons }
}
