import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type Corpus,
  classify,
  defaultBayesParameters,
  type TokenCounts,
} from '../../../src/spam/bayes/classifier.js'

/** A corpus of `spam` and `ham` messages, with these counts of some tokens. */
const corpusOf = (spam: number, ham: number, tokens: Record<string, [number, number]>): Corpus => ({
  spamMessages: spam,
  hamMessages: ham,
  tokens: new Map<string, TokenCounts>(
    Object.entries(tokens).map(([token, [s, h]]) => [token, { spam: s, ham: h }]),
  ),
})
const empty = corpusOf(0, 0, {})
const options = { minMessages: 50 }
const onServer = (corpus: Corpus) => ({ site: corpus, server: corpus })
const probabilityOf = (tokens: string[], corpus: Corpus) =>
  classify(tokens, onServer(corpus), options)?.probability ?? Number.NaN

const trained = corpusOf(200, 200, {
  subscribe: [120, 1],
  'b:my channel': [80, 0],
  once: [1, 0],
  twice: [2, 0],
  song: [20, 60],
  article: [0, 90],
  the: [100, 100],
})

describe('classify', () => {
  it('has no opinion until a corpus has the minimum of both classes', () => {
    expect(classify(['subscribe'], onServer(corpusOf(49, 500, { subscribe: [40, 0] })), options)).toBeNull()
    const fromServer = classify(['subscribe'], { site: empty, server: trained }, options)
    expect(fromServer?.source).toBe('server')
  })

  it('is near certain on tokens seen often in spam and never in ham, and the reverse', () => {
    expect(probabilityOf(['subscribe', 'b:my channel'], trained)).toBeGreaterThan(0.99)
    expect(probabilityOf(['article', 'song'], trained)).toBeLessThan(0.05)
  })

  it('lets a token seen once count for little, and more with each sighting', () => {
    const once = probabilityOf(['once'], trained)
    const twice = probabilityOf(['twice'], trained)
    expect(once).toBeGreaterThan(0.5)
    expect(once).toBeLessThan(0.95)
    expect(twice).toBeGreaterThan(once)
  })

  it('is unsure about words it never saw, in any script', () => {
    for (const text of [
      ['좋은', '기사'],
      ['спасибо', 'статья'],
      ['unseen', 'words'],
    ]) {
      const verdict = classify(text, onServer(trained), options)
      expect(verdict).toMatchObject({ probability: 0.5, tokensUsed: 0 })
    }
  })

  it("draws a site's counts towards the server's view of the same token", () => {
    const server = corpusOf(400, 400, { deal: [0, 300] })
    const site = corpusOf(100, 100, { deal: [3, 0] })
    const alone = classify(['deal'], onServer(site), options)?.probability ?? 0
    const withPrior = classify(['deal'], { site, server }, options)?.probability ?? 1
    expect(withPrior).toBeLessThan(alone)
  })

  it("counts a token the site never saw with the server's view of it, its prior, instead of dropping it", () => {
    const server = corpusOf(400, 400, { viagra: [100, 0] })
    const site = corpusOf(100, 100, { bonjour: [0, 40] })
    const verdict = classify(['viagra'], { site, server }, options)
    expect(verdict?.source).toBe('site')
    expect(verdict?.tokensUsed).toBe(1)
    expect(verdict?.probability).toBeGreaterThan(0.9)
  })

  it('uses the parameters it is given', () => {
    const tokens = ['subscribe', 'the', 'song']
    const everything = classify(tokens, onServer(trained), options)
    // SpamAssassin's cut-off leaves out the neutral "the" (and "song", 0.25).
    const strict = classify(tokens, onServer(trained), {
      ...options,
      parameters: { ...defaultBayesParameters, minProbabilityStrength: 0.346 },
    })
    expect(everything?.tokensUsed).toBe(3)
    expect(strict?.tokensUsed).toBe(1)
  })

  it('names the strongest evidence each way, strongest first', () => {
    const verdict = classify(['song', 'subscribe', 'article', 'b:my channel'], onServer(trained), options)
    expect(verdict?.spammiest.map((entry) => entry.token)).toEqual(['b:my channel', 'subscribe'])
    expect(verdict?.hammiest.map((entry) => entry.token)).toEqual(['article', 'song'])
  })
})

