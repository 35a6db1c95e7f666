import type { Rule } from '../types.js'
import { defaultWeights } from '../weights.js'
import { fold } from './phrases.js'
import { excerpt, letterCounts, proseOf, WORD } from './text.js'

/**
 * The shape of a text rather than its words (heuristics catalogue E4 to E8): shouting, a character or a word
 * over and over, keyboard mashing, filler. Each reads the prose (links and addresses set aside) and only fires
 * where a script has the property it looks at: Korean, Chinese or Arabic have no capitals and are never
 * "shouting"; a Cyrillic or Chinese word is never "unpronounceable".
 */

const percent = (ratio: number) => `${Math.round(ratio * 100)} %`

// ---------------------------------------------------------------------------------------------------------------
// E4: all capitals. SmokeDetector: 15 letters or more and no lower-case letter.

const MIN_CAPITALS = 15
const UPPER = /[\p{Lu}\p{Lt}]/gu

/**
 * Whether `text` has a lower-case ASCII letter, which upper-casing changes: settled within the first few letters
 * of most texts, where mapping the case of the whole text reads (and copies) all of it.
 */
function hasAsciiLowerCase(text: string): boolean {
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at)
    if (code >= 0x61 && code <= 0x7a) return true
  }
  return false
}

export const allCaps: Rule = {
  id: 'all-caps',
  weight: defaultWeights['all-caps'],
  summary: 'Written entirely in capital letters (at least 15 of them, and no lower-case letter).',
  evaluate({ text }) {
    const prose = proseOf(text).text
    // A single lower-case letter anywhere (in any script that has case) and it is not shouting; no capital letter
    // at all (Korean, Chinese, Arabic, digits) and it is not either. Both are decided by whole-string case mapping,
    // far quicker than a Unicode class over the text.
    if (hasAsciiLowerCase(prose) || prose.toUpperCase() !== prose || prose.toLowerCase() === prose)
      return null
    const capitals = prose.match(UPPER)?.length ?? 0
    if (capitals < MIN_CAPITALS) return null
    return { detail: `Written entirely in capital letters: ${excerpt(prose.replace(/\s+/gu, ' '))}.` }
  },
}

// ---------------------------------------------------------------------------------------------------------------
// E6: repeated characters. SmokeDetector: runs of the same character, ignoring whitespace, digits and
// punctuation people repeat for emphasis, covering at least 20 % of the text. The catalogue's run length is 11.

const MIN_RUN = 11
const MIN_RUN_SHARE = 0.2

/** Whether some character comes 11 times in a row: most texts have none and are done with in one cheap pass. */
function hasLongRun(text: string): boolean {
  let run = 1
  // The previous code is kept rather than read again: one read of the text per character.
  let previous = text.charCodeAt(0)
  for (let at = 1; at < text.length; at++) {
    const code = text.charCodeAt(at)
    if (code === previous) {
      if (++run >= MIN_RUN) return true
    } else {
      run = 1
      previous = code
    }
  }
  return false
}
// Runs that are expression, not padding: whitespace, digits, emphatic punctuation, emoji, Korean jamo (ㅋㅋㅋ and
// ㅎㅎㅎ are laughter, ㅠㅠㅠ tears; NFKC turns them into conjoining jamo) and Chinese laughter (哈哈哈, 呵呵, 嘿嘿, 嘻嘻).
const EXPRESSIVE =
  /[\s\d_.,?!=~*/-]|\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}\uFE0F\u1100-\u11FF\u3131-\u318E哈呵嘿嘻]/u

export const repeatedCharacters: Rule = {
  id: 'repeated-characters',
  weight: defaultWeights['repeated-characters'],
  summary: 'Repeats the same character in long runs (11 or more) that make up a fifth of the text.',
  evaluate({ text }) {
    if (!hasLongRun(text.normalized)) return null
    const prose = proseOf(text).text.trim().toLowerCase()
    let total = 0
    let covered = 0
    let previous = ''
    let run = 0
    const runs: string[] = []
    const close = () => {
      if (run >= MIN_RUN && !EXPRESSIVE.test(previous)) {
        covered += run
        if (runs.length < 3) runs.push(`“${previous}” ×${run}`)
      }
    }
    for (const char of prose) {
      total++
      if (char === previous) run++
      else {
        close()
        previous = char
        run = 1
      }
    }
    close()
    if (covered === 0 || covered < MIN_RUN_SHARE * total) return null
    return {
      detail: `Repeats a character over and over (${runs.join(', ')}), ${percent(covered / total)} of the text.`,
    }
  },
}

