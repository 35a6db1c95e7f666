import { desc, eq } from 'drizzle-orm'
import type { Database } from '../db/client.js'
import { type CommentRow, comments, type SiteRow } from '../db/schema.js'
import type { BayesVerdict } from '../spam/bayes/classifier.js'
import { type Policy, type PolicyPatch, resolvePolicy } from '../spam/policy.js'
import { type Facts, noFacts } from '../spam/rules/types.js'
import { type Assessment, conclude, evaluateRules, type Verdict } from '../spam/score.js'
import { scoringInputOf } from './scoring-input.js'

type Replayed = { verdict: Verdict; score: number; rules: string[] }

export type PolicyPreview = {
  replayed: number
  changed: number
  /** "approved→pending": how many comments would move that way. */
  transitions: Record<string, number>
  /** Against what moderators decided: genuine comments (approved by a moderator) the policy marks as spam, and spam it lets through. */
  againstModerators: {
    decided: number
    approvedMarkedSpam: { current: number; candidate: number }
    spamApproved: { current: number; candidate: number }
  }
  examples: {
    id: string
    excerpt: string
    moderatorLabel: 'spam' | 'ham' | null
    current: Replayed
    candidate: Replayed
  }[]
}

const EXAMPLES_PER_TRANSITION = 3

/** A stored comment replayed under a policy with exactly the facts and learned opinion it was scored with. */
function replay(row: CommentRow, policy: Policy): Assessment {
  const stored = (row.facts ?? {}) as Partial<Facts> & { bayes?: BayesVerdict | null }
  const facts: Facts = { ...noFacts, ...stored }
  // The honeypot's content is not kept; its reason is, and says it was filled.
  const honeypot = row.reasons.some((reason) => reason.rule === 'honeypot') ? 'filled' : null
  const input = { ...scoringInputOf(row), honeypot }
  return conclude(evaluateRules(input, facts, policy), stored.bayes ?? null, policy)
}

const summary = (assessment: Assessment): Replayed => ({
  verdict: assessment.verdict,
  score: assessment.score,
  rules: assessment.reasons.map((reason) => reason.rule),
})

/**
 * Replays a site's latest comments under its current policy and under a candidate one, and reports what would
 * change: how many verdicts move and which way, with examples, and how each policy agrees with the moderators.
 */
export async function previewPolicy(
  db: Database,
  site: SiteRow,
  patch: PolicyPatch,
  limit: number,
): Promise<PolicyPreview> {
  const current = resolvePolicy(site.settings)
  const candidate = resolvePolicy({ ...(site.settings as object), ...patch })
  const rows = await db
    .select()
    .from(comments)
    .where(eq(comments.siteId, site.id))
    .orderBy(desc(comments.createdAt), desc(comments.id))
    .limit(limit)
  const report: PolicyPreview = {
    replayed: rows.length,
    changed: 0,
    transitions: {},
    againstModerators: {
      decided: 0,
      approvedMarkedSpam: { current: 0, candidate: 0 },
      spamApproved: { current: 0, candidate: 0 },
    },
    examples: [],
  }
  const shown = new Map<string, number>()
  for (const row of rows) {
    const before = replay(row, current)
    const after = replay(row, candidate)
    const label = row.learnedAs ?? null
    if (label) {
      const tally = report.againstModerators
      tally.decided++
      if (label === 'ham' && before.verdict === 'spam') tally.approvedMarkedSpam.current++
      if (label === 'ham' && after.verdict === 'spam') tally.approvedMarkedSpam.candidate++
      if (label === 'spam' && before.verdict === 'approved') tally.spamApproved.current++
      if (label === 'spam' && after.verdict === 'approved') tally.spamApproved.candidate++
    }
    if (before.verdict === after.verdict) continue
    report.changed++
    const transition = `${before.verdict}→${after.verdict}`
    report.transitions[transition] = (report.transitions[transition] ?? 0) + 1
    if ((shown.get(transition) ?? 0) < EXAMPLES_PER_TRANSITION) {
      shown.set(transition, (shown.get(transition) ?? 0) + 1)
      report.examples.push({
        id: row.id,
        excerpt: [...row.content].slice(0, 140).join(''),
        moderatorLabel: label,
        current: summary(before),
        candidate: summary(after),
      })
    }
  }
  return report
}
