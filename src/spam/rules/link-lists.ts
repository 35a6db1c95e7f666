/**
 * Lists the link rules consult, kept apart from the rules so they can be maintained on their own. Hosts are
 * lower-case ASCII (punycode), without `www.`; a listed host also covers its subdomains unless it is listed as
 * an exception.
 */

import { withoutRootDot } from '../extract-links.js'

export { SHORTENER_EXCEPTIONS, SHORTENER_HOSTS } from '../shorteners.js'

/**
 * Platforms on which many unrelated people have a profile at the same host (facebook.com/someone). An author URL
 * there names a person, not a website: the host says nothing about this author's history, and it is how many
 * real readers identify themselves. Matched on the whole host, so `someone.blogspot.com` is not covered.
 */
export const SHARED_AUTHOR_HOSTS: ReadonlySet<string> = new Set([
  'facebook.com',
  'fb.com',
  'twitter.com',
  'x.com',
  'instagram.com',
  'threads.net',
  'bsky.app',
  'mastodon.social',
  'linkedin.com',
  'youtube.com',
  'youtu.be',
  'tiktok.com',
  'twitch.tv',
  'vimeo.com',
  'dailymotion.com',
  'soundcloud.com',
  'flickr.com',
  'pinterest.com',
  'reddit.com',
  'old.reddit.com',
  'github.com',
  'gitlab.com',
  'medium.com',
  'substack.com',
  'tumblr.com',
  'wordpress.com',
  'blogspot.com',
  'sites.google.com',
  'linktr.ee',
  'about.me',
  't.me',
  'vk.com',
  'ok.ru',
  'weibo.com',
  'blog.naver.com',
])

/** Query or fragment parameters that exist only to pay whoever posted the link, whatever their value. */
export const AFFILIATE_PARAMETERS: ReadonlySet<string> = new Set([
  'aff',
  'affid',
  'aff_id',
  'affcode',
  'aff_code',
  'affiliate',
  'affiliateid',
  'affiliate_id',
  'a_aid',
  'referral',
  'referralcode',
  'referral_code',
  'refcode',
  'ref_code',
  'refid',
  'ref_id',
  'invitecode',
  'invite_code',
  'invitation_code',
])

/**
 * Parameters that carry a referral code on many sites but also harmless labels elsewhere (Facebook's `ref=hl`,
 * Ghost's `ref=blog.example.com`, GitHub's `ref=main`): they count only when the value looks like a code, or on
 * a sign-up page.
 */
export const REFERRAL_PARAMETERS: ReadonlySet<string> = new Set(['ref', 'friend', 'invite', 'inviter'])

/** Path segments of sign-up and invitation pages (`/register?ref=`, `/join/12345678`, `/invite/AB12CD`). */
export const SIGN_UP_SEGMENTS: ReadonlySet<string> = new Set([
  'register',
  'registration',
  'signup',
  'sign-up',
  'join',
  'invite',
  'referral',
  'referrals',
  'ref',
  'aff',
  'affiliate',
])

/**
 * ASCII country-code top-level domains of countries that write in Cyrillic, where a label written wholly in
 * Cyrillic is ordinary. Top-level domains that are themselves Cyrillic (.рф, .укр, .бг…) are recognised by their
 * script.
 */
export const CYRILLIC_COUNTRY_TLDS: ReadonlySet<string> = new Set([
  'ru',
  'su',
  'ua',
  'by',
  'kz',
  'bg',
  'rs',
  'mk',
  'mn',
  'kg',
  'tj',
  'uz',
])

const NONE: ReadonlySet<string> = new Set()

/** Listed hosts have at most this many labels (`app.goo.gl`): longer suffixes of a host need not be looked up. */
const MAX_LISTED_LABELS = 4

/**
 * The entry of `list` that `host` is, or is a subdomain of, unless an entry of `exceptions` comes first (is the
 * longer suffix). At most MAX_LISTED_LABELS lookups, whatever the host's length.
 */
export function hostInList(
  host: string,
  list: ReadonlySet<string>,
  exceptions: ReadonlySet<string> = NONE,
): string | null {
  const bare = withoutRootDot(host)
  // Where each suffix starts, shortest first: "goo.gl", "app.goo.gl", "maps.app.goo.gl"...
  const starts: number[] = []
  let dot = bare.lastIndexOf('.')
  while (dot > 0 && starts.length < MAX_LISTED_LABELS - 1) {
    dot = bare.lastIndexOf('.', dot - 1)
    starts.push(dot + 1)
  }
  // Longest first: an exception is always longer than the entry it is an exception to.
  for (const start of starts.reverse()) {
    const suffix = bare.slice(start)
    if (exceptions.has(suffix)) return null
    if (list.has(suffix)) return suffix
  }
  return null
}

const PROFILE_PREFIX = /^(?:www|m|mobile|[a-z]{2})\./

/** Whether an author URL's host is a platform where many people have profiles (see SHARED_AUTHOR_HOSTS). */
export function isSharedAuthorHost(host: string): boolean {
  const bare = withoutRootDot(host)
  return SHARED_AUTHOR_HOSTS.has(bare) || SHARED_AUTHOR_HOSTS.has(bare.replace(PROFILE_PREFIX, ''))
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i

/** Parses a URL as people write it, with or without a scheme; null when it names no host. */
export function parseUrl(written: string | null | undefined): URL | null {
  const trimmed = written?.trim()
  if (!trimmed || trimmed.length > 4096) return null
  try {
    const url = new URL(SCHEME.test(trimmed) ? trimmed : `http://${trimmed}`)
    return url.hostname ? url : null
  } catch {
    return null
  }
}

/** The host of an address as people write it, lower case, without the root's dot; null when it names none. */
export function hostOfAddress(written: string | null | undefined): string | null {
  const hostname = parseUrl(written)?.hostname
  return hostname ? withoutRootDot(hostname.toLowerCase()) || null : null
}

/** The host of an address, without `www.` too: the form a site's own host is compared in. */
export function bareHost(written: string | null | undefined): string | null {
  return hostOfAddress(written)?.replace(/^www\./, '') || null
}

/**
 * Whether `host` is `own` or one of its subdomains (`own` a bare host). Both come without the root's dot: links'
 * hosts (extractLinks) and addresses' (hostOfAddress, bareHost) are read without it.
 */
export function isHostOf(host: string, own: string): boolean {
  return host === own || host.endsWith(`.${own}`)
}
