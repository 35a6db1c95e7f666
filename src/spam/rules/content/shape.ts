import { codeAt } from '../../chars.js'
import { lowerCase } from '../../normalize.js'
import type { Rule } from '../types.js'
import { defaultWeights } from '../weights.js'
import { excerpt, proseOf } from './text.js'
import { gibberish, repeatedWords } from './word-shape.js'

export { gibberish, repeatedWords } from './word-shape.js'

/**
 * The shape of a text rather than its words (heuristics catalogue E4 to E8): shouting, a character or a word
 * over and over, keyboard mashing, filler. Each reads the prose (links and addresses set aside) and only fires
 * where a script has the property it looks at: Korean, Chinese or Arabic have no capitals and are never
 * "shouting"; a Cyrillic or Chinese word is never "unpronounceable". The rules on words (E7, E8) are in
 * word-shape.ts.
 */

const percent = (ratio: number) => `${Math.round(ratio * 100)} %`

// ---------------------------------------------------------------------------------------------------------------
// E4: all capitals. SmokeDetector: 15 letters or more and no lower-case letter.

const MIN_CAPITALS = 15
const UPPER = /[\p{Lu}\p{Lt}]/gu
const LETTERS = /\p{L}/gu
// Capitals must be most of the letters: Korean, Japanese, Chinese, Arabic or Hindi citing NATO, EU, IMF and WHO
// has no lower-case letter (their scripts have no case), but it is not written in capitals.
const MIN_CAPITAL_SHARE = 2 / 3

/**
 * Whether `text` has a lower-case ASCII letter, which upper-casing changes: settled within the first few letters
 * of most texts, where mapping the case of the whole text reads (and copies) all of it.
 */
function hasAsciiLowerCase(text: string): boolean {
  const length = text.length
  for (let at = 0; at < length; at++) {
    const code = codeAt(text, at)
    if (code >= 0x61 && code <= 0x7a) return true
  }
  return false
}

export const allCaps: Rule = {
  id: 'all-caps',
  weight: defaultWeights['all-caps'],
  summary:
    'Written entirely in capital letters (at least 15 of them, no lower-case letter, and most of its letters).',
  // Readers shout too ("SLAVA UKRAINI !" four times, "НЕТ ВОЙНЕ !"): capitals add weight to other evidence, and
  // never by themselves move a comment into a stricter band.
  confirmsOnly: true,
  evaluate({ text }) {
    const prose = proseOf(text).text
    // A single lower-case letter anywhere (in any script that has case) and it is not shouting; no capital letter
    // at all (Korean, Chinese, Arabic, digits) and it is not either. Both are decided by whole-string case mapping,
    // far quicker than a Unicode class over the text.
    if (hasAsciiLowerCase(prose) || prose.toUpperCase() !== prose || prose.toLowerCase() === prose)
      return null
    const capitals = prose.match(UPPER)?.length ?? 0
    if (capitals < MIN_CAPITALS) return null
    if (capitals < MIN_CAPITAL_SHARE * (prose.match(LETTERS)?.length ?? 0)) return null
    return { detail: `Written entirely in capital letters: ${excerpt(prose.replace(/\s+/gu, ' '))}.` }
  },
}

// ---------------------------------------------------------------------------------------------------------------
// E6: repeated characters. SmokeDetector: runs of the same character, ignoring whitespace, digits and
// punctuation people repeat for emphasis, covering at least 20 % of the text. The catalogue's run length is 11.

const MIN_RUN = 11
const MIN_RUN_SHARE = 0.2

/**
 * Whether some code unit comes 11 times in a row: most texts have none and are done with in one cheap pass. Only
 * one code unit in MIN_RUN is looked at first: a run of MIN_RUN starting anywhere in `[from, probe]` covers `probe`,
 * so only the run `probe` is part of is measured, both ways, and the next probe is MIN_RUN - 1 beyond its end.
 */
