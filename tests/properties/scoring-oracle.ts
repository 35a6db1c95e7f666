import { expect } from 'vitest'
import { analyseText, type TextAnalysis } from '../../src/spam/analysis.js'
import type { Policy } from '../../src/spam/policy.js'
import { ruleIds } from '../../src/spam/rules/catalogue.js'
import type { Assessment } from '../../src/spam/score.js'

/**
 * What the scoring engine must do on any text: answer in bounded time (of CPU), give a finite score and a verdict,
 * and explain itself in well-formed sentences citing known rules.
 */

export const NUM_RUNS = 200
export const TEST_TIMEOUT_MS = 60_000
/** CPU time per call, for texts of at most 20 000 characters (the API's content limit). */
export const CALL_LIMIT_MS = 200

/** Every rule id a reason may carry: the catalogue's, and the two `conclude` adds itself. */
const KNOWN_RULES = new Set<string>([...ruleIds, 'trust-cap', 'moderation-all'])
const VERDICTS = new Set(['approved', 'pending', 'spam'])

/** Storable as PostgreSQL text and jsonb: well-formed UTF-16 and no NUL. */
export const storable = (text: string) => text.isWellFormed() && !text.includes('\u0000')

/** CPU milliseconds `call` took: unlike wall time, not inflated when other processes share the machine. */
export function cpuMs(call: () => unknown): number {
  const before = process.cpuUsage()
  call()
  const used = process.cpuUsage(before)
  return (used.user + used.system) / 1000
}

/** Runs `call` and fails when it took more than CALL_LIMIT_MS of CPU; a throw fails the property as is. */
export function timed<T>(label: string, call: () => T): T {
  let result: T | undefined
  const elapsed = cpuMs(() => {
    result = call()
  })
  if (elapsed > CALL_LIMIT_MS)
    throw new Error(`${label} took ${elapsed.toFixed(0)} ms of CPU (limit ${CALL_LIMIT_MS})`)
  return result as T
}

// The first analysis loads the confusables tables and compiles the patterns: not what the limit is about.
analyseText('Warm-up: саsino https://bit.ly/x <a href="https://x.example">x</a> 👩‍👩‍👧‍👦')

export function expectWellFormedAnalysis(text: TextAnalysis, rawWasStorable: boolean) {
  expect(typeof text.visible).toBe('string')
  expect(Number.isInteger(text.invisible.total) && text.invisible.total >= 0).toBe(true)
  expect(text.invisible.insideWords).toBeLessThanOrEqual(text.invisible.total)
  for (const word of text.words) expect(word.length).toBeGreaterThan(0)
  for (const link of text.links) {
    expect(['url', 'www', 'anchor', 'bbcode']).toContain(link.kind)
    if (link.host !== null) expect(link.host).toBe(link.host.toLowerCase())
  }
  if (rawWasStorable) {
    // the skeleton is sketched and stored for near-duplicates; words become the learned model's tokens.
    for (const derived of [text.visible, text.normalized, text.skeleton, ...text.words]) {
      expect(storable(derived), JSON.stringify(derived)).toBe(true)
    }
  }
}

export function expectSoundAssessment(
  assessment: Assessment,
  policyInForce: Policy,
  inputWasStorable: boolean,
) {
  expect(Number.isFinite(assessment.score)).toBe(true)
  expect(VERDICTS.has(assessment.verdict)).toBe(true)
  expect(typeof assessment.blatant).toBe('boolean')
  for (const reason of assessment.reasons) {
    expect(KNOWN_RULES.has(reason.rule), `unknown rule ${reason.rule}`).toBe(true)
    expect(Number.isFinite(reason.score)).toBe(true)
    expect(reason.detail).toMatch(/\S/)
    // Reasons are stored in a jsonb column: a lone surrogate or a NUL there is a database error (a 500).
    if (inputWasStorable) expect(storable(reason.detail), JSON.stringify(reason.detail)).toBe(true)
  }
  if (inputWasStorable) for (const token of assessment.tokens) expect(storable(token)).toBe(true)
  // The score is the rounded sum of the reasons, and a score at or above `hold` is never approved.
  const sum = assessment.reasons.reduce((total, reason) => total + reason.score, 0)
  expect(Math.abs(assessment.score - Math.round(sum * 100) / 100)).toBeLessThan(1e-9)
  if (assessment.score >= policyInForce.thresholds.hold) expect(assessment.verdict).not.toBe('approved')
}
