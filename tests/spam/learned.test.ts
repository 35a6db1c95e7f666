import { describe, expect, it } from 'vitest'
import type { BayesVerdict } from '../../src/spam/bayes/classifier.js'
import { defaultPolicy, type Policy } from '../../src/spam/policy.js'
import { learnedReason } from '../../src/spam/rules/learned.js'
import { noFacts, type ScoringInput } from '../../src/spam/rules/types.js'
import { conclude, evaluateRules } from '../../src/spam/score.js'

const MIN = defaultPolicy.learningMinMessages
const verdictOf = (probability: number, trained = 4 * MIN): BayesVerdict => ({
  probability,
  source: 'site',
  trainedOn: { spam: trained, ham: trained },
  tokensUsed: 6,
  spammiest: [
    { token: 'b:my channel', probability: 0.99 },
    { token: 'subscribe', probability: 0.98 },
  ],
  hammiest: [{ token: 'article', probability: 0.05 }],
})

// A comment no rule has anything against: whatever it ends as is the learned model's doing.
const plain: ScoringInput = {
  content: 'Nice one, see you all tomorrow',
  author: { name: 'Alex', email: null, url: null },
  honeypot: null,
  article: { title: null, url: null, language: null },
  userAgent: null,
  referrer: null,
}
const policy = (overrides: Partial<Policy> = {}): Policy => ({ ...defaultPolicy, ...overrides })
const verdictFor = (probability: number, trained?: number, settings: Partial<Policy> = {}) => {
  const draft = evaluateRules(plain, noFacts, policy(settings))
  expect(draft.reasons).toEqual([])
  return conclude(draft, verdictOf(probability, trained), policy(settings))
}

describe('the learned reason', () => {
  it('marks spam on its own once a mature model is almost certain', () => {
    const assessment = verdictFor(0.995)
    expect(assessment.verdict).toBe('spam')
    expect(assessment.reasons).toHaveLength(1)
    expect(assessment.reasons[0]?.detail).toMatch(
      /almost certainly spam \(99\.5 %\), mostly because of “my channel”/,
    )
  })

  it('only holds for a model that has not yet seen four times the minimum of each class', () => {
    expect(verdictFor(0.995, 2 * MIN).verdict).toBe('pending')
  })

  it('holds what is likely spam, and leaves the unsure middle without a reason', () => {
    expect(verdictFor(0.75).verdict).toBe('pending')
    expect(verdictFor(0.97).verdict).toBe('pending')
    const unsure = verdictFor(0.5)
    expect(unsure).toMatchObject({ verdict: 'approved', reasons: [] })
  })

  it('takes points off on strong ham evidence, naming the genuine-looking tokens', () => {
    const reason = learnedReason(verdictOf(0.001), MIN, 1)
    expect(reason?.points).toBeLessThan(0)
    expect(reason?.detail).toContain('“article”')
  })

  it.each([
    [0.9896, 'very likely spam (98 %)'],
    [0.9904, 'almost certainly spam (99.0 %)'],
    [0.6996, 'leans towards spam (69 %)'],
    [0.7004, 'likely spam (70 %)'],
    [0.0099, 'very likely a genuine comment (0.9 %)'],
    [0.0101, 'likely a genuine comment (1 %)'],
  ])('shows %s as a percentage inside the band whose points it gets: %s', (probability, shown) => {
    expect(learnedReason(verdictOf(probability), MIN, 1)?.detail).toContain(shown)
  })

  it('never gives fewer points to a higher probability', () => {
    const probabilities = Array.from({ length: 1001 }, (_, i) => i / 1000)
    const points = probabilities.map((p) => learnedReason(verdictOf(p), MIN, 1)?.points ?? 0)
    for (let i = 1; i < points.length; i++) expect(points[i]).toBeGreaterThanOrEqual(points[i - 1] as number)
  })

  it("lets a site's weight scale the reason, or turn it off", () => {
    const full = learnedReason(verdictOf(0.995), MIN, 1)?.points ?? 0
    expect(learnedReason(verdictOf(0.995), MIN, 0.5)?.points).toBe(full / 2)
    expect(learnedReason(verdictOf(0.995), MIN, 0)).toBeNull()
    expect(verdictFor(0.995, undefined, { weights: { learned: 0.5 } }).verdict).toBe('pending')
    expect(verdictFor(0.995, undefined, { thresholds: { hold: 2, spam: 8 } }).verdict).toBe('pending')
  })
})

describe('a "likely spam" learned opinion (under 95 %)', () => {
  // A reader's comment on a subject spam also uses, held by the rules (3 points): the model trained elsewhere
  // (another site's readers, YouTube) finds it "likely spam".
  const held: ScoringInput = {
    ...plain,
    content:
      "Le documentaire d'Arte sur Navalny est en streaming gratuit jusqu'au 30 juin, vous devriez le regarder.",
  }
  const assess = (probability: number, settings: Partial<Policy> = {}) => {
    const draft = evaluateRules(held, noFacts, policy(settings))
    expect(draft.reasons.map((reason) => reason.rule)).toEqual(['spam-phrases'])
    return conclude(draft, verdictOf(probability), policy(settings))
  }

  it('holds a comment the rules hold, never marks it spam by itself', () => {
    const assessment = assess(0.8)
    expect(assessment.score).toBe(5)
    expect(assessment.verdict).toBe('pending')
    expect(assessment.reasons.find((reason) => reason.rule === 'learned')?.detail).toContain(
      'not enough to mark it spam',
    )
  })

  it('holds even when a site multiplies its points', () => {
    expect(verdictFor(0.8, undefined, { weights: { learned: 3 } }).verdict).toBe('pending')
  })

  it('still adds to rules that mark spam by themselves, and a very likely opinion still decides', () => {
    expect(assess(0.96).verdict).toBe('spam')
    expect(assess(0.995).verdict).toBe('spam')
  })
})
