import { domainToUnicode } from 'node:url'
import { remove as toSkeleton } from 'confusables'
import { decodeHTML } from 'entities'

/** A link found in a comment, in whichever form it was written. */
export type Link = {
  kind: 'url' | 'www' | 'anchor' | 'bbcode'
  /** The target as written (entity-decoded). */
  target: string
  /** Lower-case host in its ASCII (punycode) form, or null when the target has no parsable host. */
  host: string | null
  /** The host as a reader sees it (IDN decoded). */
  displayHost: string | null
  /** The clickable text of an anchor or BBCode link. */
  text: string | null
}

/**
 * Everything the rules need to know about a text, computed once. Rules read `skeleton` and `words` to match
 * terms (so disguised spellings match), and `visible` for shape (capitals, repetition), where the original
 * letters matter.
 */
export type TextAnalysis = {
  raw: string
  /** HTML entities decoded, markup removed, NFKC: what a reader sees, with invisible characters removed. */
  visible: string
  /** `visible` lower-cased with whitespace collapsed. */
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

// Zero-width, bidi, soft-hyphen, word-joiner, BOM, Mongolian vowel separator and Hangul fillers: invisible, or
// shown as nothing, in running text.
const INVISIBLE = /[\p{Cf}\u180E\u115F\u1160\u3164\uFFA0]/gu
// Joiners that shape legitimate text: ZWNJ/ZWJ between letters of scripts that use them, ZWJ in emoji sequences.
const JOINER = /[\u200C\u200D]/
const JOINING_SCRIPT =
  /[\p{Script=Arabic}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Sinhala}\p{Script=Malayalam}\p{Script=Kannada}\p{Script=Telugu}\p{Script=Tamil}\p{Script=Gujarati}\p{Script=Gurmukhi}\p{Script=Oriya}\p{Script=Syriac}]/u
// Direction marks (LRM, RLM, ALM) where right-to-left text meets other text: editors insert them so that a Latin
// name or a number inside Arabic or Hebrew is laid out correctly.
const DIRECTION_MARK = /[\u200E\u200F\u061C]/
const RIGHT_TO_LEFT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u
// A zero-width space between words of a script written without spaces (Thai, Khmer, Lao, Myanmar, Chinese,
// Japanese) is how writers there mark a word or line break.
const ZERO_WIDTH_SPACE = '\u200B'
const UNSPACED_SCRIPT =
  /[\p{Script=Thai}\p{Script=Khmer}\p{Script=Lao}\p{Script=Myanmar}\p{Script=Tibetan}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u
// A soft hyphen is a hyphenation hint: text copied from an article carries them. It is removed (so it never
// splits a word) but is not held against the writer.
const SOFT_HYPHEN = '\u00AD'
const EMOJI = /\p{Extended_Pictographic}|\uFE0F/u
const LETTER = /[\p{L}\p{M}\p{N}]/u
// ASCII letters and digits are tried first: the same words, read twice as fast (a Unicode class is a table search).
// Either alternative ends a word where the other would, and the pattern cannot fail once a letter is read, so the
// overlap never backtracks.
const WORD = /(?:[a-z0-9]|[\p{L}\p{M}\p{N}])+(?:['’][\p{L}\p{M}]+)*/gu

// Only what looks like markup (`<b>`, `</a>`, `<!-- -->`, `<br/>`): a heart `<3` or `5 > 3` is text a reader sees.
const TAG = /<(?:\/?[a-z][a-z0-9-]*(?:[\s/][^<>]{0,2000})?|!--[^<>]{0,2000}?--)>/gi
const BBCODE_TAG = /\[\/?(?:url|link|img|b|i|u|s|quote|color|size)(?:=[^\]]{0,500})?\]/gi

// Latin letters outside the blocks ordinary writing uses: IPA, phonetic small capitals, Latin Extended-D. The IPA
// letters that are ordinary letters of living alphabets are left out: ə (Azerbaijani, many African languages),
// ɛ ɔ ɲ ɓ ɗ ɖ ɣ ʋ ʊ ɨ ʉ ɩ ʃ ʒ ʌ (Bambara, Lingala, Ewe, Wolof, Hausa, Fula...), and the saltillo ꞌ.
const LOOKALIKE_LATIN =
  /[\u0250-\u0252\u0255\u0258\u025A\u025C-\u025F\u0260-\u0262\u0264-\u0267\u026A-\u0271\u0273-\u0282\u0284-\u0288\u028D-\u0291\u0293-\u02AF\u1D00-\u1DBF\uA720-\uA78A\uA78D-\uA7FF]/u
const LATIN = /\p{Script=Latin}/u
const LATIN_LOOKALIKE_SCRIPTS = /[\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}\p{Script=Cherokee}]/u
// Any character a disguised word must contain (a superset of LOOKALIKE_LATIN, and the look-alike scripts).
const MAY_BE_DISGUISED =
  /[\u0250-\u02AF\u1D00-\u1DBF\uA720-\uA7FF\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}\p{Script=Cherokee}]/u

