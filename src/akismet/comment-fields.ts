import type { NewComment } from '../moderation/intake.js'
import type { AkismetForm } from './form.js'
import { MAPPED_PARAMETERS, WORDPRESS_HONEYPOT } from './parameters.js'
import { readUserIp } from './user-ip.js'
import { isSlashedByWordPress, unslashed } from './wordpress-slashes.js'

/** The documented test values: these authors always get `true`. */
const GUARANTEED_SPAM_AUTHORS = new Set(['akismet-guaranteed-spam', 'viagra-test-123'])
const GUARANTEED_SPAM_EMAIL = 'akismet-guaranteed-spam@example.com'
const TRUE_FLAGS = new Set(['1', 'true', 'yes', 'on'])

/**
 * Credentials among the server variables clients forward with a check (the WordPress plugin sends every HTTP_*
 * header but cookies; others all of $_SERVER; a Node backend its request's headers, `cookie`, `authorization`):
 * a REST comment's application password, a staging site's basic auth, a session cookie. They say nothing about
 * spam, and kept they would be shown to every moderator. Matched with dashes read as underscores.
 */
const CREDENTIALS =
  /^(?:REDIRECT_)*(?:(?:HTTP_)?(?:PROXY_)?AUTHORIZATION|(?:HTTP_)?COOKIE2?|PHP_AUTH_PW|PHP_AUTH_DIGEST)$/i

/**
 * Words of a name that say it holds a secret. Clients that forward all of $_SERVER (PHP5Akismet and the CMS
 * plugins built on it) send the application's environment with it, which the dotenv loaders of Laravel, Symfony
 * and CakePHP copy there from .env (DB_PASSWORD, APP_KEY, AWS_SECRET_ACCESS_KEY…); a signup form checked by
 * WordPress sends its password field as POST_user_pass.
 */
const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'passphrase',
  'pwd',
  'pass',
  'pass1',
  'pass2',
  'secret',
  'token',
  'key',
  'apikey',
  'salt',
  'credential',
  'credentials',
])
/** A URL naming a password (`postgresql://app:s3cret@db/app`), as DATABASE_URL and the like hold one. */
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^\s/?#@:]*:[^\s/?#@]*@/i

/** Longer field names are no form's: dropped unread, as secrets are (words of a megabyte name took 90 ms). */
const MAX_FIELD_NAME = 200

/** Whether a forwarded field holds a credential or a secret, by its name or, for a URL, its value. */
function isSecret(name: string, value: string | string[]): boolean {
  if (name.length > MAX_FIELD_NAME) return true
  if (CREDENTIALS.test(name.replaceAll('-', '_'))) return true
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
  if (words.some((word) => SECRET_WORDS.has(word))) return true
  return (Array.isArray(value) ? value : [value]).some((item) => URL_WITH_PASSWORD.test(item.trim()))
}

export type AkismetCheck = {
  comment: NewComment
  /** Everything else the client sent (`blog`, `comment_type`, `comment_context`, `POST_*`, `HTTP_*`…). */
  extra: Record<string, string | string[]>
  /** `is_test`: answer normally, but store nothing and learn nothing. */
  isTest: boolean
  /**
   * `akismet_pre_check`: the WordPress plugin's check of a pingback's source and target, before WordPress fetches
   * the source page; no author, no text. The pingback itself is checked next, with its title and excerpt.
   */
  preCheck: boolean
  /** A documented test value that must always be spam. */
  guaranteedSpam: boolean
  /** A role list naming `administrator`: always `false`. */
  administrator: boolean
  /** Our check id, when a client sends it back with a submission. */
  guid: string | undefined
  /** Why `comment.ip` is null: `user_ip` was not sent, or is no address. */
  ipProblem: 'missing' | 'invalid' | undefined
  /** Whether `comment_author` was sent: without it, the stored name is only a placeholder. */
  authorNamed: boolean
  /**
   * `recheck_reason` (WordPress's queue, an edit): the client sends the comment again as it stored it, which for
   * WordPress means with HTML entities encoded (`&` as `&amp;`).
   */
  recheck: boolean
}

/**
 * The first `max` characters (code points) of `value`, found without spreading the whole of it: a field may
 * carry a megabyte, which spread into an array of characters took 50 to 100 ms a field.
 */
function firstCharacters(value: string, max: number): string {
  if (value.length <= max) return value
  let units = 0
  for (let count = 0; count < max && units < value.length; count++) {
    const code = value.charCodeAt(units)
    const pair = code >= 0xd800 && code <= 0xdbff && (value.charCodeAt(units + 1) & 0xfc00) === 0xdc00
    units += pair ? 2 : 1
  }
  return value.slice(0, units)
}

const clip = (value: string | undefined, max: number) => {
  const trimmed = value?.trim()
  return trimmed ? firstCharacters(trimmed, max) : undefined
}

