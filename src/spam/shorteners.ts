/**
 * Services whose links redirect to an address the reader cannot see before clicking. Only general-purpose
 * redirectors: single-site share links that readers paste every day (youtu.be, amzn.eu, redd.it, wp.me,
 * publishers' trib.al) are deliberately left out. Hosts are lower-case ASCII, without `www.`; a listed host also
 * covers its subdomains unless it is listed as an exception. Kept apart from the other link lists
 * (rules/link-lists.ts re-exports them): link extraction reads them too, and link-lists.ts imports from it.
 */
export const SHORTENER_HOSTS: ReadonlySet<string> = new Set([
  // The common list in the heuristics catalogue (D5)
  'bit.ly',
  'bitly.com',
  'tinyurl.com',
  't.co',
  'ow.ly',
  'is.gd',
  'buff.ly',
  'cutt.ly',
  'tiny.cc',
  'shorturl.at',
  'rebrand.ly',
  'goo.gl',
  // Antispam Bee's pattern
  'shorturl.fm',
  // Other general-purpose shorteners
  'bit.do',
  'j.mp',
  'v.gd',
  'rb.gy',
  't.ly',
  's.id',
  'tr.im',
  'bl.ink',
  'short.gy',
  'soo.gd',
  'dlvr.it',
  'ift.tt',
  'lnkd.in',
  'mcaf.ee',
  // Paid "link lockers" that show an advert or a survey before the destination
  'adf.ly',
  'sh.st',
  'shorte.st',
  'ouo.io',
  'bc.vc',
  'linkbucks.com',
  'adfoc.us',
  'shrinkme.io',
  // Shorteners of non-English platforms: Yandex and VK (Russian), Sina Weibo (Chinese), Naver (Korean)
  'clck.ru',
  'vk.cc',
  't.cn',
  'me2.do',
])

/** Hosts under a shortener's domain that are not redirectors: Google Maps and Photos share links (`maps.app.goo.gl`). */
export const SHORTENER_EXCEPTIONS: ReadonlySet<string> = new Set(['app.goo.gl'])
