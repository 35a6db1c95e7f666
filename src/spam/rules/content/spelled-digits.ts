import { type Lexicon, mayContain, wordFilter } from '../../lexicon.js'
import {
  DIGIT_CHARACTERS,
  DIGIT_WORDS,
  REPEATS,
  TENS_JOINERS,
  TENS_WORDS,
  TWO_DIGIT_WORDS,
} from './spelled-digits.data.js'

/**
 * Phone numbers written out in words, digit by digit or in pairs ("zero seven nine one two...", "zéro six, douze,
 * trente-quatre", "ноль девять шесть...", "공일공 일이삼사 오육칠팔"), as spam writes them past filters that look for
 * digits: read as the digits they spell, so that phone-numbers.ts judges them as any number. At least three digits
 * spelled in a run of nine digits or more: readers count in words ("cinq, quatre, trois, deux, un"), spell a
 * helpline's four digits, or list a few, but do not spell nine digits in a row. Not read: hundreds ("девятьсот
 * шестнадцать"), numbers glued into one word (Italian "trentaquattro", German "sechsundfünfzig"), katakana digits.
 */

type Word =
  | { kind: 'digits'; value: string }
  | { kind: 'tens'; value: number }
  | { kind: 'joiner' }
  | { kind: 'repeat'; times: number }

const words = new Map<string, Word>()
const listed = (list: string) => list.split(' ')
for (const [digit, list] of Object.entries(DIGIT_WORDS))
  for (const word of listed(list)) words.set(word, { kind: 'digits', value: digit })
for (const [number, list] of Object.entries(TWO_DIGIT_WORDS))
  for (const word of listed(list)) words.set(word, { kind: 'digits', value: number })
for (const [digit, list] of Object.entries(TENS_WORDS))
  for (const word of listed(list)) words.set(word, { kind: 'tens', value: Number(digit) * 10 })
for (const word of listed(TENS_JOINERS)) words.set(word, { kind: 'joiner' })
for (const [word, times] of Object.entries(REPEATS)) words.set(word, { kind: 'repeat', times })

const KOREAN_PARTICLE = /(?:으로|로|번|에|까지)$/
const HAN_DIGITS = '零〇一二三四五六七八九幺'
const MIN_DIGITS = 9
const MAX_DIGITS = 15
const MIN_SPELLED = 3
const MAX_RUNS = 20
const MAX_RUN_LENGTH = 400

// Number words are letters and an apostrophe: nothing to escape in a pattern. Longest first, so that a word is
// not read as its beginning.
const WORD_ALTERNATIVES = [...words.keys()].sort((a, b) => b.length - a.length).join('|')
const HANGUL_DIGITS = Object.keys(DIGIT_CHARACTERS)
  .filter((char) => char >= '가' && char <= '힣')
  .join('')
// A token: a number word, a run of the Korean or Chinese digit characters, or a group of digits (the first may open
// with a +); tokens separated by one to three spaces, commas (Arabic's and Chinese's too), dots, dashes, slashes or
// brackets ("+1 (eight one three) five five five"). Each token is a whole word (Chinese is not spaced: its
// characters need no edge). Only read when a text has enough number words (below), and linear: the alternatives
// are whole words, and a separator is never part of a token.
const TOKEN = `(?:(?<![\\p{L}\\p{M}\\p{N}])(?:${WORD_ALTERNATIVES}|[${HANGUL_DIGITS}]{2,}(?:으로|로|번|에|까지)?|\\+?\\d{1,4})(?![\\p{L}\\p{M}\\p{N}])|[${HAN_DIGITS}]+)`
const RUN = new RegExp(`${TOKEN}(?:[\\s,.\\-–/()،、，]{1,3}${TOKEN})+|[${HAN_DIGITS}]{${MIN_DIGITS},}`, 'gu')
const HAN_RUN = new RegExp(`[${HAN_DIGITS}]{${MIN_DIGITS}}`, 'u')
const HAN_START = new RegExp(`^[${HAN_DIGITS}]+`, 'u')
const HAN_END = new RegExp(`[${HAN_DIGITS}]+$`, 'u')
const TOKEN_ALONE = new RegExp(TOKEN, 'gu')
const HARD_BOUNDARY = /[,./()،、，]/
const ASCII_DIGITS = /^\+?\d+$/

