import { describe, expect, it } from 'vitest'
import type { CommentRow } from '../../src/db/schema.js'
import {
  type CorpusMove,
  learningChange,
  SERVER_CORPUS,
  unlearningChange,
} from '../../src/moderation/learning.js'
import { learningTokensOf } from '../../src/moderation/scoring-input.js'

const comment = (overrides: Partial<CommentRow> = {}): CommentRow =>
  ({
    id: '01900000-0000-7000-8000-000000000001',
    siteId: 'le-quotidien',
    articleId: 'sommet',
    articleUrl: null,
    articleTitle: null,
    articleLanguage: 'fra',
    parentId: null,
    authorName: 'Amélie',
    authorEmail: null,
    authorUrl: null,
    content: 'Analyse très juste des négociations de Genève, merci.',
    status: 'pending',
    reasons: [],
    userAgent: null,
    referrer: null,
    learnedAs: null,
    learnedTokens: null,
    learnedInServerCorpus: null,
    ...overrides,
  }) as CommentRow

/** The move of one corpus, the site's unless told. */
const moveOf = (change: ReturnType<typeof learningChange>, corpus = 'le-quotidien'): CorpusMove | undefined =>
  change?.corpora.find((move) => move.corpus === corpus)

describe('what a decision teaches the learned model', () => {
  it('learns an approval as one genuine message, each token once, in the site and the server corpus', () => {
    const pending = comment()
    const change = learningChange(pending, 'approved', true)
    const tokens = [...new Set(learningTokensOf(pending))].sort()
    expect(change).toMatchObject({ learnedAs: 'ham', learnedInServerCorpus: true })
    expect(change?.corpora.map((move) => move.corpus)).toEqual([SERVER_CORPUS, 'le-quotidien'])
    for (const move of change?.corpora ?? []) {
      expect(move).toMatchObject({ tokens, spamMessages: 0, hamMessages: 1 })
      expect(move.ham).toEqual(tokens.map(() => 1))
      expect(move.spam).toEqual(tokens.map(() => 0))
    }
  })

  it("teaches the site's corpus alone when sites do not share (SHARED_LEARNING=false), and records it", () => {
    const change = learningChange(comment(), 'spam', false)
    expect(change).toMatchObject({ learnedAs: 'spam', learnedInServerCorpus: false })
    expect(change?.corpora.map((move) => move.corpus)).toEqual(['le-quotidien'])
  })

  it('moves a reversed decision out of one class and into the other in one delta per token', () => {
    const approved = comment({
      status: 'approved',
      learnedAs: 'ham',
      learnedTokens: ['genève', 'merci', 'vieux'],
      learnedInServerCorpus: true,
    })
    const change = learningChange(approved, 'spam', true)
    const site = moveOf(change)
    expect(site?.spamMessages).toBe(1)
    expect(site?.hamMessages).toBe(-1)
    const moves = Object.fromEntries(
      (site?.tokens ?? []).map((token, at) => [token, [site?.spam[at], site?.ham[at]]]),
    )
    // Learned before and judged now: out of ham, into spam. Learned before only: out of ham.
    expect(moves.merci).toEqual([1, -1])
    expect(moves.vieux).toEqual([0, -1])
    expect(change?.learnedTokens).not.toContain('vieux')
    expect(moveOf(change, SERVER_CORPUS)).toEqual(site && { ...site, corpus: SERVER_CORPUS })
  })

  it('takes from the server corpus only what the comment taught it, whatever sharing is now', () => {
    const taughtAlone = comment({
      status: 'approved',
      learnedAs: 'ham',
      learnedTokens: ['merci'],
      learnedInServerCorpus: false,
    })
    // Sharing turned on since: the server learns the new label, and gives back nothing it was never given.
    const nowShared = moveOf(learningChange(taughtAlone, 'spam', true), SERVER_CORPUS)
    expect(nowShared).toMatchObject({ spamMessages: 1, hamMessages: 0 })
    expect(nowShared?.ham.every((move) => move === 0)).toBe(true)

    const taughtBoth = { ...taughtAlone, learnedInServerCorpus: true }
    // Sharing turned off since: the server gives back what it was taught, and learns nothing new.
    const change = learningChange(taughtBoth, 'spam', false)
    expect(change?.learnedInServerCorpus).toBe(false)
    expect(moveOf(change, SERVER_CORPUS)).toEqual({
      corpus: SERVER_CORPUS,
      tokens: ['merci'],
      spam: [0],
      ham: [-1],
      spamMessages: 0,
      hamMessages: -1,
    })
  })

  it('unlearns a rejected comment, which teaches nothing (a reject is not spam)', () => {
    const spam = comment({
      status: 'spam',
      learnedAs: 'spam',
      learnedTokens: ['casino', 'gratuit'],
      learnedInServerCorpus: false,
    })
    expect(learningChange(spam, 'rejected', true)).toEqual({
      learnedAs: null,
      learnedTokens: null,
      learnedInServerCorpus: null,
      corpora: [
        {
          corpus: 'le-quotidien',
          tokens: ['casino', 'gratuit'],
          spam: [-1, -1],
          ham: [0, 0],
          spamMessages: -1,
          hamMessages: 0,
        },
      ],
    })
  })

  it('takes a comment learned before the choice was recorded to have taught what the setting at hand says', () => {
    const legacy = comment({ status: 'spam', learnedAs: 'spam', learnedTokens: ['casino'] })
    const corporaOf = (change: ReturnType<typeof unlearningChange>) =>
      change?.corpora.map((move) => move.corpus)
    expect(corporaOf(unlearningChange(legacy, true))).toEqual([SERVER_CORPUS, 'le-quotidien'])
    expect(corporaOf(unlearningChange(legacy, false))).toEqual(['le-quotidien'])
    // A reversal records what it taught from then on.
    expect(learningChange(legacy, 'approved', false)).toMatchObject({
      learnedInServerCorpus: false,
      corpora: [{ corpus: 'le-quotidien' }],
    })
  })

  it('changes nothing when the model already holds the comment under the right label', () => {
    expect(
      learningChange(comment({ status: 'spam', learnedAs: 'spam', learnedTokens: ['x'] }), 'spam', true),
    ).toBeNull()
    expect(learningChange(comment(), 'rejected', true)).toBeNull()
  })
})
