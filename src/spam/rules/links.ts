import { domainToUnicode } from 'node:url'
import { isDisguised, type Link } from '../analysis.js'
import { codeAt } from '../chars.js'
import { recent } from '../recent.js'
import {
  AFFILIATE_PARAMETERS,
  CYRILLIC_COUNTRY_TLDS,
  hostInList,
  isSharedAuthorHost,
  parseUrl,
  REFERRAL_PARAMETERS,
  SHORTENER_EXCEPTIONS,
  SHORTENER_HOSTS,
  SIGN_UP_SEGMENTS,
} from './link-lists.js'
import { foldForPraise, genericPraise, PRAISE_VOCABULARY } from './praise.js'
import type { Rule, RuleContext, ScoringInput } from './types.js'
import { defaultWeights } from './weights.js'

// ---------------------------------------------------------------------------------------------------------------
// What the link rules share: the comment's links counted once each, the author's website, the site's own host.
// Computed once per comment (the engine passes the same context to every rule) and kept for the last few.
// ---------------------------------------------------------------------------------------------------------------

const MAX_QUOTE = 80

/** Evidence in quotation marks, shortened (never inside a surrogate pair) so a reason stays one readable line. */
function quote(evidence: string): string {
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
function trimTail(text: string): string {
  let end = text.length
  while (end > 0) {
    const char = charBefore(text, end)
    if (TRAILING.has(char) || SPACE.test(char) || EMOJI.test(char)) end -= char.length
    else break
  }
  return text.slice(0, end)
}

/** The form names and link texts are compared in: compatibility-folded, lower case, single spaces. */
const comparable = (text: string) =>
  trimTail(text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim())

type Site = { host: string; displayHost: string }

function siteOf(written: string | null): Site | null {
  const host = parseUrl(written)?.hostname.toLowerCase()
  return host ? { host, displayHost: domainToUnicode(host) || host } : null
}

/** The author's website, parsed once per comment. */
const authorSite = recent((input: ScoringInput): Site | null => siteOf(input.author.url))

/** The article's host without `www.`, parsed once per comment. */
const ownHost = recent(
  (input: ScoringInput): string | null =>
    parseUrl(input.article.url)
      ?.hostname.toLowerCase()
      .replace(/^www\./, '') || null,
)

/** Whether `host` is the site's own (the article's host, with or without `www.`, or one of its subdomains). */
function isOwnHost(host: string | null, input: ScoringInput): boolean {
  const own = host ? ownHost(input) : null
  return !!host && !!own && (host === own || host.endsWith(`.${own}`))
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
    if (link.kind !== 'url' && link.kind !== 'www') return true
    const left = shown.get(link.target) ?? 0
    if (left === 0) return true
    shown.set(link.target, left - 1)
    return false
  })
}

const linksOf = recent((context: RuleContext): BodyLinks => {
  const all = dedupe(context.text.links)
  return { all, counted: all.filter((link) => !isOwnHost(link.host, context.input)) }
})

const shownHost = (link: Link) => link.displayHost ?? link.target

/** The hosts of some links, for a reason: “a.example”, “b.example” and 3 more. */
function hostList(links: readonly Link[]): string {
  const hosts = [...new Set(links.map(shownHost))]
  const named = hosts.slice(0, 3).map(quote).join(', ')
  return hosts.length > 3 ? `${named} and ${hosts.length - 3} more` : named
}

// ---------------------------------------------------------------------------------------------------------------
// D1 links: how many
// ---------------------------------------------------------------------------------------------------------------

/**
 * Graded as the heuristics catalogue suggests (1 link 0.5, 2 links 1.5, 3 links 3, then 1 more each), capped
 * below the spam threshold: a reader citing sources must never be marked spam for that alone.
 */
const linkFactor = (count: number) =>
  count <= 0 ? 0 : count === 1 ? 0.5 : count === 2 ? 1.5 : Math.min(4, count)

export const links: Rule = {
  id: 'links',
  weight: defaultWeights.links,
  summary:
    'Counts the links in the text (links to the site itself aside); holds the comment at the site’s maxLinks.',
  evaluate(context) {
    const { counted } = linksOf(context)
    const count = counted.length
    if (count === 0) return null
    const { maxLinks } = context.policy
    const held = maxLinks > 0 && count >= maxLinks
    const what = count === 1 ? `a link to ${hostList(counted)}` : `${count} links (to ${hostList(counted)})`
    const detail = held
      ? `Contains ${what}; this site holds comments with ${maxLinks} or more.`
      : `Contains ${what}.`
    return { detail, factor: linkFactor(count), ...(held ? { floor: 'pending' as const } : {}) }
  },
}

