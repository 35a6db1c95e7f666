import { lowerCase } from '../normalize.js'
import { authorsOwnPage } from './author-page.js'
import { disguisedLink } from './disguised-link.js'
import {
  authorSite,
  charBefore,
  comparable,
  hostList,
  linksOf,
  quote,
  shownHost,
  trimTail,
} from './link-context.js'
import {
  hostInList,
  isHostOf,
  isSharedAuthorHost,
  SHORTENER_EXCEPTIONS,
  SHORTENER_HOSTS,
} from './link-lists.js'
import { foldForPraise, genericPraise, PRAISE_VOCABULARY } from './praise.js'
import { punycodeHost } from './punycode-host.js'
import { referralLink } from './referral-link.js'
import type { Rule } from './types.js'
import { defaultWeights } from './weights.js'

// The link rules of the heuristics catalogue's section D, listed in `linkRules` at the end; what they share
// (the comment's links counted once, the author's site, the site's own host) is in link-context.ts.

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
const SPACE = /\s/u
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u

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
      if (link.kind === 'anchor' || link.kind === 'bbcode') continue
      // Lower-cased as the text is (İ as i), or a target with an İ would never end it.
      const target = lowerCase(link.target.normalize('NFKC'))
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
// D5 shorteners (D6 referral codes: referral-link.ts; D7 look-alike hosts: punycode-host.ts)
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
  return isHostOf(x, y) || isHostOf(y, x)
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
    const website =
      author && !isSharedAuthorHost(author.host) && !authorsOwnPage(context.input) ? author : null
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
  disguisedLink,
  onlyALink,
  praiseWithLink,
]