// ---------------------------------------------------------------------------------------------------------------
// E7: repeated words. SmokeDetector: the same word (of letters, longer than one) six times in a row, covering at
// least 20 % of the text. Spam repeats whole slogans too ("Follow me watch my videos :)" seven times): a group of
// two to eight words counts when it comes four times in a row.

const MAX_GROUP = 8
const MIN_WORD_TIMES = 6
const MIN_GROUP_TIMES = 4
const MIN_WORDS_SHARE = 0.2
const ALPHABETIC = /^\p{L}{2,}$/u

function repeatedGroup(
  words: readonly string[],
  textLength: number,
): { group: string; times: number } | null {
  for (let size = 1; size <= MAX_GROUP; size++) {
    let run = 0
    for (let at = size; at <= words.length; at++) {
      if (at < words.length && words[at] === words[at - size]) {
        run++
        continue
      }
      const times = 1 + Math.floor(run / size)
      const first = at - run - size
      run = 0
      if (times < (size === 1 ? MIN_WORD_TIMES : MIN_GROUP_TIMES)) continue
      const group = words.slice(first, first + size)
      if (!group.some((word) => ALPHABETIC.test(word))) continue
      const length = group.join(' ').length
      if (times * length >= MIN_WORDS_SHARE * textLength) return { group: group.join(' '), times }
    }
  }
  return null
}

export const repeatedWords: Rule = {
  id: 'repeated-words',
  weight: defaultWeights['repeated-words'],
  summary: 'Repeats the same word (six times) or the same group of words (four times) in a row.',
  evaluate({ text }) {
    const prose = proseOf(text)
    if (prose.skeletonWords.length < MIN_WORD_TIMES) return null
    const found = repeatedGroup(prose.skeletonWords, prose.text.trim().length)
    if (!found) return null
    return { detail: `Repeats ${excerpt(found.group, 60)} ${found.times} times in a row.` }
  },
}

// ---------------------------------------------------------------------------------------------------------------
// E8: gibberish. A word of 30 letters or more (Discourse's title_max_word_length, Antispam Bee's pattern) that
// cannot be pronounced, or a text whose words are mostly keyboard mashing. Only Latin letters are judged: a long
// German, Finnish or Turkish compound has vowels all along; words of other scripts are never judged.

const MIN_LONG_WORD = 30
const MIN_DISTINCT_LETTERS = 5
// German compounds keep a fifth of their letters vowels (Rechtsschutzversicherungsgesellschaften: 26 %) and run
// up to eight consonants (Angstschweiß); random letters and mashing do neither.
const MAX_VOWEL_SHARE = 0.2
const MIN_CONSONANT_RUN = 9
const MIN_MASHED_WORDS = 4
const VOWEL = /[aeiouy]/
const ASCII_LETTERS = /[^a-z]/g

// A letter said again and again ("dislikesssss", "shufflllll") is emphasis, repeated-characters' business.
const SAME_LETTER_RUN = /(.)\1+/g

function unpronounceable(word: string): boolean {
  const letters = fold(word.toLowerCase()).replace(ASCII_LETTERS, '').replace(SAME_LETTER_RUN, '$1')
  if (letters.length < MIN_LONG_WORD || new Set(letters).size < MIN_DISTINCT_LETTERS) return false
  let vowels = 0
  let consonantRun = 0
  let longestRun = 0
  for (const letter of letters) {
    if (VOWEL.test(letter)) {
      vowels++
      consonantRun = 0
    } else longestRun = Math.max(longestRun, ++consonantRun)
  }
  return vowels < MAX_VOWEL_SHARE * letters.length || longestRun >= MIN_CONSONANT_RUN
}

// A word typed at random: four or more ASCII letters, none a vowel, three different, and not an acronym
// (SNCF). Letters with diacritics never count, so Czech "strč prst skrz krk" is not mashing.
const NO_VOWEL = /^[b-df-hj-np-tv-xz]{4,}$/i
const LATIN_WORD = /^\p{Script=Latin}{3,}$/u

function mashed(word: string): boolean {
  return NO_VOWEL.test(word) && word !== word.toUpperCase() && new Set(word.toLowerCase()).size >= 3
}