// ---------------------------------------------------------------------------------------------------------------
// D2, D4: markup in a plain-text form
// ---------------------------------------------------------------------------------------------------------------

/**
 * Weight 3.5, half a point under the catalogue's 4: one BBCode link scores 3.5 + 0.5 (links) = 4, held with a
 * full point to spare, so a weak signal from another rule (generic praise next to a link, 0.5) does not turn a
 * single BBCode link into spam; two BBCode links score 3.5 + 1.5 = 5 and are spam.
 */
export const bbcodeLink: Rule = {
  id: 'bbcode-link',
  weight: defaultWeights['bbcode-link'],
  summary: 'Links written in BBCode forum markup ([url=…]…[/url]), which link-posting software uses.',
  evaluate(context) {
    const bbcode = linksOf(context).all.filter((link) => link.kind === 'bbcode')
    const [first] = bbcode
    if (!first) return null
    const evidence = first.text ? `[url=${first.target}]${first.text}[/url]` : `[url]${first.target}[/url]`
    const what = bbcode.length === 1 ? 'a link' : `${bbcode.length} links`
    return {
      detail: `Writes ${what} in BBCode forum markup, such as ${quote(evidence)}; the comment form takes plain text and link-posting software writes this.`,
    }
  },
}

// An opening anchor with an address, even without its closing tag (which extractLinks needs to see a link).
const ANCHOR_TAG = /<a\s[^<>]{0,500}?href\s*=\s*["']?([^"'\s<>]{1,500})/i

/**
 * Weight 1.5, half a point under the catalogue's 2. WordPress comment forms accept <a href>, so readers used to
 * them write it: three sources cited that way score 1.5 + 3 (links) = 4.5 and are held, not spam. One anchor
 * scores 1.5 + 0.5 = 2, held.
 */
export const htmlLink: Rule = {
  id: 'html-link',
  weight: defaultWeights['html-link'],
  summary: 'HTML link markup (<a href=…>) in a form that takes plain text.',
  evaluate(context) {
    const anchors = linksOf(context).all.filter((link) => link.kind === 'anchor')
    const target = anchors[0]?.target ?? ANCHOR_TAG.exec(context.text.raw)?.[1]
    if (target === undefined) return null
    const what = anchors.length > 1 ? `${anchors.length} HTML links` : 'HTML link markup'
    return {
      detail: `Contains ${what}, such as ${quote(`<a href="${target}">`)}, in a form that takes plain text.`,
    }
  },
}

// ---------------------------------------------------------------------------------------------------------------
// D3: the author's name as the anchor of a closing link
// ---------------------------------------------------------------------------------------------------------------

// What people put between a signature and its link: "John Smith - https://…", "Jean | www.…", "Ann: https://…".
const SEPARATORS = new Set([...':-–—|>»,(·•*~=→'])
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u

/** The last character (code point) of `text` before `end`. */
function charBefore(text: string, end: number): string {
  const code = codeAt(text, end - 1)
  return code >= 0xdc00 && code <= 0xdfff && end >= 2 ? text.slice(end - 2, end) : text.slice(end - 1, end)
}

/** Whether `text` ends with `name` as a whole word (not "Tom" at the end of "Atom"). */
function endsWithName(text: string, name: string): boolean {
  if (!text.endsWith(name)) return false
  const start = text.length - name.length
  return start === 0 || !LETTER_OR_DIGIT.test(charBefore(text, start))
}

export const authorAnchor: Rule = {
  id: 'author-anchor',
  weight: defaultWeights['author-anchor'],
  summary: 'The text ends with a link whose text is the author’s name, or with the author’s name and a URL.',
  evaluate(context) {
    const name = trimTail(context.name.normalized)
    if ([...name].length < 2) return null
    const tail = trimTail(context.text.normalized)
    const { all } = linksOf(context)
    for (const link of all) {
      if ((link.kind === 'anchor' || link.kind === 'bbcode') && link.text && comparable(link.text) === name) {
        if (endsWithName(tail, name)) {
          return {
            detail: `Ends with a link to ${quote(shownHost(link))} whose text is the author’s name, ${quote(link.text)}.`,
          }
        }
      }
    }
    for (const link of all) {
      if (link.kind !== 'url' && link.kind !== 'www') continue
      const target = link.target.normalize('NFKC').toLowerCase()
      if (!tail.endsWith(target)) continue
      let end = tail.length - target.length
      while (end > 0 && (SEPARATORS.has(tail[end - 1] ?? '') || SPACE.test(tail[end - 1] ?? ''))) end--
      if (endsWithName(tail.slice(0, end), name)) {
        return {
          detail: `Ends with the author’s name and a link, ${quote(`${context.input.author.name} ${link.target}`)}, like a signature for the link.`,
        }
      }
    }
    return null
  },
}

// ---------------------------------------------------------------------------------------------------------------
// D5 shorteners, D6 referral codes, D7 look-alike internationalised hosts: what each address is
// ---------------------------------------------------------------------------------------------------------------

const isShortener = (host: string | null) =>
  !!host && hostInList(host, SHORTENER_HOSTS, SHORTENER_EXCEPTIONS) !== null

/**
 * Weight 1.5 for a shortened link in the text; a shortened author URL weighs 2 (factor 4/3), as the catalogue
 * suggests. Both together add up (3.5).
 */
export const shortener: Rule = {
  id: 'shortener',
  weight: defaultWeights.shortener,
  summary:
    'Links through a URL shortener, which hides where they lead (in the text: 1.5; as the author URL: 2).',
  evaluate(context) {
    const inText = linksOf(context).all.filter((link) => isShortener(link.host))
    const author = authorSite(context.input)
    const authorShortened = !!author && isShortener(author.host)
    if (inText.length === 0 && !authorShortened) return null
    const parts: string[] = []
    if (inText[0]) parts.push(`the text links to ${quote(inText[0].target)}`)
    if (authorShortened)
      parts.push(`the author’s website is given as ${quote(context.input.author.url ?? '')}`)
    return {
      detail: `Hides where a link leads behind a URL shortener: ${parts.join(', and ')}.`,
      factor: (authorShortened ? 4 / 3 : 0) + (inText.length > 0 ? 1 : 0),
    }
  },
}

// Only addresses with a query, a fragment or a sign-up-like path are parsed for referral codes.
const REFERRAL_HINT = /[?#]|\/(?:reg|sign|join|invit|ref|aff)/i
const CODE_CHARACTERS = /^[a-z0-9_-]{3,64}$/i
const ALPHANUMERIC = /^[a-z0-9]{6,64}$/i
const DIGIT = /\d/g
const LETTER = /[a-z]/i

/**
 * Whether a value looks like a referral code rather than a label: "4604617", "cd92db3f4", "AB12CD34" are codes;
 * "hl", "share", "main", "blog.example.com", "sr_1_1" are not.
 */
function isCode(value: string): boolean {
  if (!CODE_CHARACTERS.test(value)) return false
  const digits = value.match(DIGIT)?.length ?? 0
  return digits >= 3 || (digits > 0 && LETTER.test(value) && ALPHANUMERIC.test(value))
}

function parameters(url: URL): [string, string][] {
  const found = [...url.searchParams]
  if (url.hash.includes('=')) found.push(...new URLSearchParams(url.hash.slice(1)))
  return found
}

/** The referral code an address carries ("ref=4604617", "/join/12345678"), or null. */
function referralCode(written: string): string | null {
  if (!REFERRAL_HINT.test(written)) return null
  const url = parseUrl(written)
  if (!url) return null
  const segments = url.pathname.toLowerCase().split('/')
  let signUp = false
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] ?? ''
    if (!SIGN_UP_SEGMENTS.has(segment)) continue
    signUp = true
    const next = segments[i + 1]
    if (next && isCode(next)) return `/${segment}/${next}`
  }
  for (const [name, value] of parameters(url)) {
    if (!value) continue
    const key = name.toLowerCase()
    const referral = REFERRAL_PARAMETERS.has(key)
    // An affiliate parameter always; a referral parameter with a code, or any value on a sign-up page; on a
    // sign-up page, any parameter whose value is a code ("/p/register?rb=13017194").
    if (
      AFFILIATE_PARAMETERS.has(key) ||
      (referral && (signUp || isCode(value))) ||
      (signUp && isCode(value))
    ) {
      return `${name}=${value}`
    }
  }
  return null
}

