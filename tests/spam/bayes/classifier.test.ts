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
