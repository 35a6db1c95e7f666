import type { Lexicon } from '../../lexicon.js'
import { fold } from './phrases.js'
import * as lists from './trading-testimonial.data.js'

/**
 * What each word is to the trading-testimonial rule (a stake word, a currency, a first person...), as bits, and
 * the text read as tokens: words folded, numbers read whole, currency signs as words, stakes spelled out as the
 * numbers they say. The lists are in trading-testimonial.data.ts.
 */

export const STAKE = 1 << 0
export const MINIMUM = 1 << 1
export const WITHDRAWN = 1 << 2
export const PER = 1 << 3
export const DAY_OR_WEEK = 1 << 4
export const SPAN_START = 1 << 5
export const SPAN_UNIT = 1 << 6
export const FIRST_PERSON = 1 << 7
export const CURRENCY = 1 << 8
export const REGULAR = 1 << 9
export const SOMEONE_ELSE = 1 << 10
export const ARTICLE = 1 << 11
/** The first word of a phrase (`runs`). */
export const RUN = 1 << 12
export const STAKE_AFTER = 1 << 13
export const BETWEEN = 1 << 14
export const POSSESSIVE = 1 << 15
export const LARGE = 1 << 16
export const HARD_CURRENCY = 1 << 17
export const NEGATION = 1 << 18
/** A word of warning, loss or report. */
export const WARNING = 1 << 19

type RunKind = 'pointer' | 'trader'
type Run = { words: readonly string[]; kind: RunKind }

export const kinds = new Map<string, number>()
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
mark(lists.WARNING, WARNING)
mark(lists.BETTING, SOMEONE_ELSE)
mark(lists.CHARITY, SOMEONE_ELSE)
mark(lists.LARGE, LARGE)
mark(lists.NOT_TESTIMONY, SOMEONE_ELSE)
mark(lists.NOT_THE_WRITERS, SOMEONE_ELSE)
mark(lists.NEGATION, NEGATION)
mark(lists.HARD_CURRENCY, HARD_CURRENCY)
export const runs = new Map<string, Run[]>()
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
/**
 * The words of four letters or more of the platforms' and robots' names, as the lists write them and folded. A text
 * names one only if it has one of these words, as written or with accents ("Quàntum", "tráding", as spam dodges
 * filters): most comments stop here, a text in plain ASCII after a few look-ups in its lexicon (about 1 µs), one
 * with accents after folding its longer words that have any (about 10 µs; reading all its words took 15–25).
 */
const TRADER_WORDS = [
  ...new Set(lists.TRADER.flatMap((name) => name.split(' ').filter((word) => word.length >= 4))),
]
const FOLDED_TRADER_WORDS = new Set(TRADER_WORDS.map(fold))
const LONGEST_TRADER_WORD = Math.max(...TRADER_WORDS.map((word) => word.length))
const NOT_ASCII = /[^\0-\x7f]/

/** Whether a text whose words are `lexicon` may name a platform or robot (`text`: those words, run together). */
export function mayNameATrader(lexicon: Lexicon, text: string): boolean {
  if (TRADER_WORDS.some((word) => lexicon.idOf(word) !== -1)) return true
  if (!NOT_ASCII.test(text)) return false
  for (const word of lexicon.distinct) {
    // Folding drops a few marks (Arabic vowels, the tatweel): a word may be a little longer than what it folds to.
    if (word.length < 4 || word.length > LONGEST_TRADER_WORD + 2 || !NOT_ASCII.test(word)) continue
    if (FOLDED_TRADER_WORDS.has(fold(word))) return true
  }
  return false
}

/** What a stake or a gain needs beside its number. */
export const MONEY_WORDS = STAKE | STAKE_AFTER | MINIMUM | WITHDRAWN | DAY_OR_WEEK | SPAN_UNIT

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

const jobs = new Set(lists.JOB.map(fold))

/** Whether a token warns or reports (`WARNING`): a loss, except of the writer's job ("lost my job"). */
export function warns(tokens: readonly Token[]): boolean {
  for (let at = 0; at < tokens.length; at++) {
    if (!((tokens[at] as Token).mask & WARNING)) continue
    if (!(jobs.has(tokens[at + 1]?.word ?? '') || jobs.has(tokens[at + 2]?.word ?? ''))) return true
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

export type Token = { word: string; mask: number; value: number | null }

/** The stakes spelled out, by their first word: read as the number they say (250, or 200). */
export const spelled = new Map<string, { words: string[]; value: number }[]>()
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

export function tokensOf(text: string): Token[] {
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
export function anyIn(tokens: readonly Token[], from: number, to: number, bit: number): boolean {
  for (let at = Math.max(0, from); at < Math.min(tokens.length, to); at++)
    if ((tokens[at] as Token).mask & bit) return true
  return false
}

export const has = (tokens: readonly Token[], at: number, bit: number) =>
  ((tokens[at]?.mask ?? 0) & bit) !== 0
