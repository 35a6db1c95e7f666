import { describe, expect, it } from 'vitest'
import { analyseText } from '../../../src/spam/analysis.js'
import { defaultPolicy } from '../../../src/spam/policy.js'
import { formRules, formToken, honeypot, tooFast } from '../../../src/spam/rules/form.js'
import {
  type Facts,
  noFacts,
  type Rule,
  type RuleContext,
  type ScoringInput,
} from '../../../src/spam/rules/types.js'
import { assessComment } from '../../../src/spam/score.js'

const input = (overrides: Partial<ScoringInput> = {}): ScoringInput => ({
  content: 'Merci pour les conseils pratiques en fin d’article 🙏',
  author: { name: 'Zoé', email: 'zoe.k@gmail.com', url: null },
  honeypot: null,
  article: {
    title: 'Canicule : les bons gestes',
    url: 'https://www.journal.example/canicule',
    language: 'fra',
  },
  userAgent: 'Mozilla/5.0',
  referrer: null,
  ...overrides,
})

const token = (formToken: Facts['formToken']): Facts => ({ ...noFacts, formToken })
const shownAgo = (ageMs: number) => token({ state: 'valid', ageMs })

function contextOf(facts: Facts = noFacts, overrides: Partial<ScoringInput> = {}): RuleContext {
  const scoring = input(overrides)
  return {
    input: scoring,
    text: analyseText(scoring.content),
    name: analyseText(scoring.author.name),
    facts,
    policy: defaultPolicy,
  }
}

/** The points a rule gives (weight × factor), or null when it does not fire. */
function points(rule: Rule, facts: Facts = noFacts, overrides: Partial<ScoringInput> = {}): number | null {
  const finding = rule.evaluate(contextOf(facts, overrides))
  return finding ? Math.round(rule.weight * (finding.factor ?? 1) * 100) / 100 : null
}

describe('honeypot (A1)', () => {
  it('marks a comment whose hidden field was filled in as spam, whatever else it says', () => {
    expect(honeypot.evaluate(contextOf(noFacts, { honeypot: 'http://bot.example' }))).toEqual({
      detail: 'The hidden form field that people never see was filled in, as bots do.',
      floor: 'spam',
    })
  })

  it.each([
    ['null', null],
    ['empty', ''],
    ['only whitespace', ' \n\t'],
  ])('ignores a hidden field that is %s', (_, value) => {
    expect(points(honeypot, noFacts, { honeypot: value })).toBeNull()
  })
})

describe('form-token (A2)', () => {
  it('gives 2.5 to a token that is invalid (forged, altered, from another site)', () => {
    expect(points(formToken, token({ state: 'invalid' }))).toBe(2.5)
    expect(formToken.evaluate(contextOf(token({ state: 'invalid' })))?.detail).toBe(
      'The form token sent with the comment is not one this site issued, as when a script forges a form.',
    )
    // An expired one reaches the rule as absent (form-tokens.ts): a page left open overnight is not a bot.
    expect(formToken.summary).toContain('a missing or expired token is not scored')
  })

  it('never fires on a missing token: API clients and sites’ back ends post without one', () => {
    expect(points(formToken, token({ state: 'absent' }))).toBeNull()
  })

  it('does not fire on a valid token, however old', () => {
    expect(points(formToken, shownAgo(10 * 60_000))).toBeNull()
    expect(points(formToken, shownAgo(0))).toBeNull()
  })

  it('holds, and does not mark as spam, a reader’s comment sent from a page left open too long', () => {
    expect(assessComment(input(), token({ state: 'invalid' }), defaultPolicy).verdict).toBe('pending')
  })
})

describe('too-fast (A3)', () => {
  it.each([
    [0, 3],
    [1200, 3],
    [2999, 3],
    [3000, 1.5],
    [4999, 1.5],
  ])('gives a form sent %i ms after it was shown %d points', (ageMs, expected) => {
    expect(points(tooFast, shownAgo(ageMs))).toBe(expected)
  })

  it('says how fast, rounded down so "under 3 s" never reads as 3.0 s', () => {
    expect(tooFast.evaluate(contextOf(shownAgo(2960)))?.detail).toBe(
      'The comment was sent 2.9 s after the form was shown; people take longer to read and write.',
    )
  })

  it.each([
    ['5 s', shownAgo(5000)],
    ['two minutes', shownAgo(120_000)],
    ['a negative age (the server’s clock moved back)', shownAgo(-500)],
    ['an age that is not a number', shownAgo(Number.NaN)],
    ['an absent token', token({ state: 'absent' })],
    ['an invalid token', token({ state: 'invalid' })],
  ])('does not fire after %s', (_, facts) => {
    expect(points(tooFast, facts)).toBeNull()
  })

  it('holds, and does not mark as spam, a reader who pasted a comment written elsewhere', () => {
    expect(assessComment(input(), shownAgo(800), defaultPolicy)).toMatchObject({
      verdict: 'pending',
      score: 3,
    })
  })
})

describe('form rules', () => {
  it('are listed honeypot, form-token, too-fast with the catalogue’s weights', () => {
    expect(formRules.map(({ id, weight }) => [id, weight])).toEqual([
      ['honeypot', 10],
      ['form-token', 2.5],
      ['too-fast', 3],
    ])
  })

  it('return on 20 000 characters of content and hidden field', () => {
    const long = `${' '.repeat(20_000)}x`
    const context = contextOf(shownAgo(100), { content: long, honeypot: long })
    for (const rule of formRules) expect(() => rule.evaluate(context)).not.toThrow()
  })

  it('leave an ordinary comment with a valid, unhurried token alone', () => {
    expect(assessComment(input(), shownAgo(95_000), defaultPolicy)).toMatchObject({
      verdict: 'approved',
      score: 0,
    })
  })
})
