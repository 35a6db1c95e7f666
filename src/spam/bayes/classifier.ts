/**
 * Robinson–Fisher token classifier as SpamAssassin's Bayes implements it: per-token probabilities smoothed with
 * Robinson's f(w), only the strongest tokens kept, combined with Fisher's chi-squared method so that a text with
 * no strong evidence either way comes out near 0.5 ("unsure") instead of being forced to one side.
 */

import { scratch } from '../scratch.js'
import { type BayesParameters, defaultBayesParameters } from './parameters.js'

export { type BayesParameters, defaultBayesParameters } from './parameters.js'

export type TokenCounts = { spam: number; ham: number }

/** What one corpus (a site's, or the whole server's) learned: message totals and the counts of some tokens. */
export type Corpus = { spamMessages: number; hamMessages: number; tokens: ReadonlyMap<string, TokenCounts> }

export type BayesOptions = {
  /** Messages of each class a corpus needs before it is trusted. */
  minMessages: number
  /** The classifier's constants; the fitted defaults when left out. */
  parameters?: BayesParameters
}

export type BayesVerdict = {
  /** 0 = certainly ham, 1 = certainly spam, around 0.5 = no opinion. */
  probability: number
  /** Whose learning decided: this site's (with the server's as prior) or, while the site has too little, the server's. */
  source: 'site' | 'server'
  trainedOn: { spam: number; ham: number }
  tokensUsed: number
  /** The strongest evidence each way, for the explanation. */
  spammiest: { token: string; probability: number }[]
  hammiest: { token: string; probability: number }[]
}

/** p(w): how much more often the token appears in spam than in ham, corrected for the sizes of the two classes. */
function rawProbability(counts: TokenCounts, corpus: Corpus): number {
  const spamRate = counts.spam / Math.max(corpus.spamMessages, 1)
  const hamRate = counts.ham / Math.max(corpus.hamMessages, 1)
  return spamRate / (spamRate + hamRate)
}

/** Robinson's f(w) = (s·x + n·p(w)) / (s + n): few sightings stay close to the prior x. */
function smoothed(
  counts: TokenCounts | undefined,
  corpus: Corpus,
  prior: number,
  strength: number,
): number | null {
  const sightings = (counts?.spam ?? 0) + (counts?.ham ?? 0)
  if (!counts || sightings === 0) return null
  return (strength * prior + sightings * rawProbability(counts, corpus)) / (strength + sightings)
}

/** The upper tail of the chi-squared distribution with an even number of degrees of freedom. */
function chi2q(chi2: number, degrees: number): number {
  const m = chi2 / 2
  let term = Math.exp(-m)
  let sum = term
  for (let i = 1; i < degrees / 2; i++) {
    term *= m / i
    sum += term
  }
  return Math.min(sum, 1)
}

/** Products of many probabilities are rescaled by this factor before they could underflow: a power of two, exact. */
const RESCALE = 2 ** 600
const LOG_RESCALE = 600 * Math.LN2

/**
 * Fisher's method on both tails, over the probabilities `include` lets in: the difference of the two is the
 * verdict. Each tail is a product whose logarithm is taken once, rather than a sum of two logarithms per token;
 * the two differ by rounding only. A probability is at least 1e-6, so a product kept above 2^-600 (about 1e-181) and
 * multiplied by one stays far from underflow.
 */
function combine(probabilities: Float64Array, include: Uint8Array, count: number, used: number): number {
  let spamProduct = 1
  let hamProduct = 1
  let spamRescaled = 0
  let hamRescaled = 0
  for (let at = 0; at < count; at++) {
    if (include[at] !== 1) continue
    const p = probabilities[at] as number
    spamProduct *= 1 - p
    hamProduct *= p
    if (spamProduct < 1 / RESCALE) {
      spamProduct *= RESCALE
      spamRescaled++
    }
    if (hamProduct < 1 / RESCALE) {
      hamProduct *= RESCALE
      hamRescaled++
    }
  }
  const logSpam = Math.log(spamProduct) - spamRescaled * LOG_RESCALE
  const logHam = Math.log(hamProduct) - hamRescaled * LOG_RESCALE
  const degrees = 2 * used
  const spamminess = 1 - chi2q(-2 * logSpam, degrees)
  const hamminess = 1 - chi2q(-2 * logHam, degrees)
  return (spamminess - hamminess + 1) / 2
}

const probabilityTable = scratch((length) => new Float64Array(length))
const strengthTable = scratch((length) => new Float64Array(length))
const selectionTable = scratch((length) => new Float64Array(length))
const includeTable = scratch((length) => new Uint8Array(length))

/** The `rank`-th largest (0 the largest) of `values[0..count)`, which are reordered: Hoare's selection. */
function nthLargest(values: Float64Array, count: number, rank: number): number {
  let low = 0
  let high = count - 1
  while (low < high) {
    // The median of three as the pivot: a sorted or reversed list is no worse than a shuffled one.
    const middle = (low + high) >> 1
    const a = values[low] as number
    const b = values[middle] as number
    const c = values[high] as number
    const pivot = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c))
    let left = low
    let right = high
    while (left <= right) {
      while ((values[left] as number) > pivot) left++
      while ((values[right] as number) < pivot) right--
      if (left <= right) {
        const swap = values[left] as number
        values[left++] = values[right] as number
        values[right--] = swap
      }
    }
    if (rank <= right) high = right
    else if (rank >= left) low = left
    else return values[rank] as number
  }
  return values[low] as number
}

