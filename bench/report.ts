/**
 * Turns verdicts into the figures issue 3 asks for, and prints them. A comment is right when spam ends as `spam`
 * and ham as anything but `spam`; holding spam for a moderator is "caught" but not "right".
 */
import type { Label } from './datasets.js'

export type Status = 'approved' | 'pending' | 'spam' | 'refused'

/** One verdict, reduced to what the figures need (it crosses a process boundary, so it stays small). */
export type Verdict = {
  id: string
  source: string
  label: Label
  status: Status
  score: number
  rules: { rule: string; score: number }[]
  excerpt: string
}

export type RuleStat = {
  rule: string
  hits: number
  spam: number
  ham: number
  precision: number
  hamExamples: string[]
}

export type Summary = {
  n: number
  spam: number
  ham: number
  /** 409s: the same author re-posting the same text on the same article; not judged, so not counted in n. */
  refused: { spam: number; ham: number }
  accuracy: number
  spamCaught: number
  spamFlagged: number
  hamApproved: number
  hamMarkedSpam: { count: number; rate: number }
  rules: RuleStat[]
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole)

/** Rules that take points off (trust, learned ham evidence) are counted apart from the same rule adding points. */
const ruleKey = (rule: { rule: string; score: number }) => (rule.score < 0 ? `${rule.rule} (−)` : rule.rule)

export function summarize(verdicts: readonly Verdict[]): Summary {
  const judged = verdicts.filter((v) => v.status !== 'refused')
  const spam = judged.filter((v) => v.label === 'spam')
  const ham = judged.filter((v) => v.label === 'ham')
  const count = (list: Verdict[], ...statuses: Status[]) =>
    list.filter((v) => statuses.includes(v.status)).length
  const right = count(spam, 'spam') + (ham.length - count(ham, 'spam'))
  const rules = new Map<string, RuleStat>()
  for (const verdict of judged) {
    for (const key of new Set(verdict.rules.map(ruleKey))) {
      const stat = rules.get(key) ?? { rule: key, hits: 0, spam: 0, ham: 0, precision: 0, hamExamples: [] }
      stat.hits++
      stat[verdict.label]++
      if (verdict.label === 'ham' && stat.hamExamples.length < 3) {
        stat.hamExamples.push(`${verdict.id}: ${verdict.excerpt}`)
      }
      rules.set(key, stat)
    }
  }
  for (const stat of rules.values()) stat.precision = share(stat.spam, stat.hits)
  return {
    n: judged.length,
    spam: spam.length,
    ham: ham.length,
    refused: {
      spam: verdicts.filter((v) => v.status === 'refused' && v.label === 'spam').length,
      ham: verdicts.filter((v) => v.status === 'refused' && v.label === 'ham').length,
    },
    accuracy: share(right, judged.length),
    spamCaught: share(count(spam, 'pending', 'spam'), spam.length),
    spamFlagged: share(count(spam, 'spam'), spam.length),
    hamApproved: share(count(ham, 'approved'), ham.length),
    hamMarkedSpam: { count: count(ham, 'spam'), rate: share(count(ham, 'spam'), ham.length) },
    rules: [...rules.values()].sort((a, b) => b.hits - a.hits || a.rule.localeCompare(b.rule)),
  }
}

/** A policy to replay: the two thresholds, and factors on the points of some rules (`learned: 1.5`). */
export type Candidate = { hold: number; spam: number; scale?: Record<string, number> }

export type ReplayRow = Candidate & {
  hamMarkedSpam: number
  spamFlagged: number
  accuracy: number
  spamCaught: number
  hamHeld: number
}

/**
 * What other thresholds and rule weights would have decided, from the final scores and reasons. Exact for the
 * spam band except for comments whose only reasons are holding rules (they never add up to spam; those found
 * held above the spam threshold stay held, those below it are not recognised), and for the hold band as long as
 * a comment held above the old hold threshold was held for its score, not by a holding rule. A scaled rule's
 * points are not re-capped by the trust cap.
 */