/** A token as a number word, a group of digits, or the digits of Korean or Chinese characters; null for none. */
function wordOf(token: string): (Word & { spelled: boolean }) | null {
  if (ASCII_DIGITS.test(token)) return { kind: 'digits', value: token, spelled: false }
  const word = words.get(token)
  if (word) return { ...word, spelled: true }
  let digits = ''
  for (const char of token.replace(KOREAN_PARTICLE, '')) {
    const digit = DIGIT_CHARACTERS[char]
    if (!digit) return null
    digits += digit
  }
  return { kind: 'digits', value: digits, spelled: true }
}

/** A token of a run: as written, as a word, whether a hard boundary comes before it, and the separator before it. */
type Token = readonly [text: string, word: unknown, hard: boolean, separator: string]

const digitsOf = (word: (Word & { spelled: boolean }) | null | undefined) =>
  word?.kind === 'digits' ? word.value : null

/**
 * The number spelled by a run of tokens, as groups of digits separated by spaces (so that phone-numbers.ts judges
 * its groups as written: years, dates, counts), when it spells a phone number's worth with enough words. Tens take
 * the unit after them ("trente-quatre", "treinta y cuatro", "тридцать четыре": 34), or the number of 10 to 19 after
 * them in French ("soixante-douze", "quatre-vingt-dix-neuf"); French 80 is "quatre-vingt(s)", 17 to 19 "dix-sept".
 */
function asDigits(run: string): string | null {
  // A phone number's worth of words is short: a longer run is a list, read no further.
  if (run.length > MAX_RUN_LENGTH) return null
  // Each token with whether a hard boundary (a comma, a dot, a slash, a bracket) comes before it: a unit only joins
  // its tens across a space or a hyphen ("vingt, quatre-vingts" is 20 then 80, not 24 then 20).
  let end = 0
  const tokens = [...run.matchAll(TOKEN_ALONE)].map((match) => {
    const start = match.index ?? 0
    const separator = run.slice(end, start)
    end = start + match[0].length
    return [match[0], wordOf(match[0]), HARD_BOUNDARY.test(separator), separator] as const
  })
  const joins = (at: number) => tokens[at]?.[2] === false
  const groups: string[] = []
  const counted: number[] = []
  let digits = 0
  let spelled = 0
  let repeat = 1
  let lastSingle = false
  for (let at = 0; at < tokens.length; at++) {
    const [token, word] = tokens[at] as (typeof tokens)[number]
    if (!word || word.kind === 'joiner') return null
    if (word.kind === 'repeat') {
      repeat = word.times
      continue
    }
    let value: string
    const next = tokens[at + 1]?.[1]
    if (
      word.kind === 'tens' ||
      (token === 'quatre' && next?.kind === 'tens' && next.value === 20 && joins(at + 1))
    ) {
      let tens = word.kind === 'tens' ? word.value : 80
      if (word.kind !== 'tens') at++
      // The unit or the teen after the tens, maybe after "et", "y" or "e", with nothing but spaces or hyphens between.
      const joined = tokens[at + 1]?.[1]?.kind === 'joiner' ? 2 : 1
      const after = joins(at + 1) && joins(at + joined) ? digitsOf(tokens[at + joined]?.[1]) : null
      const teen = after === '10' && joins(at + joined + 1) ? digitsOf(tokens[at + joined + 1]?.[1]) : null
      const frenchTeen = (tens === 60 || tens === 80) && after !== null && after.length === 2 && after < '20'
      const teenUnit = teen !== null && teen.length === 1 && teen >= '7'
      if (after !== null && after.length === 1 && after !== '0') {
        tens += Number(after)
        at += joined
      } else if (frenchTeen) {
        tens += teenUnit ? 10 + Number(teen) : Number(after)
        at += joined + (teenUnit ? 1 : 0)
      } else if (joined === 2) return null
      value = String(tens)
    } else if (
      token === 'dix' &&
      joins(at + 1) &&
      digitsOf(next)?.length === 1 &&
      (digitsOf(next) ?? '0') >= '7'
    ) {
      value = `1${digitsOf(next)}`
      at++
    } else value = word.value
    if (value.startsWith('+') && groups.length > 0) return null
    if (word.spelled) spelled += value.length * repeat
    digits += value.replace('+', '').length * repeat
    // Digits said one by one make one group until a comma or the like ("zero seven nine one" is 0791).
    const single = word.kind === 'digits' && word.value.length === 1 && value.length === 1
    if (single && lastSingle && joins(at)) groups[groups.length - 1] += value.repeat(repeat)
    else groups.push(value.repeat(repeat))
    if (single) for (let k = 0; k < repeat; k++) counted.push(Number(value))
    else counted.push(Number(value.replace('+', '')))
    lastSingle = single
    repeat = 1
  }
  if (spelled < MIN_SPELLED || digits < MIN_DIGITS || digits > MAX_DIGITS) return null
  if (!startsLikeAKoreanNumber(tokens)) return null
  return isCounting(counted) || isScores(tokens) || isDraw(groups) ? null : groups.join('-')
}

