import { describe, expect, it } from 'vitest'
import { analyseText } from '../../../src/spam/analysis.js'
import { defaultPolicy, type Policy, resolvePolicy } from '../../../src/spam/policy.js'
import {
  duplicate,
  frequentSender,
  historyRules,
  nearDuplicate,
  spamHistory,
  trustedAuthor,
} from '../../../src/spam/rules/history.js'
import {
  type Facts,
  noFacts,
  type Rule,
  type RuleContext,
  type ScoringInput,
} from '../../../src/spam/rules/types.js'
import { assessComment } from '../../../src/spam/score.js'

const ORDINARY = 'Travailler jusqu’à 64 ans quand on a commencé à 17 ans sur un chantier, c’est inhumain.'

const input = (
  overrides: Partial<ScoringInput> = {},
  author: Partial<ScoringInput['author']> = {},
): ScoringInput => ({
  content: ORDINARY,
  author: { name: 'Gérard', email: 'gerard.b@orange.fr', url: null, ...author },
  honeypot: null,
  article: { title: 'Retraites', url: 'https://www.journal.example/retraites', language: 'fra' },
  userAgent: 'Mozilla/5.0',
  referrer: null,
  ...overrides,
})

type Situation = {
  facts?: Partial<Facts>
  content?: string
  url?: string | null
  policy?: Policy
}

function contextOf({
  facts = {},
  content = ORDINARY,
  url = null,
  policy = defaultPolicy,
}: Situation): RuleContext {
  const scoring = input({ content }, { url })
  return {
    input: scoring,
    text: analyseText(scoring.content),
    name: analyseText(scoring.author.name),
    facts: { ...noFacts, ...facts },
    policy,
  }
}

/** The points a rule gives (weight × factor), or null when it does not fire. */
function points(rule: Rule, situation: Situation): number | null {
  const finding = rule.evaluate(contextOf(situation))
  return finding ? Math.round(rule.weight * (finding.factor ?? 1) * 100) / 100 : null
}

const detail = (rule: Rule, situation: Situation) => rule.evaluate(contextOf(situation))?.detail
const history = (approved: number, spam: number) => ({ approved, spam })

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