function hasLongRun(text: string): boolean {
  const length = text.length
  // The code unit at `from` starts a run: the one before it, if any, is another.
  let from = 0
  for (let probe = MIN_RUN - 1; probe < length; probe = from + MIN_RUN - 1) {
    const code = codeAt(text, probe)
    let start = probe
    while (start > from && codeAt(text, start - 1) === code) start--
    let end = probe + 1
    while (end < length && codeAt(text, end) === code) end++
    if (end - start >= MIN_RUN) return true
    from = end
  }
  return false
}
// Runs that are expression, not padding: whitespace, digits of any script (Thai 555 and ๕๕๕ are laughter),
// emphatic punctuation, emoji and rating stars, the Russian smile and frown ")))))", "(((((", Korean jamo (ㅋㅋㅋ and
// ㅎㅎㅎ are laughter, ㅠㅠㅠ tears; NFKC turns them into conjoining jamo), laughter in other scripts (Chinese 哈哈哈,
// 呵呵, 嘿嘿, 嘻嘻; Arabic ههههه; Persian خخخخ; Hebrew חחחח; Russian ыыыы), and the marks that stretch or repeat a
// word: the Arabic tatweel (شكـــــرا), the Japanese long vowel mark (すごーーーい) and wave dash (やった〜〜〜), the Thai
// repetition mark (มากๆๆๆ). The emphatic punctuation of other scripts counts as Latin's does: the Arabic question
// mark, comma and semicolon (؟؟؟، ،،،), the ideographic full stop and comma (。。。), the Japanese middle dot (・・・),
// the Devanagari danda (।।।).
const EXPRESSIVE =
  /[\s\p{Nd}_.,?!=~*/()-]|\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}\uFE0F\u1100-\u11FF\u3131-\u318E哈呵嘿嘻\u0647\u062E\u05D7\u044B\u0640\u30FC\u301C\u0E46\u2605\u2606\u061F\u060C\u061B\u3002\u3001\u30FB\u0964\u0965]/u
// Japanese www and Brazilian kkkkk are laughter when the run stands alone or follows another script (草www); after
// Latin letters it stretches a word ("wowwwww"), like any other letter. XDDDD is laughter wherever it is.
const LAUGHTER = /[wk]/
const LATIN_LETTER = /\p{Script=Latin}/u
const LETTER = /\p{L}/u

// How far a run's neighbouring letters are looked for: a few words.
const NEIGHBOURHOOD = 40
const LAST_LETTER = /(\p{L})\P{L}*$/u
const FIRST_LETTER = /\p{L}/u

/**
 * Whether the run `prose[start, end)` of a letter of another script than Latin is padding a Latin text: the
 * nearest letters around it are all Latin ("casino аааааааааааа" with a Cyrillic а). Everywhere else it is a
 * stretched word or a cry, as readers of every script write them: Korean 와아아아, Japanese えええ, Chinese 啊啊啊,
 * Arabic لاااا, Thai มากกกก (the final consonant), Russian Урааааа, Greek Ναιιιι, or the cry alone (あああああ).
 */
function padsLatinText(prose: string, start: number, end: number): boolean {
  const before = LAST_LETTER.exec(prose.slice(Math.max(0, start - NEIGHBOURHOOD), start))?.[1]
  const after = FIRST_LETTER.exec(prose.slice(end, end + NEIGHBOURHOOD))?.[0]
  if (before === undefined && after === undefined) return false
  return (
    (before === undefined || LATIN_LETTER.test(before)) && (after === undefined || LATIN_LETTER.test(after))
  )
}

/**
 * Whether a run of `char` is expression rather than padding. Latin letters keep the catalogue's rule, stretched
 * words included ("wowwwww", "Noooooon"): the padding it measured is Latin. A letter of another script counts only
 * where it pads Latin text.
 */
function isExpression(prose: string, char: string, before: string, start: number, end: number): boolean {
  if (EXPRESSIVE.test(char)) return true
  if (LAUGHTER.test(char)) return !LATIN_LETTER.test(before)
  if (char === 'd' && before === 'x') return true
  if (LATIN_LETTER.test(char) || !LETTER.test(char)) return false
  return !padsLatinText(prose, start, end)
}

export const repeatedCharacters: Rule = {
  id: 'repeated-characters',
  weight: defaultWeights['repeated-characters'],
  summary: 'Repeats the same character in long runs (11 or more) that make up a fifth of the text.',
  evaluate({ text }) {
    if (!hasLongRun(text.normalized)) return null
    // Lower-cased as the analysis is (İ as i: normalize.ts), or a run of İ would be broken by combining dots.
    const prose = lowerCase(proseOf(text).text.trim())
    let total = 0
    let covered = 0
    let previous = ''
    let before = ''
    let run = 0
    // Where the current run starts and where the character being read starts, in code units.
    let start = 0
    let at = 0
    const runs: string[] = []
    const close = () => {
      if (run >= MIN_RUN && !isExpression(prose, previous, before, start, at)) {
        covered += run
        if (runs.length < 3) runs.push(`“${previous}” ×${run}`)
      }
    }
    for (const char of prose) {
      total++
      if (char === previous) run++
      else {
        close()
        before = previous
        previous = char
        run = 1
        start = at
      }
      at += char.length
    }
    close()
    if (covered === 0 || covered < MIN_RUN_SHARE * total) return null
    return {
      detail: `Repeats a character over and over (${runs.join(', ')}), ${percent(covered / total)} of the text.`,
    }
  },
}

