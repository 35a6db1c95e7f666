import { createHash } from 'node:crypto'

// Format characters (zero-width spaces and joiners, bidi marks, soft hyphens...) are invisible to a reader but
// split words for a filter; they are removed before matching, never from the stored text.
const FORMAT_CHARACTERS = /\p{Cf}/gu
const WHITESPACE_RUN = /\s+/gu

/** The form text is compared in: compatibility-folded (NFKC), lower-cased, invisible characters removed. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(FORMAT_CHARACTERS, '')
    .toLowerCase()
    .replace(WHITESPACE_RUN, ' ')
    .trim()
}

/** A fingerprint of what a reader sees, so re-posting the same text with different spacing or case still matches. */
export function contentFingerprint(content: string): string {
  return createHash('sha256').update(normalizeText(content)).digest('hex')
}
