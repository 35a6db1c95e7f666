import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { analyseText } from '../../src/spam/analysis.js'
import { assertProperty } from './check.js'
import { anyText } from './scoring-inputs.js'
import { expectWellFormedAnalysis, NUM_RUNS, storable, TEST_TIMEOUT_MS, timed } from './scoring-oracle.js'

/** The text analysis on any string: it never throws, answers in bounded time, and is deterministic. */

describe('analyseText on any string', () => {
  it(
    'never throws, answers within the time limit, and keeps well-formed text well-formed',
    async () => {
      await assertProperty(
        fc.property(anyText, (raw) => {
          const text = timed(`analyseText of ${raw.length} UTF-16 units`, () => analyseText(raw))
          expect(text.raw).toBe(raw)
          expectWellFormedAnalysis(text, storable(raw))
        }),
        { numRuns: NUM_RUNS },
      )
    },
    TEST_TIMEOUT_MS,
  )

  it(
    'is deterministic: the same text gives the same analysis',
    async () => {
      await assertProperty(
        fc.property(anyText, (raw) => {
          expect(analyseText(raw)).toEqual(analyseText(raw))
        }),
        { numRuns: NUM_RUNS },
      )
    },
    TEST_TIMEOUT_MS,
  )
})
