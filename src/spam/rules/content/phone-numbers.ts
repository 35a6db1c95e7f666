import { codeAt } from '../../chars.js'

/**
 * Runs of digits read as phone numbers (contact-number's first half). Numbers are what readers write all the time
 * (years, prices, statistics, scores), so a run of digits only counts as a phone number when it is shaped like
 * one: 9 to 15 digits, and an international prefix, a leading 0, an area code in brackets or a grouping that is
 * not thousands ("7 800 000 000" is a population, "06 12 34 56 78" a phone). A letter O between digits is a zero,
 * and digits may be split by spaces, dots, dashes, brackets or crosses (✙, ➕).
 */

const MIN_DIGITS = 9
const MAX_DIGITS = 15

// O (Latin, Cyrillic, Greek) touching a digit, and l, i or | between two digits, stand for 0 and 1. One
// character for one, so positions in the result are positions in the skeleton. The character class comes first
// so that the engine only stops at those letters.
const LOOKALIKE_DIGIT = /[oоο](?<=\d[oоο])|[oоο](?=\d)|[li|](?<=\d[li|])(?=\d)/g
const MAY_HIDE_DIGITS = /\d[oоοli|]|[oоο]\d/
const digitFor = (char: string) => ('oоο'.includes(char) ? '0' : '1')