export function replayPolicies(
  verdicts: readonly Verdict[],
  current: { hold: number; spam: number },
  candidates: readonly Candidate[],
): ReplayRow[] {
  const judged = verdicts.filter((v) => v.status !== 'refused')
  return candidates.map((candidate) => {
    const score = (v: Verdict) =>
      v.score + v.rules.reduce((sum, r) => sum + ((candidate.scale?.[r.rule] ?? 1) - 1) * r.score, 0)
    // Held at or above the spam threshold: only rules that hold fired, and they never add up to spam.
    const onlyHolding = (v: Verdict) => v.status === 'pending' && v.score >= current.spam
    const isSpam = (v: Verdict) =>
      (score(v) >= candidate.spam && !onlyHolding(v)) || (v.status === 'spam' && v.score < current.spam)
    const isHeld = (v: Verdict) =>
      isSpam(v) || score(v) >= candidate.hold || (v.status === 'pending' && v.score < current.hold)
    const spam = judged.filter((v) => v.label === 'spam')
    const ham = judged.filter((v) => v.label === 'ham')
    const hamSpam = ham.filter(isSpam).length
    return {
      ...candidate,
      hamMarkedSpam: share(hamSpam, ham.length),
      spamFlagged: share(spam.filter(isSpam).length, spam.length),
      accuracy: share(spam.filter(isSpam).length + ham.length - hamSpam, judged.length),
      spamCaught: share(spam.filter(isHeld).length, spam.length),
      hamHeld: share(ham.filter((v) => isHeld(v) && !isSpam(v)).length, ham.length),
    }
  })
}

export const pct = (value: number) => `${(value * 100).toFixed(1)} %`
export const ratio = (value: number) => value.toFixed(3)

/** Left-aligned first column, right-aligned others, two spaces apart. */
export function table(rows: readonly (readonly string[])[], indent = '  '): string {
  const widths: number[] = []
  for (const row of rows) {
    for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, [...cell].length)
  }
  const line = (row: readonly string[]) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ')
  return rows.map((row) => `${indent}${line(row).trimEnd()}`).join('\n')
}

export type Target = { metric: string; goal: string; met: boolean }

/** The headline figures of a set, with the target and PASS/MISS beside those that have one. */
export function figuresTable(summary: Summary, targets: Partial<Record<keyof Summary, Target>> = {}): string {
  const mark = (key: keyof Summary) => {
    const target = targets[key]
    return target ? [target.goal, target.met ? 'PASS' : 'MISS'] : ['', '']
  }
  const { n, spam, ham, refused, hamMarkedSpam } = summary
  return table([
    ['figure', 'value', 'target', ''],
    ['comments (spam / ham)', `${n} (${spam} / ${ham})`, '', ''],
    ...(refused.spam + refused.ham > 0
      ? [['refused as re-posts (409, not in n)', `${refused.spam} spam, ${refused.ham} ham`, '', '']]
      : []),
    ['accuracy', ratio(summary.accuracy), ...mark('accuracy')],
    ['spam caught (held or spam)', pct(summary.spamCaught), ...mark('spamCaught')],
    ['spam auto-flagged (spam verdict)', pct(summary.spamFlagged), ...mark('spamFlagged')],
    ['ham auto-approved', pct(summary.hamApproved), ...mark('hamApproved')],
    ['ham marked spam', `${hamMarkedSpam.count} (${pct(hamMarkedSpam.rate)})`, ...mark('hamMarkedSpam')],
  ])
}

export function rulesTable(summary: Summary, withExamples = false): string {
  if (summary.rules.length === 0) return '  (no rule fired)'
  const rows = summary.rules.map((r) => [
    r.rule,
    String(r.hits),
    String(r.spam),
    String(r.ham),
    pct(r.precision),
  ])
  const text = table([['rule', 'hits', 'on spam', 'on ham', 'precision'], ...rows])
  if (!withExamples) return text
  const examples = summary.rules
    .filter((r) => r.ham > 0 && !r.rule.endsWith('(−)'))
    .flatMap((r) => r.hamExamples.slice(0, 2).map((example) => `    ${r.rule} on ham  ${example}`))
  return examples.length > 0 ? `${text}\n  Ham that set off a rule (examples):\n${examples.join('\n')}` : text
}

export function replayTable(rows: readonly ReplayRow[]): string {
  const scales = (row: ReplayRow) =>
    Object.entries(row.scale ?? {})
      .map(([rule, factor]) => `${rule} ×${factor}`)
      .join(', ') || '—'
  return table([
    ['hold / spam at', 'weights', 'ham marked spam', 'spam flagged', 'accuracy', 'spam caught', 'ham held'],
    ...rows.map((r) => [
      `${r.hold} / ${r.spam}`,
      scales(r),
      pct(r.hamMarkedSpam),
      pct(r.spamFlagged),
      ratio(r.accuracy),
      pct(r.spamCaught),
      pct(r.hamHeld),
    ]),
  ])
}
