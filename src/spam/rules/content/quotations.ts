import { codeAt } from '../../chars.js'
import { wordBoundsOf } from '../../words.js'
import { UNSPACED } from './messengers.js'

/**
 * Where a text quotes someone else's words: between quotation marks, of any language the site's readers write
 * («…», “…”, „…“, "…", '…', ‘…’, 「…」, 『…』, 《…》). A reader reporting on spam quotes its wording ("les arnaques au
 * « prêt entre particuliers »", "경찰, '먹튀검증' 사이트 운영자 검거", "警方提醒「在线赌场」都是骗局"): the words are
 * reported, not offered. An offer is written as such, and whoever quotes it to sell still gives a way to be reached.
 */

// Each opening mark and the marks that close it. German opens with „ and closes with “; straight and single
// quotes close themselves.
const CLOSERS: Record<string, string> = {
  '«': '»',
  '“': '”',
  '„': '“”',
  '‹': '›',
  '「': '」',
  '『': '』',
  '《': '》',
  '〈': '〉',
  '"': '"',
  "'": "'",
  '‘': '’',
}
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u
// The apostrophe is also a single quotation mark: it opens a quotation only before a word and not inside one
// ("l'argent" is one word), and closes it only after a word and not inside one.
const APOSTROPHES = new Set(["'", '’', '‘'])

/** Every quotation mark, opening or closing, by its code: the characters of a text that need a second look. */
const MARK = new Uint8Array(0x10000)
for (const [opener, closers] of Object.entries(CLOSERS))
  for (const mark of opener + closers) MARK[mark.charCodeAt(0)] = 1

/** The ranges [start, end) of `text` between a quotation mark and the one that closes it. */
export function quotedRanges(text: string): [number, number][] {
  const ranges: [number, number][] = []
  let open: { at: number; closers: string } | null = null
  const length = text.length
  for (let at = 0; at < length; at++) {
    // Most characters are no quotation mark: looked at once, by their code.
    if (MARK[codeAt(text, at)] !== 1) continue
    const char = text[at] as string
    const before = LETTER_OR_DIGIT.test(text[at - 1] ?? '')
    const next = text[at + 1] ?? ''
    const after = LETTER_OR_DIGIT.test(next)
    if (open?.closers.includes(char)) {
      // Korean glues its particles to a closing quotation mark ("'가입머니'로"), as Japanese and Chinese their words.
      if (APOSTROPHES.has(char) && after && !UNSPACED.test(next)) continue
      ranges.push([open.at + 1, at])
      open = null
    } else if (open === null && CLOSERS[char] !== undefined) {
      if (APOSTROPHES.has(char) && (before || !after)) continue
      open = { at, closers: CLOSERS[char] as string }
    }
  }
  return ranges
}

/**
 * For each word of `text` (as `wordsOf` reads them), whether it is inside a quotation; null when nothing is quoted, or
 * when the words read do not number `count`, the words the caller knows the text by.
 */
export function quotedWords(text: string, count: number): boolean[] | null {
  const ranges = quotedRanges(text)
  // Nothing quoted (most texts): no word is, and the words need not be read again.
  if (ranges.length === 0) return null
  const bounds = wordBoundsOf(text)
  if (bounds.length !== 2 * count) return null
  const quoted = new Array<boolean>(count)
  // Ranges and words both come in order and do not overlap: the only range that may hold a word is the first one
  // that ends at or after it.
  let range = 0
  for (let word = 0; word < count; word++) {
    const start = bounds[2 * word] as number
    const end = bounds[2 * word + 1] as number
    while (range < ranges.length && (ranges[range] as [number, number])[1] < end) range++
    quoted[word] = range < ranges.length && (ranges[range] as [number, number])[0] <= start
  }
  return quoted
}

/**
 * Whether every occurrence of `phrase` in `text` is inside a quotation (and there is one); `ranges` are the text's
 * `quotedRanges`, read once by a caller asking of several phrases.
 */
export function onlyQuoted(
  text: string,
  phrase: string,
  ranges: readonly (readonly [number, number])[] = quotedRanges(text),
): boolean {
  if (ranges.length === 0) return false
  let found = false
  // Occurrences and ranges both come in order and ranges do not overlap: the only range that may hold an
  // occurrence is the first one that ends at or after it, so each range is passed once. Searching all of them for
  // each occurrence made a comment of thousands of quoted phrases ("「约炮」「约炮」…") take time quadratic in
  // its length, blocking the event loop for every site.
  let range = 0
  for (let at = text.indexOf(phrase); at !== -1; at = text.indexOf(phrase, at + 1)) {
    const end = at + phrase.length
    while (range < ranges.length && (ranges[range] as readonly [number, number])[1] < end) range++
    if (range === ranges.length || (ranges[range] as readonly [number, number])[0] > at) return false
    found = true
  }
  return found
}
