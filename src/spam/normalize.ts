import { createHash } from 'node:crypto'

// Format characters (zero-width spaces and joiners, bidi marks, soft hyphens...) are invisible to a reader but
// split words for a filter; they are removed before matching, never from the stored text.
const FORMAT_CHARACTERS = /\p{Cf}/gu
const WHITESPACE_RUN = /\s+/gu

// JavaScript lower-cases the Turkish capital İ (U+0130) to an i and a combining dot above (U+0307), which NFKC
// keeps: "İDDAA" would not read as a site's term "iddaa", nor "İstanbul" be learned as "istanbul". An i is dotted
// already, so the dot adds nothing a reader sees and is dropped, whether İ made it or it was typed. The dotless ı
// is a letter of its own (Turkish "sık", often, and "sik", a vulgarity) and is kept: see terms.ts.
const DOTTED_I = /i\u0307/g

/**
 * `text` lower-cased, an i never followed by a combining dot above. Only a text with that dot is searched again
 * with the pattern: looking for the one character is a native scan, well under a microsecond for a comment.
 */
export function lowerCase(text: string): string {
  const lower = text.toLowerCase()
  return lower.includes('\u0307') ? lower.replace(DOTTED_I, 'i') : lower
}

/** The form text is compared in: compatibility-folded (NFKC), lower-cased, invisible characters removed. */
export function normalizeText(text: string): string {
  return lowerCase(text.normalize('NFKC').replace(FORMAT_CHARACTERS, '')).replace(WHITESPACE_RUN, ' ').trim()
}

// Beyond the format characters, more draw nothing (variation selectors, the combining grapheme joiner, Hangul
// fillers, Mongolian and Khmer marks, tags): one slipped into a copy would make it a new text, scored as a mere
// near-duplicate and not refused as a re-post. Removed before NFKC, where a joiner left in would keep a letter and
// its accent apart. The Braille blank is drawn as a space.
const DRAWS_NOTHING = /\p{Default_Ignorable_Code_Point}/gu
const BRAILLE_BLANK = /\u2800/gu

/** A fingerprint of what a reader sees, so re-posting the same text with different spacing or case still matches. */
export function contentFingerprint(content: string): string {
  const seen = content.replace(DRAWS_NOTHING, '').replace(BRAILLE_BLANK, ' ')
  return createHash('sha256').update(normalizeText(seen)).digest('hex')
}
