import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normalizeText } from '../../src/spam/normalize.js'
import { findTerms } from '../../src/spam/terms.js'
import { assertProperty } from './check.js'

/**
 * findTerms looks a site's terms up by their first word instead of searching the text once per term. It must find
 * exactly what searching for each term finds: this is that search, written from the rule's definition (whole words;
 * anywhere in unspaced scripts; `word*` as the start of a word; a term's dotless ı, or its capital I, as ı or i;
 * a term the list already holds in another spelling, not again).
 */
const WORD = '[\\p{L}\\p{M}\\p{N}_]'
const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

function searchedOneByOne(text: string, terms: readonly string[]): string[] {
  // A term read as an earlier one is the same search: named once, as first written.
  const searched = new Set<string>()
  return terms.filter((term) => {
    const normalized = normalizeText(term.normalize('NFKC').replaceAll('I', 'ı'))
    if (!normalized || searched.has(normalized)) return false
    searched.add(normalized)
    const prefix = /^[^*][^*]+\*$/u.test(normalized)
    const literal = escapeRegExp(prefix ? normalized.slice(0, -1) : normalized).replaceAll('ı', '[ıi]')
    const pattern = UNSPACED.test(normalized)
      ? new RegExp(literal, 'u')
      : new RegExp(`(?<!${WORD})${literal}${prefix ? '' : `(?!${WORD})`}`, 'u')
    return pattern.test(text)
  })
}

// Words that share starts and scripts, so that terms often nearly match: the cases an index could get wrong.
const piece = fc.constantFrom(
  ...['casino', 'casinos', 'cas', 'bonus', 'c++', 'e-mail', '$$$', '@win', 'no', 'ñ', 'é', 'e\u0301'],
  ...['казино', 'каз', 'мошенник', 'мошенни', '도박', '도박을', '赌博', '赌', 'ＣＡＳＩＮＯ', '_x', '1win'],
  ...['canlı', 'CANLI', 'canli', 'sık', 'sik', 'İddaa', 'iddaa'],
)
const separator = fc.constantFrom(' ', '', '-', '.', ', ', '\u200B', '\n', '*', "'")
const phrase = fc
  .array(fc.tuple(piece, separator), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.map(([word, sep]) => word + sep).join(''))
const text = fc.array(phrase, { maxLength: 12 }).map((parts) => parts.join(' '))
const terms = fc.array(
  fc.oneof(
    phrase.map((term) => term.trim()),
    phrase.map((term) => `${term.trim()}*`),
  ),
  { maxLength: 12 },
)

describe('findTerms', () => {
  it('finds exactly the terms a search for each of them finds, in the order of the list', async () => {
    await assertProperty(
      fc.property(text, terms, (raw, list) => {
        const normalized = normalizeText(raw)
        expect(findTerms(normalized, list)).toEqual(searchedOneByOne(normalized, list))
      }),
      { numRuns: 3000 },
    )
    // Three thousand texts, each searched term by term with a new pattern: a few seconds, half a minute on a
    // machine busy with other work.
  }, 120_000)
})
