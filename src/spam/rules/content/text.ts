import type { TextAnalysis } from '../../analysis.js'

/**
 * What several content rules read besides the analysis itself, computed once per analysed text and remembered for
 * the few texts read last (see `recent`).
 */
export type Prose = {
  /** The visible text with links, e-mail addresses and bare domain names taken out: the words a person wrote. */
  text: string
  /**
   * The words of the skeleton (lower case, disguised spellings undone) with addresses set aside the same way: what
   * phrase lists are matched on, so that the slug of a cited article ("/pret-entre-particuliers-arnaques") is not
   * read as an offer.
   */
  skeletonWords: readonly string[]
  /** The skeleton with addresses set aside: numbers inside a cited link's path are no phone numbers. */
  skeleton: string
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
 * The prose of the texts read last, by identity. The rules of one comment ask for the prose of its content (and of
 * the article's title) one after the other, scoring being synchronous, so a handful of entries always hits. A
 * WeakMap keyed by analysis did the same, but its entries cost the garbage collector more than the prose itself
 * (about 10 µs a comment); these few strong references only keep the last comments' analyses.
 */
const RECENT = 4
const recent: { text: TextAnalysis; prose: Prose }[] = []
let nextSlot = 0

const isAddress = (token: string) => SCHEME.test(token) || WWW.test(token) || EMAIL_OR_HOST.test(token)

type Stripped = { value: string; addresses: string[] }

/** `value` with its address tokens replaced by a space (the same string when it has none), and those tokens. */
function strip(value: string): Stripped {
  let kept = ''
  let from = 0
  const addresses: string[] = []
  ADDRESS_MARK.lastIndex = 0
  for (let mark = ADDRESS_MARK.exec(value); mark; mark = ADDRESS_MARK.exec(value)) {
    let start = mark.index
    while (start > from && !isSpace(value.charCodeAt(start - 1))) start--
    let end = mark.index + mark[0].length
    while (end < value.length && !isSpace(value.charCodeAt(end))) end++
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
 * where they next occur reuses the analysis's words instead of reading the whole text again.
 */
function withoutAddressWords(words: readonly string[], addresses: readonly string[]): readonly string[] {
  const kept: string[] = []
  let next = 0
  let skip = addresses[0]?.match(WORD) ?? []
  for (let at = 0; at < words.length; at++) {
    if (
      skip.length > 0 &&
      words[at] === skip[0] &&
      skip.every((word, offset) => words[at + offset] === word)
    ) {
      at += skip.length - 1
      next++
      skip = addresses[next]?.match(WORD) ?? []
      continue
    }
    kept.push(words[at] ?? '')
  }
  return kept
}

/** The prose of an analysed text: what a reader reads as sentences once addresses are set aside. */
export function proseOf(text: TextAnalysis): Prose {
  for (const entry of recent) if (entry.text === text) return entry.prose
  const visible = strip(text.visible)
  const skeleton =
    visible.addresses.length === 0 ? { value: text.skeleton, addresses: [] } : strip(text.skeleton)
  const skeletonWords =
    skeleton.addresses.length === 0 ? text.words : withoutAddressWords(text.words, skeleton.addresses)
  const prose = { text: visible.value, skeletonWords, skeleton: skeleton.value }
  recent[nextSlot] = { text, prose }
  nextSlot = (nextSlot + 1) % RECENT
  return prose
}

/** A quoted excerpt of at most `max` characters (whole code points), with an ellipsis when it was cut. */
export function excerpt(value: string, max = 40): string {
  const trimmed = value.trim()
  const cut = Array.from(trimmed.slice(0, max * 2))
    .slice(0, max)
    .join('')
  return cut.length < trimmed.length ? `“${cut.trimEnd()}…”` : `“${cut}”`
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