// Every character of the Basic Multilingual Plane but the surrogates, for building the tables below.
const PLANE = (() => {
  const units = new Uint16Array(0x10000 - 0x800)
  for (let code = 0, at = 0; code < 0x10000; code++) if (code < 0xd800 || code >= 0xe000) units[at++] = code
  return new TextDecoder('utf-16le').decode(units)
})()

/**
 * The characters of the Basic Multilingual Plane a one-character pattern matches, found by one pass of the pattern
 * over all of them (a few milliseconds, once), and the surrogates, which stand for characters left to the pattern.
 * Looking each character of a text up in it clears most texts far faster than the pattern's Unicode classes can.
 */
function codeUnitTable(pattern: RegExp): Uint8Array {
  const table = new Uint8Array(0x10000).fill(1, 0xd800, 0xe000)
  for (const match of PLANE.matchAll(new RegExp(pattern.source, 'gu'))) table[match[0].charCodeAt(0)] = 1
  return table
}

/** Whether the pattern of `table` may match somewhere in `text`: false is certain, true is to be checked. */
function mayMatch(text: string, table: Uint8Array): boolean {
  for (let at = 0; at < text.length; at++) if (table[text.charCodeAt(at)] === 1) return true
  return false
}

const MAY_BE_INVISIBLE = codeUnitTable(INVISIBLE)
const MAY_BE_DISGUISED_UNIT = codeUnitTable(MAY_BE_DISGUISED)

// Opening tags only, with no '<', '>', '[' or ']' inside: each attempt stops at the next bracket, so a text full
// of unclosed tags is still read in linear time. The closing tag is then looked for with indexOf.
const ANCHOR_OPEN = /<a\s[^<>]{0,2000}>/gi
const HREF = /href\s*=\s*["']?([^"'\s>]+)/i
const BBCODE_NAMED_OPEN = /\[url=["']?([^[\]"'\s]{1,2000})["']?\]/gi
const BBCODE_BARE_OPEN = /\[url\]/gi
const MAX_LINK_TEXT = 2000
const BARE_URL = /\bhttps?:\/\/[^\s<>"'[\]]+/gi
const WWW_HOST = /(?<![\p{L}\p{N}.@/])www\.[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+[^\s<>"'[\]]*/giu
// A run of whitespace other than a lone space: a space followed by more whitespace, or any other whitespace first.
const COLLAPSIBLE_SPACE = / \s+|[^\S ]\s*/gu
const TRAILING_PUNCTUATION = /[.,;:!?)\]}»”'"]+$/

const PLAIN_HOST = /^[a-z0-9.-]+$/
function hostOf(target: string): { host: string | null; displayHost: string | null } {
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(target) ? target : `http://${target}`)
    if (!url.hostname) return { host: null, displayHost: null }
    const host = url.hostname.toLowerCase()
    // A web address's host of plain letters, digits, dots and hyphens, with no punycode label, reads as it is
    // written (the parser already wrote numeric hosts as IPv4): asking for its Unicode form would return it
    // unchanged.
    const web = url.protocol === 'http:' || url.protocol === 'https:'
    const plain = web && PLAIN_HOST.test(host) && !host.includes('xn--')
    return { host, displayHost: plain ? host : domainToUnicode(host) || host }
  } catch {
    return { host: null, displayHost: null }
  }
}

