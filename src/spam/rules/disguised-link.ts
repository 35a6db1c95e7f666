import { recent } from '../recent.js'
import { proseOf } from './content/text.js'
import type { Rule, RuleContext } from './types.js'
import { defaultWeights } from './weights.js'

/**
 * A web address written so that no page makes it a link and no filter reads it as one: its dot spaced out
 * ("cheapmeds . com"), put in brackets ("streamzone(dot)net", "www(.)flirtzone(.)de", "site[.]com") or said in
 * words ("mysite dot com", "luxe-discount point com", "aviadeshevo точка com", "kasegu-navi ドット com"). Spam
 * writes addresses so to pass link filters; a reader who cites a source writes it as it is (Vigil holds no comment
 * for one link, so a reader has no filter to get past). The points hold the comment for a moderator, never mark it
 * spam alone: a security article's reader may defang a phishing address ("paypal-login[.]com") to warn others.
 */

// The dot said in words: English, French, Spanish, Italian, German, Portuguese, Russian, Turkish, Polish,
// Vietnamese, Korean (쩜, 닷), Chinese, Japanese.
const DOT_WORDS = 'dot|point|punto|punkt|ponto|точка|nokta|kropka|chấm|쩜|닷|点|ドット'
// A dot with a space before it (sentences end with a space after one only), one with a space after it only, a dot
// or a dot's word in brackets, a dot's word between spaces.
const DOT_FORM = new RegExp(
  `(?<spaced>\\s+\\.\\s*)|(?<after>\\.\\s+)|(?<bracketed>\\s?[([{]\\s?(?:\\.|${DOT_WORDS})\\s?[)\\]}]\\s?)|(?<word>\\s(?:${DOT_WORDS})\\s)`,
  'gu',
)
// Top-level domains that are no word of the languages readers write: after a dot spaced out or said in words.
const TLDS = new Set(
  (
    'com net org info biz ru su рф ua kz fr pl br jp cn vn tv cc xyz top site online club shop store live pro io ' +
    'uk eu mx cl nl ch cz sk hu ro bg gr au nz za ng ke ph sg th kr tw hk ir pk bd eg ma dz tn sa ae qa il se dk fi ' +
    'lt lv ee app dev bet casino win vip ly gg ws tk ml ga cf gq tr ar pt'
  ).split(' '),
)
// Top-level domains that are also words ("le point de vue", "read it . It is", "muy bien . Es"): only in brackets,
// after www, or after a name no word is written like (with a hyphen or a digit).
const WORD_TLDS = new Set('it me in to co id is be no us es de la do so go at am my on by ca'.split(' '))
// Top-level domains that start sentences after a full stop ("l'article. Net, précis", "Top!"): after a dot with
// a space after it only, just these.
const AFTER_A_STOP_TLDS = new Set(['com', 'org', 'ru', 'рф', 'xyz'])
const LABEL_CHARACTER = /[\p{L}\p{N}-]/u
const TLD_AFTER = /^[\p{L}]{2,10}(?![\p{L}\p{N}])/u
const NAME_LIKE = /[\d-]/
/** A plain word this short before a dot said in words is a word ("un point com", "the dot com bubble"). */
const MIN_PLAIN_LABEL = 6

/** The label just before `end` (letters, digits, hyphens), and whether a "www" and a dot form come before it. */
function labelBefore(text: string, end: number): { label: string; www: boolean } {
  let start = end
  while (start > 0 && LABEL_CHARACTER.test(text.charAt(start - 1))) start--
  const before = text.slice(Math.max(0, start - 12), start)
  return { label: text.slice(start, end), www: /www\s?(?:\.|[([{]\s?(?:\.|dot)\s?[)\]}])\s?$/.test(before) }
}

export type DisguisedAddress = { written: string }

/** The first web address of the prose written so that it is no link, or null. */
export const disguisedAddress = recent((context: RuleContext): DisguisedAddress | null => {
  const text = proseOf(context.text).skeleton
  for (const match of text.matchAll(DOT_FORM)) {
    const at = match.index ?? 0
    const tld = TLD_AFTER.exec(text.slice(at + match[0].length, at + match[0].length + 11))?.[0]
    if (!tld) continue
    const { label, www } = labelBefore(text, at)
    if (label.length < 2 || label.startsWith('-')) continue
    const groups = match.groups ?? {}
    const nameLike = NAME_LIKE.test(label)
    const known = TLDS.has(tld) || (WORD_TLDS.has(tld) && (www || nameLike || groups.bracketed !== undefined))
    if (!known) continue
    if (groups.after !== undefined && !(AFTER_A_STOP_TLDS.has(tld) && (www || nameLike))) continue
    if (
      (groups.word !== undefined || groups.spaced !== undefined) &&
      !www &&
      !nameLike &&
      label.length < MIN_PLAIN_LABEL
    )
      continue
    return { written: `${www ? 'www ' : ''}${label}${match[0]}${tld}`.replace(/\s+/g, ' ') }
  }
  return null
})

export const disguisedLink: Rule = {
  id: 'disguised-link',
  weight: defaultWeights['disguised-link'],
  summary:
    'A web address written so that it is no link: its dot spaced out, in brackets or said in words ("site dot com").',
  evaluate(context) {
    const found = disguisedAddress(context)
    return found ? { detail: `Writes a web address so that it is no link: “${found.written}”.` } : null
  },
}
