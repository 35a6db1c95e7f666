import { performance } from 'node:perf_hooks'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { and, desc, eq, isNull } from 'drizzle-orm'
import type { Database } from '../db/client.js'
import { type CommentRow, comments, type SiteRow } from '../db/schema.js'
import type { BayesVerdict } from '../spam/bayes/classifier.js'
import { type Policy, type PolicyPatch, patchedOverrides, resolvePolicy } from '../spam/policy.js'
import { type Facts, noFacts } from '../spam/rules/types.js'
import { type Assessment, conclude, evaluateRules, type Verdict } from '../spam/score.js'
import { scoringInputOf } from './scoring-input.js'
import { approvedBy, siteApprovalIn } from './site-approval.js'

type Replayed = { verdict: Verdict; score: number; rules: string[] }

/** The most comments one preview replays: each costs two runs of every rule over up to 20 000 characters. */
export const MAX_PREVIEW_COMMENTS = 500
/**
 * The replay hands the event loop back after this many comments, or this long, whichever comes first, so intake
 * and other requests go on being served meanwhile (a comment of 20 000 characters takes milliseconds to replay).
 */
const REPLAYS_PER_TURN = 25
const TURN_MS = 10
/** Past this much time a preview stops and answers with what it replayed (`replayed`, `truncated`). */
export const PREVIEW_BUDGET_MS = 2_000

export type PolicyPreview = {
  /** How many comments were replayed: fewer than asked for when the site has fewer, or the time ran out. */
  replayed: number
  /** Whether the time budget ran out before every comment read was replayed. */
  truncated: boolean
  /** The candidate's changes that the replay does not show (NOT_REPLAYED). */
  notReplayed: (typeof NOT_REPLAYED)[number][]
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

/**
 * Settings whose effect a replay cannot show: they act on what intake counted or refused as the comment came in
 * (the copies within the duplicate window, the sender's pace: a 429 leaves no comment to replay), or, for a lower
 * minimum of learned messages, on whether the model had an opinion then, which was stored or not. The replay keeps those facts as they were; a preview that
 * changes these says so rather than reading as "no effect".
 */
export const NOT_REPLAYED = ['duplicateWindowHours', 'floodIntervalSeconds', 'learningMinMessages'] as const

/**
 * What a replay reads of a comment, and nothing more: a page of full rows (learned tokens, sketches, IP…) cost
 * as much to read as the replay itself. `scoringInputOf` reads only these columns of the row it is given.
 */
const replayedColumns = {
  id: comments.id,
  content: comments.content,
  authorName: comments.authorName,
  authorEmail: comments.authorEmail,
  authorUrl: comments.authorUrl,
  articleTitle: comments.articleTitle,
  articleUrl: comments.articleUrl,
  articleLanguage: comments.articleLanguage,
  userAgent: comments.userAgent,
  referrer: comments.referrer,
  reasons: comments.reasons,
  facts: comments.facts,
  learnedAs: comments.learnedAs,
}
type ReplayedRow = Pick<CommentRow, keyof typeof replayedColumns>

/**
 * The model's verdict as intake would use it under `policy`: none while the corpus it came from has fewer than
 * `learningMinMessages` of either class (classifier.ts). A stored verdict cannot say what a lower minimum would
 * have given, nor whether the server's corpus would speak once a site's own falls short.
 */
function trustedUnder(bayes: BayesVerdict | null | undefined, policy: Policy): BayesVerdict | null {
  if (!bayes) return null
  const { spam, ham } = bayes.trainedOn
  return Math.min(spam, ham) >= policy.learningMinMessages ? bayes : null
}

/** A stored comment replayed under a policy with exactly the facts and learned opinion it was scored with. */
function replay(row: ReplayedRow, policy: Policy): Assessment {
  const { bayes, honeypotFilled, ...stored } = (row.facts ?? {}) as Partial<Facts> & {
    bayes?: BayesVerdict | null
    honeypotFilled?: boolean
  }
  const facts: Facts = { ...noFacts, ...stored }
  // The honeypot's content is not kept: intake records whether it was filled, and before it did (honeypotFilled
  // absent), the reason said so, unless the site weighed the honeypot 0 then.
  const filled = honeypotFilled ?? row.reasons.some((reason) => reason.rule === 'honeypot')
  const honeypot = filled ? 'filled' : null
  const input = { ...scoringInputOf(row as CommentRow), honeypot }
  const assessment = conclude(evaluateRules(input, facts, policy), trustedUnder(bayes, policy), policy)
  // Intake approves a site administrator's comment whatever the policy says (Akismet's user_role), and so would again.
  const approval = siteApprovalIn(row.reasons)
  return approval ? approvedBy(assessment, approval) : assessment
}

const summary = (assessment: Assessment): Replayed => ({
  verdict: assessment.verdict,
  score: assessment.score,
  rules: assessment.reasons.map((reason) => reason.rule),
})

/**
 * Replays a site's latest comments (at most `MAX_PREVIEW_COMMENTS`) under its current policy and under a candidate
 * one, and reports what would change: how many verdicts move and which way, with examples, and how each policy
 * agrees with the moderators. The replay is synchronous work: it gives the event loop back every few comments, and
 * stops once `budgetMs` have passed, saying how many it replayed.
 */
export async function previewPolicy(
  db: Database,
  site: SiteRow,
  patch: PolicyPatch,
  limit: number,
  {
    budgetMs = PREVIEW_BUDGET_MS,
    maxComments = MAX_PREVIEW_COMMENTS,
  }: { budgetMs?: number; maxComments?: number } = {},
): Promise<PolicyPreview> {
  const started = performance.now()
  const current = resolvePolicy(site.settings)
  const candidate = resolvePolicy(patchedOverrides(site.settings, patch))
  // One more than the cap, when more were asked for, tells a site with more comments from one with exactly as many.
  const read = await db
    .select(replayedColumns)
    .from(comments)
    // What erasure leaves ("[erased]", no facts) is not the comment intake scored, and can never be decided again.
    .where(and(eq(comments.siteId, site.id), isNull(comments.erasedAt)))
    .orderBy(desc(comments.createdAt), desc(comments.id))
    .limit(Math.min(limit, maxComments + 1))
  const rows = read.slice(0, maxComments)
  const report: PolicyPreview = {
    replayed: 0,
    // Asked for more than one preview replays (and the site has them): the answer covers the latest only.
    truncated: read.length > maxComments,
    notReplayed: NOT_REPLAYED.filter((setting) =>
      // A higher minimum is replayed (what each opinion was trained on is stored); a lower one cannot be.
      setting === 'learningMinMessages'
        ? candidate[setting] < current[setting]
        : candidate[setting] !== current[setting],
    ),
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
  let turn = { started: performance.now(), replayed: 0 }
  for (const row of rows) {
    if (turn.replayed >= REPLAYS_PER_TURN || performance.now() - turn.started >= TURN_MS) {
      if (performance.now() - started >= budgetMs) {
        report.truncated = true
        break
      }
      await nextTurn()
      turn = { started: performance.now(), replayed: 0 }
    }
    turn.replayed++
    report.replayed++
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
