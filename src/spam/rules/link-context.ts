import { domainToUnicode } from 'node:url'
import type { Link } from '../analysis.js'
import { codeAt } from '../chars.js'
import { lowerCase } from '../normalize.js'
import { recent } from '../recent.js'
import { bareHost, hostOfAddress, isHostOf } from './link-lists.js'
import type { RuleContext, ScoringInput } from './types.js'

/**
 * What the link rules share: the comment's links counted once each, the author's website, the site's own host.
 * Computed once per comment (the engine passes the same context to every rule) and kept for the last few.
 */

/** The last character (code point) of `text` before `end`. */
export function charBefore(text: string, end: number): string {
  const code = codeAt(text, end - 1)
  return code >= 0xdc00 && code <= 0xdfff && end >= 2 ? text.slice(end - 2, end) : text.slice(end - 1, end)
}

const MAX_QUOTE = 80

/** Evidence in quotation marks, shortened (never inside a surrogate pair) so a reason stays one readable line. */
export function quote(evidence: string): string {
  if (evidence.length <= MAX_QUOTE) return `“${evidence}”`
  let end = MAX_QUOTE - 1
  const last = codeAt(evidence, end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end--
  return `“${evidence.slice(0, end)}…”`
}

// The characters extractLinks trims from the end of a link target, and whitespace.
const TRAILING = new Set([...'.,;:!?)]}»”\'"…'])
const SPACE = /\s/u
const EMOJI = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\uFE0F|\u200D/u

/** `text` without trailing whitespace, closing punctuation and emoji. A loop: a `$`-anchored regex is quadratic. */
export function trimTail(text: string): string {
  let end = text.length
  while (end > 0) {
    const char = charBefore(text, end)
    if (TRAILING.has(char) || SPACE.test(char) || EMOJI.test(char)) end -= char.length
    else break
  }
  return text.slice(0, end)
}

/**
 * The form names and link texts are compared in: compatibility-folded, lower case as the analysis has it (İ as i),
 * single spaces.
 */
export const comparable = (text: string) =>
  trimTail(lowerCase(text.normalize('NFKC')).replace(/\s+/gu, ' ').trim())

type Site = { host: string; displayHost: string }

function siteOf(written: string | null): Site | null {
  const host = hostOfAddress(written)
  return host ? { host, displayHost: domainToUnicode(host) || host } : null
}

/** The author's website, parsed once per comment. */
export const authorSite = recent((input: ScoringInput): Site | null => siteOf(input.author.url))

/** The article's host without `www.`, parsed once per comment. */
const ownHost = recent((input: ScoringInput): string | null => bareHost(input.article.url))

/** Whether `host` is the site's own (the article's host, with or without `www.`, or one of its subdomains). */
export function isOwnHost(host: string | null, input: ScoringInput): boolean {
  const own = host ? ownHost(input) : null
  return !!host && !!own && isHostOf(host, own)
}

type BodyLinks = {
  /** Every link in the text, each once: an anchor whose text is its own address is one link, not two. */
  all: Link[]
  /** The links that count against the comment: those to other sites than this one. */
  counted: Link[]
}

/** An address without its scheme and trailing slash, lower case: how two spellings of one address compare. */
const addressKey = (address: string) =>
  address
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/\/$/, '')
    .toLowerCase()

function dedupe(links: Link[]): Link[] {
  // extractLinks reads an anchor's or BBCode link's text as text, so a text that is itself the link's address
  // comes back as a second, bare link. A text showing another address than the target is a second link.
  const shown = new Map<string, number>()
  for (const link of links) {
    if ((link.kind === 'anchor' || link.kind === 'bbcode') && link.text) {
      const text = trimTail(link.text)
      if (addressKey(text) !== addressKey(link.target)) continue
      shown.set(text, (shown.get(text) ?? 0) + 1)
    }
  }
  if (shown.size === 0) return links
  return links.filter((link) => {
    if (link.kind === 'anchor' || link.kind === 'bbcode') return true
    const left = shown.get(link.target) ?? 0
    if (left === 0) return true
    shown.set(link.target, left - 1)
    return false
  })
}

export const linksOf = recent((context: RuleContext): BodyLinks => {
  const all = dedupe(context.text.links)
  return { all, counted: all.filter((link) => !isOwnHost(link.host, context.input)) }
})

export const shownHost = (link: Link) => link.displayHost ?? link.target

/** The hosts of some links, for a reason: “a.example”, “b.example” and 3 more. */
export function hostList(links: readonly Link[]): string {
  const hosts = [...new Set(links.map(shownHost))]
  const named = hosts.slice(0, 3).map(quote).join(', ')
  return hosts.length > 3 ? `${named} and ${hosts.length - 3} more` : named
}
