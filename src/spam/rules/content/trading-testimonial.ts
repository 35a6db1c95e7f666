import type { Finding, Rule, RuleContext } from '../types.js'
import { defaultWeights } from '../weights.js'
import { fold } from './phrases.js'
import { type Prose, proseOf } from './text.js'
import * as lists from './trading-testimonial.data.js'

/**
 * The fake trading platform's testimonial, what news sites' comments are flooded with: "J'ai commencé avec 250 €
 * sur Quantum AI il y a 3 semaines et j'ai déjà retiré 4 800 €. Tout est expliqué sur mon profil." Its sentences
 * vary too much for stock phrases (spam-phrases holds the few fixed ones); what they share is a structure, in the
 * first person: a stake (the platforms' minimum deposit, 250, spelled or "the minimum"), a gain (so much a day or a
 * week, a sum withdrawn, a sum within weeks, "250 → 6 000"), and where to go next (the writer's profile, a
 * search, a private message) or what did it (a robot, an algorithm, a platform). Two of those together, the
 * stake or the gain among them, are the testimonial.
 *
 * Readers write each part alone ("j'ai placé 5 000 € en 2015, il en vaut 9 000", "je touche 38 € par jour",
 * "cherchez sur Google") and quote the whole to warn others ("ces pubs « 250 € et je gagne 1 000 € par jour »
 * sont des arnaques", "my uncle lost 12,000 to Quantum AI"): a comment with a word of warning, loss or report is
 * never one, whatever else it says. A long-term investment names its years; a gain read as a later sum four times
 * the stake counts only in a text that names none.
 */

const STAKE = 1
const MINIMUM = 2
const WITHDRAWN = 4
const PER = 8
const DAY_OR_WEEK = 16
const SPAN_START = 32
const SPAN_UNIT = 64
const FIRST_PERSON = 128
const RUN = 256
const PLATFORM = 512
const WITH = 1024
const POSSESSIVE = 4096
const THIRD_PERSON = 8192
/** The first word of a robot's or a platform's name, and of a stake spelled out: what a text without digits needs. */
const TRADER_START = 16384
const SPELLED_START = 32768
/** A month after a sum: a wage, a rent, a saving plan's instalment ("100 € im Monat"), not a stake. */
const MONTH = 2048

type Run = { words: readonly string[]; kind: 'stake' | 'pointer' | 'search' | 'trader' }

const kinds = new Map<string, number>()
const runs = new Map<string, Run[]>()
const mark = (list: readonly string[], bit: number) => {
  for (const word of list) kinds.set(fold(word), (kinds.get(fold(word)) ?? 0) | bit)
}
mark(lists.STAKE, STAKE)
mark(lists.MINIMUM, MINIMUM)
mark(lists.WITHDRAWN, WITHDRAWN)
mark(lists.PER, PER)
mark(lists.DAY_OR_WEEK, DAY_OR_WEEK)
mark(lists.SPAN_START, SPAN_START)
mark(lists.SPAN_UNIT, SPAN_UNIT)
mark(lists.FIRST_PERSON, FIRST_PERSON)
mark(lists.PLATFORM, PLATFORM)
mark(['avec', 'with', 'con', 'mit', 'с', 'з', 'com', 'teste', 'tested', 'essaye'], WITH)
mark(lists.MONTH, MONTH)
mark(lists.FIRST_PERSON_POSSESSIVE, POSSESSIVE)
mark(lists.THIRD_PERSON, THIRD_PERSON)
const addRuns = (list: readonly string[], kind: Run['kind']) => {
  for (const phrase of list) {
    const words = phrase.split(' ').map(fold)
    const first = words[0] as string
    runs.set(first, [...(runs.get(first) ?? []), { words, kind }])
    const start = kind === 'trader' ? TRADER_START : kind === 'stake' ? SPELLED_START : 0
    kinds.set(first, (kinds.get(first) ?? 0) | RUN | start)
  }
}
addRuns(lists.SPELLED_STAKES, 'stake')
addRuns(lists.POINTERS, 'pointer')
addRuns(lists.SEARCHES, 'search')
addRuns(lists.TRADER, 'trader')

const warningWords = new Set(lists.WARNING.filter((word) => !word.endsWith('*')).map(fold))
const warningPrefixes = lists.WARNING.filter((word) => word.endsWith('*')).map((word) =>
  fold(word.slice(0, -1)),
)
const isWarning = (word: string) =>
  warningWords.has(word) || warningPrefixes.some((prefix) => word.startsWith(prefix))
const jobs = new Set(lists.JOB.map(fold))
/** Whether a word of `words` warns or reports: a loss, except of the writer's job ("lost my job"). */
function warns(words: readonly string[]): boolean {
  for (let at = 0; at < words.length; at++) {
    if (!isWarning(words[at] as string)) continue
    if (!(jobs.has(words[at + 1] as string) || jobs.has(words[at + 2] as string))) return true
  }
  return false
}

