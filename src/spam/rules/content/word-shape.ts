import { codeAt } from '../../chars.js'
import { wordsOf } from '../../words.js'
import type { Rule } from '../types.js'
import { defaultWeights } from '../weights.js'
import { fold } from './phrases.js'
import { excerpt, letterCounts, type Prose, proseOf } from './text.js'

/**
 * The shape of a text's words (heuristics catalogue E7, E8; the other shape rules are in shape.ts): a word or a
 * group of words over and over, words no one can pronounce. Words are read in the prose (links and addresses set
 * aside), by their number in the lexicon where only their identity matters.
 */

// ---------------------------------------------------------------------------------------------------------------
// E7: repeated words. SmokeDetector: the same word (of letters, longer than one) six times in a row, covering at
// least 20 % of the text. Spam repeats whole slogans too ("Follow me watch my videos :)" seven times): a group of
// two to eight words counts when it comes four times in a row.

const MAX_GROUP = 8
const MIN_WORD_TIMES = 6
const MIN_GROUP_TIMES = 4
const MIN_WORDS_SHARE = 0.2
// A slogan of a few words said a few times, each time ended by its "!" (or a stop, a comma), and nothing else but a
// short lead-in, is a protest's chant ("Jin jiyan azadî!", "Ruto must go!", "Pumpaj!", "HAITI PA POU VANN!", a
// fairness review of 2026-12-07), not padding ("buy buy buy buy buy buy", "plz plz plz plz plz plz").
const MAX_CHANT_TIMES = 8
const MIN_CHANT_SHARE = 0.6
const CHANT_STOP = /[!¡.,;،؛。！，]/g
const ALPHABETIC = /^\p{L}{2,}$/u

