import { mayContain, wordFilter } from '../lexicon.js'
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
 * sentence's first word, and the rule holds nothing alone: it explains and teaches the learned model. Spaced out or
 * said in words, the address is also a way to take up an offer for the phrase lists (cues.ts), as a link is
 * ("Prestiti tra privati veloci, visitate prestiti-facili punto it"); defanged in brackets it is not: a reader
 * warning of it names the scam's words too ("le site crypto-profit-garanti[.]com promet un « profit garanti »").
 */

// The dot said in words: English, French, Spanish, Italian, German, Portuguese, Russian, Turkish, Polish,
// Vietnamese, Korean (쩜, 닷), Chinese, Japanese.
const DOT_WORDS = 'dot|point|punto|punkt|ponto|точка|nokta|kropka|chấm|쩜|닷|点|ドット'
// A dot with a space before it, a dot or a dot's word in brackets, a dot's word between spaces: three patterns, each
// read only when the text has what it needs (a " .", a bracket, a dot's word), which most texts lack. (A dot with a
// space after it only is how every sentence ends.)
const SPACED = /\s+\.\s*/g
const SPACE_DOT = /\s\./
// Tried where a bracket opens only (sticky): most texts have brackets, few have a dot in them.
const BRACKETED = new RegExp(`[([{]\\s?(?:\\.|${DOT_WORDS})\\s?[)\\]}]\\s?`, 'iuy')
const SPOKEN = new RegExp(`\\s(?:${DOT_WORDS})\\s`, 'giu')
const DOT_WORD_LIST = DOT_WORDS.split('|')
const DOT_WORD_FILTER = wordFilter(DOT_WORD_LIST)
const DOT_WORD_SET = new Set(DOT_WORD_LIST)

/** The dots in brackets of a text, each as a match starting at the space before its bracket, if any. */
function* bracketedDots(text: string): Generator<RegExpMatchArray> {
  for (const opening of '([{') {
    for (let at = text.indexOf(opening); at >= 0; at = text.indexOf(opening, at + 1)) {
      BRACKETED.lastIndex = at
      const found = BRACKETED.exec(text)
      if (!found) continue
      const from = at > 0 && /\s/.test(text.charAt(at - 1)) ? at - 1 : at
      const match: RegExpMatchArray = [text.slice(from, at) + found[0]]
      match.index = from
      yield match
    }
  }
}

/** The dots written so that they make no link, by form, each form looked for only when the text has what it needs. */
function* dotsIn(text: string, words: readonly string[]): Generator<[RegExpMatchArray, boolean]> {
  for (const match of bracketedDots(text)) yield [match, true]
  if (SPACE_DOT.test(text)) for (const match of text.matchAll(SPACED)) yield [match, false]
  if (words.some((word) => mayContain(DOT_WORD_FILTER, word) && DOT_WORD_SET.has(word)))
    for (const match of text.matchAll(SPOKEN)) yield [match, false]
}

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
// A name no word is written like: letters, and a hyphen or a digit (not a year alone: "en 2014 . net").
const NAME_LIKE = /^(?=.*\p{L})(?=.*[\p{N}-])/u
const WWW_BEFORE = new RegExp(`www\\s?(?:\\.|[([{]\\s?(?:\\.|${DOT_WORDS})\\s?[)\\]}])\\s?$`, 'iu')

/**
 * The label just before `end` (letters, digits, hyphens), whether a "www" and a dot come before it, and where the
 * address starts (at the www when there is one).
 */
function labelBefore(text: string, end: number): { label: string; www: boolean; start: number } {
  let start = end
  while (start > 0 && LABEL_CHARACTER.test(text.charAt(start - 1))) start--
  const before = text.slice(Math.max(0, start - 12), start)
  const www = WWW_BEFORE.exec(before)
  return {
    label: text.slice(start, end),
    www: www !== null,
    start: www ? start - (before.length - www.index) : start,
  }
}

/** `defanged`: its dot in brackets, as readers write the phishing addresses they warn of. */
export type DisguisedAddress = { written: string; defanged: boolean }

/** The first web address of the prose (as written, its capitals kept) written so that it is no link, or null. */
export const disguisedAddress = recent((context: RuleContext): DisguisedAddress | null => {
  const prose = proseOf(context.text)
  const text = prose.text
  for (const [match, bracketed] of dotsIn(text, prose.lexicon.distinct)) {
    const found = addressAt(text, match, bracketed)
    if (found) return found
  }
  return null
})

/** The address whose dot `match` is, or null when the words around it are no address. */
function addressAt(text: string, match: RegExpMatchArray, bracketed: boolean): DisguisedAddress | null {
  const at = match.index ?? 0
  const { label, www, start } = labelBefore(text, at)
  // "www" is no name: the dot after it is read with the name that follows ("www(.)flirtzone(.)de").
  if (label.length < 2 || label.startsWith('-') || label.toLowerCase() === 'www') return null
  const rest = text.slice(at + match[0].length, at + match[0].length + 11)
  const tld = (bracketed || www ? ANY_TLD_AFTER : TLD_AFTER).exec(rest)?.[0]
  if (!tld) return null
  const named = (NAME_LIKE.test(label) && TLDS.has(tld)) || (HYPHENATED.test(label) && WORD_TLDS.has(tld))
  if (!bracketed && !www && !named) return null
  return {
    written: text.slice(start, at + match[0].length + tld.length).replace(/\s+/g, ' '),
    defanged: bracketed,
  }
}

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
