import type { Lexicon } from '../../lexicon.js'

/**
 * Phone numbers written out digit by digit in words ("zero seven nine one two three four five six seven", "ноль
 * девять шесть...", "공일공 일이삼사 오육칠팔"), as spam writes them past filters that look for digits: read as the
 * digits they spell, so that phone-numbers.ts judges them as any number. Only digit words count (a number read in
 * pairs, "douze trente-quatre", is not read), with at least three of them in a run of nine digits or more: readers
 * count in words ("cinq, quatre, trois, deux, un"), spell a helpline's four digits, or list a few, but do not
 * spell nine digits in a row.
 */

const DIGIT_WORDS: Record<string, readonly string[]> = {
  // English, French, Spanish, Portuguese, Italian, German, Dutch, Polish, Turkish, Indonesian, Russian,
  // Ukrainian, Arabic, Hindi. Each word once: "nove" is Italian and Portuguese 9, "zero" many languages' 0.
  // Hindi also as it is typed in Latin letters ("nau aath saat"), Arabic's zero also as the English word (زيرو).
  '0': [
    'zero',
    'zéro',
    'cero',
    'null',
    'nul',
    'nol',
    'sıfır',
    'sifir',
    'ноль',
    'нуль',
    'صفر',
    'زيرو',
    'शून्य',
    'shunya',
  ],
  '1': [
    'one',
    'un',
    'une',
    'uno',
    'um',
    'eins',
    'een',
    'jeden',
    'bir',
    'satu',
    'один',
    'одна',
    'واحد',
    'एक',
    'ek',
  ],
  '2': [
    'two',
    'deux',
    'dos',
    'dois',
    'due',
    'zwei',
    'twee',
    'dwa',
    'iki',
    'dua',
    'два',
    'дві',
    'اثنان',
    'دو',
    'दो',
    'do',
  ],
  '3': [
    'three',
    'trois',
    'tres',
    'três',
    'tre',
    'drei',
    'drie',
    'trzy',
    'üç',
    'tiga',
    'три',
    'ثلاثة',
    'तीन',
    'teen',
  ],
  '4': [
    'four',
    'quatre',
    'cuatro',
    'quatro',
    'quattro',
    'vier',
    'cztery',
    'dört',
    'empat',
    'четыре',
    'чотири',
    'أربعة',
    'चार',
    'char',
    'chaar',
  ],
  '5': [
    'five',
    'cinq',
    'cinco',
    'cinque',
    'fünf',
    'vijf',
    'pięć',
    'beş',
    'lima',
    'пять',
    "п'ять",
    'خمسة',
    'पांच',
    'पाँच',
    'paanch',
    'panch',
  ],
  '6': [
    'six',
    'seis',
    'sei',
    'sechs',
    'zes',
    'sześć',
    'altı',
    'enam',
    'шесть',
    'шість',
    'ستة',
    'छह',
    'छः',
    'chhe',
    'chhah',
  ],
  '7': [
    'seven',
    'sept',
    'siete',
    'sete',
    'sette',
    'sieben',
    'zeven',
    'siedem',
    'yedi',
    'tujuh',
    'семь',
    'сім',
    'سبعة',
    'सात',
    'saat',
  ],
  '8': [
    'eight',
    'huit',
    'ocho',
    'oito',
    'otto',
    'acht',
    'osiem',
    'sekiz',
    'delapan',
    'восемь',
    'вісім',
    'ثمانية',
    'आठ',
    'aath',
  ],
  '9': [
    'nine',
    'neuf',
    'nueve',
    'nove',
    'neun',
    'negen',
    'dziewięć',
    'dokuz',
    'sembilan',
    'девять',
    "дев'ять",
    'تسعة',
    'नौ',
    'nau',
  ],
}
// "nine double one", "triple zéro": the next digit two or three times.
const REPEATS: Record<string, number> = { double: 2, triple: 3, doppio: 2, doble: 2, triplo: 3 }
// Sino-Korean and Chinese (also Japanese) digits, one character each, written glued ("공일공", "一三八"); a Korean
// particle may follow the last ("오육칠팔로").
const DIGIT_CHARACTERS: Record<string, string> = {
  공: '0',
  영: '0',
  일: '1',
  이: '2',
  삼: '3',
  사: '4',
  오: '5',
  육: '6',
  륙: '6',
  칠: '7',
  팔: '8',
  구: '9',
  零: '0',
  〇: '0',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
  // 幺 is how a 1 is said in a phone number in Chinese, not to be heard as 7.
  幺: '1',
}

const digitOfWord = new Map<string, string>()
for (const [digit, words] of Object.entries(DIGIT_WORDS))
  for (const word of words) digitOfWord.set(word, digit)
