/**
 * A small phrase matcher over words, for phrase lists written by people. A phrase is words separated by spaces;
 * each word may be:
 *
 * - `a|b|c`: any of these words;
 * - `word*`: any word starting with `word` (at least 3 letters before the star);
 * - `#`: one or more words that start with a digit ("2 000", "500", "24h");
 * - `*`: any one word;
 * - any of the above followed by `?`: may be left out.
 *
 * The first word of a phrase must be plain words (`a|b`), so phrases are indexed by their first word and a text
 * is read once, word by word: matching costs the same on any input, whatever the number of phrases. Words are
 * compared folded (lower case, without accents, ’ read as '), so "pret rapide" matches "prêt rapide".
 */

import { codeAt } from '../../chars.js'
import { mayContain, type WordFilter, wordFilter } from '../../lexicon.js'

type Alternative = { word: string; prefix: boolean }
type Step =
  | { kind: 'words'; alternatives: Alternative[]; optional: boolean }
  | { kind: 'number' | 'any'; optional: boolean }

export type CompiledPhrase = { source: string; steps: Step[] }

export type PhraseMatch = {
  /** The phrase as the list wrote it. */
  phrase: string
  /** The words of the text that matched, as they appear in it (lower case). */
  text: string
  start: number
  end: number
}

const WORD = /^[\p{L}\p{M}\p{N}]+(?:'[\p{L}\p{M}]+)*$/u
const DIGIT_START = /^\p{Nd}/u
const MARKS = /\p{M}/gu

// Letters that fold to others: Latin and Cyrillic letters with diacritics (é → e, ё → е, й → и), Arabic letters
// with a hamza (أ إ آ → ا), the typographic apostrophe. Built once from Unicode's own decompositions; folding a word
// is then one pass over it, and a word of plain ASCII (most of them) is not touched at all. Arabic is also written
// with or without its vowel marks, ة and ى as ه and ي ("مكافأة", "مكافاه"), and stretched with a tatweel
// ("كــازينو"), which Unicode does not decompose: they are listed, read as the plain letter or as nothing. So is
// the nukta of Hindi's borrowed sounds, written or not ("फ़्री", "फ्री"), and the Vietnamese đ, which spam
// without diacritics writes d ("vay tien nhanh", "giai ngan"). Persian and Urdu type the Arabic letters ي, ك and ه
// as letters of their own (ی, ک; Urdu's ہ, ۀ, ە), and an Arabic keyboard types Persian with Arabic's: both read
// as Arabic's.
const FOLDED: Record<string, string> = {
  '’': "'",
  đ: 'd',
  '\u0629': '\u0647',
  '\u0649': '\u064a',
  '\u0670': '',
  '\u0640': '',
  '\u093c': '',
  '\u06cc': '\u064a',
  '\u06a9': '\u0643',
  '\u06c1': '\u0647',
  '\u06c0': '\u0647',
  '\u06d5': '\u0647',
}
const FOLDED_RANGES: readonly (readonly [number, number])[] = [
  [0xc0, 0x24f],
  [0x1e00, 0x1eff],
  [0x370, 0x3ff],
  [0x400, 0x4ff],
  [0x620, 0x6ff],
  [0x900, 0x97f],
]
for (let code = 0x64b; code <= 0x652; code++) FOLDED[String.fromCharCode(code)] = ''
for (const [from, to] of FOLDED_RANGES) {
  for (let code = from; code <= to; code++) {
    const char = String.fromCharCode(code)
    const folded = char.normalize('NFD').replace(MARKS, '').normalize('NFC')
    if (folded !== char && folded.length > 0 && !(char in FOLDED)) FOLDED[char] = folded
  }
}
const FOLDABLE = new Uint8Array(0x2020)
for (const char of Object.keys(FOLDED)) FOLDABLE[char.charCodeAt(0)] = 1

/**
 * How words are compared: accents and other diacritics removed, the typographic apostrophe as ASCII. Words are
 * expected in lower case (the skeleton's are); phrases are lower-cased when compiled. A word with nothing to fold
 * (plain ASCII, Hangul, Chinese...) is returned as it is, after one look at each of its characters.
 */
export function fold(word: string): string {
  const length = word.length
  let at = 0
  for (; at < length; at++) {
    const code = codeAt(word, at)
    if (code >= 0x80 && code < 0x2020 && FOLDABLE[code] === 1) break
  }
  if (at === length) return word
  let folded = word.slice(0, at)
  for (; at < length; at++) {
    const char = word.charAt(at)
    folded += FOLDED[char] ?? char
  }
  return folded
}

function compileStep(token: string, phrase: string): Step {
  const optional = token.endsWith('?') && token.length > 1
  const body = optional ? token.slice(0, -1) : token
  if (body === '#') return { kind: 'number', optional }
  if (body === '*') return { kind: 'any', optional }
  const alternatives = body.split('|').map((alternative) => {
    const prefix = alternative.endsWith('*')
    const word = fold((prefix ? alternative.slice(0, -1) : alternative).toLowerCase())
    if (!WORD.test(word) || (prefix && word.length < 3)) {
      throw new Error(`Phrase “${phrase}”: “${alternative}” is not a single word`)
    }
    return { word, prefix }
  })
  return { kind: 'words', alternatives, optional }
}

/** Compiles phrases, checking their syntax (a mistake in a list fails at start-up, not silently). */
export function compilePhrases(phrases: readonly string[]): CompiledPhrase[] {
  return phrases.map((source) => {
    const steps = source
      .trim()
      .split(/\s+/)
      .map((token) => compileStep(token, source))
    const first = steps[0]
    if (first?.kind !== 'words' || first.optional || first.alternatives.some((a) => a.prefix)) {
      throw new Error(`Phrase “${source}” must start with a plain word`)
    }
    return { source, steps }
  })
}

type Entry<T> = { phrase: CompiledPhrase; tag: T }

/** Every word the phrases name (folded; a prefix by its letters before the star): what a text's words may be read as. */
export function phraseWords(phrases: readonly CompiledPhrase[]): Set<string> {
  const words = new Set<string>()
  for (const { steps } of phrases)
    for (const step of steps)
      if (step.kind === 'words') for (const { word } of step.alternatives) words.add(word)
  return words
}

/** The phrases that can start with one word: on their own, and by their second word where it is plain words too. */
export type Starts<T> = { byFirst: Entry<T>[]; byFirstTwo: Map<string, Entry<T>[]> }

/**
 * Phrases by the folded words they can start with, and, where a phrase's second word is plain words too, by its
 * first two words: common first words ("i", "you", "check") then only bring up the phrases that can go on. Both
 * are kept under the first word, so a word that starts no phrase (most of them) costs one look-up, and most of
 * those are spared even that by a filter of the first words.
 */
export type PhraseIndex<T> = {
  byFirst: Map<string, Starts<T>>
  firstWords: WordFilter
  /** The second words of all `byFirstTwo` maps: most words after a first word start none of them. */
  secondWords: WordFilter
}

const plainWords = (step: Step | undefined): step is Step & { kind: 'words' } =>
  step?.kind === 'words' && !step.optional && step.alternatives.every((alternative) => !alternative.prefix)

function add<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

export function indexPhrases<T>(entries: readonly Entry<T>[]): PhraseIndex<T> {
  const index = new Map<string, Starts<T>>()
  for (const entry of entries) {
    const [first, second] = entry.phrase.steps
    if (first?.kind !== 'words') continue
    for (const { word } of first.alternatives) {
      const starts = index.get(word) ?? { byFirst: [], byFirstTwo: new Map<string, Entry<T>[]>() }
      index.set(word, starts)
      if (!plainWords(second)) {
        starts.byFirst.push(entry)
        continue
      }
      for (const next of second.alternatives) add(starts.byFirstTwo, next.word, entry)
    }
  }
  const secondWords = [...index.values()].flatMap((starts) => [...starts.byFirstTwo.keys()])
  return { byFirst: index, firstWords: wordFilter(index.keys()), secondWords: wordFilter(secondWords) }
}

const wordMatches = (alternatives: Alternative[], word: string) =>
  alternatives.some((a) => (a.prefix ? word.startsWith(a.word) : word === a.word))

/**
 * The end (exclusive word index) of the longest match of `steps[stepIndex..]` starting at word `at`, or -1.
 * Optional steps branch; a phrase has at most a handful of them, so the work per start is bounded by the phrase.
 */
function matchFrom(steps: Step[], stepIndex: number, words: readonly string[], at: number): number {
  if (stepIndex === steps.length) return at
  const step = steps[stepIndex]
  if (!step) return -1
  let best = -1
  if (step.optional) best = matchFrom(steps, stepIndex + 1, words, at)
  const word = words[at]
  if (word === undefined) return best
  let next = -1
  if (step.kind === 'any') next = at + 1
  else if (step.kind === 'words') next = wordMatches(step.alternatives, word) ? at + 1 : -1
  else if (DIGIT_START.test(word)) {
    next = at + 1
    while (next < words.length && DIGIT_START.test(words[next] ?? '')) next++
  }
  if (next === -1) return best
  return Math.max(best, matchFrom(steps, stepIndex + 1, words, next))
}

const startsOf = <T>(index: PhraseIndex<T>, word: string): Starts<T> | null =>
  mayContain(index.firstWords, word) ? (index.byFirst.get(word) ?? null) : null

/**
 * Every phrase of the index found in `words` (already folded), with the words of `original` that matched. At
 * most one match per phrase and tag is reported (the first), so a text repeating a phrase quotes it once.
 */
export function findPhrases<T>(
  index: PhraseIndex<T>,
  words: readonly string[],
  original: readonly string[],
  /**
   * The number of each word in a lexicon of `distinct` words, when known: the index is then asked once per distinct
   * word rather than once per word (a third of a comment's words are repeats).
   */
  ids?: readonly number[],
  distinct = 0,
): { tag: T; match: PhraseMatch }[] {
  const found: { tag: T; match: PhraseMatch }[] = []
  const seen = new Set<CompiledPhrase>()
  const tryAll = (candidates: readonly Entry<T>[] | undefined, at: number, from: number) => {
    if (!candidates) return
    for (const { phrase, tag } of candidates) {
      if (seen.has(phrase)) continue
      const end = matchFrom(phrase.steps, from, words, at + from)
      if (end === -1) continue
      seen.add(phrase)
      found.push({
        tag,
        match: { phrase: phrase.source, text: original.slice(at, end).join(' '), start: at, end },
      })
    }
  }
  const cache = new Array<Starts<T> | null>(ids ? distinct : 0)
  for (let at = 0; at < words.length; at++) {
    let starts: Starts<T> | null | undefined
    if (ids) {
      const id = ids[at] as number
      starts = cache[id]
      if (starts === undefined) {
        starts = startsOf(index, words[at] ?? '')
        cache[id] = starts
      }
    } else starts = startsOf(index, words[at] ?? '')
    if (!starts) continue
    tryAll(starts.byFirst, at, 1)
    const next = words[at + 1]
    if (next !== undefined && mayContain(index.secondWords, next)) tryAll(starts.byFirstTwo.get(next), at, 2)
  }
  return found
}