/** An amount of money, or any number: where it starts and ends among the words, its value. */
type Amount = { start: number; end: number; value: number }

const DIGITS = /^\d+$/
const THOUSANDS = /^\d+[kк]$/
const ARROW = /\d\s*(?:→|->|=>|➡|➔)\s*\d/u
/** A gain of a hundred per cent and more, signed: "+340 % sur mon compte". */
const PERCENT_GAIN = /\+\s?\d{3,}(?:[.,]\d+)?\s?%/
/** The platforms' stakes: the minimum deposit is 250, and ads say 200 to 500. */
const STAKE_MIN = 100
const STAKE_MAX = 1000

/**
 * The numbers among the words, a number written in groups read whole: "4 800" and "4.800" (a group of one to three
 * digits, then groups of three), "1 5 0 0" (single digits spaced out to hide them), "12k".
 */
function amountsIn(words: readonly string[]): Amount[] {
  const amounts: Amount[] = []
  for (let at = 0; at < words.length; at++) {
    const word = words[at] as string
    if (THOUSANDS.test(word)) {
      amounts.push({ start: at, end: at + 1, value: Number(word.slice(0, -1)) * 1000 })
      continue
    }
    if (!DIGITS.test(word)) continue
    let digits = word
    let end = at + 1
    if (word.length <= 3) {
      while (end < words.length && /^\d{3}$/.test(words[end] as string)) digits += words[end++]
      if (word.length === 1 && end === at + 1) {
        let spaced = end
        while (spaced < words.length && /^\d$/.test(words[spaced] as string)) spaced++
        if (spaced - at >= 3) {
          digits = words.slice(at, spaced).join('')
          end = spaced
        }
      }
    }
    amounts.push({ start: at, end, value: Number(digits) })
    at = end - 1
  }
  return amounts
}

/** Whether any of `masks[from..to)` has `bit`. */
function anyIn(masks: Uint16Array, from: number, to: number, bit: number): boolean {
  for (let at = Math.max(0, from); at < Math.min(masks.length, to); at++)
    if ((masks[at] as number) & bit) return true
  return false
}

type Parts = {
  stake?: string
  gain?: string
  /** A sum alone, neither stake nor gain ("18k"). */
  sum?: string
  pointer?: string
  search?: string
  trader?: string
  platform?: string
}

const DIGIT = /\d/

/**
 * The prose's words folded, and what each is to this rule, each distinct word read once; null for a text that
 * cannot be a testimonial, having no digit, no stake spelled out, no "minimum" and no robot (most comments).
 */
function wordsOf(prose: Prose): { words: string[]; masks: Uint16Array } | null {
  const { distinct } = prose.lexicon
  const folded = new Array<string>(distinct.length)
  const kindsOf = new Uint16Array(distinct.length)
  let union = 0
  for (let id = 0; id < distinct.length; id++) {
    const word = fold(distinct[id] as string)
    folded[id] = word
    let mask = kinds.get(word) ?? 0
    if (word.startsWith("j'")) mask |= FIRST_PERSON
    else if (word.startsWith("m'")) mask |= POSSESSIVE
    kindsOf[id] = mask
    union |= mask
  }
  if (!(union & (TRADER_START | SPELLED_START | MINIMUM)) && !DIGIT.test(prose.text)) return null
  const ids = prose.skeletonIds
  const words = new Array<string>(ids.length)
  const masks = new Uint16Array(ids.length)
  for (let at = 0; at < ids.length; at++) {
    words[at] = folded[ids[at] as number] as string
    masks[at] = kindsOf[ids[at] as number] as number
  }
  return { words, masks }
}

