import { describe, expect, it } from 'vitest'
import type { CommentRow } from '../../src/db/schema.js'
import { learningChange } from '../../src/moderation/learning.js'
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
    ...overrides,
  }) as CommentRow

describe('what a decision teaches the learned model', () => {
  it('learns an approval as one genuine message, each token once', () => {
    const pending = comment()
    const change = learningChange(pending, 'approved')
    const tokens = [...new Set(learningTokensOf(pending))].sort()
    expect(change).toMatchObject({ learnedAs: 'ham', tokens, spamMessages: 0, hamMessages: 1 })
    expect(change?.ham).toEqual(tokens.map(() => 1))
    expect(change?.spam).toEqual(tokens.map(() => 0))
  })

  it('moves a reversed decision out of one class and into the other in one delta per token', () => {
    const approved = comment({
      status: 'approved',
      learnedAs: 'ham',
      learnedTokens: ['genève', 'merci', 'vieux'],
    })
    const change = learningChange(approved, 'spam')
    expect(change?.spamMessages).toBe(1)
    expect(change?.hamMessages).toBe(-1)
    const moves = Object.fromEntries(
      (change?.tokens ?? []).map((token, at) => [token, [change?.spam[at], change?.ham[at]]]),
    )
    // Learned before and judged now: out of ham, into spam. Learned before only: out of ham.
    expect(moves.merci).toEqual([1, -1])
    expect(moves.vieux).toEqual([0, -1])
    expect(change?.learnedTokens).not.toContain('vieux')
  })

  it('unlearns a rejected comment, which teaches nothing (a reject is not spam)', () => {
    const spam = comment({ status: 'spam', learnedAs: 'spam', learnedTokens: ['casino', 'gratuit'] })
    expect(learningChange(spam, 'rejected')).toEqual({
      learnedAs: null,
      learnedTokens: null,
      tokens: ['casino', 'gratuit'],
      spam: [-1, -1],
      ham: [0, 0],
      spamMessages: -1,
      hamMessages: 0,
    })
  })

  it('changes nothing when the model already holds the comment under the right label', () => {
    expect(
      learningChange(comment({ status: 'spam', learnedAs: 'spam', learnedTokens: ['x'] }), 'spam'),
    ).toBeNull()
    expect(learningChange(comment(), 'rejected')).toBeNull()
  })
})
