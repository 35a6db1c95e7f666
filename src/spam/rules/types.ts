import type { TextAnalysis } from '../analysis.js'
import type { Policy } from '../policy.js'

/** The comment as the engine sees it: every field the rules may read. */
export type ScoringInput = {
  content: string
  author: { name: string; email: string | null; url: string | null }
  honeypot: string | null
  article: { title: string | null; url: string | null; language: string | null }
  userAgent: string | null
  referrer: string | null
}

/** Earlier comments with the same e-mail, author URL host or IP hash, by their current status. */
export type History = { approved: number; spam: number }

/**
 * What the moderation layer found in the database before scoring. The engine itself does no I/O, so anything it
 * needs to know about other comments arrives here.
 */
export type Facts = {
  email: History
  authorHost: History
  ip: History
  /**
   * Comments on this site within the duplicate window with the same text (by anyone, on any other article: the
   * same author's re-post on the same article is refused before scoring) or a near-identical one.
   */
  duplicates: { identical: number; similar: number }
  /** Comments from the same IP or e-mail on this site in the last hour. */
  recentFromSender: number
  /** The form token a browser form carried: how long ago the form was shown, or why it is unusable. */
  formToken: { state: 'absent' } | { state: 'invalid' } | { state: 'valid'; ageMs: number }
}

export const noFacts: Facts = {
  email: { approved: 0, spam: 0 },
  authorHost: { approved: 0, spam: 0 },
  ip: { approved: 0, spam: 0 },
  duplicates: { identical: 0, similar: 0 },
  recentFromSender: 0,
  formToken: { state: 'absent' },
}

export type RuleContext = {
  input: ScoringInput
  /** The content, analysed. */
  text: TextAnalysis
  /** The author's name, analysed the same way. */
  name: TextAnalysis
  facts: Facts
  policy: Policy
}

/**
 * A rule's verdict on one comment. `detail` is the one sentence a moderator reads; `factor` scales the rule's
 * weight for graded rules (3 links weigh more than 1); `floor` is a verdict the comment gets whatever the other
 * rules say: decisive rules (a filled honeypot) set `spam`, holding rules (a site's held terms) `pending`.
 */
export type Finding = { detail: string; factor?: number; floor?: 'pending' | 'spam' }

export type Rule = {
  id: string
  /** Default points when the rule fires (factor 1), from the table in weights.ts. Sites may override it. */
  weight: number
  /** What the rule looks for, for documentation and the policy preview. */
  summary: string
  /**
   * A weak signal that only confirms other evidence (it can never decide alone): it is evaluated only when other
   * rules have already added a point or more, which spares its cost on the ordinary comments that make up most
   * traffic.
   */
  confirmsOnly?: boolean
  evaluate(context: RuleContext): Finding | null
}
