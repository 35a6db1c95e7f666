import { codeAt, codeUnitTable } from './chars.js'

// Zero-width, bidi, soft-hyphen, word-joiner, BOM, Mongolian vowel separator and Hangul fillers: invisible, or
// shown as nothing, in running text.
const INVISIBLE = /[\p{Cf}\u180E\u115F\u1160\u3164\uFFA0]/u
// Joiners that shape legitimate text: ZWNJ/ZWJ next to letters of scripts that use them (Khmer and Myanmar to
// choose how a consonant cluster is drawn, Mongolian a letter's joined form), ZWJ in emoji sequences.
const JOINER = /[\u200C\u200D]/
const JOINING_SCRIPT =
  /[\p{Script=Arabic}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Sinhala}\p{Script=Malayalam}\p{Script=Kannada}\p{Script=Telugu}\p{Script=Tamil}\p{Script=Gujarati}\p{Script=Gurmukhi}\p{Script=Oriya}\p{Script=Syriac}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Mongolian}]/u
// Direction marks (LRM, RLM, ALM) where right-to-left text meets other text: editors insert them so that a Latin
// name or a number inside Arabic or Hebrew is laid out correctly.
const DIRECTION_MARK = /[\u200E\u200F\u061C]/
const RIGHT_TO_LEFT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u
// A zero-width space next to a script written without spaces (Thai, Khmer, Lao, Myanmar, Chinese, Japanese) is
// how writers there mark a word or line break, also where a Latin acronym or a number starts: "ยอด\u200BNATO".
const ZERO_WIDTH_SPACE = '\u200B'
const UNSPACED_SCRIPT =
  /[\p{Script=Thai}\p{Script=Khmer}\p{Script=Lao}\p{Script=Myanmar}\p{Script=Tibetan}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u
// Directional isolates (LRI, RLI, FSI, PDI) set a Latin word or a number apart inside right-to-left text, as
// editors and chat apps insert them: "ל\u2066NATO\u2069". The older embeddings (LRE, RLE, PDF) do the same in text
// from older editors; the overrides (LRO, RLO), which reverse the letters a reader sees, are never needed.
const ISOLATE_OR_EMBEDDING = /[\u2066-\u2069\u202A-\u202C]/
// The Mongolian vowel separator belongs between Mongolian letters, where it selects the shape of the final vowel.
const MONGOLIAN_VOWEL_SEPARATOR = '\u180E'
const MONGOLIAN = /\p{Script=Mongolian}/u
// A soft hyphen is a hyphenation hint: text copied from an article carries them. It is removed (so it never
// splits a word) but is not held against the writer.
const SOFT_HYPHEN = 0xad
const EMOJI = /\p{Extended_Pictographic}|\uFE0F/u
const LETTER = /[\p{L}\p{M}\p{N}]/u

/**
 * The characters JOINER, DIRECTION_MARK, ISOLATE_OR_EMBEDDING, ZERO_WIDTH_SPACE and the Mongolian separator stand
 * for.
 */
const MAY_BE_LEGITIMATE = new Set([
  0x200c, 0x200d, 0x200e, 0x200f, 0x061c, 0x2066, 0x2067, 0x2068, 0x2069, 0x202a, 0x202b, 0x202c, 0x200b,
  0x180e,
])

/**
 * The invisible characters of the Basic Multilingual Plane, exactly, and the surrogates: a character outside the
 * plane (a pair) is invisible only if the pattern says so.
 */
const MAY_BE_INVISIBLE = codeUnitTable(INVISIBLE)

/** An invisible character that legitimate text needs where it stands: it is kept, and not held against the writer. */
function isLegitimateJoiner(text: string, index: number): boolean {
  // Most invisible characters are none of the few that can be legitimate (a BOM ends every comment of some
  // sources): settled by their code, before any look at their neighbours.
  if (!MAY_BE_LEGITIMATE.has(codeAt(text, index))) return false
  const char = text[index] ?? ''
  // Two code units each way: an emoji outside the Basic Multilingual Plane is a surrogate pair.
  const before = text.slice(Math.max(0, index - 2), index)
  const after = text.slice(index + 1, index + 3)
  if (JOINER.test(char)) {
    if (EMOJI.test(before) || EMOJI.test(after)) return true
    return JOINING_SCRIPT.test(before) || JOINING_SCRIPT.test(after)
  }
  if (DIRECTION_MARK.test(char) || ISOLATE_OR_EMBEDDING.test(char)) {
    return RIGHT_TO_LEFT.test(before) || RIGHT_TO_LEFT.test(after)
  }
  if (char === MONGOLIAN_VOWEL_SEPARATOR) return MONGOLIAN.test(before) && MONGOLIAN.test(after)
  if (char === ZERO_WIDTH_SPACE) return UNSPACED_SCRIPT.test(before) || UNSPACED_SCRIPT.test(after)
  return false
}

/** The length (1 or 2 code units) of the invisible character at `at`, or 0 when the character there is visible. */
function invisibleAt(text: string, at: number, length: number): number {
  const code = codeAt(text, at)
  if (MAY_BE_INVISIBLE[code] !== 1) return 0
  if (code < 0xd800 || code > 0xdfff) return 1
  const next = at + 1 < length ? codeAt(text, at + 1) : 0
  // A lone surrogate is no character of any class; a pair is one character outside the plane.
  if (code > 0xdbff || next < 0xdc00 || next > 0xdfff) return 0
  return INVISIBLE.test(text.slice(at, at + 2)) ? 2 : 0
}

export type Invisible = {
  /** Invisible characters a reader would not miss: not soft hyphens, not the joiners legitimate text needs. */
  total: number
  /** Those of them between two letters or digits: inside a word, where they split it for a word filter. */
  insideWords: number
  /** The text without its invisible characters, but for the joiners legitimate text needs. */
  visible: string
}

/**
 * Counts the invisible characters of `text` and takes them out, in one pass that looks each character up in a
 * table: what `text.matchAll` and `text.replace` over the pattern did in two, each testing the pattern's Unicode
 * classes at every character.
 */
export function readInvisible(text: string): Invisible {
  const length = text.length
  let total = 0
  let insideWords = 0
  let kept = ''
  let from = 0
  for (let at = 0; at < length; at++) {
    // (The second half of a pair is read as a lone surrogate: never invisible.)
    const size = invisibleAt(text, at, length)
    if (size === 0) continue
    if (codeAt(text, at) !== SOFT_HYPHEN) {
      if (isLegitimateJoiner(text, at)) {
        at += size - 1
        continue
      }
      total++
      if (LETTER.test(text[at - 1] ?? '') && LETTER.test(text[at + size] ?? '')) insideWords++
    }
    kept += text.slice(from, at)
    from = at + size
    at += size - 1
  }
  return { total, insideWords, visible: from === 0 ? text : kept + text.slice(from) }
}
