import { termSkeleton } from './analysis.js'

// Scripts written without spaces between words: a term in them is matched anywhere, because a word boundary
// would never occur inside a sentence.
const UNSPACED_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u
const WORD_CHARACTER = /[\p{L}\p{M}\p{N}_]/u

// A term ending in `*` stands for every word it starts: "мошенни*" is мошенник, мошенники, мошенничество, and "도박*"
// is 도박, 도박을, 도박사이트 (Russian inflects, Korean glues particles to a word). Two characters at least before it.
// A `*` elsewhere is the character itself ("f*ck").
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
  // Both without ı: a term may also have one of its own ("CANLI canlı"), which `plain` keeps.
  return withoutDotless(dotless) === withoutDotless(plain) ? dotless : plain
}

/** Whether the character that ends at `at` (a code point, maybe of two code units) is a word's. */
function wordCharacterBefore(text: string, at: number): boolean {
  if (at <= 0) return false
  const last = text.charCodeAt(at - 1)
  const start = last >= 0xdc00 && last <= 0xdfff && at >= 2 ? at - 2 : at - 1
  return WORD_CHARACTER.test(text.slice(start, at))
}

function wordCharacterAt(text: string, at: number): boolean {
  const code = text.codePointAt(at)
  return code !== undefined && WORD_CHARACTER.test(String.fromCodePoint(code))
}

type IndexedTerm = {
  term: string
  order: number
  /** The term as read (termReading), without the `*` of a prefix. */
  stem: string
  /** The stem with ı as i, as the text is searched. */
  folded: string
  prefix: boolean
  unspaced: boolean
}

/**
 * Whether the term occurs in the text: where its stem does (a term's ı matches ı or i, its i only i), not inside
 * a word (except in an unspaced script), and, unless it is a prefix, not followed by more of one. `folded` is the
 * text with ı as i, of the same length.
 */
function occurs(text: string, folded: string, entry: IndexedTerm): boolean {
  const { stem } = entry
  const dotless = text.includes(DOTLESS_I)
  for (let at = folded.indexOf(entry.folded); at >= 0; at = folded.indexOf(entry.folded, at + 1)) {
    if (dotless && !sameIs(text, at, stem)) continue
    if (entry.unspaced) return true
    if (wordCharacterBefore(text, at)) continue
    if (!entry.prefix && wordCharacterAt(text, at + stem.length)) continue
    return true
  }
  return false
}

/** A term's i stands for i alone: where it has one, the text must not have ı. */
function sameIs(text: string, at: number, stem: string): boolean {
  for (let offset = stem.indexOf('i'); offset >= 0; offset = stem.indexOf('i', offset + 1))
    if (text[at + offset] === DOTLESS_I) return false
  return true
}

const WORD_RUN = /[\p{L}\p{M}\p{N}_]+/gu
const LEADING_WORD = /^[\p{L}\p{M}\p{N}_]+/u

/**
 * A site's list read once. Most terms start with a word, and are looked up by it among the text's words; a
 * one-word prefix (`мошенни*`) by the text's words' beginnings of its length; the others (a term in an unspaced
 * script, or starting with a sign) are searched for one by one. No term is a regular expression: a list of 4 000
 * prefixes, one each, took seconds to compile and run, holding every request of the process up.
 */
type TermIndex = {
  byLeadingWord: Map<string, IndexedTerm[]>
  byPrefix: Map<string, IndexedTerm[]>
  /** The lengths of the prefixes, shortest first. */
  prefixLengths: number[]
  others: IndexedTerm[]
}

// Keyed by the list itself: a site's policy (and so its lists) is resolved once per settings object.
const indexes = new WeakMap<readonly string[], TermIndex>()

function addTo(map: Map<string, IndexedTerm[]>, key: string, entry: IndexedTerm) {
  const same = map.get(key)
  if (same) same.push(entry)
  else map.set(key, [entry])
}

function indexOf(terms: readonly string[]): TermIndex {
  const cached = indexes.get(terms)
  if (cached) return cached
  const index: TermIndex = { byLeadingWord: new Map(), byPrefix: new Map(), prefixLengths: [], others: [] }
  // A term in several spellings ("casino", "Casino") is looked for, and named in a reason, once.
  const readings = new Set<string>()
  terms.forEach((term, order) => {
    const normalized = termReading(term)
    if (!normalized || readings.has(normalized)) return
    readings.add(normalized)
    const prefix = PREFIX_TERM.test(normalized)
    const stem = prefix ? normalized.slice(0, -1) : normalized
    const unspaced = UNSPACED_SCRIPT.test(stem)
    const entry = { term, order, stem, folded: withoutDotless(stem), prefix, unspaced }
    const leading = LEADING_WORD.exec(stem)?.[0]
    if (!leading || unspaced) index.others.push(entry)
    else if (prefix && leading === stem) addTo(index.byPrefix, entry.folded, entry)
    else addTo(index.byLeadingWord, withoutDotless(leading), entry)
  })
  index.prefixLengths = [...new Set([...index.byPrefix.keys()].map((key) => key.length))].sort(
    (a, b) => a - b,
  )
  indexes.set(terms, index)
  return index
}

/**
 * The terms (as the site wrote them) that occur in `normalized` (normalised text) as whole words, in any script, or
 * as the start of a word for a term ending in `*`. Both sides are normalised alike, so "ＣＡＳＩＮＯ" and
 * "ca\u200Bsino" match "casino"; a term's disguised words are read as their Latin skeleton, as the text's are. A
 * term that starts with a word can only match where the text has that same whole word (or, for a one-word prefix,
 * a word starting with it), so a list of thousands costs a few lookups per word of the text, not a search per term.
 */
export function findTerms(normalized: string, terms: readonly string[]): string[] {
  if (terms.length === 0) return []
  const text = withStraightApostrophes(normalized)
  // Searched with ı as i, of the same length: each match is then checked against the text as it is.
  const folded = withoutDotless(text)
  const index = indexOf(terms)
  const found = new Set<IndexedTerm>()
  const tryAll = (entries: readonly IndexedTerm[] | undefined) => {
    for (const entry of entries ?? []) if (!found.has(entry) && occurs(text, folded, entry)) found.add(entry)
  }
  const seen = new Set<string>()
  for (const [word] of folded.matchAll(WORD_RUN)) {
    if (seen.has(word)) continue
    seen.add(word)
    tryAll(index.byLeadingWord.get(word))
    for (const length of index.prefixLengths) {
      if (length > word.length) break
      tryAll(index.byPrefix.get(word.slice(0, length)))
    }
  }
  tryAll(index.others)
  return [...found].sort((a, b) => a.order - b.order).map((entry) => entry.term)
}

/**
 * Why a term, as a site wrote it, could never be found as it seems to say, or null: a `*` before a word ends
 * nothing (`*casino` is no suffix), and a prefix needs two characters of a word before its `*` (one would be most
 * of the language's words). A `*` elsewhere is the character itself ("f*ck", or "*" alone).
 */
export function termShapeProblem(term: string): string | null {
  const reading = termReading(term)
  if (/^\*+[\p{L}\p{M}\p{N}_]/u.test(reading))
    return 'must not start with *: `word*` stands for the words starting with `word`; none stands for the words ending with one'
  const stem = reading.slice(0, -1)
  if (reading.endsWith('*') && !PREFIX_TERM.test(reading) && !stem.includes('*') && WORD_CHARACTER.test(stem))
    return 'needs at least two characters before its final * (`word*` stands for the words starting with `word`)'
  return null
}