export const referralLink: Rule = {
  id: 'referral-link',
  weight: defaultWeights['referral-link'],
  summary:
    'A link carrying a referral or affiliate code (ref=…, aff=…, /register?ref=…); tracking tags such as utm_ do not count.',
  evaluate(context) {
    for (const link of linksOf(context).all) {
      const code = referralCode(link.target)
      if (code) {
        return {
          detail: `Links to ${quote(shownHost(link))} with a referral code, ${quote(code)}: whoever posted it is paid for the visits or sign-ups.`,
        }
      }
    }
    const author = context.input.author.url
    const code = author ? referralCode(author) : null
    if (!code) return null
    return {
      detail: `The author’s website address carries a referral code, ${quote(code)}: whoever posted it is paid for the visits or sign-ups.`,
    }
  },
}

const SCRIPTS: readonly (readonly [string, RegExp])[] = [
  'Latin',
  'Cyrillic',
  'Greek',
  'Armenian',
  'Georgian',
  'Hebrew',
  'Arabic',
  'Syriac',
  'Thaana',
  'Han',
  'Hiragana',
  'Katakana',
  'Hangul',
  'Bopomofo',
  'Thai',
  'Lao',
  'Khmer',
  'Myanmar',
  'Tibetan',
  'Mongolian',
  'Devanagari',
  'Bengali',
  'Gurmukhi',
  'Gujarati',
  'Oriya',
  'Tamil',
  'Telugu',
  'Kannada',
  'Malayalam',
  'Sinhala',
  'Ethiopic',
  'Cherokee',
].map((script) => [script, new RegExp(`\\p{Script=${script}}`, 'u')] as const)
const NEUTRAL = /[\p{Script=Common}\p{Script=Inherited}]/u

