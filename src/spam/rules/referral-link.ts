import { linksOf, quote, shownHost } from './link-context.js'
import { AFFILIATE_PARAMETERS, parseUrl, REFERRAL_PARAMETERS, SIGN_UP_SEGMENTS } from './link-lists.js'
import type { Rule } from './types.js'
import { defaultWeights } from './weights.js'

// D6 (heuristics catalogue): an address that pays whoever posted it, by a referral or affiliate code.

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
