import { termSkeleton } from './analysis.js'

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

// Turkish has two i's: i (capital İ) and the dotless ı (capital I). A text in capitals writes ı as I, which reads
// as i ("CANLI BAHİS" is "canli bahis"), and a Turkish text typed without Turkish letters writes i for both: a
// term's ı, or its I, stands for either. Not the other way: a term's i matches no ı, lest "sik" (a vulgarity a
// Turkish site may block) match "sık" ("often"). The text is never folded: its tokens and sketch keep ı apart.
const DOTLESS_I = 'ı'
const withoutDotless = (text: string) => (text.includes(DOTLESS_I) ? text.replaceAll(DOTLESS_I, 'i') : text)

// A phone types ’ where a moderator's keyboard types ' ("aujourd’hui"), and a few keyboards the modifier letter ʼ:
// all read as the straight apostrophe, on both sides. One code unit for one, so the text keeps its length.
const APOSTROPHES = /[’‘ʼ]/gu
const withStraightApostrophes = (text: string) => text.replace(APOSTROPHES, "'")

/**
 * The term as `findTerms` looks for it: its skeleton (termSkeleton), a capital I read as ı. Unless the term is
 * disguised: a skeleton takes ı for an l ("ᴄᴀsIno" would be "caslno"), so its I is read as i.
 */
function termReading(written: string): string {
  const term = withStraightApostrophes(written)
  const plain = termSkeleton(term)
  const nfkc = term.normalize('NFKC')
  if (!nfkc.includes('I')) return plain
  const dotless = termSkeleton(nfkc.replaceAll('I', DOTLESS_I))
  return withoutDotless(dotless) === plain ? dotless : plain
}

function patternFor(term: string): RegExp {
  const cached = patternCache.get(term)
  if (cached) return cached
  const prefix = PREFIX_TERM.test(term)
  const escaped = (prefix ? term.slice(0, -1) : term)
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replaceAll(DOTLESS_I, '[ıi]')
  const pattern = UNSPACED_SCRIPT.test(term)
    ? new RegExp(escaped, 'u')
    : new RegExp(`(?<!${WORD_CHARACTER})${escaped}${prefix ? '' : `(?!${WORD_CHARACTER})`}`, 'u')
  if (patternCache.size >= PATTERN_CACHE_LIMIT) patternCache.clear()
  patternCache.set(term, pattern)
  return pattern
}

const WORD_RUN = /[\p{L}\p{M}\p{N}_]+/gu
const LEADING_WORD = /^[\p{L}\p{M}\p{N}_]+/u

type IndexedTerm = { term: string; normalized: string; order: number }
/**
 * A site's list read once: most terms start with a word, and are looked up by it among the text's words; the
 * others (a prefix `word*`, one in an unspaced script, one starting with a sign) are tried one by one.
 */
type TermIndex = { byLeadingWord: Map<string, IndexedTerm[]>; others: IndexedTerm[] }

// Keyed by the list itself: a site's policy (and so its lists) is resolved once per settings object.
const indexes = new WeakMap<readonly string[], TermIndex>()

function indexOf(terms: readonly string[]): TermIndex {
  const cached = indexes.get(terms)
  if (cached) return cached
  const index: TermIndex = { byLeadingWord: new Map(), others: [] }
  // A term in several spellings ("casino", "Casino") is looked for, and named in a reason, once.
  const readings = new Set<string>()
  terms.forEach((term, order) => {
    const normalized = termReading(term)
    if (!normalized || readings.has(normalized)) return
    readings.add(normalized)
    const entry = { term, normalized, order }
    const leading = LEADING_WORD.exec(normalized)?.[0]
    if (!leading || PREFIX_TERM.test(normalized) || UNSPACED_SCRIPT.test(normalized)) {
      index.others.push(entry)
      return
    }
    const key = withoutDotless(leading)
    const same = index.byLeadingWord.get(key)
    if (same) same.push(entry)
    else index.byLeadingWord.set(key, [entry])
  })
  indexes.set(terms, index)
  return index
}

/**
 * The terms (as the site wrote them) that occur in `normalized` (normalised text) as whole words, in any script, or as the
 * start of a word for a term ending in `*`. Both sides are normalised alike, so "ＣＡＳＩＮＯ" and "ca\u200Bsino"
 * match "casino"; a term's disguised words are read as their Latin skeleton, as the text's are. A term that starts with a word can only match where the text has that same whole word (the
 * pattern wants no word character before the term, nor right after its first word), so a list of thousands
 * costs a lookup per word of the text, not a search per term.
 */
export function findTerms(normalized: string, terms: readonly string[]): string[] {
  if (terms.length === 0) return []
  const normalizedText = withStraightApostrophes(normalized)
  const index = indexOf(terms)
  const found: IndexedTerm[] = []
  const seen = new Set<string>()
  // Looked up as they are indexed, ı as i (the same length: the pattern is tested on the text as it is).
  for (const [word] of withoutDotless(normalizedText).matchAll(WORD_RUN)) {
    if (seen.has(word)) continue
    seen.add(word)
    for (const entry of index.byLeadingWord.get(word) ?? []) {
      if (patternFor(entry.normalized).test(normalizedText)) found.push(entry)
    }
  }
  for (const entry of index.others) {
    if (patternFor(entry.normalized).test(normalizedText)) found.push(entry)
  }
  return found.sort((a, b) => a.order - b.order).map((entry) => entry.term)
}
