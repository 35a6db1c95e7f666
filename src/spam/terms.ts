import { normalizeText } from './normalize.js'

// Scripts written without spaces between words: a term in them is matched anywhere, because a word boundary
// would never occur inside a sentence.
const UNSPACED_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u
const WORD_CHARACTER = '[\\p{L}\\p{M}\\p{N}_]'

const patternCache = new Map<string, RegExp>()
const PATTERN_CACHE_LIMIT = 10_000

// A term ending in `*` stands for every word it starts: "мошенни*" is мошенник, мошенники, мошенничество, and "도박*"
// is 도박, 도박을, 도박사이트 (Russian inflects, Korean glues particles to a word). Two characters at least before it.
const PREFIX_TERM = /^[^*][^*]+\*$/u

function patternFor(term: string): RegExp {
  const cached = patternCache.get(term)
  if (cached) return cached
  const prefix = PREFIX_TERM.test(term)
  const escaped = (prefix ? term.slice(0, -1) : term).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const pattern = UNSPACED_SCRIPT.test(term)
    ? new RegExp(escaped, 'u')
    : new RegExp(`(?<!${WORD_CHARACTER})${escaped}${prefix ? '' : `(?!${WORD_CHARACTER})`}`, 'u')
  if (patternCache.size >= PATTERN_CACHE_LIMIT) patternCache.clear()
  patternCache.set(term, pattern)
  return pattern
}

/**
 * The terms (as the site wrote them) that occur in `normalizedText` as whole words, in any script, or as the
 * start of a word for a term ending in `*`. Both sides are normalised alike, so "ＣＡＳＩＮＯ" and "ca\u200Bsino"
 * match "casino".
 */
export function findTerms(normalizedText: string, terms: readonly string[]): string[] {
  const found: string[] = []
  for (const term of terms) {
    const normalizedTerm = normalizeText(term)
    if (normalizedTerm && patternFor(normalizedTerm).test(normalizedText)) found.push(term)
  }
  return found
}
