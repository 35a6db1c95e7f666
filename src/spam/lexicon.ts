import { codeAt } from './chars.js'
import { recent } from './recent.js'

/**
 * The distinct words of a list of words, each with a number, and the number of each word in the list. A comment of
 * 1 KB has some 170 words of which a third are repeats ("de", "the", "la"): what depends on a word alone (a look-up
 * in the phrase index or the function words, folding, the shape of a word, its token) is worked out once per
 * distinct word, and comparing words (a word repeated, the words of an address) compares two small integers
 * instead of two strings.
 */
export type Lexicon = {
  /** The distinct words, in the order they first occur. */
  distinct: readonly string[]
  /** For each word of the list, its index in `distinct`. */
  ids: readonly number[]
  /** The number of `word` in `distinct`, or -1. */
  idOf(word: string): number
}

/**
 * A hash of a word from its length and three of its characters (first, middle, last): enough to spread a comment's
 * words, and words that share it are told apart by comparing them. A Map keyed by strings cost three times as much
 * to fill, and hashing every character twice as much.
 */
export function hashOf(word: string): number {
  const length = word.length
  if (length === 0) return 0
  const first = codeAt(word, 0)
  const middle = codeAt(word, length >> 1)
  const last = codeAt(word, length - 1)
  const hash =
    Math.imul(Math.imul(Math.imul(length, 0x9e3779b1) ^ first, 0x85ebca6b) ^ middle, 0xc2b2ae35) ^ last
  // The table is indexed by the low bits: fold the high ones (where the multiplications put the mixing) into them.
  return hash ^ (hash >>> 16)
}

/**
 * A set of words that only says "maybe" or "certainly not": one bit per value of the low 16 bits of `hashOf`. It
 * keeps the words that are in no list (most of a comment's) away from a look-up in a Map of strings.
 */
export type WordFilter = Uint8Array

export function wordFilter(words: Iterable<string>): WordFilter {
  const filter = new Uint8Array(0x10000)
  for (const word of words) filter[hashOf(word) & 0xffff] = 1
  return filter
}

/** Whether `word` may be one of the filter's words: false is certain. */
export const mayContain = (filter: WordFilter, word: string) => filter[hashOf(word) & 0xffff] === 1

/** The lexicon of a list of words, built once for the rules and the tokens of a comment (see recent.ts). */
export const lexiconOf: (words: readonly string[]) => Lexicon = recent(build)

/**
 * Probes of the table a word may take before the table gives up: ordinary words never come near, but the hash reads
 * only three characters, and a text made to collide (thousands of words with the same length, first, middle and
 * last letters) would take time quadratic in its length. Past this, the lexicon is built with a Map instead, whose
 * hash reads every character and is seeded: the same lexicon, in linear time.
 */
const MAX_PROBES = 32

/** Open addressing over a power-of-two table at most half full: a slot holds a word's number, or -1. */
function build(words: readonly string[]): Lexicon {
  const distinct: string[] = []
  const hashes: number[] = []
  const ids = new Array<number>(words.length)
  let size = 16
  while (size < 2 * words.length) size *= 2
  const mask = size - 1
  const slots = new Array<number>(size).fill(-1)
  /** The slot of `word` (holding its number) or the empty slot where it belongs; -1 when too far. */
  const slotOf = (word: string, hash: number) => {
    let slot = hash & mask
    for (let probes = 0; probes < MAX_PROBES; probes++) {
      const id = slots[slot] as number
      if (id === -1 || (hashes[id] === hash && distinct[id] === word)) return slot
      slot = (slot + 1) & mask
    }
    return -1
  }
  for (let at = 0; at < words.length; at++) {
    const word = words[at] as string
    const hash = hashOf(word)
    const slot = slotOf(word, hash)
    if (slot === -1) return buildWithMap(words)
    let id = slots[slot] as number
    if (id === -1) {
      id = distinct.length
      slots[slot] = id
      distinct.push(word)
      hashes.push(hash)
    }
    ids[at] = id
  }
  let fallback: Map<string, number> | undefined
  const idOf = (word: string) => {
    const slot = slotOf(word, hashOf(word))
    if (slot !== -1) return slots[slot] as number
    fallback ??= new Map(distinct.map((known, id) => [known, id]))
    return fallback.get(word) ?? -1
  }
  return { distinct, ids, idOf }
}

/** The same lexicon, with a Map (see MAX_PROBES). */
function buildWithMap(words: readonly string[]): Lexicon {
  const distinct: string[] = []
  const numbers = new Map<string, number>()
  const ids = words.map((word) => {
    let id = numbers.get(word)
    if (id === undefined) {
      id = distinct.length
      numbers.set(word, id)
      distinct.push(word)
    }
    return id
  })
  return { distinct, ids, idOf: (word) => numbers.get(word) ?? -1 }
}