/**
 * The classifier as SpamAssassin describes it, written plainly: every token's probability worked out afresh, the
 * kept ones sorted by a stable sort, the strongest summed as logarithms. classify only selects the strongest and
 * multiplies them in the tokens' order: it must keep the same tokens and explain them the same way, and its
 * probability may differ only by rounding (see `matchesPlain`).
 */
function plainClassify(
  tokens: readonly string[],
  model: { site: Corpus; server: Corpus },
  minMessages: number,
  parameters = defaultBayesParameters,
) {
  const trusted = (corpus: Corpus) => corpus.spamMessages >= minMessages && corpus.hamMessages >= minMessages
  const source = trusted(model.site) ? 'site' : trusted(model.server) ? 'server' : null
  if (!source) return null
  const corpus = source === 'site' ? model.site : model.server
  const smoothed = (counts: TokenCounts | undefined, of: Corpus, prior: number, strength: number) => {
    const sightings = (counts?.spam ?? 0) + (counts?.ham ?? 0)
    if (!counts || sightings === 0) return null
    const spamRate = counts.spam / Math.max(of.spamMessages, 1)
    const hamRate = counts.ham / Math.max(of.hamMessages, 1)
    return (strength * prior + sightings * (spamRate / (spamRate + hamRate))) / (strength + sightings)
  }
  const { unknownWordProbability: x, unknownWordStrength: s, priorStrength } = parameters
  const kept: { token: string; probability: number; strength: number }[] = []
  for (const token of tokens) {
    const serverView = smoothed(model.server.tokens.get(token), model.server, x, s)
    const probability =
      source === 'site'
        ? (smoothed(
            corpus.tokens.get(token),
            corpus,
            serverView ?? x,
            serverView === null ? s : priorStrength,
          ) ?? serverView)
        : serverView
    if (probability === null || Math.abs(probability - 0.5) < parameters.minProbabilityStrength) continue
    const clamped = Math.min(Math.max(probability, 1e-6), 1 - 1e-6)
    kept.push({ token, probability: clamped, strength: Math.abs(clamped - 0.5) })
  }
  const used = kept.sort((a, b) => b.strength - a.strength).slice(0, parameters.maxTokens)
  const chi2q = (chi2: number, degrees: number) => {
    const m = chi2 / 2
    let term = Math.exp(-m)
    let sum = term
    for (let i = 1; i < degrees / 2; i++) {
      term *= m / i
      sum += term
    }
    return Math.min(sum, 1)
  }
  let logSpam = 0
  let logHam = 0
  for (const { probability } of used) {
    logSpam += Math.log(1 - probability)
    logHam += Math.log(probability)
  }
  const spamminess = 1 - chi2q(-2 * logSpam, 2 * used.length)
  const hamminess = 1 - chi2q(-2 * logHam, 2 * used.length)
  const entry = ({ token, probability }: (typeof used)[number]) => ({ token, probability })
  return {
    probability: used.length === 0 ? 0.5 : (spamminess - hamminess + 1) / 2,
    source,
    trainedOn: { spam: corpus.spamMessages, ham: corpus.hamMessages },
    tokensUsed: used.length,
    spammiest: used
      .filter((token) => token.probability > 0.5)
      .slice(0, 5)
      .map(entry),
    hammiest: used
      .filter((token) => token.probability < 0.5)
      .slice(0, 5)
      .map(entry),
  }
}

/** The plain reading's verdict, its probability to twelve decimal places: the products round differently. */
function matchesPlain(verdict: ReturnType<typeof plainClassify>) {
  return verdict === null ? null : { ...verdict, probability: expect.closeTo(verdict.probability, 12) }
}

