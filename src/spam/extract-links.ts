import { domainToUnicode } from 'node:url'
import { codeAt } from './chars.js'
import { SHORTENER_HOSTS } from './shorteners.js'

/** A link found in a comment, in whichever form it was written. */
export type Link = {
  /** `shortened`: a URL shortener's address written without a scheme (`bit.ly/3xYz`). */
  kind: 'url' | 'www' | 'shortened' | 'anchor' | 'bbcode'
  /** The target as written (entity-decoded). */
  target: string
  /** Lower-case host in its ASCII (punycode) form, or null when the target has no parsable host. */
  host: string | null
  /** The host as a reader sees it (IDN decoded). */
  displayHost: string | null
  /** The clickable text of an anchor or BBCode link. */
  text: string | null
}

// Only what looks like markup (`<b>`, `</a>`, `<!-- -->`, `<br/>`): a heart `<3` or `5 > 3` is text a reader sees.
export const TAG = /<(?:\/?[a-z][a-z0-9-]*(?:[\s/][^<>]{0,2000})?|!--[^<>]{0,2000}?--)>/gi

// Opening tags only, with no '<', '>', '[' or ']' inside: each attempt stops at the next bracket, so a text full
// of unclosed tags is still read in linear time. Sticky: tried only where the tag's start was found (see
// takeTaggedLinks). The closing tag is then looked for with indexOf.
const ANCHOR_OPEN = /<a\s[^<>]{0,2000}>/iy
const HREF = /href\s*=\s*["']?([^"'\s>]+)/i
const BBCODE_NAMED_OPEN = /\[url=["']?([^[\]"'\s]{1,2000})["']?\]/iy
const BBCODE_BARE_OPEN = /\[url\]/iy
const MAX_LINK_TEXT = 2000
const BARE_URL = /\bhttps?:\/\/[^\s<>"'[\]]+/gi
const WWW_HOST = /(?<![\p{L}\p{N}.@/])www\.[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+[^\s<>"'[\]]*/giu
// What WWW_HOST needs: 'www.' in any case ('w' and 'W' are the only letters folding to 'w').
const MAY_BE_WWW = /www\./i
// Punctuation ending a sentence after a link is not part of it. Cut by a loop from the end: a pattern anchored at
// the end (/[.,;:!?…]+$/) is tried at every character of a run of them, so a link of 20 000 dots and a letter
// (one anonymous comment) took ~340 ms, the time growing with the square of the run.
// Latin punctuation, the ellipsis, and that of Chinese, Japanese and Korean text (ideographic stops, fullwidth
// and corner brackets), which a reader types right after a link: "https://www.lemonde.fr…" is lemonde.fr's.
const TRAILING_PUNCTUATION = new Set('.,;:!?)]}»”’\'"…。、，．！？；：）】」』〉》')
// Korean and Japanese glue particles to the word before, Chinese has no spaces: a Latin host (a dot and a Latin
// top-level domain) followed by such letters ends there ("https://www.lemonde.fr에서", "www.lemonde.frで"). A
// host written in those scripts (例え.テスト) or a path in them (/wiki/대한민국) is left whole.
const GLUED_TO_LATIN_HOST =
  /^((?:[a-z][a-z0-9+.-]*:\/\/)?[a-z0-9.-]+\.[a-z]{2,})[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/iu
function withoutTrailingPunctuation(target: string): string {
  let end = target.length
  while (end > 0 && TRAILING_PUNCTUATION.has(target.charAt(end - 1))) end--
  return target.slice(0, end)
}

/** A host without the root's dot it may end with ("example.com.", the same host, which URLs keep). */
export const withoutRootDot = (host: string) => (host.endsWith('.') ? host.slice(0, -1) : host)

const PLAIN_HOST = /^[a-z0-9.-]+$/
function hostOf(target: string): { host: string | null; displayHost: string | null } {
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(target) ? target : `http://${target}`)
    const host = withoutRootDot(url.hostname.toLowerCase())
    if (!host) return { host: null, displayHost: null }
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
  const trimmed = target.trim()
  const clean = withoutTrailingPunctuation(GLUED_TO_LATIN_HOST.exec(trimmed)?.[1] ?? trimmed)
  return { kind, target: clean, ...hostOf(clean), text: text?.replace(TAG, '').trim() || null }
}

/**
 * `text` lower-cased code unit for code unit, so that an index in it is one in `text`: the tags are ASCII, and the
 * few letters whose lower case is longer (`İ`) are blanked first, lest every later index be off.
 */
function lowerAligned(text: string): string {
  const lower = text.toLowerCase()
  return lower.length === text.length ? lower : text.replace(/[^\0-\x7f]/g, '\0').toLowerCase()
}

/**
 * Replaces each tagged link (an opening tag, its text, its closing tag) with its text, reporting the link. The
 * target comes from the opening tag, or (BBCode `[url]…[/url]`) is the text itself; an unclosed tag still links.
 * Where a tag may start (`start`, lower case) is found with indexOf and the sticky `open` tried there only: a global
 * pattern re-run from each tag's end took time growing with the square of the text on thousands of unclosed tags
 * (`[url]` or `<a href=x>` repeated over 64 KB: 80 to 300 ms).
 */
function takeTaggedLinks(
  text: string,
  open: RegExp,
  start: string,
  close: string,
  /** Reports the link and returns what stands in its place in the rest of the text. */
  report: (openingTag: RegExpExecArray, inner: string | null) => string,
): string {
  const lower = lowerAligned(text)
  let at = lower.indexOf(start)
  // Most texts have no such tag: nothing to copy.
  if (at < 0) return text
  let out = ''
  let last = 0
  // The next closing tag, kept between openings so a run of unclosed tags does not search the rest each time.
  let closeAt = -2
  for (; at >= 0; at = lower.indexOf(start, at + 1)) {
    open.lastIndex = at
    const tag = open.exec(text)
    if (!tag) continue
    const end = at + tag[0].length
    if (closeAt === -2 || (closeAt >= 0 && closeAt < end)) closeAt = lower.indexOf(close, end)
    const closed = closeAt >= 0 && closeAt - end <= MAX_LINK_TEXT
    const inner = closed ? text.slice(end, closeAt) : null
    out += `${text.slice(last, at)} ${report(tag, inner)} `
    last = closed ? closeAt + close.length : end
    at = last - 1
  }
  return out + text.slice(last)
}

/** Links in anchors and BBCode first; bare URLs only where they are not the target of one of those. */
export function extractLinks(decoded: string): Link[] {
  // Every link but a shortened address needs a '<', a '[', a '://' or a 'www.': most texts (and names) have none,
  // and one quick search for each spares the five patterns below; the text is then left as it is to look in.
  if (
    !decoded.includes('://') &&
    !decoded.includes('<') &&
    !decoded.includes('[') &&
    !MAY_BE_WWW.test(decoded)
  )
    return shortenedLinks(decoded)
  const links: Link[] = []
  // A link's text stays in the text (it is what the reader reads), unless it only repeats the target: then it
  // would be counted again as a bare link.
  const textOf = (found: Link, inner: string | null) =>
    inner && found.target.includes(inner.trim()) ? '' : (inner ?? '')
  let rest = takeTaggedLinks(decoded, ANCHOR_OPEN, '<a', '</a>', (tag, inner) => {
    const target = HREF.exec(tag[0])?.[1]
    if (!target) return inner ?? ''
    const found = link('anchor', target, inner)
    links.push(found)
    return textOf(found, inner)
  })
  rest = takeTaggedLinks(rest, BBCODE_NAMED_OPEN, '[url=', '[/url]', (tag, inner) => {
    const found = link('bbcode', tag[1] ?? '', inner)
    links.push(found)
    return textOf(found, inner)
  })
  // `[url]https://…[/url]`: the text is the target.
  rest = takeTaggedLinks(rest, BBCODE_BARE_OPEN, '[url]', '[/url]', (_, inner) => {
    if (inner) links.push(link('bbcode', inner, null))
    return ''
  })
  rest = rest.replace(BARE_URL, (target) => {
    links.push(link('url', target, null))
    return ' '
  })
  // The pattern's look-behind and Unicode classes are tried at every character: only a text with a 'www.' needs it.
  if (MAY_BE_WWW.test(rest))
    for (const match of rest.matchAll(WWW_HOST)) links.push(link('www', match[0], null))
  links.push(...shortenedLinks(rest))
  return links
}

const isAsciiLetterOrDigit = (code: number) =>
  (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57)
const isHostCharacter = (code: number) => isAsciiLetterOrDigit(code) || code === 46 || code === 45
const isCodeCharacter = (code: number) => isAsciiLetterOrDigit(code) || code === 95 || code === 45
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u
const SHORTENED_CODE = { min: 3, max: 64 }

/**
 * The next '/' from `from`, or '\\' as spam writes one so that no form links it (`bit.ly\14gKvDo`); -1 when none.
 * Each is searched for again only once passed: a text of one kind is read once for the other.
 */
function slashFinder(text: string) {
  let forward = -2
  let backward = -2
  return (from: number) => {
    if (forward !== -1 && forward < from) forward = text.indexOf('/', from)
    if (backward !== -1 && backward < from) backward = text.indexOf('\\', from)
    return forward === -1 ? backward : backward === -1 ? forward : Math.min(forward, backward)
  }
}

/**
 * A URL shortener's addresses written without a scheme, host and code: `bit.ly/3xYz`, or broken by a space or a
 * backslash so that no form links it (`adf.ly /KlD3Y`, `bit.ly\14gKvDo`). Pages and apps make `bit.ly/3xYz` a link, and its host says nothing of
 * where it leads: it is a link like `https://bit.ly/3xYz`. Only listed shorteners: a word with a dot and a slash
 * in general (`and/or`, `km/h`) is no address, and what follows a short host is a code, not a word. Read from
 * each '/' back to the host and on to the code: one pattern over the whole text cost some 30 µs a kilobyte.
 */
function shortenedLinks(text: string): Link[] {
  const found: Link[] = []
  const nextSlash = slashFinder(text)
  const length = text.length
  for (let slash = nextSlash(0); slash > 0; slash = nextSlash(slash + 1)) {
    const hostEnd = codeAt(text, slash - 1) === 32 ? slash - 1 : slash
    let hostStart = hostEnd
    while (hostStart > 0 && isHostCharacter(codeAt(text, hostStart - 1))) hostStart--
    if (hostStart === hostEnd) continue
    // Not the end of a longer name: an e-mail address, a path, or a word in another script glued to it.
    const before = hostStart > 0 ? text.charAt(hostStart - 1) : ''
    if (before === '@' || before === '/' || before === '\\' || before === '_' || LETTER_OR_DIGIT.test(before))
      continue
    const host = text.slice(hostStart, hostEnd)
    if (!SHORTENER_HOSTS.has(host.toLowerCase())) continue
    const codeStart = slash + 1 < length && codeAt(text, slash + 1) === 32 ? slash + 2 : slash + 1
    let codeEnd = codeStart
    // One past the longest code is enough to reject it: a run of thousands is not read to its end.
    const readTo = Math.min(length, codeStart + SHORTENED_CODE.max + 1)
    while (codeEnd < readTo && isCodeCharacter(codeAt(text, codeEnd))) codeEnd++
    const codeLength = codeEnd - codeStart
    if (codeLength < SHORTENED_CODE.min || codeLength > SHORTENED_CODE.max) continue
    if (codeEnd < length && LETTER_OR_DIGIT.test(text.charAt(codeEnd))) continue
    found.push(link('shortened', `${host}/${text.slice(codeStart, codeEnd)}`, null))
  }
  return found
}

/** The lower-cased host name of a URL (an author's site), or null when there is none or it does not parse. */
export function hostOfUrl(url: string | null | undefined): string | null {
  try {
    return url ? withoutRootDot(new URL(url).hostname.toLowerCase()) || null : null
  } catch {
    return null
  }
}