// ---------------------------------------------------------------------------------------------------------------
// E5: low variety. SmokeDetector: 30 characters or more with at most 6 different ones, or 100 or more with at most
// 15. Counted in characters as a reader sees them (code points, emoji modifiers and whitespace left out), after
// runs of one character are counted once (runs are repeated-characters' business). A short unit said over and
// over (hahaha, ㅋㅋㅋ, 哈哈哈, 加油加油, 中国队加油 ×6) is laughter or a chant, and so is a slogan repeated past 100
// characters ("SLAVA UKRAINI ! " ×8, "Free Palestine! " ×8): units of up to 32 are let through. Repeated words
// still count (repeated-words); a chant is not held for its variety on top of them.

const FEW = [
  { length: 30, unique: 6 },
  { length: 100, unique: 15 },
] as const
const MAX_CHANT_UNIT = 32
// Whitespace, and what only shapes an emoji: the variation selector, the joiner, skin tones.
const NOT_COUNTED = /\s|\uFE0F|\u200D|[\u{1F3FB}-\u{1F3FF}]/u

/**
 * Whether a character is laughter (or tears) wherever it stands: a Korean jamo on its own (ㅋ, ㅎ, ㅠ; NFKC makes
 * them conjoining jamo, which a syllable never leaves bare) or a Chinese laughing character (哈, 呵, 嘿, 嘻). A
 * reader who laughs between a few words ("아 ㅋㅋㅋ 진짜 ㅋㅋ") writes few different characters, and a laugh is not
 * text: it does not make a text long enough to be judged on its variety.
 */
const isLaughter = (code: number) =>
  (code >= 0x1100 && code <= 0x11ff) ||
  (code >= 0x3131 && code <= 0x318e) ||
  code === 0x54c8 ||
  code === 0x5475 ||
  code === 0x563f ||
  code === 0x563b

// Laughter written in Latin letters, a word of its own: Indonesian "wkwkwk", Spanish "jajaja", Portuguese "kkkk"
// and "rsrsrs", Greek and Russian readers' "xaxaxa", everyone's "hahaha", "hehehe", "hihihi".
const LATIN_LAUGHTER = /(?<!\p{L})(?:(?:wk|kw){2,}[wk]?|(?:ha|he|hi|ja|je|ka|xa|rs){3,}h?|k{4,})(?!\p{L})/gu
const MAY_LAUGH = /wk|kw|ha|he|hi|ja|je|ka|xa|rs|kk/
/** Characters of the text read at once (up to the next space), before looking for more. */
const STRETCH = 120

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
    // The characters that make the text long enough to judge: all but laughter.
    let counted = 0
    // The visible text in lower case, whitespace aside: `normalized` is exactly that, with whitespace collapsed (and
    // whitespace is never counted), so it is read instead of lower-casing the visible text again. Laughter written
    // in Latin letters is no text either ("wkwkwk ngakak"). The text is read a stretch at a time, cut before a
    // space (no laughter spans one), and laughter taken out of each stretch as it comes: most texts show their
    // sixteenth different character within the first, and the rest need not be searched for laughter.
    const source = text.normalized
    for (let from = 0; from < source.length; ) {
      const space = source.indexOf(' ', from + STRETCH)
      const to = space === -1 ? source.length : space
      const stretch = source.slice(from, to)
      from = to
      const judged = MAY_LAUGH.test(stretch) ? stretch.replace(LATIN_LAUGHTER, ' ') : stretch
      for (const char of judged) {
        const code = char.codePointAt(0) ?? 0
        if (code <= 0x20 || (code >= 0x80 && NOT_COUNTED.test(char)) || char === chars[chars.length - 1])
          continue
        chars.push(char)
        unique.add(char)
        if (!isLaughter(code)) counted++
        // Most texts show their sixteenth different character within a sentence: nothing more to count.
        if (unique.size > FEW[1].unique) return null
      }
    }
    if (counted < FEW[0].length) return null
    const few = FEW.some(({ length, unique: most }) => counted >= length && unique.size <= most)
    if (!few || isChant(chars)) return null
    return {
      detail: `Uses only ${unique.size} different characters in ${counted}: ${excerpt(text.visible.replace(/\s+/gu, ' '))}.`,
    }
  },
}

export const shapeRules: readonly Rule[] = [allCaps, repeatedCharacters, repeatedWords, gibberish, lowVariety]
