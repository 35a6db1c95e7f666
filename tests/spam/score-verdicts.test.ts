import { describe, expect, it } from 'vitest'
import type { BayesVerdict } from '../../src/spam/bayes/classifier.js'
import { defaultPolicy } from '../../src/spam/policy.js'
import { type Facts, noFacts } from '../../src/spam/rules/types.js'
import { assessComment, conclude, evaluateRules } from '../../src/spam/score.js'
import { input, policy, regular, ruleIds, twoLinks, weightOf } from './scoring.js'

/** How rules add up to a verdict: trust, moderation of every comment, the thresholds, and the reasons given. */

describe('assessComment', () => {
  describe('trust', () => {
    it('lowers the score of an author with an approved comment and says why', () => {
      const assessment = assessComment(input(), regular, defaultPolicy)
      expect(assessment).toMatchObject({ verdict: 'approved', score: weightOf('trusted-author') })
      expect(ruleIds(assessment)).toEqual(['trusted-author'])
      expect(weightOf('trusted-author')).toBeLessThan(0)
    })

    it.each([
      ['a filled honeypot', input({ honeypot: 'x' }), policy(), 'spam'],
      ['a blocked term', input({ content: 'casino' }), policy({ blockedTerms: ['casino'] }), 'spam'],
      ['a held term', input({ content: 'crypto' }), policy({ heldTerms: ['crypto'] }), 'pending'],
      ['too many links', input({ content: twoLinks }), policy(), 'pending'],
    ] as const)('never lowers the verdict set by %s', (_, scored, rulePolicy, verdict) => {
      const stranger = assessComment(scored, noFacts, rulePolicy)
      const trusted = assessComment(scored, regular, rulePolicy)
      expect(stranger.verdict).toBe(verdict)
      expect(trusted.verdict).toBe(verdict)
      expect(trusted.score).toBe(stranger.score + weightOf('trusted-author'))
    })

    it.each([
      ['honeypot', input({ honeypot: 'x' }), policy()],
      ['blocked-term', input({ content: 'casino' }), policy({ blockedTerms: ['casino'] })],
      ['held-term', input({ content: 'crypto' }), policy({ heldTerms: ['crypto'] })],
      ['links', input({ content: twoLinks }), policy()],
    ] as const)(
      'lets a weight of 0 turn %s off, the verdict it forces with it',
      (rule, scored, rulePolicy) => {
        // Browser autofill filling a honeypot is why a site switches it off: its readers must not stay spam.
        const off = assessComment(scored, noFacts, { ...rulePolicy, weights: { [rule]: 0 } })
        expect(off).toMatchObject({ verdict: 'approved', score: 0, reasons: [], blatant: false })
      },
    )

    it("never makes a trusted author's held comment spam where a stranger's is only held, under any cap", () => {
      const pressLinks = `Sur Zemmour, voir ${[1, 2, 3, 4].map((n) => `https://presse${n}.example/a`).join(' ')}`
      for (const trustCap of [0, 2]) {
        const rulePolicy = policy({ heldTerms: ['Zemmour'], trustCap })
        expect(assessComment(input({ content: pressLinks }), noFacts, rulePolicy).verdict).toBe('pending')
        expect(assessComment(input({ content: pressLinks }), regular, rulePolicy).verdict).toBe('pending')
      }
    })

    it("takes off at most the policy's trustCap, and says so", () => {
      const veteran: Facts = { ...noFacts, email: { approved: 10, spam: 0 } }
      const assessment = assessComment(input(), veteran, policy({ trustCap: 2 }))
      expect(assessment.score).toBe(-2)
      expect(ruleIds(assessment)).toEqual(['trusted-author', 'trust-cap'])
      expect(assessment.reasons[1]?.detail).toBe('Trust can take off at most 2 points on this site.')
    })
  })

  describe("moderation 'all'", () => {
    const holdAll = policy({ moderation: 'all' })

    it('holds an otherwise approved comment and says why', () => {
      expect(assessComment(input(), noFacts, holdAll)).toMatchObject({
        verdict: 'pending',
        score: 0,
        reasons: [
          { rule: 'moderation-all', score: 0, detail: 'This site holds every comment for a moderator.' },
        ],
      })
    })

    it('holds a trusted author too', () => {
      const assessment = assessComment(input(), regular, holdAll)
      expect(assessment.verdict).toBe('pending')
      expect(ruleIds(assessment)).toEqual(['trusted-author', 'moderation-all'])
    })

    it('keeps spam as spam', () => {
      const assessment = assessComment(input({ honeypot: 'x' }), noFacts, holdAll)
      expect(assessment.verdict).toBe('spam')
      expect(ruleIds(assessment)).toEqual(['honeypot'])
    })

    it('keeps a held comment pending with the reason that held it', () => {
      const assessment = assessComment(input({ content: twoLinks }), noFacts, holdAll)
      expect(assessment.verdict).toBe('pending')
      expect(ruleIds(assessment)).toEqual(['links'])
    })
  })

  describe('thresholds', () => {
    // "Best online casino bonus" weighs exactly the spam-phrases weight, with no floor.
    const phrase = input({ content: 'Best online casino bonus here' })
    const points = weightOf('spam-phrases')

    it('has the SpamAssassin scale by default: under 2 approve, 2 to 5 hold, 5 and more spam', () => {
      expect(defaultPolicy.thresholds).toEqual({ hold: 2, spam: 5 })
    })

    it.each([
      ['below the hold threshold', { hold: points + 0.5, spam: 10 }, phrase, noFacts, 'approved'],
      ['at the hold threshold', { hold: points, spam: 10 }, phrase, noFacts, 'pending'],
      ['at the spam threshold', { hold: 1, spam: points }, phrase, noFacts, 'spam'],
      ['above the spam threshold', { hold: 1, spam: points - 1 }, phrase, noFacts, 'spam'],
      ['a negative score at a negative hold threshold', { hold: -4, spam: 10 }, input(), regular, 'pending'],
      [
        'a negative score just below the hold threshold',
        { hold: -3, spam: 10 },
        input(),
        regular,
        'approved',
      ],
      ['a score of 0 with a hold threshold of 0', { hold: 0, spam: 100 }, input(), noFacts, 'pending'],
    ] as const)('bands the score: %s', (_, thresholds, scored, facts, verdict) => {
      expect(assessComment(scored, facts, policy({ thresholds })).verdict).toBe(verdict)
    })

    it('keeps a decisive rule decisive and a holding rule holding when thresholds are out of reach', () => {
      const lenient = policy({ thresholds: { hold: 50, spam: 100 }, blockedTerms: ['casino'] })
      expect(assessComment(input({ honeypot: 'x' }), noFacts, lenient).verdict).toBe('spam')
      expect(assessComment(input({ content: 'casino' }), noFacts, lenient).verdict).toBe('spam')
      expect(assessComment(input({ content: twoLinks }), noFacts, lenient).verdict).toBe('pending')
    })

    it('takes a weight from the policy instead of the default, per rule', () => {
      const assessment = assessComment(phrase, noFacts, policy({ weights: { 'spam-phrases': 6 } }))
      expect(assessment).toMatchObject({ verdict: 'spam', score: 6 })
    })

    it('calls a score of three times the spam threshold blatant', () => {
      const loud = input({
        content: 'Free spins! Buy viagra 100mg! WhatsApp +1 (929) 555-0134. Check out my channel',
        author: { name: 'Casino' },
      })
      const assessment = assessComment(loud, noFacts, policy({ thresholds: { hold: 1, spam: 2 } }))
      expect(assessment.score).toBeGreaterThanOrEqual(6)
      expect(assessment.blatant).toBe(true)
    })
  })

  it('explains every rule with a rule id, a numeric score and a sentence, and the score is their sum', () => {
    const everything = assessComment(
      input({ content: `casino crypto ${twoLinks} free spins`, honeypot: 'x' }),
      regular,
      policy({ blockedTerms: ['casino'], heldTerms: ['crypto'] }),
    )
    const heldForAll = assessComment(input(), noFacts, policy({ moderation: 'all' }))
    const reasons = [...everything.reasons, ...heldForAll.reasons]
    expect(reasons.map((reason) => reason.rule)).toEqual([
      'honeypot',
      'blocked-term',
      'held-term',
      'links',
      'spam-phrases',
      'trusted-author',
      'moderation-all',
    ])
    for (const reason of reasons) {
      expect(reason.rule).toMatch(/^[a-z]+(-[a-z]+)*$/)
      expect(Number.isFinite(reason.score)).toBe(true)
      expect(reason.detail).toMatch(/^\p{Lu}.{10,}\.$/u)
    }
    expect(everything.score).toBe(everything.reasons.reduce((sum, reason) => sum + reason.score, 0))
  })

  it('adds what the learned model says, as one more explained reason', () => {
    const verdict: BayesVerdict = {
      probability: 0.999,
      source: 'site',
      trainedOn: { spam: 400, ham: 400 },
      tokensUsed: 12,
      spammiest: [{ token: 'casino', probability: 0.99 }],
      hammiest: [],
    }
    const draft = evaluateRules(input({ content: 'Best online casino bonus here' }), noFacts, defaultPolicy)
    const assessment = conclude(draft, verdict, defaultPolicy)
    expect(ruleIds(assessment)).toEqual(['spam-phrases', 'learned'])
    expect(assessment.reasons[1]?.detail).toContain('“casino”')
    expect(assessment.verdict).toBe('spam')
  })

  it('leaves a comment pending when only holding rules fire, whatever their total', () => {
    const held = assessComment(
      input({ content: 'Le bitcoin: https://a.example https://b.example https://c.example' }),
      noFacts,
      policy({ heldTerms: ['bitcoin'] }),
    )
    expect(ruleIds(held)).toEqual(['held-term', 'links'])
    expect(held.score).toBeGreaterThanOrEqual(defaultPolicy.thresholds.spam)
    expect(held.verdict).toBe('pending')
  })

  it('marks spam when holding rules add up with evidence of another kind', () => {
    const spam = assessComment(
      input({
        content: 'Casino en ligne bonus sans dépôt: https://a.example https://b.example https://c.example',
      }),
      noFacts,
      policy({ heldTerms: ['bonus'] }),
    )
    expect(ruleIds(spam)).toEqual(expect.arrayContaining(['held-term', 'links', 'spam-phrases']))
    expect(spam.verdict).toBe('spam')
  })
})
