import type { TextAnalysis } from '../../analysis.js'
import { codeAt } from '../../chars.js'
import { type Lexicon, lexiconOf } from '../../lexicon.js'
import { recent } from '../../recent.js'
import { wordsOf } from '../../words.js'

/** What several content rules read besides the analysis itself, computed once per analysed text. */
export type Prose = {
  /** The visible text with links, e-mail addresses and bare domain names taken out: the words a person wrote. */
  text: string
  /**
   * The words of the skeleton (lower case, disguised spellings undone) with addresses set aside the same way: what
   * phrase lists are matched on, so that the slug of a cited article ("/pret-entre-particuliers-arnaques") is not
   * read as an offer.
   */
  skeletonWords: readonly string[]
  /** The number of each of `skeletonWords` in `lexicon`. */
  skeletonIds: readonly number[]
  /** The distinct words of the analysis (`TextAnalysis.words`), a superset of those of the prose. */
  lexicon: Lexicon
  /** The skeleton with addresses set aside: numbers inside a cited link's path are no phone numbers. */
  skeleton: string
  /** The addresses set aside, as written in the visible text: links, e-mail addresses, bare domain names. */
  addresses: readonly string[]
}

/** The same words as the analysis's (`TextAnalysis.words`). */
export const WORD = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*/gu
// A token that is an address rather than prose: a scheme, a www. host, an e-mail, or a bare `name.tld` host.
// Each test is anchored or bounded, so a 20 000-character token is read once.
const SCHEME = /^\W{0,3}[a-z][a-z0-9+.-]{0,20}:\/\//i
const WWW = /^\W{0,3}www\./i
const EMAIL_OR_HOST =
  /[\p{L}\p{N}]@[\p{L}\p{N}-]|[\p{L}\p{N}-]\.(?:[a-z]{2,12}|xn--[a-z0-9-]{1,59})(?:[/:?#]|\W{0,3}$)/iu
// Where an address may be: plain ASCII, so finding none (most comments) is one quick pass.
const ADDRESS_MARK = /:\/\/|www\.|@|\.(?:[a-z]{2}|xn--)/gi
const isSpace = (code: number) =>
  code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0 || code === 0x3000
/**
 * Where an address token ends besides a space: a character of Chinese, Japanese or Korean (their punctuation, kana,
 * ideographs, Hangul), which write an address glued to the sentence ("詳しくはhttps://x.jpまで", "LINEで@x"). Read
 * up to the spaces, a whole sentence went with the address, out of every rule's sight.
 */
const isUnspaced = (code: number) =>
  (code >= 0x3000 && code <= 0x9fff) ||
  (code >= 0xac00 && code <= 0xd7a3) ||
  (code >= 0x1100 && code <= 0x11ff)
const endsAddress = (code: number) => isSpace(code) || isUnspaced(code)

const isAddress = (token: string) => SCHEME.test(token) || WWW.test(token) || EMAIL_OR_HOST.test(token)

type Stripped = { value: string; addresses: string[] }

/** `value` with its address tokens replaced by a space (the same string when it has none), and those tokens. */
function strip(value: string): Stripped {
  let kept = ''
  let from = 0
  const addresses: string[] = []
  const length = value.length
  ADDRESS_MARK.lastIndex = 0
  for (let mark = ADDRESS_MARK.exec(value); mark; mark = ADDRESS_MARK.exec(value)) {
    let start = mark.index
    while (start > from && !endsAddress(codeAt(value, start - 1))) start--
    let end = mark.index + mark[0].length
    while (end < length && !endsAddress(codeAt(value, end))) end++
    const token = value.slice(start, end)
    if (isAddress(token)) {
      kept += `${value.slice(from, start)} `
      addresses.push(token)
      from = end
    }
    // The rest of the token was read: go on after it.
    ADDRESS_MARK.lastIndex = end
  }
  return { value: from === 0 ? value : kept + value.slice(from), addresses }
}

/**
 * `words` less the words of the address tokens, which come in the same order: matching the words of each address
 * where they next occur reuses the analysis's words instead of reading the whole text again. Words are compared by
 * their number in the lexicon (a word of an address that is not in it is -1, and matches nothing).
 */
function withoutAddressWords(
  words: readonly string[],
  lexicon: Lexicon,
  addresses: readonly string[],
): { words: string[]; ids: number[] } {
  const { ids } = lexicon
  const keptWords: string[] = []
  const keptIds: number[] = []
  const idsOf = (address: string | undefined) =>
    address === undefined ? [] : wordsOf(address).map((word) => lexicon.idOf(word))
  let next = 0
  let skip = idsOf(addresses[0])
  for (let at = 0; at < words.length; at++) {
    if (skip.length > 0 && ids[at] === skip[0] && skip.every((id, offset) => ids[at + offset] === id)) {
      at += skip.length - 1
      next++
      skip = idsOf(addresses[next])
      continue
    }
    keptIds.push(ids[at] as number)
    keptWords.push(words[at] as string)
  }
  return { words: keptWords, ids: keptIds }
}

/**
 * The prose of an analysed text: what a reader reads as sentences once addresses are set aside. Computed once for
 * the rules of a comment, which all ask for it (see recent.ts).
 */
export const proseOf = recent((text: TextAnalysis): Prose => {
  const visible = strip(text.visible)
  const skeleton =
    visible.addresses.length === 0 ? { value: text.skeleton, addresses: [] } : strip(text.skeleton)
  const lexicon = lexiconOf(text.words)
  const kept =
    skeleton.addresses.length === 0
      ? { words: text.words, ids: lexicon.ids }
      : withoutAddressWords(text.words, lexicon, skeleton.addresses)
  return {
    text: visible.value,
    skeletonWords: kept.words,
    skeletonIds: kept.ids,
    lexicon,
    skeleton: skeleton.value,
    addresses: visible.addresses,
  }
})

/** A quoted excerpt of at most `max` characters (whole code points), with an ellipsis when it was cut. */
export function excerpt(value: string, max = 40): string {
  const trimmed = value.trim()
  const cut = trimmed.slice(0, codePointsEnd(trimmed, Math.min(trimmed.length, max * 2), max))
  return cut.length < trimmed.length ? `“${cut.trimEnd()}…”` : `“${cut}”`
}

/**
 * Where the first `count` code points of `text` end, reading no further than `limit`: the length of
 * `Array.from(text.slice(0, limit)).slice(0, count).join('')`, without the array (a lone surrogate counts as one).
 */
function codePointsEnd(text: string, limit: number, count: number): number {
  let end = 0
  for (let read = 0; read < count && end < limit; read++) {
    const code = codeAt(text, end)
    const pair = code >= 0xd800 && code <= 0xdbff && end + 1 < limit
    end += pair && codeAt(text, end + 1) >= 0xdc00 && codeAt(text, end + 1) <= 0xdfff ? 2 : 1
  }
  return end
}

const LATIN_LETTER = /\p{Script=Latin}/u
const LETTER = /\p{L}/u

/** Counts of the letters of a word by kind: Latin letters, and letters of any other script. */
export function letterCounts(word: string): { latin: number; other: number } {
  let latin = 0
  let other = 0
  for (const char of word) {
    const code = char.charCodeAt(0)
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a)) latin++
    else if (code < 0x80) continue
    else if (LATIN_LETTER.test(char)) latin++
    else if (LETTER.test(char)) other++
  }
  return { latin, other }
}