const SEPARATOR = '[\\s.\\-‐‑‒–—―()/✙✚✛✜➕_·•+]'
// Digits, then groups of digits each after one to three separators. Separators and digits never overlap, so the
// match is read once, left to right.
const NUMBER = new RegExp(`\\+?\\(?\\d+(?:${SEPARATOR}{1,3}\\d+)*`, 'g')
const NON_DIGITS = /\D+/
// Letters of alphabets written with spaces: digits glued to them make a code (AF1234567890), not a phone. In
// Chinese or Japanese nothing is spaced, and a number follows a word directly.
const SPACED_LETTER = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]/u
const CURRENCY_BEFORE = /[€$£¥₽₹₩]\s?$/u
// The Arabic percent sign too ("٣٥٫٧٪"), which NFKC leaves as it is.
const UNIT_AFTER = /^\s?(?:%|٪|‰|€|\$|£|¥|₽|₹|₩)/u
// Numbers that are references, not phones: an ISBN, an order or case number, a company or bank identifier, an
// identity card's (Malaysia's IC), a register's (Poland's KRS and NIP), a case's "nr." and "नं.", "क्रमांक" (not
// after a phone's or a messenger's name: "WhatsApp-Nr.", "Tel. Nr.", "व्हाट्सएप नं.", "मोबाइल क्रमांक" give phones).
const REFERENCE_BEFORE =
  /(?:isbn|issn|siret|siren|iban|bic|ref|réf|référence|reference|commande|order|dossier|facture|invoice|ticket|id|doi|pmid|tva|vat|n°|no\.?|#|(?<!\p{L})(?:nº|krs|nip|regon|ic|mykad)|(?<!(?:tel|phone|fon|handy|whatsapp|mobil\p{L}*|mob|viber|telegram|zalo)[\s.-]{0,2})(?<!\p{L})nr\.?|(?<!(?:फोन|फ़ोन|मोबाइल|व्हाट्सएप|व्हाट्सऐप|संपर्क)\s?)(?:क्रमांक|नं\.?))\s{0,2}[:=]?\s{0,2}$/u
// Up to 32: the months of Nepal's Bikram Sambat calendar have 29 to 32 days ("२०८१/३/३२").
const DAY = '(?:0?[1-9]|[12]\\d|3[0-2])'
const MONTH = '(?:0?[1-9]|1[0-2])'
// A Taiwanese year of the Republic (Minguo, CE − 1911), as official notices and the press date things ("113/1/13"
// is 13 January 2024): 100 to 119, 2011 to 2030. Only with slashes or dots, and not right after a number: a Russian
// line is written 3-2-2 ("8-800-100-07-17", "+7 (495) 110.12.25"), a Swiss one may be dotted ("044 110.12.12"), a
// Taiwanese mobile dashed ("0912-110.12.25"). A range's second date follows the first.
const MINGUO_ONE = `1[01]\\d(?<minguoSeparator>[./])${MONTH}\\k<minguoSeparator>${DAY}`
const MINGUO_DATE = `(?<![\\d)][\\s./\\-‐‑‒–—]?)${MINGUO_ONE}(?:\\s?[-‐‑‒–—~]\\s?1[01]\\d[./]${MONTH}[./]${DAY})?`

/** The years and dates a text's numbers may be: Thai readers' Buddhist-era years only in Thai text. */
type Calendar = { year: RegExp; date: RegExp }

/**
 * Solar (Persian) and lunar (Hijri) years too: "۱۳۵۷ - ۱۳۸۸ - ۱۴۰۱" are three revolts, not a phone; and in Thai
 * text, Buddhist-era years (CE + 543: 24xx, 25xx): "2490 2549 2557" are three coups. Dates inside a run, whatever
 * digits surround them: a day.month.year date ("22.06.1941", "24/02/2022", Thai "19/9/2549"), a year-first date, as
 * ISO and Chinese, Japanese, Korean and Persian readers write it ("2022.2.24-2023.2.24", a solar year
 * "1401/6/25"), a Minguo one, a year in brackets ("242 (1967) 338 (1973)"), a range of years written short
 * ("1914-18/1939-45"). Their digits are no phone's.
 */
function calendar(thai: boolean): Calendar {
  const century = thai ? '2[045]' : '20'
  const yearLast = `(?:1[89]|${century})\\d\\d`
  const yearFirst = `(?:1[3489]|${century})\\d\\d`
  return {
    year: new RegExp(`^${yearFirst}$`),
    date: new RegExp(
      `(?<!\\d)(?:${DAY}[./-]${MONTH}[./-]${yearLast}|${yearFirst}([./-])${MONTH}\\1${DAY}|${MINGUO_DATE}|\\((?:1[89]|20)\\d\\d\\)?|${yearLast}[-‐‑‒–—/]\\d\\d)(?!\\d)`,
      'gu',
    ),
  }
}
const GREGORIAN = calendar(false)
const WITH_THAI_YEARS = calendar(true)
const THAI = /\p{Script=Thai}/u
// A run followed by ":00" ends with an hour ("24/02/2022 05:00").
const TIME_AFTER = /^[:h]\d\d/
/**
 * The run without its last group of digits (an hour's, before ":00"). Cut by a loop from the end: /\d+$/ is tried
 * at every digit of a long group and reads to its end each time, so 20 000 digits then " 1:00" (one comment) took
 * ~260 ms, the time growing with the square of the group's length.
 */
const isAsciiDigit = (code: number) => code >= 0x30 && code <= 0x39
function withoutLastGroup(run: string): string {
  let end = run.length
  while (end > 0 && isAsciiDigit(codeAt(run, end - 1))) end--
  return run.slice(0, end)
}
// A round figure ("1300000000", "900 000 000"): a quantity, never a line.
const ROUND = /0{5}$/

// Persian and Urdu digits (۰ to ۹), Arabic-Indic (٠ to ٩) and Devanagari (० to ९), which NFKC leaves as they are:
// a number written in them is read as in ASCII digits, one digit for one, so positions stay those of the text.
export const EASTERN_DIGIT = /[\u0660-\u0669\u06f0-\u06f9\u0966-\u096f]/
const EASTERN_DIGITS = new RegExp(EASTERN_DIGIT.source, 'g')
const ZERO_OF = (code: number) => (code <= 0x669 ? 0x660 : code <= 0x6f9 ? 0x6f0 : 0x966)
const asciiDigit = (digit: string) => {
  const code = codeAt(digit, 0)
  return String.fromCharCode(0x30 + code - ZERO_OF(code))
}
const asciiDigits = (text: string) =>
  EASTERN_DIGIT.test(text) ? text.replace(EASTERN_DIGITS, asciiDigit) : text

type Span = { start: number; end: number; text: string }
export type Shape = 'phone' | 'weak' | null

/** Whether a run of digits reads as a phone number ('phone'), could be one if a messenger is named ('weak'), or not. */
function shapeOf(raw: string, before: string, after: string, { year, date }: Calendar): Shape {
  const cut = raw.replace(/[\s.\-‐‑‒–—―/✙✚✛✜➕_·•]+$/u, '').replace(/\(+$/, '')
  const trimmed = TIME_AFTER.test(after) ? withoutLastGroup(cut) : cut
  const groups = trimmed.split(NON_DIGITS).filter(Boolean)
  const digits = groups.join('')
  if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) return null
  if (CURRENCY_BEFORE.test(before) || UNIT_AFTER.test(after) || REFERENCE_BEFORE.test(before)) return null
  const international = trimmed.startsWith('+') || /^\(?00/.test(trimmed)
  // Glued to a word: a product code or an identifier, unless it opens with a + ("WhatsApp+1 929...").
  if (!trimmed.startsWith('+') && SPACED_LETTER.test(before.slice(-1))) return null
  if (SPACED_LETTER.test(after.slice(0, 1))) return null
  if (groups.every((group) => year.test(group))) return null
  if (digitCount(trimmed.replace(date, ' ')) < MIN_DIGITS) return null
  const separators = trimmed.replace(/^\+/, '').split(/\d+/).filter(Boolean)
  if (groups.length === 2 && (separators[0] === '.' || separators[0] === ',')) return null // a decimal number
  if (international) return 'phone'
  if (ROUND.test(digits)) return null
  if (isRangeOfQuantities(trimmed)) return null
  // Groups of three throughout could be a mobile split to pass filters ("612 / 345 / 678"): a messenger's name
  // next to it makes it one.
  if (isListOfQuantities(groups, separators))
    return groups.every((group) => group.length === 3) ? 'weak' : null
  const thousands = inThousands(groups, separators)
  // Thousands are a quantity; but three groups of three is also how Spain, Poland or Portugal write a mobile
  // ("612 345 678"), which a messenger's name next to it makes one.
  if (thousands) return groups.length === 3 && (groups[0]?.length ?? 0) === 3 ? 'weak' : null
  if (groups.length === 1) return digits.startsWith('0') ? 'phone' : 'weak'
  return 'phone'
}

/** Groups of digits written as a quantity is: one to three digits, then groups of three, one separator throughout. */
function inThousands(groups: readonly string[], separators: readonly string[]): boolean {
  return (
    groups.length >= 2 &&
    (groups[0]?.length ?? 0) <= 3 &&
    groups.slice(1).every((group) => group.length === 3) &&
    new Set(separators).size === 1 &&
    [' ', '.', "'"].includes(separators[0] ?? '')
  )
}

const RANGE_DASH = /\s?[-‐‑‒–—―]\s?/u
/**
 * Two quantities with a dash between them ("12 000–15 000 soldats", "15 000 - 20 000 человек"): a range, as news
 * comments give troops, casualties or prices. A phone split by a dash keeps a side that is no quantity
 * ("555 123-4567", "06-12-34-56-78").
 */
function isRangeOfQuantities(run: string): boolean {
  const sides = run.split(RANGE_DASH)
  if (sides.length !== 2) return false
  return sides.every((side) => {
    const groups = side.split(NON_DIGITS).filter(Boolean)
    const separators = side.split(/\d+/).filter(Boolean)
    return inThousands(groups, separators)
  })
}

const LIST_SEPARATOR = /^(?:\s?\/\s?|\s[-‐‑‒–—―]\s)$/u
/**
 * Three or more small quantities set side by side with slashes or spaced dashes ("182 / 168 / 143 sièges",
 * "311 - 201 - 165 (pour, contre, abstentions)"): seats, votes, scores. No group of a phone number written so is
 * that short throughout without one starting with 0 ("01 / 40 / 63 / 60 / 00").
 */
function isListOfQuantities(groups: readonly string[], separators: readonly string[]): boolean {
  return (
    groups.length >= 3 &&
    groups.every((group) => group.length <= 3 && !group.startsWith('0')) &&
    new Set(separators).size === 1 &&
    LIST_SEPARATOR.test(separators[0] ?? '')
  )
}

function digitCount(text: string): number {
  let count = 0
  const length = text.length
  for (let at = 0; at < length; at++) {
    const code = codeAt(text, at)
    if (code >= 0x30 && code <= 0x39) count++
  }
  return count
}

/** Phone numbers in the skeleton, each with its shape and as written (in whatever digits). */
export function numbersIn(text: string): (Span & { shape: Exclude<Shape, null> })[] {
  const ascii = asciiDigits(text)
  const digitized = MAY_HIDE_DIGITS.test(ascii) ? ascii.replace(LOOKALIKE_DIGIT, digitFor) : ascii
  const found: (Span & { shape: Exclude<Shape, null> })[] = []
  let dates: Calendar | undefined
  for (const match of digitized.matchAll(NUMBER)) {
    // Most runs of digits are short (a year, a score, a price): counted before anything else is done with them.
    if (digitCount(match[0]) < MIN_DIGITS) continue
    const start = match.index ?? 0
    const end = start + match[0].length
    dates ??= THAI.test(text) ? WITH_THAI_YEARS : GREGORIAN
    const shape = shapeOf(
      match[0],
      digitized.slice(Math.max(0, start - 24), start),
      digitized.slice(end, end + 4),
      dates,
    )
    if (shape) found.push({ start, end, text: text.slice(start, end).trim(), shape })
  }
  return found
}
