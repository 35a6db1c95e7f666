import { domainToUnicode } from 'node:url'
import { hostOfAddress, isSharedAuthorHost } from './link-lists.js'
import { genericPraise } from './praise.js'
import type { History, Rule, RuleContext } from './types.js'
import { defaultWeights } from './weights.js'

/**
 * C1. E-mail addresses are not verified, so trust is bounded: -4 for one approved comment, -6 (factor 1.5) from
 * three, and the policy's trustCap bounds all trust together. Only comments a caller with a key sent, or a
 * moderator approved, are counted (src/moderation/learning.ts, countedSubjects). Any spam with the address cancels
 * it, and floors (a filled honeypot, a blocked term) still apply whatever the trust.
 */
export const trustedAuthor: Rule = {
  id: 'trusted-author',
  weight: defaultWeights['trusted-author'],
  summary: 'Earlier comments with this e-mail address were approved on this site (and none was spam).',
  evaluate({ facts }) {
    const { approved, spam } = facts.email
    if (approved <= 0 || spam > 0) return null
    const detail =
      approved === 1
        ? 'An earlier comment with this e-mail address was approved on this site.'
        : `${approved} earlier comments with this e-mail address were approved on this site.`
    return { detail, factor: approved >= 3 ? 1.5 : 1 }
  },
}

/**
 * The author URL's host as readers see it, when its history says something about this author: a profile on a
 * shared platform (facebook.com/someone) shares its host with everyone else's profile there.
 */
function ownAuthorHost({ input }: RuleContext): string | null {
  const host = hostOfAddress(input.author.url)
  return host && !isSharedAuthorHost(host) ? domainToUnicode(host) || host : null
}

const spamCount = (history: History) => Math.max(0, history.spam)
const earlier = (count: number, what: string) =>
  count === 1 ? `an earlier comment ${what}` : `${count} earlier comments ${what}`
const capitalised = (sentence: string) => `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}`

/**
 * C2, after Antispam Bee's local spam memory. The e-mail address or the author URL's host: 3 points. The IP
 * address alone: 1.5 (factor 0.5), because one address is shared by a household, an office, a mobile carrier's
 * customers (CGNAT) or a VPN's users. Counted once however many match; the detail names which.
 */
export const spamHistory: Rule = {
  id: 'spam-history',
  weight: defaultWeights['spam-history'],
  summary:
    'Earlier comments with this e-mail address or author website were marked as spam (3), or only from this IP address (1.5).',
  evaluate(context) {
    const { facts } = context
    const email = spamCount(facts.email)
    const host = ownAuthorHost(context)
    const site = host ? spamCount(facts.authorHost) : 0
    if (email + site > 0) {
      const who = [
        ...(email > 0 ? [earlier(email, 'with this e-mail address')] : []),
        ...(site > 0 ? [earlier(site, `with a website on ${host}`)] : []),
      ].join(' and ')
      return {
        detail: `${capitalised(who)} ${email + site === 1 ? 'was' : 'were'} marked as spam on this site.`,
      }
    }
    const ip = spamCount(facts.ip)
    if (ip === 0) return null
    return {
      detail: `${capitalised(earlier(ip, 'from this IP address'))} ${ip === 1 ? 'was' : 'were'} marked as spam; an IP address can be shared by many people, so this weighs less.`,
      factor: 0.5,
    }
  },
}

/**
 * Short texts repeat by chance ("Merci pour cet article !" from two readers the same day), so only texts of 20
 * characters or more count, and never generic praise, which many readers write in the same words.
 */
const MIN_DUPLICATE_LENGTH = 20

function repeatable({ text }: RuleContext): boolean {
  let length = 0
  for (const _ of text.normalized) if (++length >= MIN_DUPLICATE_LENGTH) break
  return length >= MIN_DUPLICATE_LENGTH && genericPraise(text) === null
}

/** B3: the same text (after normalisation) was posted on this site within the duplicate window. */
export const duplicate: Rule = {
  id: 'duplicate',
  weight: defaultWeights.duplicate,
  summary:
    'The same text (20 characters or more) was already posted on this site within the duplicate window.',
  evaluate(context) {
    const { identical } = context.facts.duplicates
    if (identical <= 0 || !repeatable(context)) return null
    const hours = context.policy.duplicateWindowHours
    return {
      detail: `The same text was already posted ${identical === 1 ? 'once' : `${identical} times`} on this site in the last ${hours} hours, as copy-pasted campaigns are.`,
    }
  },
}

/** B3's near-duplicate (SmokeDetector, SimHash): scored only when no identical copy already is. */
export const nearDuplicate: Rule = {
  id: 'near-duplicate',
  weight: defaultWeights['near-duplicate'],
  summary:
    'A nearly identical text (20 characters or more) was posted on this site within the duplicate window.',
  evaluate(context) {
    const { identical, similar } = context.facts.duplicates
    if (similar <= 0 || identical > 0 || !repeatable(context)) return null
    const hours = context.policy.duplicateWindowHours
    return {
      detail: `${similar === 1 ? 'A nearly identical text was' : `${similar} nearly identical texts were`} posted on this site in the last ${hours} hours, as when a campaign varies a few words.`,
    }
  },
}

/**
 * B1, hourly: ten comments an hour is more than a reader writes, even a prolific one. Offices, schools and mobile
 * carriers share IP addresses, so this holds and never decides.
 */
const FREQUENT = 10

export const frequentSender: Rule = {
  id: 'frequent-sender',
  weight: defaultWeights['frequent-sender'],
  summary: `${FREQUENT} or more comments from the same IP address or e-mail address on this site in the last hour.`,
  evaluate({ facts }) {
    const recent = facts.recentFromSender
    if (!(recent >= FREQUENT)) return null
    return {
      detail: `${recent} other comments came from the same IP address or e-mail address on this site in the last hour.`,
    }
  },
}

/** History rules, in the order their reasons are listed. */
export const historyRules: readonly Rule[] = [
  trustedAuthor,
  spamHistory,
  duplicate,
  nearDuplicate,
  frequentSender,
]
