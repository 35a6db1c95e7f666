import type { BayesVerdict } from '../bayes/classifier.js'

/**
 * Points for the learned probability, after SpamAssassin's BAYES_* score set: strong ham evidence takes points
 * off, strong spam evidence adds them, the unsure middle adds nothing.
 */
const bands: { from: number; points: number; label: string }[] = [
  // Only a mature model says this (immature points are halved): enough on its own to mark spam.
  { from: 0.999, points: 5, label: 'almost certainly spam' },
  { from: 0.99, points: 3.5, label: 'very likely spam' },
  { from: 0.95, points: 3, label: 'likely spam' },
  { from: 0.8, points: 2, label: 'leans towards spam' },
  { from: 0.6, points: 1, label: 'leans slightly towards spam' },
  { from: 0.4, points: 0, label: 'unsure' },
  { from: 0.05, points: 0, label: 'leans towards a genuine comment' },
  { from: 0.01, points: -0.5, label: 'likely a genuine comment' },
  { from: 0, points: -1.5, label: 'very likely a genuine comment' },
]

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

const percent = (p: number) => `${(p * 100).toFixed(p > 0.99 || p < 0.01 ? 1 : 0)} %`

/**
 * The learned model's reason: its points (halved until it has seen four times the minimum of each class, as
 * SpamAssassin does before it trusts its Bayes fully) and a sentence naming the words that weighed most.
 */
export function learnedReason(verdict: BayesVerdict, minMessages: number, weight: number) {
  const band = bands.find((entry) => verdict.probability >= entry.from) ?? bands[bands.length - 1]
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
