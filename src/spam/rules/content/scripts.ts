import { codeAt } from '../../chars.js'

/**
 * Which script a text is written in, read off its character codes: what the language-mismatch rule asks first,
 * since a text in Hangul, Greek or Thai names its language, and one in another alphabet than the article's
 * language uses is in another language, whichever it is.
 */

// Scripts by code point ranges, read with character codes (a Unicode class per character costs ten times more).
const SCRIPTS = [
  'Latin',
  'Cyrillic',
  'Greek',
  'Arabic',
  'Hebrew',
  'Devanagari',
  'Hangul',
  'Kana',
  'Han',
  'Thai',
] as const
export type Script = (typeof SCRIPTS)[number]
// Their indices in SCRIPTS.
const LATIN = 0
const CYRILLIC = 1
const GREEK = 2
const ARABIC = 3
const HEBREW = 4
const DEVANAGARI = 5
const HANGUL = 6
const KANA = 7
const HAN = 8
const THAI = 9

/** The script of a code unit, as its index in SCRIPTS, or -1. */
function scriptIndexOf(code: number): number {
  if (code < 0x41) return -1
  if (code <= 0x24f) return (code >= 0x5b && code <= 0x60) || (code >= 0x7b && code < 0xc0) ? -1 : LATIN
  if (code < 0x370) return -1
  if (code <= 0x3ff) return GREEK
  if (code <= 0x52f) return CYRILLIC
  if (code < 0x590) return -1
  if (code <= 0x5ff) return HEBREW
  if (code <= 0x6ff || (code >= 0x750 && code <= 0x77f)) return ARABIC
  if (code >= 0x900 && code <= 0x97f) return DEVANAGARI
  if (code >= 0xe00 && code <= 0xe7f) return THAI
  if (code >= 0x1100 && code <= 0x11ff) return HANGUL
  if (code >= 0x1e00 && code <= 0x1eff) return LATIN
  if (code >= 0x3040 && code <= 0x30ff) return KANA
  if (code >= 0x3130 && code <= 0x318f) return HANGUL
  if ((code >= 0x3400 && code <= 0x4dbf) || (code >= 0x4e00 && code <= 0x9fff)) return HAN
  if (code >= 0xac00 && code <= 0xd7af) return HANGUL
  if ((code >= 0xfb50 && code <= 0xfdff) || (code >= 0xfe70 && code <= 0xfeff)) return ARABIC
  return -1
}

export const scriptOf = (code: number): Script | null => SCRIPTS[scriptIndexOf(code)] ?? null

/**
 * The script most letters of `sample` are written in, and whether kana (Japanese) appear at all. Counted in an
 * array by script (a Map cost a look-up and a store per letter); among scripts with as many letters, the one seen
 * first wins.
 */
export function dominantScript(sample: string): { script: Script | null; kana: boolean } {
  const counts = new Array<number>(SCRIPTS.length).fill(0)
  const seen: number[] = []
  const length = sample.length
  for (let at = 0; at < length; at++) {
    const script = scriptIndexOf(codeAt(sample, at))
    if (script < 0) continue
    if (counts[script] === 0) seen.push(script)
    counts[script] = (counts[script] as number) + 1
  }
  let best = -1
  for (const script of seen)
    if (best < 0 || (counts[script] as number) > (counts[best] as number)) best = script
  return { script: SCRIPTS[best] ?? null, kana: (counts[KANA] as number) > 0 }
}
