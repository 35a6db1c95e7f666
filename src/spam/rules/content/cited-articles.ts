import type { Link } from '../../extract-links.js'
import { hostInList, SHARED_AUTHOR_HOSTS, SHORTENER_HOSTS } from '../link-lists.js'

// What dates a page as a publication's: a year and its month in the path ("/2024/03/29/", "/20250101/",
// "-2024-05-02/", the Guardian's "/2025/jan/01/", Al Jazeera's "/2024/3/6/" without leading zeros), or a long
// number, as news sites number their articles ("world-africa-67146830", "kazino-1993344556.html"). A shop's or an
// offer's page has neither ("/apply", "/urgent-loan-apply-now").
const DATED =
  /(?:^|[/_.-])(?:19|20)\d{2}(?:[/_-]?(?:0[1-9]|1[0-2])|\/[1-9]\/[1-9]\d?(?=\/)|\/(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\/)(?=$|[/_.-]|\d{2}(?:$|[/_.-]))/i
const NUMBERED = /\d{6,}/
// A number that is the whole path names an account, not an article: a Facebook profile ("/100089123456789"), a
// Messenger chat ("m.me/100089123456789"), a VK page ("/id123456789"), where an offer is taken up.
const ACCOUNT_NUMBER = /^\/[a-z]{0,8}\d+\/?$/i

// A whole path segment naming a shop's or an offer's pages, before the number that would pass for an article's
// ("/offre/84729163", "/products/1234567-…", "/apply/9876543"). Only a whole segment: an article's own name may
// speak of offers ("credit-immobilier-les-offres-se-durcissent-2087654").
const OFFER_SEGMENT =
  /\/(?:offres?|offers?|promos?|deals?|products?|produits?|shop|boutique|store|cart|checkout|orders?|commandes?|apply|signup|sign-up|register|inscription|bonus|bonuses)\//i

// An article's or a video's own id after the segment that says so, as publications now number them with letters
// and digits: the BBC's "/articles/ce9z0vpzrgvo", Yahoo! News's "/articles/1a2b3c…" (hex), Bilibili's
// "/video/BV1GJ411x7h7": ten characters or more, switching between letters and digits at least four times, as no
// word does. An offer's page names itself in words ("/articles/best-loans-2024", "/news/bonus500vip").
const SEGMENT_AFTER_KIND = /\/(?:articles?|video|videos|story|stories|news)\/([a-z0-9_]{10,64})(?:\/|$)/i
const MIN_SWITCHES = 4

const isDigit = (code: number) => code >= 0x30 && code <= 0x39

/** Whether an id switches between letters and digits at least MIN_SWITCHES times ("ce9z0vpzrgvo": 4). */
function isIdShaped(id: string): boolean {
  let switches = 0
  for (let at = 1; at < id.length && switches < MIN_SWITCHES; at++) {
    if (isDigit(id.charCodeAt(at)) !== isDigit(id.charCodeAt(at - 1))) switches++
  }
  return switches >= MIN_SWITCHES
}
// An article's number in the query, under a name that says so (KBS's "view.do?ncd=8123456", "?idxno=123456",
// "?articleId=…", "?newsId=…"); any other parameter ("?id=", "?pid=", "?ref=") may name a product or who sent the
// reader to an offer.
const NUMBER_IN_QUERY =
  /[?&](?:ncd|idxno|aid|article_?id|art_?id|articleno|news_?id|newsno|news_?seq|nid|doc_?id|story_?id|content_?id|contents_?id)=\d{6,}(?:&|$)/i

/** A link's target as a URL, or null when it cannot be read as one. */
function urlOf(link: Link): URL | null {
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(link.target) ? link.target : `http://${link.target}`)
  } catch {
    return null
  }
}

/**
 * Whether a link points at a dated or numbered article of a publication (or one it names by an id): a reader citing where they read the news
 * ("Le FMI accorde un prêt urgent à l'Égypte https://www.imf.org/en/News/Articles/2024/03/29/…"), not the page
 * where an offer is taken up. A shortened link hides its page, and cites nothing.
 */
export function citesAnArticle(link: Link): boolean {
  if (link.host === null || SHORTENER_HOSTS.has(link.host)) return false
  const url = urlOf(link)
  if (url === null || OFFER_SEGMENT.test(url.pathname)) return false
  const path = url.pathname
  if (DATED.test(path) || (NUMBERED.test(path) && !ACCOUNT_NUMBER.test(path))) return true
  // Where anyone has a page (a video's "watch?v=", "profile.php?id=1000…", "photo.php?fbid=…"), an id names
  // anybody's account, video or post: where an offer is taken up as often as not.
  if (hostInList(link.host, SHARED_AUTHOR_HOSTS) !== null) return false
  const id = SEGMENT_AFTER_KIND.exec(path)?.[1]
  return (id !== undefined && isIdShaped(id)) || NUMBER_IN_QUERY.test(url.search)
}

// Reference works and public bodies, which readers cite as they cite articles and where no offer is taken up: an
// encyclopaedia's page, a government's, the UN's or the EU's ("voir https://fr.wikipedia.org/wiki/…").
const REFERENCE_HOSTS: ReadonlySet<string> = new Set([
  'wikipedia.org',
  'wikimedia.org',
  'wikisource.org',
  'wiktionary.org',
  'wikidata.org',
  'europa.eu',
  'un.org',
  'ohchr.org',
  'unhcr.org',
  'unicef.org',
  'imf.org',
  'worldbank.org',
  'oecd.org',
  'wto.org',
  // French public bodies whose domains are not under gouv.fr.
  'service-public.fr',
  'vie-publique.fr',
  'assemblee-nationale.fr',
  'senat.fr',
  'elysee.fr',
  'conseil-constitutionnel.fr',
  'conseil-etat.fr',
  'ccomptes.fr',
  'insee.fr',
  'banque-france.fr',
  'amf-france.org',
  'cnil.fr',
])
// A government's domain: `.gov`, an international organisation's `.int`, and the second-level names countries
// keep for their governments (gouv.fr, gov.uk, gov.ua, gob.mx, govt.nz, gv.at; go.kr, go.jp, but not Romania's
// go.ro, anybody's). Only the name a registry reserves: `gov.loans-fast.example` or `gouv-aides.fr` is anybody's.
const PUBLIC_BODY =
  /(?:^|\.)(?:[^.]+\.(?:gov|int)|[^.]+\.(?:gov|gouv|gob|govt|gv)\.[a-z]{2}|[^.]+\.go\.(?:kr|jp|id|th|ke|tz|ug))$/

/**
 * Whether a link cites a source: a dated or numbered article (citesAnArticle), or a page of a reference work or a
 * public body. Readers give them as evidence; an offer is taken up on a page of the offer's own.
 */
export function citesASource(link: Link): boolean {
  return (link.host !== null && isReferenceHost(link.host)) || citesAnArticle(link)
}

/** Whether `host` is a reference work's or a public body's (see citesASource). */
export const isReferenceHost = (host: string) =>
  hostInList(host, REFERENCE_HOSTS) !== null || PUBLIC_BODY.test(host)