/** Words are compared by their number in the lexicon (`ids`): integers, where comparing strings cost a call each. */
function repeatedGroup(
  words: readonly string[],
  ids: readonly number[],
  text: string,
  /** Whether a chant may be excused: not in a comment with a link ("Slot gacor!" six times, then the site). */
  chanting: boolean,
): { group: string; times: number } | null {
  const textLength = text.length
  let stops: number | undefined
  const count = ids.length
  for (let size = 1; size <= MAX_GROUP; size++) {
    let run = 0
    // A group said `times` times in a row is followed by `(times - 1) * size` words equal to the word `size` before.
    const minRun = ((size === 1 ? MIN_WORD_TIMES : MIN_GROUP_TIMES) - 1) * size
    for (let at = size; at <= count; at++) {
      if (at < count && ids[at] === ids[at - size]) {
        run++
        continue
      }
      // Nearly every word ends a run too short to count: nothing to work out for it.
      if (run < minRun) {
        run = 0
        continue
      }
      const times = 1 + Math.floor(run / size)
      const first = at - run - size
      run = 0
      const group = words.slice(first, first + size)
      if (!group.some((word) => ALPHABETIC.test(word))) continue
      const length = group.join(' ').length
      const share = (times * length) / textLength
      if (chanting && times <= MAX_CHANT_TIMES && share >= MIN_CHANT_SHARE) {
        stops ??= text.match(CHANT_STOP)?.length ?? 0
        if (stops >= times - 1) continue
      }
      if (share >= MIN_WORDS_SHARE) return { group: group.join(' '), times }
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
    const found = repeatedGroup(
      prose.skeletonWords,
      prose.skeletonIds,
      prose.text.trim(),
      text.links.length === 0,
    )
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
/** The ASCII consonants (`[b-df-hj-np-tv-xz]`), in either case: no other character folds to an ASCII letter. */
const CONSONANT = new Uint8Array(128)
for (const letter of 'bcdfghjklmnpqrstvwxz') {
  CONSONANT[letter.charCodeAt(0)] = 1
  CONSONANT[letter.toUpperCase().charCodeAt(0)] = 1
}
/** Whether `word` is ASCII consonants and nothing else, read without running a pattern per word. */
function onlyConsonants(word: string): boolean {
  const length = word.length
  for (let at = 0; at < length; at++) {
    const code = codeAt(word, at)
    if (code >= 128 || CONSONANT[code] !== 1) return false
  }
  return true
}
const LATIN_WORD = /^\p{Script=Latin}{3,}$/u

/**
 * Words of four consonants or more that readers write: texting (French "ptdr" for pété de rire, "tjrs" toujours,
 * "vrmt" vraiment, "xptdr"; English "tldr", "thnx", "smth", "nvmd"), German abbreviations (bspw, bzgl), and words
 * whose vowel is a syllabic r (Czech, Slovak, Croatian, Serbian: prst, skrz, smrt, krst, Trst). Without them, a
 * few lines of texting or a line of Czech read as a text typed at random.
 */
const WRITTEN_WITHOUT_VOWELS = new Set(
  ['ptdr', 'xptdr', 'xpdr', 'tjrs', 'vrmt', 'tldr', 'thnx', 'thks', 'smth', 'nvmd', 'bspw', 'bzgl'].concat([
    'prst',
    'skrz',
    'smrt',
    'krst',
    'trst',
    'zmrzl',
  ]),
)

/**
 * A word of ASCII consonants only, with three different letters or more, once a letter said again and again is
 * said once: French texting ("mdrrrr", "ptdrrr": mort de rire) drags its last letter; mashing does not.
 */
function mashed(word: string): boolean {
  // Saying a letter once keeps the word's letters: most words, which have a vowel, are settled before the pattern.
  if (!onlyConsonants(word)) return false
  const said = word.replace(SAME_LETTER_RUN, '$1')
  if (said.length < 4 || said === said.toUpperCase()) return false
  const lower = said.toLowerCase()
  return !WRITTEN_WITHOUT_VOWELS.has(lower) && new Set(lower).size >= 3
}

/**
 * Whether at least MIN_MASHED_WORDS of the prose's words are mashed: counted without building the list, and no
 * further. Each distinct word is judged once (`judged`: 0 not yet, 1 mashed, 2 not), however often it is written.
 */
function hasMashedWords({ skeletonWords: words, skeletonIds: ids, lexicon }: Prose): boolean {
  const judged = new Array<number>(lexicon.distinct.length).fill(0)
  let count = 0
  for (let at = 0; at < ids.length; at++) {
    const id = ids[at] as number
    if (judged[id] === 0) judged[id] = mashed(words[at] as string) ? 1 : 2
    if (judged[id] === 1 && ++count >= MIN_MASHED_WORDS) return true
  }
  return false
}

/**
 * The first word of the prose, in order, of 30 Latin letters or more that cannot be pronounced, with its count of
 * Latin letters. Each distinct word is looked at once: its first occurrence is the first place it can be found.
 */
function unpronounceableWord({ skeletonWords: words, skeletonIds: ids, lexicon }: Prose) {
  const seen = new Array<boolean>(lexicon.distinct.length).fill(false)
  for (let at = 0; at < ids.length; at++) {
    const id = ids[at] as number
    if (seen[id]) continue
    seen[id] = true
    const word = words[at] as string
    if (word.length < MIN_LONG_WORD) continue
    const { latin, other } = letterCounts(word)
    if (other > 0 || latin < MIN_LONG_WORD) continue
    if (unpronounceable(word)) return { word, latin }
  }
  return null
}

export const gibberish: Rule = {
  id: 'gibberish',
  weight: defaultWeights.gibberish,
  summary:
    'Contains a word of 30 letters or more that cannot be pronounced, or is mostly keyboard mashing (Latin letters only).',
  evaluate({ text }) {
    const prose = proseOf(text)
    const long = unpronounceableWord(prose)
    if (long) {
      return {
        detail: `Contains a ${long.latin}-letter word that cannot be pronounced: ${excerpt(long.word, 30)}.`,
      }
    }
    if (!hasMashedWords(prose)) return null
    // Case matters from here on (an acronym is no mashing): the words as written (the matches of WORD, read
    // without the pattern, whose Unicode classes cost twice as much).
    const words = wordsOf(prose.text)
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
