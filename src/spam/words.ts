import { codeAt, markCodeUnits } from './chars.js'

/**
 * The words of a text: the matches of `[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*` (flags g and u), read with a
 * table instead of a regular expression. A word is the longest run of letters, marks and digits, then any number of
 * apostrophes (' or ’) each followed by a run of letters and marks ("l'être", "rock'n'roll"); a digit after such an
 * apostrophe starts the next word. The pattern's greedy parts never give anything back, so reading forward once is
 * the same match. Unicode classes cost a search among ranges per character; a table look-up does not, and the
 * words of a comment are read this way about 20 µs faster.
 */

const LETTER_MARK_OR_DIGIT = 1
const LETTER_OR_MARK = 2
const IN_WORD = /[\p{L}\p{M}\p{N}]/u
const AFTER_APOSTROPHE = /[\p{L}\p{M}]/u
const CLASSES = markCodeUnits(AFTER_APOSTROPHE, LETTER_OR_MARK, markCodeUnits(IN_WORD, LETTER_MARK_OR_DIGIT))

/** The classes of a character outside the Basic Multilingual Plane (rare: emoji, styled letters, CJK extensions). */
function astralClasses(codePoint: number): number {
  const char = String.fromCodePoint(codePoint)
  return (IN_WORD.test(char) ? LETTER_MARK_OR_DIGIT : 0) | (AFTER_APOSTROPHE.test(char) ? LETTER_OR_MARK : 0)
}

/**
 * The classes of the character at `at`, a surrogate (`code`), shifted left by two, with its length in code units in
 * the two low bits (a lone surrogate has no class and a length of 1). One number rather than a length kept in a
 * variable outside the function, which was written on every character; the plane's characters (nearly all) are
 * read by the loops below without this call.
 */
function surrogateClasses(text: string, at: number, length: number, code: number): number {
  const next = at + 1 < length ? codeAt(text, at + 1) : 0
  if (code > 0xdbff || next < 0xdc00 || next > 0xdfff) return 1
  return (astralClasses(((code - 0xd800) << 10) + (next - 0xdc00) + 0x10000) << 2) | 2
}

const isSurrogate = (code: number) => code >= 0xd800 && code <= 0xdfff

/** The classes of the character at `at`, as `surrogateClasses` gives them (shifted, with the length). */
function classesAt(text: string, at: number, length: number): number {
  const code = codeAt(text, at)
  return isSurrogate(code) ? surrogateClasses(text, at, length, code) : ((CLASSES[code] as number) << 2) | 1
}

const isApostrophe = (code: number) => code === 0x27 || code === 0x2019

/** The end of the run of characters of class `wanted` from `at`. */
function runEnd(text: string, at: number, length: number, wanted: number): number {
  let end = at
  while (end < length) {
    const code = codeAt(text, end)
    // Nearly every character is in the plane: its class is one look-up.
    if (!isSurrogate(code)) {
      if (((CLASSES[code] as number) & wanted) === 0) return end
      end++
      continue
    }
    const read = surrogateClasses(text, end, length, code)
    if (((read >> 2) & wanted) === 0) return end
    end += read & 3
  }
  return end
}

/** Where the word at or after `at` starts, or `length` when there is none. */
function wordStart(text: string, at: number, length: number): number {
  while (at < length) {
    const code = codeAt(text, at)
    if (!isSurrogate(code)) {
      if (((CLASSES[code] as number) & LETTER_MARK_OR_DIGIT) !== 0) return at
      at++
      continue
    }
    const read = surrogateClasses(text, at, length, code)
    if (((read >> 2) & LETTER_MARK_OR_DIGIT) !== 0) return at
    at += read & 3
  }
  return length
}

/** Where the word starting at `start` ends. */
function wordEnd(text: string, start: number, length: number): number {
  let end = runEnd(text, start, length, LETTER_MARK_OR_DIGIT)
  while (
    end + 1 < length &&
    isApostrophe(codeAt(text, end)) &&
    ((classesAt(text, end + 1, length) >> 2) & LETTER_OR_MARK) !== 0
  ) {
    end = runEnd(text, end + 1, length, LETTER_OR_MARK)
  }
  return end
}

export function wordsOf(text: string): string[] {
  const words: string[] = []
  const length = text.length
  for (let at = wordStart(text, 0, length); at < length; ) {
    const end = wordEnd(text, at, length)
    words.push(text.slice(at, end))
    at = wordStart(text, end, length)
  }
  return words
}

/**
 * Where the words of `wordsOf(text)` are: the start and the end of each, one after the other. For a reader that
 * needs their places rather than the words (what a quotation covers), without slicing them out again.
 */
export function wordBoundsOf(text: string): number[] {
  const bounds: number[] = []
  const length = text.length
  for (let at = wordStart(text, 0, length); at < length; ) {
    const end = wordEnd(text, at, length)
    bounds.push(at, end)
    at = wordStart(text, end, length)
  }
  return bounds
}
