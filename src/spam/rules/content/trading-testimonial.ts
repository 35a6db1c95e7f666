import { mayContain, wordFilter } from '../../lexicon.js'
import type { Finding, Rule, RuleContext } from '../types.js'
import { defaultWeights } from '../weights.js'
import { fold } from './phrases.js'
import { type Prose, proseOf } from './text.js'
import {
  ARTICLE,
  anyIn,
  BETWEEN,
  CURRENCY,
  DAY_OR_WEEK,
  FIRST_PERSON,
  HARD_CURRENCY,
  has,
  kinds,
  LARGE,
  MINIMUM,
  MONEY_WORDS,
  mayNameATrader,
  NEGATION,
  PER,
  POSSESSIVE,
  REGULAR,
  RUN,
  runs,
  SOMEONE_ELSE,
  SPAN_START,
  SPAN_UNIT,
  STAKE,
  STAKE_AFTER,
  spelled,
  type Token,
  tokensOf,
  WITHDRAWN,
  warns,
} from './trading-testimonial-tokens.js'

/**
 * The fake trading platform's testimonial, what news sites' comments are flooded with: "J'ai commencé avec 250 €
 * sur Quantum AI il y a 3 semaines et j'ai déjà retiré 4 800 €. Tout est expliqué sur mon profil." Its sentences
 * vary too much for stock phrases (spam-phrases holds the few fixed ones); what they share is a structure, all of
 * it: the writer ("I") put in a stake of money (the platforms' minimum deposit, 250, spelled or "the minimum"),
 * took out a gain of money (so much a day or a week, a sum withdrawn, a sum within weeks), and names the platform
 * or robot that did it as what they use. A pointer to their profile is reported, never counted.
 *
 * Three reviews wrote 499 genuine comments to trip earlier versions, which held half, then two thirds, then nine
 * in ten of them: readers tell any two of those parts of their own lives (a wage then and now, a saving, a day
 * rate "on my profile", a repair against a new boiler), count dead, seats and troops, quote the ads to warn
 * others, investigate the platforms, and name them to say they need none. So each part is narrow: sums are money
 * (a currency beside them, their stake or withdrawal word right next to them, or 300 and more right before "par
 * jour"); the writer is the subject; a
 * comment with a word of warning, loss or report, telling someone else's story ("she", "ma mère"), a bet, a
 * donation, a rent, a test, an investigation or years of saving is never one; a regular sum (a month, a year) is
 * no stake; a name after "pas besoin de", "nothing like", or as a phrase of its own ("the Bitcoin era of El
 * Salvador") is no platform used.
 */

/** A sum of money: a number with a currency right before or after it. The index after it (and its currency). */
function moneyEnd(tokens: readonly Token[], at: number): number | null {
  if (has(tokens, at + 1, CURRENCY)) return at + 2
  if (has(tokens, at - 1, CURRENCY)) return at + 1
  return null
}

/** "par jour", "a day", "a la semana", "am Tag" right at `at`. */
const perDayAt = (tokens: readonly Token[], at: number) => {
  if (!has(tokens, at, PER)) return false
  const period = has(tokens, at + 1, ARTICLE) ? at + 2 : at + 1
  // "$900 a week ago" is a date.
  return has(tokens, period, DAY_OR_WEEK) && tokens[period + 1]?.word !== 'ago'
}

/**
 * A name as the writer names what they use: not said to be needless within three words before ("pas besoin de
 * Quantum AI", "nothing like Bitcoin Code"), nor a phrase of its own after an article or a genitive ("the Bitcoin
 * era of El Salvador", "Google's Quantum AI team").
 */
function namedAsUsed(tokens: readonly Token[], at: number): boolean {
  if (anyIn(tokens, at - 3, at, NEGATION)) return false
  // "Le robot de trading" is how one names it; "the Bitcoin era", a time.
  if (COMMON_NAMES.has(tokens[at]?.word ?? '')) return true
  const before = tokens[at - 1]?.word ?? ''
  return !(ARTICLES.has(before) || before.endsWith("'s"))
}
/** The first words of the names that are common nouns ("robot de trading", "trading bot"), not brands. */
const COMMON_NAMES = new Set(['robot', 'robots', 'bot', 'trading', 'торговый', 'торговий'].map(fold))
// Not "a": French "à" folds to it ("250 € à Quantum AI").
const ARTICLES = new Set(['the', 'la', 'le', 'el', 'der', 'die', 'das', 'lo', 'o'])

