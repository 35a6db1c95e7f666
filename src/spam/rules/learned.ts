import type { BayesVerdict } from '../bayes/classifier.js'
import { defaultWeights } from './weights.js'

/**
 * Points for the learned probability, after SpamAssassin's BAYES_* score set: strong ham evidence takes points
 * off, strong spam evidence adds them, the unsure middle adds nothing. Unlike SpamAssassin's (at most 3.8), a
 * mature model at 0.99 or more marks spam on its own: comment spam rarely sets off a rule ("subscribe to my
 * channel", "check out my song"), and what moderators marked is the evidence a site trusts most.
 *
 * Fitted by cross-validation on the training files only (learn from three of Youtube01–04 and the newsroom file,
 * judge the fourth; `npm run eval`), never on the held-out Youtube05. There, 0.99 or more held 684 spam and 1
 * genuine comment; 0.7 to 0.8, 14 spam and 56 genuine ones (held: worth a moderator's look, never spam alone).
 * With the classifier's constants of ../bayes/parameters.ts, against the former bands (0.999 for 5 points, 0.8 for
 * 2) and constants: accuracy 0.929 → 0.940, spam caught 96.9 → 97.7 %, genuine comments marked spam 5 → 4 of
 * 752, held 126 → 128. `npx tsx bench/eval-calibrate.ts` replays the fit.
 */
export const learnedBands: readonly { from: number; points: number; label: string }[] = [
  // Only a mature model says this with full points (immature points are halved): enough on its own to mark spam.
  { from: 0.99, points: 5, label: 'almost certainly spam' },
  { from: 0.95, points: 3.5, label: 'very likely spam' },
  { from: 0.7, points: 2, label: 'likely spam' },
  { from: 0.6, points: 1, label: 'leans towards spam' },
  { from: 0.4, points: 0, label: 'unsure' },
  { from: 0.05, points: 0, label: 'leans towards a genuine comment' },
  { from: 0.01, points: -0.5, label: 'likely a genuine comment' },
  { from: 0, points: -1.5, label: 'very likely a genuine comment' },
]

/**
 * Below this probability the model's opinion holds a comment but never marks it spam by itself, whatever the
 * rules add: "likely spam" (70–95 %) is where a model trained on other readers (another site's, the server's
 * YouTube-like traffic) puts a news reader who writes about scams, casinos or Viagra. On the training files'
 * cross-validation, 16 of 811 spam were held instead of marked spam, and 3 of the 4 genuine comments marked
 * spam were held instead; on 284 genuine news comments judged by a model trained on those files, 17 of the 39
 * marked spam were held instead.
 */
export const DECISIVE_PROBABILITY = 0.95

/** How many times its own points the learned model may be given: 0 silences it. */
export const MAX_LEARNED_MULTIPLIER = 3

const bandPoints = learnedBands.map((band) => band.points)

/** The learned model as `GET /v1/rules` lists it: its `weight` multiplies its points instead of replacing them. */
export const learnedRule = {
  id: 'learned',
  weight: defaultWeights.learned,
  summary:
    "What this site's moderators (until they have decided enough, the whole server's) taught the learned model, " +
    `from ${Math.min(...bandPoints)} points (very likely genuine) to ${Math.max(...bandPoints)} (almost certainly ` +
    `spam). Its weight multiplies those points: 0 silences it, at most ${MAX_LEARNED_MULTIPLIER}.`,
}

const tokenLabels: Record<string, (value: string) => string> = {
  'b:': (pair) => `“${pair}”`,
  'u:': (host) => `links to ${host}`,
  'a:': (host) => `author site ${host}`,
  'e:': (domain) => `e-mail at ${domain}`,
  'n:': (word) => `name “${word}”`,
  'r:': (rule) => `rule ${rule}`,
  'l:': (count) =>
    count === '0' ? 'no link' : `${count === '3' ? '3 or more' : count} link${count === '1' ? '' : 's'}`,
}

/** A token as a moderator reads it: words quoted, the prefixed tokens (hosts, e-mail domain, rules) spelled out. */
function describeToken(token: string): string {
  const label = tokenLabels[token.slice(0, 2)]
  return label ? label(token.slice(2)) : `“${token}”`
}

/**
 * Rounded down, never up: every band starts at a round percentage, and a probability just under one (0.9896, in
 * the band below 0.99) shown as "99 %" would contradict the points it got. The last digit absorbs float error.
 */
function percent(p: number): string {
  const decimals = p > 0.99 || p < 0.01 ? 1 : 0
  const scale = 10 ** decimals
  return `${(Math.floor(p * 100 * scale + 1e-9) / scale).toFixed(decimals)} %`
}

/**
 * The learned model's reason: its points (halved until it has seen four times the minimum of each class, as
 * SpamAssassin does before it trusts its Bayes fully) and a sentence naming the words that weighed most.
 */
export function learnedReason(verdict: BayesVerdict, minMessages: number, weight: number) {
  const band =
    learnedBands.find((entry) => verdict.probability >= entry.from) ?? learnedBands[learnedBands.length - 1]
  if (!band) return null
  const mature = Math.min(verdict.trainedOn.spam, verdict.trainedOn.ham) >= 4 * minMessages
  const points = band.points * weight * (mature ? 1 : 0.5)
  if (points === 0) return null
  const evidence = (points > 0 ? verdict.spammiest : verdict.hammiest)
    .slice(0, 3)
    .map((entry) => describeToken(entry.token))
    .join(', ')
  const learnedFrom =
    verdict.source === 'site' ? "this site's moderators" : "moderators' decisions on this server"
  return {
    points,
    detail:
      `Learned from ${learnedFrom} (${verdict.trainedOn.spam} spam, ${verdict.trainedOn.ham} approved): ` +
      `${band.label} (${percent(verdict.probability)})${evidence ? `, mostly because of ${evidence}` : ''}.`,
  }
}