/**
 * Scripts that legitimately share a label (Chrome's IDN display policy): Latin with the scripts of Japanese,
 * Chinese or Korean, which are written alongside it.
 */
const ALLOWED_MIXES: readonly ReadonlySet<string>[] = [
  new Set(['Latin', 'Han', 'Hiragana', 'Katakana']),
  new Set(['Latin', 'Han', 'Bopomofo']),
  new Set(['Latin', 'Han', 'Hangul']),
]

function scriptsOf(label: string): Set<string> {
  const scripts = new Set<string>()
  for (const char of label) {
    if (NEUTRAL.test(char)) continue
    scripts.add(SCRIPTS.find(([, pattern]) => pattern.test(char))?.[0] ?? 'another')
  }
  return scripts
}

const isAllowedMix = (scripts: Set<string>) =>
  scripts.size <= 1 || ALLOWED_MIXES.some((allowed) => [...scripts].every((script) => allowed.has(script)))

// Cyrillic letters that look like Latin ones in a browser's address bar (Chrome's list), and what they read as.
const CYRILLIC_AS_LATIN = new Map(
  [...'асԁеһіјӏорԛѕԝхуъьҽпгѵѡ'].map((char, i) => [char, 'acdehijlopqswxybbenrvw'[i] ?? ''] as const),
)
const CYRILLIC = /\p{Script=Cyrillic}/u

/** The Latin word a label written only in Latin-looking Cyrillic letters reads as ("аррӏе" → "apple"), or null. */
function readsAsLatin(label: string): string | null {
  let latin = ''
  for (const char of label) {
    const as = CYRILLIC_AS_LATIN.get(char)
    if (as) latin += as
    else if (NEUTRAL.test(char)) latin += char
    else return null
  }
  return /[a-z]/.test(latin) ? latin : null
}

/** Why an internationalised host is a look-alike, or null for an ordinary one (пример.рф, 例子.广告, münchen.de). */
function lookAlike(host: string): string | null {
  if (!host.includes('xn--')) return null
  const labels = host.split('.')
  const shown = (domainToUnicode(host) || host).split('.')
  const tld = labels.at(-1) ?? ''
  const cyrillicTld = CYRILLIC_COUNTRY_TLDS.has(tld) || CYRILLIC.test(shown.at(-1) ?? '')
  for (let i = 0; i < labels.length; i++) {
    if (!labels[i]?.startsWith('xn--')) continue
    const label = shown.length === labels.length ? (shown[i] ?? '') : ''
    if (!label) continue
    const scripts = scriptsOf(label)
    if (!isAllowedMix(scripts)) return `mixes ${[...scripts].join(' and ')} letters in ${quote(label)}`
    if (isDisguised(label)) return `imitates ordinary Latin letters with look-alikes in ${quote(label)}`
    const latin = cyrillicTld || !scripts.has('Cyrillic') ? null : readsAsLatin(label)
    if (latin) return `is written in Cyrillic letters that read as the Latin ${quote(latin)}`
  }
  return null
}