const HANGUL_SYLLABLE = /[가-힣]/
/**
 * A Korean number opens with 0 (공, 영, or the digit): Korean words made of digit syllables are common (이사, 일이,
 * 사이에, 오일) and so are dates said so (사일구, 오일팔, 육이오), but they do not open a phone number.
 */
function startsLikeAKoreanNumber(tokens: readonly Token[]): boolean {
  if (!tokens.some(([token]) => HANGUL_SYLLABLE.test(token))) return true
  const first = tokens[0]?.[0] ?? ''
  return first.startsWith('공') || first.startsWith('영') || first.startsWith('0') || first.startsWith('+')
}

/**
 * Numbers drawn, as a lottery's are given: four or more, each above the one before, none opening with 0 ("seven,
 * eleven, nineteen, fifty-three, sixty-eight"). A number said in pairs opens with 0 ("zéro six, douze...").
 */
function isDraw(groups: readonly string[]): boolean {
  if (groups.length < 4 || groups.some((group) => group.startsWith('0') || group.startsWith('+')))
    return false
  for (let at = 1; at < groups.length; at++) if (Number(groups[at]) <= Number(groups[at - 1])) return false
  return true
}

/** Numbers each one more or one less than the one before ("zéro, un, deux... neuf", "dix, neuf... zéro"): counting. */
function isCounting(values: readonly number[]): boolean {
  const step = (values[1] ?? 0) - (values[0] ?? 0)
  if (step !== 1 && step !== -1) return false
  for (let at = 2; at < values.length; at++)
    if ((values[at] ?? 0) - (values[at - 1] ?? 0) !== step) return false
  return true
}

/**
 * Pairs of digit words joined by a hyphen, one pair after another ("zéro-zéro, un-un, deux-deux"): scores. Each token
 * after the first says whether a hard boundary comes before it; a pair's second word is joined by a hyphen.
 */
function isScores(all: readonly Token[]): boolean {
  // A word after the last score, past a full stop, starts the next sentence ("six-deux. Cinq sets").
  const tokens = all.length % 2 === 1 && all[all.length - 1]?.[2] ? all.slice(0, -1) : all
  if (tokens.length < 4 || tokens.length % 2 === 1) return false
  for (let at = 0; at < tokens.length; at += 2) {
    const second = tokens[at + 1]
    if (!second?.[3].includes('-') || second[2]) return false
    if (at > 0 && !tokens[at]?.[2]) return false
  }
  return true
}

/** A word as the reading of a run sees it: the digits it spells, the digits it has, whether it can be in a run. */
type Part = { spelled: number; digits: number; inRun: boolean }
const NOT_IN_A_RUN: Part = { spelled: 0, digits: 0, inRun: false }
const NUMBER_WORDS = wordFilter(words.keys())
const ALL_ASCII_DIGITS = /^\d+$/
const isCjk = (code: number) => (code >= 0x3400 && code <= 0x9fff) || (code >= 0xac00 && code <= 0xd7a3)