/**
 * 1 for each of the `limit` strongest of `strengths[0..count)` (of equally strong ones, the first), 0 for the
 * others. A selection, linear in `count`: neither the combination nor the explanation needs them all sorted, and
 * sorting them cost a quarter of classifying.
 */
function strongest(strengths: Float64Array, count: number, limit: number): Uint8Array {
  const include = includeTable(count)
  if (count <= limit || limit <= 0) {
    include.fill(limit <= 0 ? 0 : 1, 0, count)
    return include
  }
  const selection = selectionTable(count)
  selection.set(strengths.subarray(0, count))
  const threshold = nthLargest(selection, count, limit - 1)
  let above = 0
  for (let at = 0; at < count; at++) if ((strengths[at] as number) > threshold) above++
  let ties = limit - above
  for (let at = 0; at < count; at++) {
    const strength = strengths[at] as number
    include[at] = strength > threshold || (strength === threshold && ties-- > 0) ? 1 : 0
  }
  return include
}

type Evidence = BayesVerdict['spammiest']

/** Puts a token among the `EXPLAINED` strongest of its side, strongest first, after the equally strong ones. */
function rankIn(side: Evidence, strengths: number[], token: string, probability: number, strength: number) {
  if (side.length === EXPLAINED && strength <= (strengths[EXPLAINED - 1] as number)) return
  let at = Math.min(side.length, EXPLAINED - 1)
  while (at > 0 && (strengths[at - 1] as number) < strength) at--
  side.splice(at, 0, { token, probability })
  strengths.splice(at, 0, strength)
  if (side.length > EXPLAINED) {
    side.length = EXPLAINED
    strengths.length = EXPLAINED
  }
}

/** The strongest tokens each way an explanation names. */
const EXPLAINED = 5

const trusted = (corpus: Corpus, options: BayesOptions) =>
  corpus.spamMessages >= options.minMessages && corpus.hamMessages >= options.minMessages

/**
 * Classifies a set of (unique) tokens. The site's own counts decide once the site has learned enough of both
 * classes, each token drawing towards what the whole server learned of it; until then the server's counts decide
 * alone, if they are enough. Returns null when neither has learned enough.
 */
export function classify(
  tokens: readonly string[],
  model: { site: Corpus; server: Corpus },
  options: BayesOptions,
): BayesVerdict | null {
  const source = trusted(model.site, options) ? 'site' : trusted(model.server, options) ? 'server' : null
  if (!source) return null
  const corpus = source === 'site' ? model.site : model.server
  const parameters = options.parameters ?? defaultBayesParameters
  const { unknownWordProbability, unknownWordStrength, priorStrength } = parameters
  // The tokens that carry evidence, with their probability and strength, side by side in typed arrays.
  const kept: string[] = []
  const probabilities = probabilityTable(tokens.length)
  const strengths = strengthTable(tokens.length)
  for (const token of tokens) {
    const serverCounts = model.server.tokens.get(token)
    const serverView = smoothed(serverCounts, model.server, unknownWordProbability, unknownWordStrength)
    // A token the site has never seen is judged by the server's view of it alone, the prior with no sightings
    // to move it: dropping it silenced what the server knew as soon as the site had enough decisions of its own.
    const probability =
      source === 'site'
        ? (smoothed(
            // On a one-site server the site's corpus is the server's: the token was looked up already.
            corpus === model.server ? serverCounts : corpus.tokens.get(token),
            corpus,
            serverView ?? unknownWordProbability,
            serverView === null ? unknownWordStrength : priorStrength,
          ) ?? serverView)
        : serverView
    if (probability !== null && Math.abs(probability - 0.5) >= parameters.minProbabilityStrength) {
      const clamped = Math.min(Math.max(probability, 1e-6), 1 - 1e-6)
      probabilities[kept.length] = clamped
      strengths[kept.length] = Math.abs(clamped - 0.5)
      kept.push(token)
    }
  }
  // Only the strongest maxTokens count (of equally strong ones, the first).
  const count = kept.length
  const include = strongest(strengths, count, parameters.maxTokens)
  const used = Math.min(count, parameters.maxTokens)
  // The explanation's entries: the five strongest on each side, strongest first.
  const spammiest: Evidence = []
  const hammiest: Evidence = []
  const spamStrengths: number[] = []
  const hamStrengths: number[] = []
  for (let at = 0; at < count; at++) {
    if (include[at] !== 1) continue
    const probability = probabilities[at] as number
    const strength = strengths[at] as number
    if (probability > 0.5) rankIn(spammiest, spamStrengths, kept[at] as string, probability, strength)
    else if (probability < 0.5) rankIn(hammiest, hamStrengths, kept[at] as string, probability, strength)
  }
  return {
    probability: used === 0 ? 0.5 : combine(probabilities, include, count, used),
    source,
    trainedOn: { spam: corpus.spamMessages, ham: corpus.hamMessages },
    tokensUsed: used,
    spammiest,
    hammiest,
  }
}