const KOREAN_PARTICLE = /(?:으로|로|번|에|까지)$/
const HAN_DIGITS = '零〇一二三四五六七八九幺'

const MIN_DIGITS = 9
const MAX_DIGITS = 15
const MIN_SPELLED = 3
/** Digits the distinct digit words of a text must spell before it is read for runs. */
const MIN_DISTINCT = 3

// Digit words are letters and an apostrophe: nothing to escape in a pattern.
const WORD_ALTERNATIVES = [...digitOfWord.keys(), ...Object.keys(REPEATS)]
  .sort((a, b) => b.length - a.length)
  .join('|')
const CHARACTERS = Object.keys(DIGIT_CHARACTERS).join('')
// A token: a digit word, a run of the Korean or Chinese digit characters, or a group of digits (the first may open
// with a +); tokens separated by one to three spaces, commas (Arabic's and Chinese's too), dots, dashes, slashes or
// brackets ("+1 (eight one three) five five five"). Each token is a whole word (Chinese is not spaced: its
// characters need no edge). Only read when a text has enough digit words (below), and linear: the alternatives
// are whole words, and a separator is never part of a token.
const TOKEN = `(?:(?<![\\p{L}\\p{M}\\p{N}])(?:${WORD_ALTERNATIVES}|[${CHARACTERS}]+(?:으로|로|번|에|까지)?|\\+?\\d{1,4})(?![\\p{L}\\p{M}\\p{N}])|[${HAN_DIGITS}]+)`
const RUN = new RegExp(`${TOKEN}(?:[\\s,.\\-–/()،、，]{1,3}${TOKEN})+|[${HAN_DIGITS}]{${MIN_DIGITS},}`, 'gu')
const HAN_RUN = new RegExp(`[${HAN_DIGITS}]{${MIN_DIGITS}}`, 'u')
const TOKEN_ALONE = new RegExp(TOKEN, 'gu')
const ASCII_DIGITS = /^\+?\d+$/

/** The digits a token spells, or null when it spells none. */
function digitsOf(token: string): string | null {
  if (ASCII_DIGITS.test(token)) return token
  const word = digitOfWord.get(token)
  if (word) return word
  let digits = ''
  for (const char of token.replace(KOREAN_PARTICLE, '')) {
    const digit = DIGIT_CHARACTERS[char]
    if (!digit) return null
    digits += digit
  }
  return digits
}

/** How many digits a word spells: a digit word one, a word of the Korean or Chinese digit characters as many. */
function digitsSpelled(word: string): number {
  if (digitOfWord.has(word)) return 1
  const characters = word.replace(KOREAN_PARTICLE, '')
  if (characters.length < 2) return 0
  for (const char of characters) if (!DIGIT_CHARACTERS[char]) return 0
  return characters.length
}

/** A run of tokens as the digits they spell, when it spells a phone number's worth with enough words. */
function asDigits(run: string): string | null {
  let digits = ''
  let spelled = 0
  let repeat = 1
  for (const [token] of run.matchAll(TOKEN_ALONE)) {
    const times = REPEATS[token]
    if (times) {
      repeat = times
      continue
    }
    const spelt = digitsOf(token)
    // A + opens the number, or it is no phone number's.
    if (spelt === null || (digits !== '' && spelt.startsWith('+'))) return null
    if (!ASCII_DIGITS.test(token)) spelled += spelt.length * repeat
    digits += spelt.repeat(repeat)
    repeat = 1
  }
  return spelled >= MIN_SPELLED && digits.length >= MIN_DIGITS && digits.length <= MAX_DIGITS ? digits : null
}

/**
 * `text` with each phone number written out in words replaced by its digits, and those numbers; the text itself
 * (no copy) when it has none. `lexicon` (the text's distinct words) spares most texts the reading: distinct digit
 * words spelling fewer than three digits spell no number.
 */
export function withSpelledDigits(
  text: string,
  lexicon: Lexicon,
): { text: string; spelled: ReadonlySet<string> } {
  let distinct = 0
  for (const word of lexicon.distinct) {
    distinct += digitsSpelled(word)
    if (distinct >= MIN_DISTINCT) break
  }
  const none = { text, spelled: new Set<string>() }
  if (distinct < MIN_DISTINCT && !HAN_RUN.test(text)) return none
  const spelled = new Set<string>()
  const rewritten = text.replace(RUN, (run) => {
    const digits = asDigits(run)
    if (digits === null) return run
    spelled.add(digits)
    return ` ${digits} `
  })
  return spelled.size === 0 ? none : { text: rewritten, spelled }
}
