import { describe, expect, it } from 'vitest'
import { defaultPolicy, resolvePolicy } from '../../../src/spam/policy.js'
import { spamHistory, trustedAuthor } from '../../../src/spam/rules/history.js'
import { noFacts } from '../../../src/spam/rules/types.js'
import { assessComment } from '../../../src/spam/score.js'
import { detail, history, input, points } from './history-situations.js'

/** The sender's standing on the site: trusted for approved comments, suspect for spam. */

describe('trusted-author (C1)', () => {
  it.each([
    [1, -4],
    [2, -4],
    [3, -6],
    [250, -6],
  ])(
    'takes off points for %i approved comments with the e-mail address (%d), and no more',
    (approved, expected) => {
      expect(points(trustedAuthor, { facts: { email: history(approved, 0) } })).toBe(expected)
    },
  )

  it('says how many', () => {
    expect(detail(trustedAuthor, { facts: { email: history(1, 0) } })).toBe(
      'An earlier comment with this e-mail address was approved on this site.',
    )
    expect(detail(trustedAuthor, { facts: { email: history(4, 0) } })).toBe(
      '4 earlier comments with this e-mail address were approved on this site.',
    )
  })

  it.each([
    ['no history', history(0, 0)],
    ['spam with the same address', history(5, 1)],
  ])('gives no trust with %s', (_, email) => {
    expect(points(trustedAuthor, { facts: { email } })).toBeNull()
  })

  it('does not trust an approved author URL host or IP address: neither identifies a person', () => {
    expect(points(trustedAuthor, { facts: { authorHost: history(9, 0), ip: history(9, 0) } })).toBeNull()
  })

  it('is bounded by the site’s trustCap', () => {
    const policy = resolvePolicy({ trustCap: 2 })
    const assessment = assessComment(input(), { ...noFacts, email: history(5, 0) }, policy)
    expect(assessment.score).toBe(-2)
  })

  it('cannot lower a decisive rule’s floor: a filled honeypot is spam whatever the history', () => {
    const assessment = assessComment(
      input({ honeypot: 'x' }),
      { ...noFacts, email: history(50, 0) },
      defaultPolicy,
    )
    expect(assessment.verdict).toBe('spam')
  })
})

describe('spam-history (C2)', () => {
  it('gives 3 when the e-mail address has spam on this site', () => {
    expect(points(spamHistory, { facts: { email: history(0, 2) } })).toBe(3)
    expect(detail(spamHistory, { facts: { email: history(0, 2) } })).toBe(
      '2 earlier comments with this e-mail address were marked as spam on this site.',
    )
  })

  it('gives 3 when the author URL’s host has spam on this site', () => {
    const situation = { url: 'https://pronos-gagnants.bet/vip', facts: { authorHost: history(0, 1) } }
    expect(points(spamHistory, situation)).toBe(3)
    expect(detail(spamHistory, situation)).toBe(
      'An earlier comment with a website on pronos-gagnants.bet was marked as spam on this site.',
    )
  })

  it('names both when both have spam, and counts once', () => {
    const situation = {
      url: 'https://pronos-gagnants.bet',
      facts: { email: history(0, 1), authorHost: history(0, 3), ip: history(0, 1) },
    }
    expect(points(spamHistory, situation)).toBe(3)
    expect(detail(spamHistory, situation)).toBe(
      'An earlier comment with this e-mail address and 3 earlier comments with a website on pronos-gagnants.bet were marked as spam on this site.',
    )
  })

  it('gives 1.5 when only the IP address has spam, and says why it weighs less', () => {
    expect(points(spamHistory, { facts: { ip: history(3, 1) } })).toBe(1.5)
    expect(detail(spamHistory, { facts: { ip: history(3, 1) } })).toBe(
      'An earlier comment from this IP address was marked as spam; an IP address can be shared by many people, so this weighs less.',
    )
  })

  it.each([
    ['a Facebook profile', 'https://www.facebook.com/gerard.b'],
    ['a LinkedIn profile on a country subdomain', 'https://fr.linkedin.com/in/gerard-b'],
    ['a YouTube channel', 'https://m.youtube.com/@gerard'],
  ])('ignores the history of a shared platform’s host: %s', (_, url) => {
    expect(points(spamHistory, { url, facts: { authorHost: history(0, 40) } })).toBeNull()
  })

  it('names an internationalised host as readers see it', () => {
    const situation = { url: 'https://кредит-онлайн.рф', facts: { authorHost: history(0, 1) } }
    expect(detail(spamHistory, situation)).toBe(
      'An earlier comment with a website on кредит-онлайн.рф was marked as spam on this site.',
    )
  })

  it('still reads a blog’s own subdomain on a hosting platform', () => {
    expect(
      points(spamHistory, { url: 'https://gerard.blogspot.com', facts: { authorHost: history(0, 1) } }),
    ).toBe(3)
  })

  it.each([
    ['no history', {}],
    ['only approved comments', { email: history(3, 0), authorHost: history(1, 0), ip: history(8, 0) }],
    ['host history without an author URL', { authorHost: history(0, 2) }],
  ])('does not fire with %s', (_, facts) => {
    expect(points(spamHistory, { facts })).toBeNull()
  })

  it('does not even hold a reader behind an IP address that sent spam before (1.5)', () => {
    expect(assessComment(input(), { ...noFacts, ip: history(0, 4) }, defaultPolicy).verdict).toBe('approved')
  })
})
