import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normalizeText } from '../../src/spam/normalize.js'
import { findTerms, termReading } from '../../src/spam/terms.js'

/**
 * What a term means, written as the regular expression each term once was: its stem anywhere in an unspaced
 * script; elsewhere not after a word character, and not before one unless it ends with `*` (two characters of a
 * word before it); a term's ı matches ı or i, its i only i. The index must find exactly these, in list order.
 */
const WORD = '[\\p{L}\\p{M}\\p{N}_]'
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u
function meant(text: string, terms: readonly string[]): string[] {
  const straight = text.replace(/[’‘ʼ]/gu, "'")
  const readings = new Set<string>()
  const found: string[] = []
  for (const term of terms) {
    const reading = termReading(term)
    if (!reading || readings.has(reading)) continue
    readings.add(reading)
    const prefix = /^[^*][^*]*[\p{L}\p{M}\p{N}_]\*$/u.test(reading)
    const escaped = (prefix ? reading.slice(0, -1) : reading)
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replaceAll('ı', '[ıi]')
    const pattern = UNSPACED.test(reading)
      ? new RegExp(escaped, 'u')
      : new RegExp(`(?<!${WORD})${escaped}${prefix ? '' : `(?!${WORD})`}`, 'u')
    if (pattern.test(straight)) found.push(term)
  }
  return found
}

// Few letters, so that terms and texts share words, prefixes and boundaries often.
const letter = fc.constantFrom('a', 'b', 'i', 'ı', 'I', 'é', 'д', '도', '박', '赌', '博', '𝔞')
const sign = fc.constantFrom(' ', ' ', '-', "'", '’', '*', '.', '_', '1')
const word = fc.string({ unit: letter, minLength: 1, maxLength: 4 })
const anything = fc.string({ unit: fc.oneof(letter, sign), minLength: 1, maxLength: 6 })
const term = fc
  .oneof(
    word,
    word.map((stem) => `${stem}*`),
    fc.tuple(word, sign, word).map((parts) => parts.join('')),
    fc.tuple(word, sign, word).map((parts) => `${parts.join('')}*`),
    anything,
  )
  .filter((t) => t.trim() !== '')
const text = fc
  .array(fc.tuple(fc.oneof(word, anything), sign), { maxLength: 10 })
  .map((parts) => parts.flat().join(''))

describe('findTerms, indexed by word, by prefix and by script', () => {
  it('finds what each term meant as a regular expression, in the order of the list', () => {
    fc.assert(
      fc.property(text, fc.array(term, { maxLength: 8 }), (written, terms) => {
        const normalized = normalizeText(written)
        expect(findTerms(normalized, terms)).toEqual(meant(normalized, terms))
      }),
      { numRuns: 1500 },
    )
  })
})