function httpUrl(value: string | undefined, max: number): string | undefined {
  const candidate = clip(value, max)
  if (!candidate) return undefined
  try {
    const url = new URL(candidate)
    return url.protocol === 'http:' || url.protocol === 'https:' ? candidate : undefined
  } catch {
    return undefined
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u
/** A local part that needs no quotes (RFC 5321's dot-string, any script). */
const DOT_STRING = /^[^\s"(),:;<>@[\\\].]+(\.[^\s"(),:;<>@[\\\].]+)*$/u

/**
 * The address inside what some clients send around it: `mailto:`, angle brackets, quotes around a local part that
 * needs none ("jeanne.dupont"@example.org is jeanne.dupont@example.org), the root's dot after the domain. Stored
 * as sent, such a comment was found by no export or erasure of the reader's plain address.
 */
function unwrappedEmail(value: string | undefined): string | undefined {
  let address = value?.trim()
  if (!address) return undefined
  if (/^mailto:/i.test(address)) address = address.slice('mailto:'.length)
  if (address.startsWith('<') && address.endsWith('>')) address = address.slice(1, -1).trim()
  const quoted = /^"([^"]*)"@/u.exec(address)
  if (quoted?.[1] && DOT_STRING.test(quoted[1]))
    address = `${quoted[1]}${address.slice(quoted[0].length - 1)}`
  return address.endsWith('.') ? address.slice(0, -1) : address
}

/**
 * Whether a check's `comment_author_email` is kept as the author's e-mail (at most 100 characters, as the v1 API and
 * WordPress's own column take): looser than the v1 API's check, so the privacy routes take these too
 * (src/routes/privacy.ts).
 */
export const isAkismetEmail = (value: string) => firstCharacters(value, 100) === value && EMAIL.test(value)

/** `administrator` among the roles of a comma-separated list, read in one pass (split, commas made as many strings). */
const ADMINISTRATOR = /(?:^|,)\s*administrator\s*(?:,|$)/i

/** ISO 639-1 from `blog_lang` (`fr_FR`, `en, fr_ca`): the first language named. */
function languageOf(blogLang: string | undefined): string | undefined {
  if (blogLang === undefined) return undefined
  const comma = blogLang.indexOf(',')
  // Only the first is read: split, a megabyte of separators made a million strings.
  const first = (comma === -1 ? blogLang : blogLang.slice(0, comma)).trim().toLowerCase()
  return /^([a-z]{2,3})(?:[_-]|$)/.exec(first)?.[1]
}

/**
 * Reads an Akismet comment-check (or submit-spam/ham) into what intake takes. The article is the `permalink`
 * (or WordPress's `comment_post_ID`, or the blog); lengths are clipped to what the v1 API accepts; an e-mail or
 * URL that is not one is left out rather than refused, since an Akismet client cannot be told why. The IP is the
 * one field a call cannot do without: what is wrong with it is kept for the answer. A comment from WordPress's own
 * form, which the plugin sends slashed, is read as the reader wrote it (wordpress-slashes.ts).
 */
export function readAkismetCheck(sent: AkismetForm): AkismetCheck {
  const form = isSlashedByWordPress(sent) ? unslashed(sent) : sent
  const permalink = httpUrl(form.get('permalink'), 2000)
  const postId = clip(form.get('comment_post_ID'), 100)
  const blog = clip(form.get('blog'), 180)
  const name = clip(form.get('comment_author'), 245)
  // Never cut: a cut address still looks like one, and the reader's whole address would never find it again.
  const email = unwrappedEmail(form.get('comment_author_email'))
  // WordPress reports a comment whose submitted copy it no longer keeps (deleted after 15 days) with its stored
  // row, which names the reader's address comment_author_IP and sends no user_ip.
  const userIp = readUserIp(form.get('user_ip')?.trim() ? form.get('user_ip') : form.get('comment_author_IP'))
  const honeypotField = form.get('honeypot_field_name')
  // Made as data properties: assigned, a field named `__proto__` would set the object's prototype, not be kept.
  const extra: Record<string, string | string[]> = Object.fromEntries(
    Object.entries(form.toRecord()).filter(
      ([field, value]) => !MAPPED_PARAMETERS.has(field) && !isSecret(field, value),
    ),
  )
  return {
    comment: {
      articleId: clip(permalink ?? (postId ? `post-${postId}` : blog), 200) ?? 'unknown',
      articleUrl: permalink,
      articleLanguage: languageOf(form.get('blog_lang')),
      author: {
        name: name ?? 'Anonymous',
        email: email && isAkismetEmail(email) ? email : undefined,
        url: httpUrl(form.get('comment_author_url'), 200),
      },
      content: firstCharacters(form.get('comment_content') ?? '', 20_000),
      // The honeypot convention: the hidden field's name, and its value under that name. The WordPress plugin
      // names none, but passes its comment form's hidden textarea on as POST_ak_hp_textarea.
      honeypot: clip(honeypotField ? form.get(honeypotField) : form.get(WORDPRESS_HONEYPOT), 2000),
      ip: userIp.ip,
      userAgent: clip(form.get('user_agent'), 1000) ?? null,
      referrer: clip(form.get('referrer'), 2000) ?? null,
    },
    extra,
    isTest: TRUE_FLAGS.has(form.get('is_test')?.trim().toLowerCase() ?? ''),
    preCheck: TRUE_FLAGS.has(form.get('akismet_pre_check')?.trim().toLowerCase() ?? ''),
    guaranteedSpam: GUARANTEED_SPAM_AUTHORS.has(name ?? '') || email?.toLowerCase() === GUARANTEED_SPAM_EMAIL,
    // A role list comes as one comma-separated value (WordPress) or as an array (akismet-api's `role: [...]`).
    administrator: form.list('user_role').some((roles) => ADMINISTRATOR.test(roles)),
    guid: form.get('guid')?.trim(),
    ipProblem: userIp.problem,
    authorNamed: name !== undefined,
    recheck: Boolean(form.get('recheck_reason')?.trim()),
  }
}
