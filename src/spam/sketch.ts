/**
 * A fixed-size sketch of a text's character trigrams (one-permutation MinHash: every trigram hashed once into
 * one of 64 bins, each bin keeping its smallest hash), from which the trigram similarity of two texts (Jaccard:
 * shared trigrams over all trigrams, what pg_trgm's `similarity()` measures) is estimated by comparing bins.
 *
 * Why not `similarity()` itself: it rebuilds both texts' trigram sets on every comparison, which for a 1.5 KB
 * comment against its site's 200 latest cost 100 ms of database time per submission. A sketch is computed once,
 * when the comment comes in, and compared in microseconds. Trigrams are of code points, so every script counts
 * alike (Hangul syllables, Cyrillic and Latin letters are all one character).
 */

export const SKETCH_BINS = 64
/** A bin no trigram fell into (short texts). */
export const EMPTY_BIN = -1
/** Texts are sketched on their first 2 000 characters, as they were compared before. */
const SKETCHED_CHARS = 2000

/** murmur3's finaliser over FNV-1a: FNV alone leaves the low bits (the bin) poorly mixed. */
function mix(hash: number): number {
  let h = hash
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/**
 * The sketch of `text` (already normalised: the skeleton the rules read), whitespace runs counted as one
 * space. Bins hold 26-bit values, so they fit PostgreSQL's `integer`.
 */
export function nearDuplicateSketch(text: string): number[] {
  const bins = new Array<number>(SKETCH_BINS).fill(EMPTY_BIN)
  const points = codePoints(text.slice(0, SKETCHED_CHARS))
  for (let i = 0; i + 2 < points.length; i++) {
    let hash = 0x811c9dc5
    hash = Math.imul(hash ^ (points[i] as number), 0x01000193)
    hash = Math.imul(hash ^ (points[i + 1] as number), 0x01000193)
    hash = Math.imul(hash ^ (points[i + 2] as number), 0x01000193)
    const mixed = mix(hash)
    const bin = mixed & (SKETCH_BINS - 1)
    const value = mixed >>> 6
    const current = bins[bin] as number
    if (current === EMPTY_BIN || value < current) bins[bin] = value
  }
  return bins
}

/** What `\s` matches beyond ASCII (U+FEFF included), tested by number: a regular expression per character is slow. */
const isWideSpace = (point: number) =>
  point === 0x85 ||
  point === 0xa0 ||
  point === 0x1680 ||
  (point >= 0x2000 && point <= 0x200a) ||
  point === 0x2028 ||
  point === 0x2029 ||
  point === 0x202f ||
  point === 0x205f ||
  point === 0x3000 ||
  point === 0xfeff

/** The text's code points, each whitespace run as one space, without leading or trailing space. */
function codePoints(text: string): Int32Array {
  const points = new Int32Array(text.length)
  let length = 0
  let pendingSpace = false
  for (let i = 0; i < text.length; i++) {
    let point = text.charCodeAt(i)
    if (point >= 0xd800 && point <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1)
      if (low >= 0xdc00 && low <= 0xdfff) {
        point = 0x10000 + ((point - 0xd800) << 10) + (low - 0xdc00)
        i++
      }
    }
    if (point <= 0x20 || isWideSpace(point)) {
      pendingSpace = length > 0
      continue
    }
    if (pendingSpace) points[length++] = 0x20
    pendingSpace = false
    points[length++] = point
  }
  return points.subarray(0, length)
}

/** The estimated trigram similarity of two texts from their sketches: equal bins over bins either one filled. */
export function sketchSimilarity(left: readonly number[], right: readonly number[]): number {
  let filled = 0
  let equal = 0
  for (let i = 0; i < SKETCH_BINS; i++) {
    const a = left[i] ?? EMPTY_BIN
    const b = right[i] ?? EMPTY_BIN
    if (a === EMPTY_BIN && b === EMPTY_BIN) continue
    filled++
    if (a === b) equal++
  }
  return filled === 0 ? 0 : equal / filled
}

const BAND_WIDTH = 4

/**
 * The sketch cut into 16 bands of 4 bins, each band hashed to one integer (bands of empty bins left out): two
 * texts 80 % similar share at least one band with a probability of 99.98 %, two unrelated ones (10 %) of 0.2 %
 * (locality-sensitive hashing). Comparing the band lists first (`&&`, array overlap, in C) spares the full
 * comparison for almost every pair.
 */
export function sketchBands(sketch: readonly number[]): number[] {
  const bands: number[] = []
  for (let start = 0; start < SKETCH_BINS; start += BAND_WIDTH) {
    let hash = 0x811c9dc5 ^ start
    let filled = false
    for (let i = start; i < start + BAND_WIDTH; i++) {
      const bin = sketch[i] ?? EMPTY_BIN
      if (bin !== EMPTY_BIN) filled = true
      hash = Math.imul(hash ^ bin, 0x01000193)
    }
    if (filled) bands.push(mix(hash) | 0)
  }
  return bands
}