function link(kind: Link['kind'], target: string, text: string | null): Link {
  const clean = target.trim().replace(TRAILING_PUNCTUATION, '')
  return { kind, target: clean, ...hostOf(clean), text: text?.replace(TAG, '').trim() || null }
}

/**
 * Replaces each tagged link (an opening tag, its text, its closing tag) with its text, reporting the link. The
 * target comes from the opening tag, or (BBCode `[url]…[/url]`) is the text itself; an unclosed tag still links.
 */
function takeTaggedLinks(
  text: string,
  open: RegExp,
  close: string,
  /** Reports the link and returns what stands in its place in the rest of the text. */
  report: (openingTag: RegExpExecArray, inner: string | null) => string,
): string {
  open.lastIndex = 0
  let tag = open.exec(text)
  // Most texts have no such tag: nothing to copy or lower-case.
  if (!tag) return text
  const lower = text.toLowerCase()
  let out = ''
  let last = 0
  // The next closing tag, kept between openings so a run of unclosed tags does not search the rest each time.
  let closeAt = -2
  for (; tag; tag = open.exec(text)) {
    const start = tag.index + tag[0].length
    if (closeAt === -2 || (closeAt >= 0 && closeAt < start)) closeAt = lower.indexOf(close, start)
    const closed = closeAt >= 0 && closeAt - start <= MAX_LINK_TEXT
    const inner = closed ? text.slice(start, closeAt) : null
    out += `${text.slice(last, tag.index)} ${report(tag, inner)} `
    last = closed ? closeAt + close.length : start
    open.lastIndex = last
  }
  return out + text.slice(last)
}

/** Links in anchors and BBCode first; bare URLs only where they are not the target of one of those. */
export function extractLinks(decoded: string): Link[] {
  const links: Link[] = []
  // A link's text stays in the text (it is what the reader reads), unless it only repeats the target: then it
  // would be counted again as a bare link.
  const textOf = (found: Link, inner: string | null) =>
    inner && found.target.includes(inner.trim()) ? '' : (inner ?? '')
  let rest = takeTaggedLinks(decoded, ANCHOR_OPEN, '</a>', (tag, inner) => {
    const target = HREF.exec(tag[0])?.[1]
    if (!target) return inner ?? ''
    const found = link('anchor', target, inner)
    links.push(found)
    return textOf(found, inner)
  })
  rest = takeTaggedLinks(rest, BBCODE_NAMED_OPEN, '[/url]', (tag, inner) => {
    const found = link('bbcode', tag[1] ?? '', inner)
    links.push(found)
    return textOf(found, inner)
  })
  // `[url]https://…[/url]`: the text is the target.
  rest = takeTaggedLinks(rest, BBCODE_BARE_OPEN, '[/url]', (_, inner) => {
    if (inner) links.push(link('bbcode', inner, null))
    return ''
  })
  rest = rest.replace(BARE_URL, (target) => {
    links.push(link('url', target, null))
    return ' '
  })
  for (const match of rest.matchAll(WWW_HOST)) links.push(link('www', match[0], null))
  return links
}

