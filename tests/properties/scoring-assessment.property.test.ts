import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { analyseText } from '../../src/spam/analysis.js'
import { assessComment, conclude, evaluateRules } from '../../src/spam/score.js'
import { nastyText } from './arbitraries.js'
import { assertProperty } from './check.js'
import { anyText, bayesFor, facts, policy, scoringInput, storableText } from './scoring-inputs.js'
import { expectSoundAssessment, NUM_RUNS, TEST_TIMEOUT_MS, timed } from './scoring-oracle.js'

/**
 * The scoring engine on any text: it never throws, answers in bounded time, gives a finite score and a verdict,
 * explains itself in well-formed sentences citing known rules, and gives the same answer to the same input.
 */

describe('assessComment on any comment', () => {
  it(
    'never throws on any input, lone surrogates and NUL included, and gives a finite score and a verdict',
    async () => {
      await assertProperty(
        fc.property(scoringInput(nastyText, anyText), facts, policy, (input, known, policyInForce) => {
          const assessment = timed(`assessComment of ${input.content.length} UTF-16 units`, () =>
            assessComment(input, known, policyInForce),
          )
          expectSoundAssessment(assessment, policyInForce, false)
        }),
        { numRuns: NUM_RUNS },
      )
    },
    TEST_TIMEOUT_MS,
  )

  it(
    'explains a storable comment with storable, well-formed sentences that cite known rules',
    async () => {
      await assertProperty(
        fc.property(
          scoringInput(storableText(nastyText), storableText(anyText)),
          facts,
          policy,
          (input, known, policyInForce) => {
            const assessment = timed(`assessComment of ${input.content.length} UTF-16 units`, () =>
              assessComment(input, known, policyInForce),
            )
            expectSoundAssessment(assessment, policyInForce, true)
          },
        ),
        { numRuns: NUM_RUNS },
      )
    },
    TEST_TIMEOUT_MS,
  )

  it(
    "quotes the comment's own tokens in the learned reason as well-formed text",
    async () => {
      await assertProperty(
        fc.property(
          scoringInput(storableText(nastyText), storableText(anyText)),
          facts,
          policy,
          fc.constantFrom(0, 0.005, 0.03, 0.5, 0.7, 0.9, 0.97, 0.995, 0.9995, 1),
          fc.constantFrom(0, 10, 1_000),
          (input, known, policyInForce, probability, trained) => {
            const assessment = timed('evaluateRules + conclude', () => {
              const draft = evaluateRules(input, known, policyInForce)
              return conclude(draft, bayesFor(draft.tokens, probability, trained), policyInForce)
            })
            expectSoundAssessment(assessment, policyInForce, true)
          },
        ),
        { numRuns: NUM_RUNS },
      )
    },
    TEST_TIMEOUT_MS,
  )

  it(
    'is deterministic: the same comment, facts and policy give the same assessment',
    async () => {
      await assertProperty(
        fc.property(scoringInput(nastyText, anyText), facts, policy, (input, known, policyInForce) => {
          const first = assessComment(input, known, policyInForce)
          const second = assessComment(structuredClone(input), structuredClone(known), policyInForce)
          expect(second).toEqual(first)
          // Handing evaluateRules the analysis intake already made changes nothing.
          const draft = evaluateRules(input, known, policyInForce, analyseText(input.content))
          expect(conclude(draft, null, policyInForce)).toEqual(first)
        }),
        { numRuns: NUM_RUNS },
      )
    },
    TEST_TIMEOUT_MS,
  )
})