/** French "il" the pronoun, not "il y a" (ago, there is), nor Italian "il" before a possessive ("il mio profilo"). */
const frenchIl = (tokens: readonly Token[], at: number) =>
  tokens[at + 1]?.word !== 'y' && !has(tokens, at + 1, POSSESSIVE)

/**
 * A stake written without its currency, next to its word: "commencé avec 250", "250 au départ", "250 investis".
 * Before it, a stake word, or one with a word between ("started with the", "mise de").
 */
const stakeBeside = (tokens: readonly Token[], at: number, end: number) =>
  has(tokens, at - 1, STAKE) ||
  (has(tokens, at - 1, BETWEEN) && has(tokens, at - 2, STAKE)) ||
  has(tokens, end, STAKE_AFTER) ||
  (has(tokens, end, BETWEEN) && has(tokens, end + 1, STAKE_AFTER))

/** A sum taken out, next to its word: "retiré 4 800", "retrait de 2 340", "payout of 2,870". */
const withdrawnBeside = (tokens: readonly Token[], at: number) =>
  has(tokens, at - 1, WITHDRAWN) || (has(tokens, at - 1, BETWEEN) && has(tokens, at - 2, WITHDRAWN))

type Parts = {
  stake?: string
  /** A sum withdrawn, or within weeks. */
  gain?: string
  /** So much a day or a week. */
  daily?: string
  pointer?: string
  trader?: string
}

function partsOf(tokens: readonly Token[]): Parts | null {
  const parts: Parts = {}
  let firstPerson = false
  for (let at = 0; at < tokens.length; at++) {
    const { word, mask } = tokens[at] as Token
    if (mask & SOMEONE_ELSE || (word === 'il' && frenchIl(tokens, at))) return null
    const { value } = tokens[at] as Token
    // A year ("en 2015"), not a sum ("j'ai retiré 2000 €", "2000 par jour").
    if (value !== null && /^\d{4}$/.test(word) && value >= 1990 && value <= 2035) {
      const sum =
        moneyEnd(tokens, at) !== null || has(tokens, at - 1, STAKE | WITHDRAWN) || perDayAt(tokens, at + 1)
      if (!sum) return null
    }
    if (mask & (FIRST_PERSON | POSSESSIVE)) firstPerson = true
    if (mask & RUN) {
      for (const run of runs.get(word) ?? []) {
        if (!run.words.every((expected, offset) => tokens[at + offset]?.word === expected)) continue
        if (run.kind === 'pointer' || namedAsUsed(tokens, at)) parts[run.kind] ??= run.words.join(' ')
      }
    }
    // "Started with the minimum", "почала з мінімального депозиту".
    if (mask & MINIMUM && anyIn(tokens, at - 3, at, STAKE)) parts.stake ??= word
  }
  if (!firstPerson) return null
  let stake: number | null = null
  let dailyValue: number | null = null
  for (let at = 0; at < tokens.length; at++) {
    const { value } = tokens[at] as Token
    if (value === null) continue
    const money = moneyEnd(tokens, at)
    const end = money ?? at + 1
    // "250 mille euros", "$300 billion": no stake.
    if (has(tokens, end, LARGE) || has(tokens, at + 1, LARGE)) continue
    const written = tokens
      .slice(at, end)
      .map((token) => token.word)
      .join(' ')
    const regular =
      has(tokens, end, REGULAR) || (has(tokens, end, PER) && anyIn(tokens, end, end + 3, REGULAR))
    const staked =
      value >= 100 &&
      value <= 1000 &&
      !regular &&
      (stakeBeside(tokens, at, end) || (money !== null && anyIn(tokens, at - 4, end + 3, STAKE)))
    if (stake === null && staked) {
      stake = value
      parts.stake ??= written
      continue
    }
    // Without a currency, a sum is a gain only said as one: so much a day, or taken out.
    const withdrawn =
      money === null
        ? withdrawnBeside(tokens, at)
        : anyIn(tokens, at - 3, at, WITHDRAWN) || anyIn(tokens, end, end + 2, WITHDRAWN)
    // So much a day is counted in euros, dollars or pounds: 300 hryvnias a day is a wage.
    const hard = has(tokens, end - 1, HARD_CURRENCY) || has(tokens, at - 1, HARD_CURRENCY)
    const daily = (money === null ? value >= 300 : value >= 100 && hard) && perDayAt(tokens, end)
    const within =
      money !== null &&
      value >= 1000 &&
      has(tokens, end, SPAN_START) &&
      anyIn(tokens, end + 1, end + 4, SPAN_UNIT)
    if (daily && dailyValue === null) {
      parts.daily = written
      dailyValue = value
    }
    if ((value >= 500 && withdrawn && !regular) || within) parts.gain ??= written
  }
  // So much a day is more than the stake: a day rate below what one started with is a career's.
  if (dailyValue !== null && stake !== null && dailyValue < stake) parts.daily = undefined
  // All three: a reader tells a stake and a gain of their own (a wage then and now, a saving, a repair against a
  // new boiler, a day rate "on my profile"); the testimonial names the platform too.
  const testimonial =
    parts.stake !== undefined && parts.trader !== undefined && (parts.gain ?? parts.daily) !== undefined
  if (!testimonial || warns(tokens)) return null
  return parts
}

