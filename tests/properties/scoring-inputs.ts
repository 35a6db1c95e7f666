import fc from 'fast-check'
import type { BayesVerdict } from '../../src/spam/bayes/classifier.js'
import { defaultPolicy, type Policy, PolicySchema } from '../../src/spam/policy.js'
import type { Facts, ScoringInput } from '../../src/spam/rules/types.js'
import { codePointLength, hugeText, nastyText, nearLimit } from './arbitraries.js'

/** What the scoring properties are run on: any text, comments, facts, policies and learned-model verdicts. */

/** Any text up to the API's 20 000-character content limit. */
export const anyText = fc.oneof(
  { weight: 4, arbitrary: nastyText },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 300 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  { weight: 1, arbitrary: nearLimit(20_000) },
  { weight: 1, arbitrary: hugeText },
)

/** Texts intake would accept: well-formed and NUL-free (the API refuses anything else with 400 before scoring). */
export const storableText = (arbitrary: fc.Arbitrary<string>) =>
  arbitrary.map((text) => text.replaceAll('\u0000', '').toWellFormed())

const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null, freq: 2 })

const urlLike = (text: fc.Arbitrary<string>) =>
  fc.oneof(
    text,
    text.map((part) => `https://example.org/${part}`),
    text.map((part) => `http://${part}.example/`),
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
  )

export const scoringInput = (
  text: fc.Arbitrary<string>,
  long: fc.Arbitrary<string>,
): fc.Arbitrary<ScoringInput> =>
  fc.record({
    content: long,
    author: fc.record({
      name: fc.oneof(text, nearLimit(245)),
      email: optional(
        fc.oneof(
          fc.emailAddress(),
          text.map((part) => `${part}@${part}.example`),
        ),
      ),
      url: optional(urlLike(text)),
    }),
    honeypot: optional(text),
    article: fc.record({
      title: optional(text),
      url: optional(urlLike(text)),
      language: optional(fc.constantFrom('fra', 'eng', 'rus', 'kor', 'ara', 'heb', 'zho', 'deu', 'und')),
    }),
    userAgent: optional(text),
    referrer: optional(urlLike(text)),
  })

const history = fc.record({ approved: fc.nat({ max: 50 }), spam: fc.nat({ max: 50 }) })
export const facts: fc.Arbitrary<Facts> = fc.record({
  email: history,
  authorHost: history,
  ip: history,
  duplicates: fc.record({ identical: fc.nat({ max: 5 }), similar: fc.nat({ max: 5 }) }),
  recentFromSender: fc.nat({ max: 100 }),
  formToken: fc.oneof(
    fc.constant({ state: 'absent' as const }),
    fc.constant({ state: 'invalid' as const }),
    fc.record({ state: fc.constant('valid' as const), ageMs: fc.nat({ max: 86_400_000 }) }),
  ),
})

/** A policy as PATCH /settings would store it (terms trimmed, everything validated), with any text for terms. */
export const policy: fc.Arbitrary<Policy> = fc
  .record({
    moderation: fc.constantFrom('auto', 'all'),
    maxLinks: fc.nat({ max: 100 }),
    blockedTerms: fc.array(storableText(nastyText), { maxLength: 5 }),
    heldTerms: fc.array(storableText(nastyText), { maxLength: 5 }),
    thresholds: fc
      .tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 }))
      .map(([a, b]) => ({ hold: Math.min(a, b), spam: Math.max(a, b) })),
    trustCap: fc.nat({ max: 50 }),
    language: optional(fc.constantFrom('fra', 'eng', 'rus')),
    learningMinMessages: fc.integer({ min: 1, max: 100 }),
  })
  .map((candidate) => {
    const valid = (term: string) => term.trim().length > 0 && codePointLength(term.trim()) <= 100
    return PolicySchema.parse({
      ...defaultPolicy,
      ...candidate,
      blockedTerms: candidate.blockedTerms.filter(valid),
      heldTerms: candidate.heldTerms.filter(valid),
    })
  })

/** A learned-model verdict citing the comment's own tokens, so the learned reason quotes them. */
export const bayesFor = (tokens: string[], probability: number, trained: number): BayesVerdict => ({
  probability,
  source: 'site',
  trainedOn: { spam: trained, ham: trained },
  tokensUsed: tokens.length,
  spammiest: tokens.slice(0, 5).map((token) => ({ token, probability: 0.99 })),
  hammiest: tokens.slice(-5).map((token) => ({ token, probability: 0.01 })),
})
