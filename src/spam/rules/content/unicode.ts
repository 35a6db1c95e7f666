import { remove as toSkeleton } from 'confusables'
import type { TextAnalysis } from '../../analysis.js'
import { codeAt } from '../../chars.js'
import { lowerCase } from '../../normalize.js'
import type { Rule } from '../types.js'
import { defaultWeights } from '../weights.js'
import { dominantScript, type Script, scriptOf } from './scripts.js'
import { excerpt, WORD } from './text.js'

/**
 * Unicode tricks (heuristics catalogue F1, F2): characters a reader cannot see, and letters borrowed from another
 * alphabet because they look like Latin ones. The analysis has already undone both for the other rules; these
 * rules report that someone went to the trouble, which people writing in good faith do not.
 */

// Invisible characters (the soft hyphen aside: a hyphenation hint) between two letters of alphabets whose words
// never need them: those the analysis counts (Korean's and Armenian's as well as Latin's). The joiners Arabic,
// Persian and Indic scripts and emoji sequences use, and the zero-width space that separates words in Thai or
// Japanese, were not counted by the analysis and are not shown here.
const HIDDEN =
  '[\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u2069\\uFEFF\\u061C\\u180E\\u115F\\u1160\\u3164\\uFFA0\\u{E0000}-\\u{E007F}]'
const ALPHABET =
  '[\\p{Script=Latin}\\p{Script=Cyrillic}\\p{Script=Greek}\\p{Script=Armenian}\\p{Script=Georgian}\\p{Script=Hangul}\\p{N}]'
const HIDDEN_IN_WORD = new RegExp(`${ALPHABET}${HIDDEN}+(?=${ALPHABET})`, 'gu')
// One class, never an alternation of letters and hidden characters: Hangul's fillers (U+3164, U+FFA0, U+115F) are
// letters as well as hidden, and each one that could be either doubled the ways a failing match was tried again.
// A comment of 45 such characters held the process for hours.
const WORD_CHARACTER = `[\\p{L}\\p{M}\\p{N}${HIDDEN.slice(1, -1)}]`
const WORD_BEFORE = new RegExp(`${WORD_CHARACTER}{1,40}$`, 'u')
const WORD_AFTER = new RegExp(`^${WORD_CHARACTER}{1,40}`, 'u')
const HIDDEN_ALL = new RegExp(HIDDEN, 'gu')
const MAX_SHOWN = 3
/** Places looked at for words to show: a word repeated all through a long comment is not read at every place. */
const MAX_LOOKED_AT = 12

/** Up to three words of the raw text with their hidden characters shown as “·”. */
function wordsWithHiddenCharacters(raw: string): string[] {
  const text = raw.normalize('NFKC')
  const words: string[] = []
  let lookedAt = 0
  for (const match of text.matchAll(HIDDEN_IN_WORD)) {
    if (++lookedAt > MAX_LOOKED_AT) break
    const at = match.index ?? 0
    const end = at + match[0].length
    // The match starts with the character before the hidden ones, whole (it may take two code units, as 𝈀 does).
    const before = WORD_BEFORE.exec(text.slice(Math.max(0, at - 40), at))?.[0] ?? ''
    const after = WORD_AFTER.exec(text.slice(end, end + 40))?.[0] ?? ''
    const word = `${before}${match[0]}${after}`.replace(HIDDEN_ALL, '·')
    if (!words.includes(word)) words.push(word)
    if (words.length === MAX_SHOWN) break
  }
  return words
}

export const invisibleCharacters: Rule = {
  id: 'invisible-characters',
  weight: defaultWeights['invisible-characters'],
  summary: 'Hides invisible characters (zero-width spaces, joiners, direction marks) inside words.',
  evaluate({ text }) {
    const count = text.invisible.insideWords
    if (count === 0) return null
    const shown = wordsWithHiddenCharacters(text.raw)
    const where = shown.length > 0 ? ` (${shown.map((word) => `“${word}”`).join(', ')}, · marking them)` : ''
    const what =
      count === 1 ? 'an invisible character inside a word' : `${count} invisible characters inside words`
    return {
      detail: `Hides ${what}${where}, a trick to slip past word filters.`,
      factor: count >= 3 ? 2 : 1,
    }
  },
}

const MAX_QUOTED = 3
const MIN_LETTERS = 3
const LETTERS = /\p{L}/gu
const longEnough = (word: string) => (word.match(LETTERS)?.length ?? 0) >= MIN_LETTERS

// A Latin acronym as readers type it: a few capitals.
const ACRONYM = /^\p{Lu}{3,5}$/u

/**
 * Whether `word` is a Latin acronym typed by a reader of `script` who switched keyboards once inside it: one end
 * of it in their own alphabet, the rest in Latin ("ΝATO" with a Greek Ν, "СNN" with a Cyrillic С). A disguise
 * borrows letters of another alphabet than the text's, to pass for a Latin word in Latin text.
 */
function isKeyboardSlip(word: string, script: Script): boolean {
  if (!ACRONYM.test(word)) return false
  let switches = 0
  let last = scriptOf(codeAt(word, 0))
  for (let at = 0; at < word.length; at++) {
    const current = scriptOf(codeAt(word, at))
    if (current !== 'Latin' && current !== script) return false
    if (current !== last) switches++
    last = current
  }
  return switches === 1
}

/**
 * The words among `disguised` (lower-cased, as the analysis lists them) that `text` writes as keyboard slips of
 * its own script: an acronym half typed in the alphabet of a Greek or Russian text is not dressed up as Latin.
 */
function keyboardSlips(text: TextAnalysis, disguised: readonly string[]): ReadonlySet<string> {
  const slips = new Set<string>()
  const { script } = dominantScript(text.visible)
  if (script === null || script === 'Latin') return slips
  for (const [word] of text.visible.matchAll(WORD)) {
    const lower = lowerCase(word)
    if (disguised.includes(lower) && isKeyboardSlip(word, script)) slips.add(lower)
  }
  return slips
}

/**
 * The disguised words of `text` the rule reports: not slips across keyboards, whether a two-letter word typed half on
 * a Greek or Russian keyboard ("Οh") or an acronym.
 */
function disguisesIn(text: TextAnalysis): string[] {
  const words = text.disguisedWords.filter(longEnough)
  if (words.length === 0) return words
  const slips = keyboardSlips(text, words)
  return slips.size === 0 ? words : words.filter((word) => !slips.has(word))
}

export const mixedScript: Rule = {
  id: 'mixed-script',
  weight: defaultWeights['mixed-script'],
  summary:
    'Disguises words with look-alike letters from other alphabets or styled letters (Pаypal with a Cyrillic а).',
  evaluate({ text, name }) {
    const inText = disguisesIn(text)
    const inName = disguisesIn(name)
    if (inText.length === 0 && inName.length === 0) return null
    const quote = (words: readonly string[]) =>
      words
        .map((word) => `${excerpt(word, 30)} (read as ${excerpt(toSkeleton(word).toLowerCase(), 30)})`)
        .join(', ')
    const textPart = inText.slice(0, MAX_QUOTED)
    const namePart = inName.slice(0, MAX_QUOTED - textPart.length)
    const parts = [
      ...(textPart.length > 0 ? [quote(textPart)] : []),
      ...(namePart.length > 0 ? [`in the author's name ${quote(namePart)}`] : []),
    ]
    const total = inText.length + inName.length
    const what = total === 1 ? 'a word' : `${total} words`
    return { detail: `Disguises ${what} with look-alike letters from another alphabet: ${parts.join('; ')}.` }
  },
}

export const unicodeRules: readonly Rule[] = [invisibleCharacters, mixedScript]
