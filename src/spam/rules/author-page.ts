import { domainToUnicode } from 'node:url'
import { recent } from '../recent.js'
import { parseUrl } from './link-lists.js'
import type { ScoringInput } from './types.js'

/**
 * Whether a comment's author URL is a page of the person who signed it rather than a site that only wants a link:
 * a profile on a server of the fediverse or a user's home page (`/@name`, `/~name`: Mastodon has thousands of
 * servers, no list can hold them), or a blog, profile or personal domain named after the author's whole name
 * ("Marc Lefèvre", marclefevre.wordpress.com; "Tom O'Brien", tomobrien.blog; "Priya Raman",
 * chathamhouse.org/experts/priya-raman). A fairness review found readers held for "Merci pour cet article" signed
 * with such pages, where SEO spam signs with its client's shop ("Seo Agency", guestpost-agency.net).
 *
 * A name that names a trade ("Cheap Loans", "Seo Agency") is no person's, whatever its page is called. What this
 * cannot tell: a spammer who signs with a person's name and puts it in an address of their own (a subdomain, a
 * path). The reason it saves is a hold of 2 for a few words of praise; every other rule still reads the comment.
 */

const PROFILE_PATH = /^\/[@~][\p{L}\p{N}._-]+\/?$/u
const MARKS = /\p{M}+/gu
const NOT_LETTER = /[^\p{L}]+/gu
const HAS_DIGIT = /\p{N}/u

/** Lower case, without accents: how names and addresses are compared. */
const folded = (text: string) => text.normalize('NFKD').replace(MARKS, '').toLowerCase()

/** Words of trades and of SEO spam's made-up names: a name made of one is not a person's. */
const TRADE_WORDS: ReadonlySet<string> = new Set(
  [
    'seo agency services service shop store online best cheap buy sale company design marketing digital web',
    'loans loan casino bet betting slots poker pharmacy pharma rx pills deals discount outlet replica escort',
    'dating crypto forex bitcoin solutions consulting repair cleaning movers lawyer attorney dentist clinic',
    'hosting app apps tech media boutique agence pret credit kredit rachat voyance viagra cialis kaufen essay',
    'essays backlinks followers cbd keto vpn porn sex xxx insurance mortgage',
  ].flatMap((line) => line.split(' ')),
)

/** Letters only: an address compared with a name. */
const letters = (text: string) => folded(text).replace(NOT_LETTER, '')

/** The author's whole name as one run of letters, both ways round for two words; null for a trade's name. */
function nameKeys(name: string): string[] | null {
  if (HAS_DIGIT.test(name)) return null
  const words = folded(name)
    .split(/[^\p{L}']+/u)
    .map((word) => word.replace(/'/g, ''))
    .filter(Boolean)
  if (words.length === 0 || words.length > 4 || words.some((word) => TRADE_WORDS.has(word))) return null
  const whole = words.join('')
  // A first name alone must be long enough not to turn up by chance in any address ("al", "jo").
  if (whole.length < 4) return null
  const [first, second] = words
  return words.length === 2 && first && second ? [whole, second + first] : [whole]
}

/** Whether the author URL is a profile page, or a page whose address holds the author's whole name. */
export const authorsOwnPage = recent((input: ScoringInput): boolean => {
  const url = parseUrl(input.author.url)
  const keys = url && nameKeys(input.author.name)
  if (!url || !keys) return false
  if (PROFILE_PATH.test(safeDecode(url.pathname))) return true
  const address = letters(`${domainToUnicode(url.hostname) || url.hostname} ${safeDecode(url.pathname)}`)
  return keys.some((key) => address.includes(key))
})

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}
