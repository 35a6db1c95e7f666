import type { Link } from '../../extract-links.js'
import { hostInList, SHORTENER_HOSTS } from '../link-lists.js'

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

/** The path of a link's target, or null when it cannot be read as a URL. */
function pathOf(link: Link): string | null {
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(link.target) ? link.target : `http://${link.target}`)
      .pathname
  } catch {
    return null
  }
}

/**
 * Whether a link points at a dated or numbered article of a publication: a reader citing where they read the news
 * ("Le FMI accorde un prêt urgent à l'Égypte https://www.imf.org/en/News/Articles/2024/03/29/…"), not the page
 * where an offer is taken up. A shortened link hides its page, and cites nothing.
 */
export function citesAnArticle(link: Link): boolean {
  if (link.host === null || SHORTENER_HOSTS.has(link.host)) return false
  const path = pathOf(link)
  if (path === null || OFFER_SEGMENT.test(path)) return false
  return DATED.test(path) || (NUMBERED.test(path) && !ACCOUNT_NUMBER.test(path))
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