function partsOf({ words, masks }: { words: string[]; masks: Uint16Array }, text: string): Parts | null {
  const parts: Parts = {}
  let firstPerson = false
  let possessive = false
  let thirdPerson = false
  for (let at = 0; at < words.length; at++) {
    const word = words[at] as string
    const mask = masks[at] as number
    if (mask & FIRST_PERSON) firstPerson = true
    if (mask & POSSESSIVE) possessive = true
    if (mask & THIRD_PERSON) thirdPerson = true
    if (mask & PLATFORM) parts.platform ??= word
    if (!(mask & RUN)) continue
    for (const run of runs.get(word) ?? []) {
      if (!run.words.every((expected, offset) => words[at + offset] === expected)) continue
      const found = run.words.join(' ')
      if (run.kind === 'stake') {
        // The stake word before the sum or after it ("deux cents euros de dépôt").
        if (
          anyIn(masks, at - 4, at, STAKE) ||
          anyIn(masks, at + run.words.length, at + run.words.length + 4, STAKE)
        )
          parts.stake ??= found
      } else parts[run.kind] ??= found
    }
  }
  const amounts = amountsIn(words)
  const mentionsYear = amounts.some(
    ({ start, end, value }) => end === start + 1 && value >= 1950 && value <= 2035,
  )
  let stakeAmount: Amount | null = null
  for (const amount of amounts) {
    const { start, end, value } = amount
    if (
      !stakeAmount &&
      value >= STAKE_MIN &&
      value <= STAKE_MAX &&
      anyIn(masks, start - 4, end + 3, STAKE) &&
      !anyIn(masks, end, end + 3, MONTH)
    ) {
      stakeAmount = amount
      parts.stake ??= words.slice(start, end).join(' ')
      continue
    }
    const written = words.slice(start, end).join(' ')
    if (value >= 100) {
      for (let at = end + 1; at <= end + 3 && at < words.length; at++)
        if ((masks[at] as number) & DAY_OR_WEEK && (masks[at - 1] as number) & PER)
          parts.gain ??= words.slice(start, at + 1).join(' ')
    }
    if (value >= 500 && anyIn(masks, start - 4, end + 3, WITHDRAWN)) parts.gain ??= written
    if (value >= 1000) {
      for (let at = Math.max(0, start - 6); at < Math.min(words.length, end + 6); at++)
        if ((masks[at] as number) & SPAN_START && anyIn(masks, at + 1, at + 4, SPAN_UNIT))
          parts.gain ??= written
    }
    if (stakeAmount && !mentionsYear && value >= stakeAmount.value * 4 && start - stakeAmount.end <= 25)
      parts.gain ??= written
  }
  for (let at = 0; at < words.length; at++)
    if ((masks[at] as number) & MINIMUM && anyIn(masks, at - 3, at, STAKE | WITH)) parts.stake ??= words[at]
  if (ARROW.test(text)) parts.gain ??= '→'
  const percent = PERCENT_GAIN.exec(text)
  if (percent) parts.gain ??= percent[0]
  // "12k": how the testimonials write their sums, and no year, price or count of anything else is written so.
  const inThousands = amounts.find((amount) => THOUSANDS.test(words[amount.start] as string))
  const bigAmount = amounts.find(
    (amount) =>
      amount.value >= 1000 &&
      !(amount.end === amount.start + 1 && amount.value >= 1950 && amount.value <= 2035),
  )
  const money = parts.stake !== undefined || parts.gain !== undefined
  // A stake and a gain together need no "I" ("Mise de départ : 250 €. Résultat après 30 jours : 8 200 €"), unless
  // they are a he's or a she's; "my" is the writer's only when nobody else's story is told.
  const mine = firstPerson || (possessive && !thirdPerson)
  const testimonial =
    (parts.stake !== undefined && parts.gain !== undefined && (mine || !thirdPerson)) ||
    (mine &&
      ((money && (parts.pointer ?? parts.search ?? parts.trader ?? parts.platform) !== undefined) ||
        (parts.pointer !== undefined && (parts.trader !== undefined || inThousands)) ||
        (parts.search !== undefined && parts.trader !== undefined && bigAmount)))
  if (!testimonial || warns(words)) return null
  const sum = parts.stake || parts.gain ? undefined : (inThousands ?? bigAmount)
  return sum ? { ...parts, sum: words.slice(sum.start, sum.end).join(' ') } : parts
}

const quote = (words: string) => `“${words}”`

function detailOf(parts: Parts): string {
  const said = [
    parts.stake && `a stake (${quote(parts.stake)})`,
    parts.gain && `a gain (${quote(parts.gain)})`,
    parts.sum && `a sum (${quote(parts.sum)})`,
    parts.pointer && `a pointer to the writer (${quote(parts.pointer)})`,
    parts.search && `a search to make (${quote(parts.search)})`,
    parts.trader && `what trades (${quote(parts.trader)})`,
    !parts.trader && parts.platform && `a platform (${quote(parts.platform)})`,
  ].filter(Boolean)
  return `Reads like a trading platform's testimonial, in the first person: ${said.join(', ')}.`
}

export const tradingTestimonial: Rule = {
  id: 'trading-testimonial',
  weight: defaultWeights['trading-testimonial'],
  summary:
    "A first-person testimonial of a trading platform: a stake and a gain, or either with a pointer to the writer's profile, a search or a trading robot; never with a word of warning or loss.",
  evaluate({ text }: RuleContext): Finding | null {
    const prose = proseOf(text)
    const read = wordsOf(prose)
    const parts = read && partsOf(read, prose.text)
    return parts ? { detail: detailOf(parts) } : null
  },
}
