import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { wordBoundsOf, wordsOf } from '../../src/spam/words.js'

/** The words as the pattern both readers stand for reads them: each with where it starts and ends. */
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*/gu
const byPattern = (text: string) =>
  [...text.matchAll(WORD)].map((match) => [match.index, match.index + match[0].length, match[0]])

const byBounds = (text: string) => {
  const bounds = wordBoundsOf(text)
  const words: [number, number, string][] = []
  for (let at = 0; at < bounds.length; at += 2) {
    const start = bounds[at] as number
    const end = bounds[at + 1] as number
    words.push([start, end, text.slice(start, end)])
  }
  return words
}

// Letters, marks, digits, apostrophes and separators of several scripts, astral ones and lone surrogates included.
const pieces = fc.constantFrom(
  ...[
    'a',
    'É',
    'é',
    'e\u0301',
    '7',
    '٣',
    "'",
    '’',
    ' ',
    '-',
    '.',
    'ж',
    '中',
    'ん',
    '한',
    '𝐀',
    '😀',
    '\ud800',
    '\udc00',
  ],
)
const texts = fc.array(pieces, { maxLength: 40 }).map((parts) => parts.join(''))

describe('wordBoundsOf', () => {
  it('gives where each word of a text starts and ends, in order', () => {
    const text = "L'être aimé, rock'n'roll 2024’s — 中文"
    expect(byBounds(text).map(([, , word]) => word)).toEqual([
      "L'être",
      'aimé',
      "rock'n'roll",
      '2024’s',
      '中文',
    ])
    expect(byBounds(text)[1]).toEqual([7, 11, 'aimé'])
  })

  it('reads the same words, at the same places, as the pattern, for any text', () => {
    fc.assert(
      fc.property(texts, (text) => {
        expect(byBounds(text)).toEqual(byPattern(text))
        expect(wordsOf(text)).toEqual(byPattern(text).map(([, , word]) => word))
      }),
      { numRuns: 2000 },
    )
  })
})