describe('classify, against the plain reading', () => {
  const vocabulary = Array.from({ length: 16 }, (_, i) => `w${i}`)
  // Small counts (remembered, and often the same for several tokens) and counts past what is remembered. Few words:
  // the site, the server and the texts share many.
  const counts = fc.oneof(
    fc.record({ spam: fc.nat(3), ham: fc.nat(3) }),
    fc.record({ spam: fc.nat(70_000), ham: fc.nat(400) }),
  )
  const corpus = fc.record({
    spamMessages: fc.integer({ min: 0, max: 2000 }),
    hamMessages: fc.integer({ min: 0, max: 2000 }),
    tokens: fc
      .dictionary(fc.constantFrom(...vocabulary), counts, { maxKeys: 50 })
      .map((entries) => new Map(Object.entries(entries))),
  })
  const parameters = fc.oneof(
    fc.constant(defaultBayesParameters),
    fc.record({
      unknownWordProbability: fc.constantFrom(0.5, 0.538, 0.4),
      unknownWordStrength: fc.constantFrom(0.03, 1, 3),
      priorStrength: fc.constantFrom(1, 3, 10),
      minProbabilityStrength: fc.constantFrom(0, 0.1, 0.346),
      maxTokens: fc.constantFrom(0, 1, 5, 15, 150),
    }),
  )
  const tokens = fc.uniqueArray(fc.constantFrom(...vocabulary, 'unseen'))

  it('gives the same verdicts, whether the model is one corpus or two, call after call', () => {
    fc.assert(
      fc.property(
        corpus,
        corpus,
        parameters,
        fc.array(tokens, { minLength: 1, maxLength: 6 }),
        (site, server, parameters, texts) => {
          for (const model of [{ site, server }, onServer(server), { site: empty, server }]) {
            // The same model for several texts in a row (what is remembered is reused), then other parameters.
            for (const text of texts) {
              expect(classify(text, model, { minMessages: 5, parameters })).toEqual(
                matchesPlain(plainClassify(text, model, 5, parameters)),
              )
            }
            expect(classify(texts[0] ?? [], model, { minMessages: 5 })).toEqual(
              matchesPlain(plainClassify(texts[0] ?? [], model, 5)),
            )
          }
        },
      ),
      { numRuns: 300 },
    )
  })

  it('combines hundreds of near-certain tokens without underflow, as the plain reading does', () => {
    // 1e-6 is the strongest a token may be: 150 of them multiply to 1e-900, far below the smallest double.
    const words = Array.from({ length: 400 }, (_, i) => `t${i}`)
    const counts = (i: number): [number, number] =>
      i % 3 === 0 ? [0, 5000] : i % 3 === 1 ? [5000, 0] : [7, 3]
    const server = corpusOf(100, 100, Object.fromEntries(words.map((word, i) => [word, counts(i)])))
    for (const tokens of [words, words.filter((_, i) => i % 3 !== 0), words.filter((_, i) => i % 3 !== 1)]) {
      const verdict = classify(tokens, onServer(server), options)
      expect(Number.isFinite(verdict?.probability)).toBe(true)
      expect(verdict).toEqual(matchesPlain(plainClassify(tokens, onServer(server), 50)))
    }
  })

  it('keeps the same strongest tokens as the plain reading among hundreds, most of them equally strong', () => {
    // Counts from a handful of values: long runs of equal strengths, cut by the 150-token limit.
    const words = Array.from({ length: 500 }, (_, i) => `v${i}`)
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(3), fc.nat(3)), { minLength: 500, maxLength: 500 }),
        fc.shuffledSubarray(words, { minLength: 140, maxLength: 420 }),
        (counts, tokens) => {
          const server = corpusOf(
            100,
            100,
            Object.fromEntries(words.map((word, i) => [word, counts[i] ?? [0, 0]])),
          )
          expect(classify(tokens, onServer(server), options)).toEqual(
            matchesPlain(plainClassify(tokens, onServer(server), 50)),
          )
        },
      ),
      { numRuns: 200 },
    )
  })

  it('keeps the tokens’ order among equally strong ones, on either side', () => {
    // Seen three times in one class only, a token is 0.875 or 0.125: equally strong (exactly), and ranked in the
    // tokens' own order whatever their side.
    const server = corpusOf(100, 100, { a: [3, 0], b: [0, 3], c: [3, 0], d: [0, 3], e: [1, 1] })
    const tokens = ['e', 'b', 'a', 'd', 'c']
    const verdict = classify(tokens, onServer(server), {
      ...options,
      parameters: { ...defaultBayesParameters, maxTokens: 3 },
    })
    expect(verdict).toEqual(
      matchesPlain(plainClassify(tokens, onServer(server), 50, { ...defaultBayesParameters, maxTokens: 3 })),
    )
    expect(verdict?.spammiest.map((entry) => entry.token)).toEqual(['a'])
    expect(verdict?.hammiest.map((entry) => entry.token)).toEqual(['b', 'd'])
  })
})
