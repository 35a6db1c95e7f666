import { describe, expect, it } from 'vitest'
import { defaultPolicy } from '../../../src/spam/policy.js'
import { historyRules } from '../../../src/spam/rules/history.js'
import { noFacts } from '../../../src/spam/rules/types.js'
import { assessComment } from '../../../src/spam/score.js'
import { contextOf, history, input } from './history-situations.js'

/** The history rules as a whole: their catalogue, how they add up, and any input they are given. */

describe('history rules', () => {
  it('are listed in catalogue order with their weights', () => {
    expect(historyRules.map(({ id, weight }) => [id, weight])).toEqual([
      ['trusted-author', -4],
      ['spam-history', 3],
      ['duplicate', 3],
      ['near-duplicate', 1],
      ['frequent-sender', 2],
    ])
  })

  it('hold a campaign comment sent many times from one address, and mark it spam once its sender has spam', () => {
    const campaign = {
      ...noFacts,
      duplicates: { identical: 3, similar: 0 },
      recentFromSender: 14,
    }
    expect(assessComment(input(), campaign, defaultPolicy)).toMatchObject({ verdict: 'spam', score: 5 })
    expect(assessComment(input(), { ...campaign, recentFromSender: 0 }, defaultPolicy).verdict).toBe(
      'pending',
    )
  })

  it('let a regular’s trust offset a shared IP address’s history', () => {
    const facts = { ...noFacts, email: history(3, 0), ip: history(0, 2) }
    expect(assessComment(input(), facts, defaultPolicy)).toMatchObject({ verdict: 'approved', score: -4.5 })
  })

  const N = 20_000
  it.each([
    ['letters', 'a'.repeat(N)],
    ['spaces', ' '.repeat(N)],
    ['emoji', '😀'.repeat(N / 2)],
    ['praise', 'great post '.repeat(N / 11)],
    ['links', 'https://a.example '.repeat(N / 18)],
  ])('return on 20 000 characters of %s', (_, content) => {
    const context = contextOf({
      content,
      url: `https://${'a.'.repeat(N / 4)}example`,
      facts: {
        email: history(1, 1),
        authorHost: history(1, 1),
        ip: history(1, 1),
        duplicates: { identical: 1, similar: 1 },
        recentFromSender: 10,
      },
    })
    for (const rule of historyRules) expect(() => rule.evaluate(context)).not.toThrow()
  })
})
