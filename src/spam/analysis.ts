import { remove as toSkeleton } from 'confusables'
import { decodeHTML } from 'entities'
import { codeAt, codeUnitTable, mayMatch } from './chars.js'
import { extractLinks, type Link, TAG } from './extract-links.js'
import { readInvisible } from './invisible.js'
import { hasGluedCyrillicEnding, imitatesLatin, isMostlyCyrillic } from './lookalike.js'
import { lowerCase, normalizeText } from './normalize.js'
import { wordsOf } from './words.js'

export { extractLinks, type Link } from './extract-links.js'

/**
 * Everything the rules need to know about a text, computed once. Rules read `skeleton` and `words` to match
 * terms (so disguised spellings match), and `visible` for shape (capitals, repetition), where the original
 * letters matter.
 */
export type TextAnalysis = {
  raw: string
  /** HTML entities decoded, markup removed, NFKC: what a reader sees, with invisible characters removed. */
  visible: string
  /** `visible` lower-cased (İ as i: see normalize.ts) with whitespace collapsed. */
  normalized: string
  /** `normalized` with disguised words (mixed scripts, look-alike letters) mapped to their Latin skeleton. */
  skeleton: string
  /** The words of `skeleton`, in order. */
  words: string[]
  /** Words of the visible text that mix scripts or use look-alike letters, as written. */
  disguisedWords: string[]
  invisible: { total: number; insideWords: number }
  links: Link[]
}