/** The words `kinds` and `spelled` know: most of a comment's words are in neither, and are not looked up. */
const listedWords = wordFilter([...kinds.keys(), ...spelled.keys()])

/**
 * Whether the text can be one at all, read from its distinct words: a word of a platform's name (most comments stop
 * at that), the writer, a number (in digits or spelled out) with a word a stake or a gain needs beside it, and
 * every word of a platform's name.
 */
function worthReading(prose: Prose): boolean {
  if (!mayNameATrader(prose.lexicon, prose.skeleton)) return false
  let union = 0
  let spelledOut = false
  const folded = prose.lexicon.distinct.map(fold)
  const runStarts: string[] = []
  for (const word of folded) {
    if (mayContain(listedWords, word)) {
      const kind = kinds.get(word) ?? 0
      union |= kind
      if (kind & RUN) runStarts.push(word)
      if (spelled.has(word)) spelledOut = true
    }
    if (word === 'i' || word.startsWith("j'")) union |= FIRST_PERSON
  }
  if (!(union & (FIRST_PERSON | POSSESSIVE)) || !(union & MONEY_WORDS)) return false
  if (!spelledOut && !/\d/.test(prose.text)) return false
  // A platform's or robot's name: every word of one somewhere in the text, looked for from the words that start one.
  const words = new Set(folded)
  for (const start of runStarts)
    for (const run of runs.get(start) ?? [])
      if (run.kind === 'trader' && run.words.every((word) => words.has(word))) return true
  return false
}

const quote = (words: string) => `“${words}”`

function detailOf(parts: Parts): string {
  const said = [
    parts.stake && `a stake (${quote(parts.stake)})`,
    parts.gain && `a gain (${quote(parts.gain)})`,
    parts.daily && `a gain by the day or the week (${quote(parts.daily)})`,
    parts.pointer && `a pointer to the writer's profile (${quote(parts.pointer)})`,
    parts.trader && `a trading robot or platform (${quote(parts.trader)})`,
  ].filter(Boolean)
  return `Reads like a trading platform's testimonial, in the first person: ${said.join(', ')}.`
}

export const tradingTestimonial: Rule = {
  id: 'trading-testimonial',
  weight: defaultWeights['trading-testimonial'],
  summary:
    'A trading platform’s testimonial in the first person: a stake of money, a gain of money, and the platform or robot named as what the writer uses, all three; never with a word of warning or loss, nor as someone else’s story, a test or years of saving.',
  evaluate({ text }: RuleContext): Finding | null {
    const prose = proseOf(text)
    if (!worthReading(prose)) return null
    const parts = partsOf(tokensOf(prose.text))
    return parts ? { detail: detailOf(parts) } : null
  },
}
