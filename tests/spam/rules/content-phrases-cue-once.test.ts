import { describe, expect, it, vi } from 'vitest'
import * as cues from '../../../src/spam/rules/content/cues.js'
import { phraseFamilies } from '../../../src/spam/rules/content/spam-phrases/index.js'
import { spamPhrases } from '../../../src/spam/rules/content/spam-phrases.js'
import { contextOf } from './context.js'

vi.mock('../../../src/spam/rules/content/cues.js', async (original) => {
  const actual = await original<typeof import('../../../src/spam/rules/content/cues.js')>()
  return { ...actual, hasCueAnywhere: vi.fn(actual.hasCueAnywhere) }
})

/**
 * Whether a comment has a cue anywhere is one answer for the whole comment, read over all its words. Asked again
 * by each Chinese, Japanese or Korean phrase found, a comment naming all of them then 20 000 characters of words
 * was read ~80 times over (~40 ms of the event loop, for every site). The work is counted, never timed.
 */
const N = 20_000
const unspaced = phraseFamilies.flatMap((family) => [
  ...(family.unspaced ?? []),
  ...(family.unspacedWithCue ?? []),
])

describe('spam phrases without spaces', () => {
  it.each([
    ['each phrase once', `${unspaced.join(' ')} `, true],
    ['each phrase quoted', `${unspaced.map((phrase) => `「${phrase}」`).join(' ')} `, false],
  ])('in a comment of %s and words without end ask for a cue once', (_, head, counted) => {
    const content = head + 'a '.repeat((N - head.length) / 2)
    const asked = vi.mocked(cues.hasCueAnywhere)
    asked.mockClear()
    const finding = spamPhrases.evaluate(contextOf(content))
    expect(asked.mock.calls.length).toBeLessThanOrEqual(1)
    // Quoted, each is reported wording, which needs a cue as news vocabulary does: these words give none.
    expect(finding !== null).toBe(counted)
  })
})