export const punycodeHost: Rule = {
  id: 'punycode-host',
  weight: defaultWeights['punycode-host'],
  summary:
    'An internationalised (xn--) address that mixes scripts or imitates Latin letters; ordinary IDNs (пример.рф) do not count.',
  evaluate(context) {
    for (const link of linksOf(context).all) {
      const why = link.host ? lookAlike(link.host) : null
      if (why) return { detail: `Links to ${quote(shownHost(link))} (${link.host}), an address that ${why}.` }
    }
    const author = authorSite(context.input)
    const why = author ? lookAlike(author.host) : null
    if (!author || !why) return null
    return {
      detail: `The author’s website ${quote(author.displayHost)} (${author.host}) is an address that ${why}.`,
    }
  },
}

// ---------------------------------------------------------------------------------------------------------------
// D8, D9: what surrounds the link
// ---------------------------------------------------------------------------------------------------------------

const URL_TEXT = /https?:\/\/\S*|(?<![\p{L}\p{N}.@/])www\.\S*/giu

/**
 * Plain addresses only: a comment that is one BBCode or HTML link is already scored by bbcode-link or html-link,
 * and counting the same markup twice would make a single BBCode link spam on its own.
 */
export const onlyALink: Rule = {
  id: 'only-a-link',
  weight: defaultWeights['only-a-link'],
  summary: 'The comment is nothing but one plain URL (markup, punctuation and emoji aside).',
  evaluate(context) {
    const { all, counted } = linksOf(context)
    const [link] = counted
    if (!link || all.length !== 1 || (link.kind !== 'url' && link.kind !== 'www')) return null
    if (LETTER_OR_DIGIT.test(context.text.visible.replace(URL_TEXT, ' '))) return null
    return { detail: `The comment is nothing but a link to ${quote(shownHost(link))}.` }
  },
}

/** Whether the comment's own words name something in the article's title: then it is about this article. */
function mentionsArticle(words: readonly string[], title: string | null): boolean {
  if (!title) return false
  const titleWords = new Set(foldForPraise(title.normalize('NFKC').toLowerCase()).split(' '))
  return words.some((word) => word.length >= 4 && !PRAISE_VOCABULARY.has(word) && titleWords.has(word))
}

const bare = (host: string) => host.replace(/^www\./, '')

/** Whether two hosts belong to one site: equal but for `www.`, or one a subdomain of the other. */
function sameSite(a: string | null, b: string): boolean {
  if (!a) return false
  const [x, y] = [bare(a), bare(b)]
  return x === y || x.endsWith(`.${y}`) || y.endsWith(`.${x}`)
}

/**
 * Weight 2 when the praise carries the author's own website (factor 1), in the author URL or linked from the
 * text; 0.5 (factor 0.25) when the link goes elsewhere, or the author URL is a profile on a shared platform.
 * Not scored: praise with no link at all (what most thankful readers write), praise next to two links or more
 * (the reader is citing sources, and `links` already counts them), and praise that names something in the
 * article's title.
 */
export const praiseWithLink: Rule = {
  id: 'praise-with-link',
  weight: defaultWeights['praise-with-link'],
  summary:
    'A short (≤ 12 words) generic praise ("great post", "merci pour cet article") carrying the author’s website (2) or a link (0.5).',
  evaluate(context) {
    const praise = genericPraise(context.text)
    if (!praise) return null
    const { counted } = linksOf(context)
    if (counted.length > 1) return null
    const [link] = counted
    const author = authorSite(context.input)
    const website = author && !isSharedAuthorHost(author.host) ? author : null
    if (!website && !link) return null
    if (mentionsArticle(praise.words, context.input.article.title)) return null
    const said = `Only a few words of generic praise, ${quote(praise.phrase)},`
    if (website && (!link || sameSite(link.host, website.host))) {
      return { detail: `${said} to carry a link to the author’s website ${quote(website.displayHost)}.` }
    }
    if (!link) return null
    return { detail: `${said} with a link to ${quote(shownHost(link))}.`, factor: 0.25 }
  },
}

/** Link rules, in the order their reasons are listed. */
export const linkRules: readonly Rule[] = [
  links,
  bbcodeLink,
  htmlLink,
  authorAnchor,
  shortener,
  referralLink,
  punycodeHost,
  onlyALink,
  praiseWithLink,
]
