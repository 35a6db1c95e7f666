import { describe, expect, it } from 'vitest'
import { resolvePolicy } from '../../../src/spam/policy.js'
import { duplicate, frequentSender, nearDuplicate } from '../../../src/spam/rules/history.js'
import { detail, points } from './history-situations.js'

/** The same text sent again, or the same sender sending many: duplicates, near-duplicates, floods. */

describe('duplicate (B3)', () => {
  it('gives 3 when the same text of 20 characters or more was already posted in the window', () => {
    expect(points(duplicate, { facts: { duplicates: { identical: 2, similar: 0 } } })).toBe(3)
    expect(detail(duplicate, { facts: { duplicates: { identical: 2, similar: 0 } } })).toBe(
      'The same text was already posted 2 times on this site in the last 24 hours, as copy-pasted campaigns are.',
    )
  })

  it('names the site’s own window', () => {
    const policy = resolvePolicy({ duplicateWindowHours: 72 })
    expect(detail(duplicate, { policy, facts: { duplicates: { identical: 1, similar: 0 } } })).toBe(
      'The same text was already posted once on this site in the last 72 hours, as copy-pasted campaigns are.',
    )
  })

  it.each([
    ['Russian', 'Переговоры без участия Украины ничего не дадут. Это уже было в 2014 году.'],
    ['Korean, counted in characters', '연금 개혁은 미래 세대에 큰 부담이 됩니다 정말로요'],
    ['a crypto-recovery scam', 'CYBER SPY RECOVERY helped me recover 3 BTC, they are legit and fast.'],
  ])('fires on a long enough text in any script: %s', (_, content) => {
    expect(points(duplicate, { content, facts: { duplicates: { identical: 1, similar: 0 } } })).toBe(3)
  })

  it.each([
    ['a short reply', 'Nul.'],
    ['19 characters', 'Tout à fait exact.!'],
    ['a short Korean thanks', '좋은 기사 감사합니다'],
    ['generic praise that many readers write alike', 'Merci pour cet article très intéressant !'],
    ['generic praise in English', 'Great article, thanks for sharing!'],
  ])('does not fire on %s', (_, content) => {
    expect(points(duplicate, { content, facts: { duplicates: { identical: 5, similar: 0 } } })).toBeNull()
  })

  it('does not fire without an identical text', () => {
    expect(points(duplicate, { facts: { duplicates: { identical: 0, similar: 3 } } })).toBeNull()
  })
})

describe('near-duplicate (B3)', () => {
  it('gives 1 when a nearly identical text was posted in the window', () => {
    expect(points(nearDuplicate, { facts: { duplicates: { identical: 0, similar: 1 } } })).toBe(1)
    expect(detail(nearDuplicate, { facts: { duplicates: { identical: 0, similar: 3 } } })).toBe(
      '3 nearly identical texts were posted on this site in the last 24 hours, as when a campaign varies a few words.',
    )
  })

  it('does not add to an identical copy already scored by duplicate', () => {
    expect(points(nearDuplicate, { facts: { duplicates: { identical: 1, similar: 4 } } })).toBeNull()
  })

  it.each([
    ['a short text', 'Bravo !'],
    ['generic praise', 'Super article, merci pour le partage.'],
  ])('does not fire on %s', (_, content) => {
    expect(points(nearDuplicate, { content, facts: { duplicates: { identical: 0, similar: 2 } } })).toBeNull()
  })
})

describe('frequent-sender (B1, hourly)', () => {
  it.each([10, 11, 60])('gives 2 for %i comments from the same sender in the last hour', (recent) => {
    expect(points(frequentSender, { facts: { recentFromSender: recent } })).toBe(2)
  })

  it('says how many', () => {
    expect(detail(frequentSender, { facts: { recentFromSender: 12 } })).toBe(
      '12 other comments came from the same IP address or e-mail address on this site in the last hour.',
    )
  })

  it.each([0, 1, 9])('does not fire for %i', (recent) => {
    expect(points(frequentSender, { facts: { recentFromSender: recent } })).toBeNull()
  })
})
