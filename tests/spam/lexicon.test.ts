import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { analyseText } from '../../src/spam/analysis.js'
import { hashOf, lexiconOf } from '../../src/spam/lexicon.js'

/** The lexicon as a Map would build it: distinct words in order of first occurrence, and each word's number. */
function reference(words: readonly string[]) {
  const numbers = new Map<string, number>()
  const ids = words.map((word) => {
    if (!numbers.has(word)) numbers.set(word, numbers.size)
    return numbers.get(word) as number
  })
  return { distinct: [...numbers.keys()], ids }
}

const expectSameAsReference = (words: readonly string[]) => {
  const lexicon = lexiconOf(words)
  const expected = reference(words)
  expect(lexicon.distinct).toEqual(expected.distinct)
  expect([...lexicon.ids]).toEqual(expected.ids)
  for (const [id, word] of expected.distinct.entries()) expect(lexicon.idOf(word)).toBe(id)
  expect(lexicon.idOf('not-a-word-of-the-text')).toBe(-1)
}

describe('lexiconOf', () => {
  it('numbers the distinct words of a text in the order they first occur', () => {
    const { words } = analyseText('Le chat et le chien, le chat et la souris.')
    const lexicon = lexiconOf(words)
    expect(lexicon.distinct).toEqual(['le', 'chat', 'et', 'chien', 'la', 'souris'])
    expect([...lexicon.ids]).toEqual([0, 1, 2, 0, 3, 0, 1, 2, 4, 5])
  })

  it('gives the same lexicon as a Map, for any words', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 300 }), (words) => {
        expectSameAsReference(words)
      }),
    )
  })

  it('tells apart words that share their length and first, middle and last letters (the hash it reads)', () => {
    // 4 000 distinct words of one hash: the table gives up and a Map numbers them, in linear time.
    const letters = 'abcdefghijklmnopqrstuvwxyz'
    const words: string[] = []
    for (const second of letters) {
      for (const third of letters) {
        for (const fifth of 'abcdef')
          words.push(`x${second}${third}x${fifth}yx`, `x${second}${third}x${fifth}yx`)
      }
    }
    expect(new Set(words.map(hashOf)).size).toBe(1)
    expectSameAsReference(words)
  })

  it('is remembered for the words it was asked for last, by identity', () => {
    const { words } = analyseText('un deux trois deux un')
    expect(lexiconOf(words)).toBe(lexiconOf(words))
    expect(lexiconOf([...words])).not.toBe(lexiconOf(words))
  })
})
