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

/** Fisher's method on both tails, over `probabilities` in the order of `order`: the difference of the two is the verdict. */
function combine(probabilities: Float64Array, order: Int32Array, count: number): number {
  let logSpam = 0
  let logHam = 0
  // Summed strongest first, as the tokens are ranked: the same order gives the same rounding.
  for (let rank = 0; rank < count; rank++) {
    const p = probabilities[order[rank] as number] as number
    logSpam += Math.log(1 - p)
    logHam += Math.log(p)
  }
  const degrees = 2 * count
  const spamminess = 1 - chi2q(-2 * logSpam, degrees)
  const hamminess = 1 - chi2q(-2 * logHam, degrees)
  return (spamminess - hamminess + 1) / 2
}

const probabilityTable = scratch((length) => new Float64Array(length))
const strengthTable = scratch((length) => new Float64Array(length))
const fromTable = scratch((length) => new Int32Array(length))
const toTable = scratch((length) => new Int32Array(length))

/** Runs this long are sorted by insertion before merging: fewer passes, and fewer mispredicted comparisons. */
const RUN = 8

/**
 * The indices of `keys[0..count)` from the largest key to the smallest, equal keys in their original order: a
 * stable merge sort over typed arrays. Array.prototype.sort with a comparator on an object per token cost half of
 * classifying (a call per comparison); this one compares inline.
 */
function descendingOrder(keys: Float64Array, count: number): Int32Array {
  let from = fromTable(count)
  let to = toTable(count)
  for (let i = 0; i < count; i++) {
    // Insertion within the run: an index goes before the keys strictly smaller than its own only, so ties keep
    // their order.
    const key = keys[i] as number
    const start = i - (i % RUN)
    let at = i
    for (; at > start && (keys[from[at - 1] as number] as number) < key; at--)
      from[at] = from[at - 1] as number
    from[at] = i
  }
  for (let width = RUN; width < count; width *= 2) {
    for (let low = 0; low < count; low += 2 * width) {
      const middle = Math.min(low + width, count)
      const high = Math.min(low + 2 * width, count)
      let left = low
      let right = middle
      let at = low
      while (left < middle && right < high) {
        const l = from[left] as number
        const r = from[right] as number
        // Only a strictly larger key on the right goes first: ties keep their order.
        if ((keys[r] as number) > (keys[l] as number)) {
          to[at++] = r
          right++
        } else {
          to[at++] = l
          left++
        }
      }
      while (left < middle) to[at++] = from[left++] as number
      while (right < high) to[at++] = from[right++] as number
    }
    const swap = from
    from = to
    to = swap
  }
  return from
}

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
    const probability =
      source === 'site'
        ? smoothed(
            // On a one-site server the site's corpus is the server's: the token was looked up already.
            corpus === model.server ? serverCounts : corpus.tokens.get(token),
            corpus,
            serverView ?? unknownWordProbability,
            serverView === null ? unknownWordStrength : priorStrength,
          )
        : serverView
    if (probability !== null && Math.abs(probability - 0.5) >= parameters.minProbabilityStrength) {
      const clamped = Math.min(Math.max(probability, 1e-6), 1 - 1e-6)
      probabilities[kept.length] = clamped
      strengths[kept.length] = Math.abs(clamped - 0.5)
      kept.push(token)
    }
  }
  // Strongest first (ties keep the tokens' order), and only the strongest maxTokens count.
  const order = descendingOrder(strengths, kept.length)
  const used = Math.min(kept.length, parameters.maxTokens)
  // The explanation's entries: the first five of the strongest on each side, strongest first.
  const spammiest: BayesVerdict['spammiest'] = []
  const hammiest: BayesVerdict['hammiest'] = []
  for (let rank = 0; rank < used && (spammiest.length < 5 || hammiest.length < 5); rank++) {
    const index = order[rank] as number
    const probability = probabilities[index] as number
    const side = probability > 0.5 ? spammiest : probability < 0.5 ? hammiest : null
    if (side && side.length < 5) side.push({ token: kept[index] as string, probability })
  }
  return {
    probability: used === 0 ? 0.5 : combine(probabilities, order, used),
    source,
    trainedOn: { spam: corpus.spamMessages, ham: corpus.hamMessages },
    tokensUsed: used,
    spammiest,
    hammiest,
  }
}