// ASCII letters and digits are tried first: the same words, read twice as fast (a Unicode class is a table search).
// Either alternative ends a word where the other would, and the pattern cannot fail once a letter is read, so the
// overlap never backtracks. (The words of the skeleton are read by `wordsOf`, the same words without a pattern.)
const WORD = /(?:[a-z0-9]|[\p{L}\p{M}\p{N}])+(?:['’][\p{L}\p{M}]+)*/gu
// A value stops at the next '[' as at ']': thousands of unclosed `[url=` (64 KB) were each read 500 characters on,
// 50 ms of CPU; now under 1 ms.
const BBCODE_TAG = /\[\/?(?:url|link|img|b|i|u|s|quote|color|size)(?:=[^[\]]{0,500})?\]/gi
// A run of whitespace other than a lone space: a space followed by more whitespace, or any other whitespace first.
const COLLAPSIBLE_SPACE = / \s+|[^\S ]\s*/gu

// Latin letters outside the blocks ordinary writing uses: IPA, phonetic small capitals, Latin Extended-D. The IPA
// letters that are ordinary letters of living alphabets are left out: ə (Azerbaijani, many African languages),
// ɛ ɔ ɲ ɓ ɗ ɖ ɣ ʋ ʊ ɨ ʉ ɩ ʃ ʒ ʌ (Bambara, Lingala, Ewe, Wolof, Hausa, Fula...), and the saltillo ꞌ.
const LOOKALIKE_LATIN =
  /[\u0250-\u0252\u0255\u0258\u025A\u025C-\u025F\u0260-\u0262\u0264-\u0267\u026A-\u0271\u0273-\u0282\u0284-\u0288\u028D-\u0291\u0293-\u02AF\u1D00-\u1DBF\uA720-\uA78A\uA78D-\uA7FF]/u
// Any character a disguised word must contain (a superset of LOOKALIKE_LATIN, and the look-alike scripts).
const MAY_BE_DISGUISED =
  /[\u0250-\u02AF\u1D00-\u1DBF\uA720-\uA7FF\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}\p{Script=Cherokee}]/u
const MAY_BE_DISGUISED_UNIT = codeUnitTable(MAY_BE_DISGUISED)

/**
 * A word, as written (case matters: see lookalike.ts), that imitates Latin letters with another alphabet's, or
 * uses Latin letters that only imitate ordinary ones.
 */
export const isDisguised = (word: string) => LOOKALIKE_LATIN.test(word) || imitatesLatin(word)

// More combining marks on one letter than any script uses (Unicode's stream-safe format caps a run at 30).
const MAX_MARKS = 30
const LONG_MARK_RUN = /\p{M}{31,}/gu
const MAY_BE_MARK = codeUnitTable(/\p{M}/u)

/**
 * Whether `text` has more than MAX_MARKS code units in a row that may be marks: a run of 31 marks has, so without
 * one LONG_MARK_RUN cannot match. The pattern tests a Unicode class at every character (an eighth of the
 * analysis); the table clears ordinary text quickly.
 *
 * Only one code unit in MAX_MARKS + 1 is looked at first: a long run starting anywhere in `[from, probe]` covers
 * `probe`, so when `probe` may not be a mark no such run starts there, and the next one to look at is MAX_MARKS + 1
 * further. Only when it may be a mark is its run measured, both ways.
 */
function mayHaveLongMarkRun(text: string): boolean {
  const length = text.length
  // The code unit at `from - 1`, if any, is not a mark: a run never reaches back beyond `from`.
  let from = 0
  for (let probe = MAX_MARKS; probe < length; probe = from + MAX_MARKS) {
    if (MAY_BE_MARK[codeAt(text, probe)] !== 1) {
      from = probe + 1
      continue
    }
    let start = probe
    while (start > from && MAY_BE_MARK[codeAt(text, start - 1)] === 1) start--
    let end = probe + 1
    while (end < length && MAY_BE_MARK[codeAt(text, end)] === 1) end++
    if (end - start > MAX_MARKS) return true
    from = end + 1
  }
  return false
}

/**
 * A run of more than 30 combining marks is cut to 30 for the analysis (the comment is stored as sent): NFKC
 * reorders a run of mixed marks in quadratic time, and Zalgo text of 20 000 marks held the scorer for 400 ms.
 */
function streamSafe(text: string): string {
  if (!mayHaveLongMarkRun(text)) return text
  return text.replace(LONG_MARK_RUN, (run) => [...run].slice(0, MAX_MARKS).join(''))
}

/**
 * The disguised words of the visible text, lower-cased as `normalized` has them. Read where case is kept: whether
 * a letter passes for Latin depends on it. Most texts have no letter a disguise needs: one scan spares testing
 * each word (half the cost of the analysis).
 */
function disguisedIn(visible: string): ReadonlySet<string> {
  const found = new Set<string>()
  if (!mayMatch(visible, MAY_BE_DISGUISED_UNIT) || !MAY_BE_DISGUISED.test(visible)) return found
  let cyrillicText: boolean | undefined
  for (const [word] of visible.matchAll(WORD)) {
    if (!isDisguised(word)) continue
    // "Trumpа" in a Russian text is grammar (lookalike.ts); the text is counted only when such a word turns up.
    if (hasGluedCyrillicEnding(word)) {
      cyrillicText ??= isMostlyCyrillic(visible)
      if (cyrillicText) continue
    }
    found.add(lowerCase(word))
  }
  return found
}

/** `normalized` with its disguised words read as their Latin skeleton, and those words, in order, in `words`. */
function unmask(normalized: string, disguised: ReadonlySet<string>, words: string[]): string {
  return normalized.replace(WORD, (word) => {
    if (!disguised.has(word)) return word
    words.push(word)
    return lowerCase(toSkeleton(word))
  })
}

// A keycap: a digit, # or *, the emoji variation selector, the combining enclosing keycap.
const KEYCAP = /([0-9#*])\ufe0f?\u20e3/g
// The dingbat digits in circles (❶, ➀, ➊: three series of one to ten; ⓿) and the heavy plus and minus signs, which
// NFKC leaves as they are: spam writes a phone number with them ("➕1️⃣➖4️⃣0️⃣2️⃣", "+1 ➁➀➂ ➄➄➄") so that no digits
// are found. Only those next to a digit or a dingbat digit are read so: a list numbered ➀ 1914, ➁ 1939 keeps its
// marks (its numbers would run into a phone's), and a row of ➕ is applause, not a row of plus signs.
const DINGBAT_DIGIT = /[\u24ff\u2776-\u2796]/g
const HAS_DINGBAT_DIGIT = /[\u24ff\u2776-\u2796]/
const isDingbatDigit = (code: number) => code === 0x24ff || (code >= 0x2776 && code <= 0x2793)
const isHeavySign = (code: number) => code === 0x2795 || code === 0x2796
const isDigitOrDingbatDigit = (code: number) => (code >= 0x30 && code <= 0x39) || isDingbatDigit(code)
const dingbatAsWritten = (dingbat: string, at: number, text: string) => {
  const code = dingbat.charCodeAt(0)
  const before = at > 0 ? text.charCodeAt(at - 1) : 0
  const after = at + 1 < text.length ? text.charCodeAt(at + 1) : 0
  if (code === 0x2795 || code === 0x2796) {
    if (!isDigitOrDingbatDigit(before) && !isDigitOrDingbatDigit(after)) return dingbat
    return code === 0x2795 ? '+' : '-'
  }
  // A digit may follow a sign too ("➕❶ ❾❷❾").
  if (!isDigitOrDingbatDigit(before) && !isDigitOrDingbatDigit(after) && !isHeavySign(before)) return dingbat
  if (code === 0x24ff) return '0'
  if (code > 0x2793) return dingbat
  const digit = ((code - 0x2776) % 10) + 1
  return digit === 10 ? '10' : String(digit)
}

/**
 * How much of a normalised text is read: three times the longest comment intake takes (20 000 characters, each
 * one or two UTF-16 units). NFKC writes some characters as many (U+FDFA as 18): a comment of 20 000 of them
 * became 360 000 characters, which every rule then read, 50 ms of the server's thread for one comment.
 */
const MAX_NORMALISED_UNITS = 60_000
/** Characters NFKC writes as more than this are read as a space in a text that would otherwise grow too long. */
const MAX_EXPANSION = 3

/**
 * NFKC of `text`, within MAX_NORMALISED_UNITS. When it grows past that, the characters that grow most are read as
 * spaces, so that what follows them is read too: cutting the text instead let a few thousand of them hide any
 * spam after them from every rule. A cut is left only for texts longer than intake takes.
 */
function normalisedWithin(text: string): string {
  const nfkc = text.normalize('NFKC')
  if (nfkc.length <= MAX_NORMALISED_UNITS) return nfkc
  let tamed = ''
  for (const char of text) {
    const normalised = char.normalize('NFKC')
    tamed += normalised.length > MAX_EXPANSION ? ' ' : char
  }
  const bounded = tamed.normalize('NFKC')
  if (bounded.length <= MAX_NORMALISED_UNITS) return bounded
  const last = bounded.charCodeAt(MAX_NORMALISED_UNITS - 1)
  return bounded.slice(0, last >= 0xd800 && last <= 0xdbff ? MAX_NORMALISED_UNITS - 1 : MAX_NORMALISED_UNITS)
}

/**
 * Reads a text the way the rules need it. Only disguised words are mapped to their skeleton: a word written
 * wholly in Cyrillic, Greek, Arabic or Hangul is a real word and is left as it is.
 */
export function analyseText(raw: string): TextAnalysis {
  const decoded = decodeHTML(raw)
  const links = extractLinks(decoded)
  const nfkc = normalisedWithin(streamSafe(decoded))
  const { total, insideWords, visible: nfkcVisible } = readInvisible(nfkc)
  // Normalising is the costliest step on long runs of combining marks: a text with no markup is normalised once,
  // and its invisible characters are read once.
  const hasMarkup = decoded.includes('<') || decoded.includes('[')
  const shown = hasMarkup
    ? readInvisible(normalisedWithin(streamSafe(decoded.replace(TAG, ' ').replace(BBCODE_TAG, ' ')))).visible
    : nfkcVisible
  // A digit in a keycap ("0️⃣7️⃣4️⃣...", as spam writes a phone number so that no digits are found) or a circle is
  // the digit a reader reads.
  const keyed = shown.includes('\u20e3') ? shown.replace(KEYCAP, '$1') : shown
  const visible = HAS_DINGBAT_DIGIT.test(keyed) ? keyed.replace(DINGBAT_DIGIT, dingbatAsWritten) : keyed
  // Only runs that are not already a single space are replaced: most of a text's whitespace is single spaces, and
  // replacing each with itself cost a sixth of the analysis. The result is that of `replace(/\s+/gu, ' ')`.
  const normalized = lowerCase(visible).replace(COLLAPSIBLE_SPACE, ' ').trim()
  const disguisedWords: string[] = []
  const disguised = disguisedIn(visible)
  const skeleton = disguised.size > 0 ? unmask(normalized, disguised, disguisedWords) : normalized
  return {
    raw,
    visible,
    normalized,
    skeleton,
    words: wordsOf(skeleton),
    disguisedWords,
    invisible: { total, insideWords },
    links,
  }
}

/**
 * A site's term as the text it is looked for in reads (`skeleton`): a term copied from a disguised spam ("vіagra"
 * with a Cyrillic і, "ᴄᴀsino") is read as its Latin skeleton, as that spam is, and matches it and the plain spelling.
 */
export function termSkeleton(term: string): string {
  const normalized = normalizeText(term)
  const disguised = disguisedIn(readInvisible(streamSafe(term).normalize('NFKC')).visible)
  return disguised.size > 0 ? unmask(normalized, disguised, []) : normalized
}
