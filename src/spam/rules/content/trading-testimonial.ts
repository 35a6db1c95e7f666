import type { Finding, Rule, RuleContext } from '../types.js'
import { defaultWeights } from '../weights.js'
import { fold } from './phrases.js'
import { type Prose, proseOf } from './text.js'
import * as lists from './trading-testimonial.data.js'

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

const STAKE = 1
const MINIMUM = 2
const WITHDRAWN = 4
const PER = 8
const DAY_OR_WEEK = 16
const SPAN_START = 32
const SPAN_UNIT = 64
const FIRST_PERSON = 128
const CURRENCY = 256
const REGULAR = 512
const SOMEONE_ELSE = 1024
const ARTICLE = 2048
/** The first word of a phrase (`runs`). */
const RUN = 4096
const STAKE_AFTER = 8192
const BETWEEN = 16384
const POSSESSIVE = 32768
const LARGE = 65536
const NEGATION = 1 << 18
const HARD_CURRENCY = 131072

type RunKind = 'pointer' | 'trader'
type Run = { words: readonly string[]; kind: RunKind }

const kinds = new Map<string, number>()
/** Prefixes (`word*`), by their first character: a word is compared with the few that start as it does. */
const prefixes = new Map<string, { prefix: string; bit: number }[]>()
const mark = (list: readonly string[], bit: number) => {
  for (const entry of list) {
    if (!entry.endsWith('*')) kinds.set(fold(entry), (kinds.get(fold(entry)) ?? 0) | bit)
    else {
      const prefix = fold(entry.slice(0, -1))
      prefixes.set(prefix.charAt(0), [...(prefixes.get(prefix.charAt(0)) ?? []), { prefix, bit }])
    }
  }
}
mark(lists.STAKE, STAKE)
mark(lists.MINIMUM, MINIMUM)
mark(lists.WITHDRAWN, WITHDRAWN)
mark(lists.PER, PER)
mark(lists.DAY_OR_WEEK, DAY_OR_WEEK)
mark(lists.SPAN_START, SPAN_START)
mark(lists.SPAN_UNIT, SPAN_UNIT)
mark(lists.FIRST_PERSON, FIRST_PERSON)
mark(lists.CURRENCY, CURRENCY)
mark(lists.REGULAR, REGULAR)
mark(lists.SOMEONE_ELSE, SOMEONE_ELSE)
mark(lists.ARTICLE, ARTICLE)
mark(lists.STAKE_AFTER, STAKE_AFTER)
mark(lists.BETWEEN, BETWEEN)
mark(lists.POSSESSIVE, POSSESSIVE)
mark(lists.BETTING, SOMEONE_ELSE)
mark(lists.CHARITY, SOMEONE_ELSE)
mark(lists.LARGE, LARGE)
mark(lists.NOT_TESTIMONY, SOMEONE_ELSE)
mark(lists.NOT_THE_WRITERS, SOMEONE_ELSE)
mark(lists.NEGATION, NEGATION)
mark(lists.HARD_CURRENCY, HARD_CURRENCY)
const runs = new Map<string, Run[]>()
const addRuns = (list: readonly string[], kind: RunKind) => {
  for (const phrase of list) {
    const words = phrase.split(' ').map(fold)
    const first = words[0] as string
    runs.set(first, [...(runs.get(first) ?? []), { words, kind }])
    kinds.set(first, (kinds.get(first) ?? 0) | RUN)
  }
}
addRuns(lists.POINTERS, 'pointer')
addRuns(lists.TRADER, 'trader')
/** What a stake or a gain needs beside its number. */
const MONEY_WORDS = STAKE | STAKE_AFTER | MINIMUM | WITHDRAWN | DAY_OR_WEEK | SPAN_UNIT

const listed = (word: string): number => {
  let mask = kinds.get(word) ?? 0
  for (const { prefix, bit } of prefixes.get(word.charAt(0)) ?? []) if (word.startsWith(prefix)) mask |= bit
  return mask
}

/** The word without an elided article or preposition before it ("l'enquête", "un'inchiesta", "d'escroc"). */
const unelided = (word: string): string | null => {
  const elided = word.indexOf("'")
  return elided > 0 && elided <= 3 ? word.slice(elided + 1) : null
}

const kindOf = (word: string): number => {
  let mask = listed(word)
  if (word.startsWith("j'")) mask |= FIRST_PERSON
  const bare = unelided(word)
  if (bare) mask |= listed(bare)
  return mask
}

const warningWords = new Set(lists.WARNING.filter((word) => !word.endsWith('*')).map(fold))
const warningPrefixes = lists.WARNING.filter((word) => word.endsWith('*')).map((word) =>
  fold(word.slice(0, -1)),
)
const jobs = new Set(lists.JOB.map(fold))
const isWarning = (word: string) =>
  warningWords.has(word) || warningPrefixes.some((prefix) => word.startsWith(prefix))