// Chinese, Japanese or Korean digits anywhere: most texts have none, and their words need no look for them.
const MAY_HAVE_CJK_DIGITS = /[\u3007\u3400-\u9fff\uac00-\ud7a3]/

function partOf(word: string, cjk: boolean): Part {
  const first = word.charCodeAt(0)
  if (first >= 0x30 && first <= 0x39)
    return ALL_ASCII_DIGITS.test(word) ? { spelled: 0, digits: word.length, inRun: true } : NOT_IN_A_RUN
  const known = mayContain(NUMBER_WORDS, word) ? words.get(word) : undefined
  if (known) {
    const spelled = known.kind === 'digits' ? known.value.length : known.kind === 'tens' ? 2 : 0
    return { spelled, digits: spelled, inRun: true }
  }
  if (!cjk) return NOT_IN_A_RUN
  // A Chinese or Japanese sentence is one word (whatever its first character): a run of its digit characters
  // anywhere in it makes a run on its own, and digit characters at its end or start may open or close one.
  if (HAN_RUN.test(word)) return { spelled: MIN_DIGITS, digits: MIN_DIGITS, inRun: true }
  const edge = Math.max(HAN_START.exec(word)?.[0].length ?? 0, HAN_END.exec(word)?.[0].length ?? 0)
  if (edge > 0 && edge < word.length) return { spelled: edge, digits: edge, inRun: true }
  if (!isCjk(first) && !HAN_DIGITS.includes(word.charAt(0))) return NOT_IN_A_RUN
  const characters = word.replace(KOREAN_PARTICLE, '')
  if (characters.length < 2) return NOT_IN_A_RUN
  for (const char of characters) if (!DIGIT_CHARACTERS[char]) return NOT_IN_A_RUN
  return { spelled: characters.length, digits: characters.length, inRun: true }
}

/**
 * Whether the words, in order, have a stretch of number words and digit groups that could spell a phone number: at
 * least three digits spelled, and about as many digits as a number has (counted generously: "trente-quatre" counts
 * four). One look at each distinct word, one pass over the words; most texts have no such stretch, and the pattern
 * that reads runs is not run on them (French has "un", "une", "deux" in nearly every text).
 */
function mayHaveRun(lexicon: Lexicon, ids: readonly number[], text: string): boolean {
  const cjk = MAY_HAVE_CJK_DIGITS.test(text)
  const parts = new Array<Part | undefined>(lexicon.distinct.length)
  let spelled = 0
  let digits = 0
  for (const id of ids) {
    let part = parts[id]
    if (part === undefined) {
      part = partOf(lexicon.distinct[id] as string, cjk)
      parts[id] = part
    }
    if (!part.inRun) {
      spelled = 0
      digits = 0
      continue
    }
    spelled += part.spelled
    digits += part.digits
    if (spelled >= MIN_SPELLED && digits >= MIN_DIGITS - 1) return true
  }
  return false
}

/**
 * `text` with each phone number written out in words replaced by its digits, and those numbers; the text itself
 * (no copy) when it has none. `words` and `ids` (the text's lexicon and its words in order) spare most texts the
 * reading (see mayHaveRun).
 */
export function withSpelledDigits(
  text: string,
  lexicon: Lexicon,
  ids: readonly number[],
): { text: string; spelled: ReadonlySet<string> } {
  const none = { text, spelled: new Set<string>() }
  if (!mayHaveRun(lexicon, ids, text)) return none
  const spelled = new Set<string>()
  let read = 0
  const rewritten = text.replace(RUN, (run) => {
    // A comment gives a number or two: past MAX_RUNS runs, the rest are left as written (a text of thousands of
    // runs is read in linear time, but each run read costs a few microseconds).
    if (++read > MAX_RUNS) return run
    const digits = asDigits(run)
    if (digits === null) return run
    spelled.add(digits)
    return digits
  })
  return spelled.size === 0 ? none : { text: rewritten, spelled }
}