/** Whether at least MIN_MASHED_WORDS of `words` are mashed: counted without building the list, and no further. */
function hasMashedWords(words: readonly string[]): boolean {
  let count = 0
  for (const word of words) if (mashed(word) && ++count >= MIN_MASHED_WORDS) return true
  return false
}

export const gibberish: Rule = {
  id: 'gibberish',
  weight: defaultWeights.gibberish,
  summary:
    'Contains a word of 30 letters or more that cannot be pronounced, or is mostly keyboard mashing (Latin letters only).',
  evaluate({ text }) {
    const prose = proseOf(text)
    for (const word of prose.skeletonWords) {
      if (word.length < MIN_LONG_WORD) continue
      const { latin, other } = letterCounts(word)
      if (other > 0 || latin < MIN_LONG_WORD) continue
      if (unpronounceable(word)) {
        return { detail: `Contains a ${latin}-letter word that cannot be pronounced: ${excerpt(word, 30)}.` }
      }
    }
    if (!hasMashedWords(prose.skeletonWords)) return null
    // Case matters from here on (an acronym is no mashing): the words as written.
    const words = prose.text.match(WORD) ?? []
    const mashedWords = words.filter(mashed)
    if (mashedWords.length < MIN_MASHED_WORDS) return null
    const latinWords = words.filter((word) => LATIN_WORD.test(word)).length
    if (mashedWords.length * 2 < latinWords) return null
    const quoted = mashedWords
      .slice(0, 3)
      .map((word) => `“${word}”`)
      .join(', ')
    // A whole text typed at random is junk, not a reader: it weighs twice a single odd word.
    return {
      detail: `Looks like keyboard mashing: ${mashedWords.length} of its ${latinWords} words have no vowel (${quoted}).`,
      factor: 2,
    }
  },
}

// ---------------------------------------------------------------------------------------------------------------
// E5: low variety. SmokeDetector: 30 characters or more with at most 6 different ones, or 100 or more with at most
// 15. Counted in characters as a reader sees them (code points, emoji modifiers and whitespace left out), after
// runs of one character are counted once (runs are repeated-characters' business). A short unit said over and
// over (hahaha, ㅋㅋㅋ, 哈哈哈, 加油加油, 中国队加油 ×6) is laughter or a chant: a Chinese or Korean word takes two to
// four characters, so units of up to eight are let through.

const FEW = [
  { length: 30, unique: 6 },
  { length: 100, unique: 15 },
] as const
const MAX_CHANT_UNIT = 8
// Whitespace, and what only shapes an emoji: the variation selector, the joiner, skin tones.
const NOT_COUNTED = /\s|\uFE0F|\u200D|[\u{1F3FB}-\u{1F3FF}]/u

function isChant(chars: readonly string[]): boolean {
  for (let unit = 1; unit <= MAX_CHANT_UNIT && unit * 2 <= chars.length; unit++) {
    let periodic = true
    for (let at = unit; at < chars.length && periodic; at++) periodic = chars[at] === chars[at - unit]
    if (periodic) return true
  }
  return false
}

export const lowVariety: Rule = {
  id: 'low-variety',
  weight: defaultWeights['low-variety'],
  summary:
    'Long text made of very few different characters (30 with at most 6 different, or 100 with at most 15).',
  evaluate({ text }) {
    const chars: string[] = []
    const unique = new Set<string>()
    for (const char of text.visible.toLowerCase()) {
      const code = char.codePointAt(0) ?? 0
      if (code <= 0x20 || (code >= 0x80 && NOT_COUNTED.test(char)) || char === chars[chars.length - 1])
        continue
      chars.push(char)
      unique.add(char)
      // Most texts show their sixteenth different character within a sentence: nothing more to count.
      if (unique.size > FEW[1].unique) return null
    }
    if (chars.length < FEW[0].length) return null
    const few = FEW.some(({ length, unique: most }) => chars.length >= length && unique.size <= most)
    if (!few || isChant(chars)) return null
    return {
      detail: `Uses only ${unique.size} different characters in ${chars.length}: ${excerpt(text.visible.replace(/\s+/gu, ' '))}.`,
    }
  },
}

export const shapeRules: readonly Rule[] = [allCaps, repeatedCharacters, repeatedWords, gibberish, lowVariety]