/** Whether a word warns or reports: a loss, except of the writer's job ("lost my job"). */
function warns(words: readonly string[]): boolean {
  for (let at = 0; at < words.length; at++) {
    const word = words[at] as string
    if (!isWarning(word) && !isWarning(unelided(word) ?? '')) continue
    if (!(jobs.has(words[at + 1] as string) || jobs.has(words[at + 2] as string))) return true
  }
  return false
}

/**
 * The text's tokens: words, numbers read whole ("4 800", "4.800", "2,870", "1 5 0 0" spaced out to hide it, "12k")
 * and currency signs as words. Numbers are read from the text, not the words, for the marks between them: "400 →
 * 650" is two sums.
 */
const TOKEN =
  /(\d(?: \d){2,}(?!\d))|(\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+(?!\d)|\d+(?:[.,]\d+)?)([kKкК](?![\p{L}\p{N}]))?|([€$£₽₴])|([\p{L}\p{M}\p{N}]+(?:['’ʼ][\p{L}\p{M}]+)*)/gu
const SIGNS: Record<string, string> = { '€': 'eur', $: 'usd', '£': 'gbp', '₽': 'руб', '₴': 'грн' }

type Token = { word: string; mask: number; value: number | null }

/** The stakes spelled out, by their first word: read as the number they say (250, or 200). */
const spelled = new Map<string, { words: string[]; value: number }[]>()
for (const phrase of lists.SPELLED_STAKES) {
  const words = phrase.split(' ').map(fold)
  const value = /cinquant|fifty|cincuenta|funfzig|пятьдесят|п'ятдесят/.test(words.join(' ')) ? 250 : 200
  spelled.set(words[0] as string, [...(spelled.get(words[0] as string) ?? []), { words, value }])
}

/** `tokens` with each stake spelled out as one number token ("deux cent cinquante" as 250). */
function withSpelledStakes(tokens: Token[]): Token[] {
  const read: Token[] = []
  for (let at = 0; at < tokens.length; at++) {
    const token = tokens[at] as Token
    const found = spelled
      .get(token.word)
      ?.find(({ words }) => words.every((word, offset) => tokens[at + offset]?.word === word))
    if (!found) read.push(token)
    else {
      read.push({ word: found.words.join(' '), mask: 0, value: found.value })
      at += found.words.length - 1
    }
  }
  return read
}

function tokensOf(text: string): Token[] {
  const tokens: Token[] = []
  for (const match of text.matchAll(TOKEN)) {
    const [, spaced, grouped, thousands, sign, word] = match
    if (spaced !== undefined || grouped !== undefined) {
      const digits = spaced ?? (grouped as string)
      const whole = spaced !== undefined || /^\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+$/.test(digits)
      const value = whole ? Number(digits.replace(/\D/g, '')) : Number(digits.replace(',', '.'))
      tokens.push({ word: match[0], mask: 0, value: thousands ? value * 1000 : value })
    } else if (sign !== undefined) {
      const name = SIGNS[sign] as string
      tokens.push({ word: name, mask: kindOf(name), value: null })
    } else if (word !== undefined) {
      // "I" only as written: lower-case "i" is Italian's "the".
      const folded = fold(word.toLowerCase().replace(/ʼ/g, "'"))
      const mask = kindOf(folded) | (word === 'I' ? FIRST_PERSON : 0)
      tokens.push({ word: folded, mask, value: null })
    }
  }
  return withSpelledStakes(tokens)
}

/** Whether any of `tokens[from..to)` has `bit`. */
function anyIn(tokens: readonly Token[], from: number, to: number, bit: number): boolean {
  for (let at = Math.max(0, from); at < Math.min(tokens.length, to); at++)
    if ((tokens[at] as Token).mask & bit) return true
  return false
}

const has = (tokens: readonly Token[], at: number, bit: number) => ((tokens[at]?.mask ?? 0) & bit) !== 0

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
  if (!testimonial || warns(tokens.map((token) => token.word))) return null
  return parts
}

/**
 * Whether the text can be one at all, read from its distinct words (most comments stop here): the writer, a number
 * (in digits or spelled out) with a word a stake or a gain needs beside it, and the words of a platform's name or
 * of a pointer to a profile.
 */
function worthReading(prose: Prose): boolean {
  let union = 0
  let spelledOut = false
  const words = new Set<string>()
  for (const word of prose.lexicon.distinct) {
    const folded = fold(word)
    words.add(folded)
    union |= kinds.get(folded) ?? 0
    if (folded === 'i' || folded.startsWith("j'")) union |= FIRST_PERSON
    if (spelled.has(folded)) spelledOut = true
  }
  if (!(union & (FIRST_PERSON | POSSESSIVE)) || !(union & MONEY_WORDS)) return false
  if (!spelledOut && !/\d/.test(prose.text)) return false
  // A platform's or robot's name: every word of one somewhere in the text.
  for (const phrases of runs.values())
    for (const run of phrases)
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
