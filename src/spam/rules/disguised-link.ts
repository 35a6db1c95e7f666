import { recent } from '../recent.js'
import { proseOf } from './content/text.js'
import type { Rule, RuleContext } from './types.js'
import { defaultWeights } from './weights.js'

/**
 * A web address written so that no page makes it a link and no filter reads it as one: its dot in brackets
 * ("streamzone(dot)net", "www(.)flirtzone(.)de", "site[.]com"), spaced out or said in words after a name no word is
 * written like ("farmacia-online24 . it", "luxe-discount point com", "ставки-про точка рф", "kasegu-navi ドット com")
 * or after www ("www . kerjaonline . id"). Spam writes addresses so to pass link filters. Readers do too, to warn:
 * they defang a phishing address ("paypal-secure[.]com", "usps-redelivery-status dot com"), and they name a site
 * in words ("Amazon dot com", "la bulle point com"). So a plain word before a spaced or spoken dot is a word ("Sur
 * ce dernier point il a raison", "Macron . Il a trahi", "nytimes dot com"), a domain after a full stop is the next
 * sentence's first word, and the rule holds nothing alone: it explains, teaches the learned model, and is a way to
 * take up an offer for the phrase lists (cues.ts).
 */

// The dot said in words: English, French, Spanish, Italian, German, Portuguese, Russian, Turkish, Polish,
// Vietnamese, Korean (쩜, 닷), Chinese, Japanese.
const DOT_WORDS = 'dot|point|punto|punkt|ponto|точка|nokta|kropka|chấm|쩜|닷|点|ドット'
// A dot with a space before it, a dot or a dot's word in brackets, a dot's word between spaces. (A dot with a space
// after it only is how every sentence ends.)
const DOT_FORM = new RegExp(
  `(?<spaced>\\s+\\.\\s*)|(?<bracketed>\\s?[([{]\\s?(?:\\.|${DOT_WORDS})\\s?[)\\]}]\\s?)|(?<word>\\s(?:${DOT_WORDS})\\s)`,
  'giu',
)
// Top-level domains that are no word of the languages readers write. Those that are ("il", "se", "ma", "top",
// "info", "live", "pro", "it", "de", "es"...) count only in brackets or after www.
const TLDS = new Set(
  (
    'com net org biz ru su рф ua kz fr pl br jp cn vn tv cc xyz online io uk eu mx cl nl ch cz sk hu ro bg gr au ' +
    'nz za ng ke ph sg th kr tw hk ir pk bd eg dz tn ae qa lt lv ee gg ws tk ml ga cf gq ly'
  ).split(' '),
)
// Those that are words too, after a name of words joined by a hyphen ("farmacia-online24 . it", "uhren-outlet
// punkt de"), not after a name with digits ("le Covid-19 . il faudra").
const WORD_TLDS = new Set(
  'it de es id in me co is be no us la do so go at am my on by ca info top site club shop store live pro app'.split(
    ' ',
  ),
)
const HYPHENATED = /\p{L}-\p{L}/u
const LABEL_CHARACTER = /[\p{L}\p{N}-]/u
// Lower case as written: a capital after a spaced dot starts a sentence ("C'est terminé . Il faut", ". РФ до сих пор").
const TLD_AFTER = /^\p{Ll}{2,10}(?![\p{L}\p{N}])/u
const ANY_TLD_AFTER = /^\p{L}{2,10}(?![\p{L}\p{N}])/u
// A name no word is written like: a hyphen inside it, or a digit.
const NAME_LIKE = /\p{L}-\p{L}|\p{N}/u
const WWW_BEFORE = /www\s?(?:\.|[([{]\s?(?:\.|dot)\s?[)\]}])\s?$/i

/** The label just before `end` (letters, digits, hyphens), and whether a "www" and a dot come before it. */
function labelBefore(text: string, end: number): { label: string; www: boolean } {
  let start = end
  while (start > 0 && LABEL_CHARACTER.test(text.charAt(start - 1))) start--
  return { label: text.slice(start, end), www: WWW_BEFORE.test(text.slice(Math.max(0, start - 12), start)) }
}

export type DisguisedAddress = { written: string }

/** The first web address of the prose (as written, its capitals kept) written so that it is no link, or null. */
export const disguisedAddress = recent((context: RuleContext): DisguisedAddress | null => {
  const text = proseOf(context.text).text
  for (const match of text.matchAll(DOT_FORM)) {
    const at = match.index ?? 0
    const { label, www } = labelBefore(text, at)
    // "www" is no name: the dot after it is read with the name that follows ("www(.)flirtzone(.)de").
    if (label.length < 2 || label.startsWith('-') || label.toLowerCase() === 'www') continue
    const bracketed = match.groups?.bracketed !== undefined
    const rest = text.slice(at + match[0].length, at + match[0].length + 11)
    const tld = (bracketed || www ? ANY_TLD_AFTER : TLD_AFTER).exec(rest)?.[0]
    if (!tld) continue
    const named = (NAME_LIKE.test(label) && TLDS.has(tld)) || (HYPHENATED.test(label) && WORD_TLDS.has(tld))
    if (!bracketed && !www && !named) continue
    return { written: `${www ? 'www ' : ''}${label}${match[0]}${tld}`.replace(/\s+/g, ' ') }
  }
  return null
})

export const disguisedLink: Rule = {
  id: 'disguised-link',
  weight: defaultWeights['disguised-link'],
  summary:
    'A web address written so that it is no link: its dot in brackets, spaced out or said in words ("my-site dot com").',
  evaluate(context) {
    const found = disguisedAddress(context)
    return found ? { detail: `Writes a web address so that it is no link: “${found.written}”.` } : null
  },
}