/** An invisible character that legitimate text needs where it stands: it is kept, and not held against the writer. */
function isLegitimateJoiner(text: string, index: number): boolean {
  const char = text[index] ?? ''
  // Two code units each way: an emoji outside the Basic Multilingual Plane is a surrogate pair.
  const before = text.slice(Math.max(0, index - 2), index)
  const after = text.slice(index + 1, index + 3)
  if (JOINER.test(char)) {
    if (EMOJI.test(before) || EMOJI.test(after)) return true
    return JOINING_SCRIPT.test(before) || JOINING_SCRIPT.test(after)
  }
  if (DIRECTION_MARK.test(char)) return RIGHT_TO_LEFT.test(before) || RIGHT_TO_LEFT.test(after)
  if (char === ZERO_WIDTH_SPACE) return UNSPACED_SCRIPT.test(before) && UNSPACED_SCRIPT.test(after)
  return false
}

function countInvisible(text: string): { total: number; insideWords: number } {
  if (!mayMatch(text, MAY_BE_INVISIBLE)) return { total: 0, insideWords: 0 }
  let total = 0
  let insideWords = 0
  for (const match of text.matchAll(INVISIBLE)) {
    const index = match.index ?? 0
    if (match[0] === SOFT_HYPHEN || isLegitimateJoiner(text, index)) continue
    total++
    if (LETTER.test(text[index - 1] ?? '') && LETTER.test(text[index + match[0].length] ?? '')) insideWords++
  }
  return { total, insideWords }
}

/** A word that mixes Latin with a look-alike script, or uses Latin letters that only imitate ordinary ones. */
export const isDisguised = (word: string) =>
  LOOKALIKE_LATIN.test(word) || (LATIN.test(word) && LATIN_LOOKALIKE_SCRIPTS.test(word))

// More combining marks on one letter than any script uses (Unicode's stream-safe format caps a run at 30).
const LONG_MARK_RUN = /\p{M}{31,}/gu

/**
 * A run of more than 30 combining marks is cut to 30 for the analysis (the comment is stored as sent): NFKC
 * reorders a run of mixed marks in quadratic time, and Zalgo text of 20 000 marks held the scorer for 400 ms.
 */
function streamSafe(text: string): string {
  return text.replace(LONG_MARK_RUN, (run) => [...run].slice(0, 30).join(''))
}

/**
 * Reads a text the way the rules need it. Only disguised words are mapped to their skeleton: a word written
 * wholly in Cyrillic, Greek, Arabic or Hangul is a real word and is left as it is.
 */
export function analyseText(raw: string): TextAnalysis {
  const decoded = decodeHTML(raw)
  const links = extractLinks(decoded)
  const nfkc = streamSafe(decoded).normalize('NFKC')
  const invisible = countInvisible(nfkc)
  // Normalising is the costliest step on long runs of combining marks: a text with no markup is normalised once.
  const hasMarkup = decoded.includes('<') || decoded.includes('[')
  const shown = hasMarkup
    ? streamSafe(decoded.replace(TAG, ' ').replace(BBCODE_TAG, ' ')).normalize('NFKC')
    : nfkc
  const visible = mayMatch(shown, MAY_BE_INVISIBLE)
    ? shown.replace(INVISIBLE, (char, index, text) => (isLegitimateJoiner(text, index) ? char : ''))
    : shown
  // Only runs that are not already a single space are replaced: most of a text's whitespace is single spaces, and
  // replacing each with itself cost a sixth of the analysis. The result is that of `replace(/\s+/gu, ' ')`.
  const normalized = visible.toLowerCase().replace(COLLAPSIBLE_SPACE, ' ').trim()
  const disguisedWords: string[] = []
  // Most texts have no letter a disguise needs: one scan spares testing each word (half the cost of the analysis).
  const skeleton =
    mayMatch(normalized, MAY_BE_DISGUISED_UNIT) && MAY_BE_DISGUISED.test(normalized)
      ? normalized.replace(WORD, (word) => {
          if (!isDisguised(word)) return word
          disguisedWords.push(word)
          return toSkeleton(word).toLowerCase()
        })
      : normalized
  return {
    raw,
    visible,
    normalized,
    skeleton,
    words: skeleton.match(WORD) ?? [],
    disguisedWords,
    invisible,
    links,
  }
}
