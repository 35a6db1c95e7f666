import { describe, expect, it } from 'vitest'
import { defaultPolicy, type Policy, resolvePolicy } from '../../src/spam/policy.js'
import {
  type Assessment,
  assessComment,
  type CommentToScore,
  ruleWeights,
  type ScoringFacts,
} from '../../src/spam/score.js'

const policy = (overrides: Partial<Policy> = {}): Policy => ({ ...defaultPolicy, ...overrides })
const comment = (overrides: Partial<CommentToScore> = {}): CommentToScore => ({
  content: 'Merci pour cet article très clair.',
  authorName: 'Camille',
  authorEmail: 'camille@exemple.fr',
  authorUrl: null,
  honeypot: null,
  ...overrides,
})
const newcomer: ScoringFacts = { authorHasApprovedComment: false }
const regular: ScoringFacts = { authorHasApprovedComment: true }
const rules = (assessment: Assessment) => assessment.reasons.map((reason) => reason.rule)
const twoLinks = 'Voir https://a.example et https://b.example'

describe('assessComment', () => {
  it('approves an ordinary comment with a score of 0 and no reasons', () => {
    expect(assessComment(comment(), newcomer, defaultPolicy)).toEqual({
      verdict: 'approved',
      score: 0,
      reasons: [],
    })
  })

  describe('honeypot', () => {
    it('marks a comment whose hidden field was filled in as spam', () => {
      const assessment = assessComment(comment({ honeypot: 'http://bot.example' }), newcomer, defaultPolicy)
      expect(assessment.verdict).toBe('spam')
      expect(assessment.score).toBe(ruleWeights.honeypot)
      expect(rules(assessment)).toEqual(['honeypot'])
    })

    it.each([
      ['null', null],
      ['empty', ''],
      ['only whitespace', ' \n\t'],
    ])('ignores a hidden field that is %s', (_, honeypot) => {
      expect(assessComment(comment({ honeypot }), newcomer, defaultPolicy).verdict).toBe('approved')
    })
  })

  describe('terms', () => {
    it('marks a comment containing a blocked term as spam and quotes the term', () => {
      const assessment = assessComment(
        comment({ content: 'Le meilleur CASINO en ligne' }),
        newcomer,
        policy({ blockedTerms: ['casino'] }),
      )
      expect(assessment).toEqual({
        verdict: 'spam',
        score: ruleWeights.blockedTerm,
        reasons: [
          {
            rule: 'blocked-term',
            score: ruleWeights.blockedTerm,
            detail: expect.stringContaining('“casino”'),
          },
        ],
      })
    })

    it('quotes every blocked term found', () => {
      const assessment = assessComment(
        comment({ content: 'casino and viagra' }),
        newcomer,
        policy({ blockedTerms: ['viagra', 'casino', 'lottery'] }),
      )
      expect(assessment.reasons[0]?.detail).toBe('Contains blocked terms: “viagra”, “casino”.')
    })

    it('looks for blocked terms in the author name too', () => {
      const assessment = assessComment(
        comment({ authorName: 'Casino Royale Bonus' }),
        newcomer,
        policy({ blockedTerms: ['casino'] }),
      )
      expect(assessment.verdict).toBe('spam')
    })

    it('holds a comment containing a held term for a moderator', () => {
      const assessment = assessComment(
        comment({ content: 'Parlons de crypto ce soir.' }),
        newcomer,
        policy({ heldTerms: ['crypto'] }),
      )
      expect(assessment).toEqual({
        verdict: 'pending',
        score: ruleWeights.heldTerm,
        reasons: [
          { rule: 'held-term', score: ruleWeights.heldTerm, detail: expect.stringContaining('“crypto”') },
        ],
      })
    })

    it('adds up a blocked and a held term, and the blocked one decides', () => {
      const assessment = assessComment(
        comment({ content: 'crypto casino' }),
        newcomer,
        policy({ blockedTerms: ['casino'], heldTerms: ['crypto'] }),
      )
      expect(assessment.verdict).toBe('spam')
      expect(assessment.score).toBe(ruleWeights.blockedTerm + ruleWeights.heldTerm)
      expect(rules(assessment)).toEqual(['blocked-term', 'held-term'])
    })

    it('does not fire on a term hidden inside an innocent word', () => {
      const assessment = assessComment(
        comment({ content: 'A classic assessment from Scunthorpe.' }),
        newcomer,
        policy({ blockedTerms: ['ass', 'cunt'] }),
      )
      expect(assessment).toEqual({ verdict: 'approved', score: 0, reasons: [] })
    })
  })

  describe('links', () => {
    it('holds a comment with as many links as the policy allows', () => {
      const assessment = assessComment(comment({ content: twoLinks }), newcomer, defaultPolicy)
      expect(assessment).toEqual({
        verdict: 'pending',
        score: ruleWeights.links,
        reasons: [
          {
            rule: 'links',
            score: ruleWeights.links,
            detail: 'Contains 2 links; this site holds comments with 2 or more.',
          },
        ],
      })
    })

    it('approves a comment with fewer links than the limit', () => {
      const assessment = assessComment(
        comment({ content: 'Source : https://a.example' }),
        newcomer,
        defaultPolicy,
      )
      expect(assessment.verdict).toBe('approved')
    })

    it('holds a single link when the limit is 1', () => {
      const assessment = assessComment(
        comment({ content: 'Source : https://a.example' }),
        newcomer,
        policy({ maxLinks: 1 }),
      )
      expect(rules(assessment)).toEqual(['links'])
    })

    it('turns the rule off with maxLinks 0, however many links there are', () => {
      const content = Array.from({ length: 20 }, (_, i) => `https://site${i}.example`).join(' ')
      expect(assessComment(comment({ content }), newcomer, policy({ maxLinks: 0 }))).toEqual({
        verdict: 'approved',
        score: 0,
        reasons: [],
      })
    })

    it("does not count the author's own website as a link in the comment", () => {
      const assessment = assessComment(
        comment({ authorUrl: 'https://camille.example', content: 'Source : https://a.example' }),
        newcomer,
        defaultPolicy,
      )
      expect(assessment.verdict).toBe('approved')
    })
  })

  describe('trusted author', () => {
    it('lowers the score of an author with an approved comment and says why', () => {
      const assessment = assessComment(comment(), regular, defaultPolicy)
      expect(assessment).toEqual({
        verdict: 'approved',
        score: ruleWeights.trustedAuthor,
        reasons: [{ rule: 'trusted-author', score: ruleWeights.trustedAuthor, detail: expect.any(String) }],
      })
      expect(ruleWeights.trustedAuthor).toBeLessThan(0)
    })

    it.each([
      ['a filled honeypot', comment({ honeypot: 'x' }), policy(), 'spam'],
      ['a blocked term', comment({ content: 'casino' }), policy({ blockedTerms: ['casino'] }), 'spam'],
      ['a held term', comment({ content: 'crypto' }), policy({ heldTerms: ['crypto'] }), 'pending'],
      ['too many links', comment({ content: twoLinks }), policy(), 'pending'],
    ] as const)('never lowers the verdict set by %s', (_, scored, rulePolicy, verdict) => {
      const stranger = assessComment(scored, newcomer, rulePolicy)
      const trusted = assessComment(scored, regular, rulePolicy)
      expect(stranger.verdict).toBe(verdict)
      expect(trusted.verdict).toBe(verdict)
      expect(trusted.score).toBe(stranger.score + ruleWeights.trustedAuthor)
    })
  })

  describe("moderation 'all'", () => {
    const holdAll = policy({ moderation: 'all' })

    it('holds an otherwise approved comment and says why', () => {
      const assessment = assessComment(comment(), newcomer, holdAll)
      expect(assessment).toEqual({
        verdict: 'pending',
        score: 0,
        reasons: [
          { rule: 'moderation-all', score: 0, detail: 'This site holds every comment for a moderator.' },
        ],
      })
    })

    it('holds a trusted author too', () => {
      const assessment = assessComment(comment(), regular, holdAll)
      expect(assessment.verdict).toBe('pending')
      expect(rules(assessment)).toEqual(['trusted-author', 'moderation-all'])
    })

    it('keeps spam as spam', () => {
      const assessment = assessComment(comment({ honeypot: 'x' }), newcomer, holdAll)
      expect(assessment.verdict).toBe('spam')
      expect(rules(assessment)).toEqual(['honeypot'])
    })

    it('keeps a held comment pending with the reason that held it', () => {
      const assessment = assessComment(comment({ content: twoLinks }), newcomer, holdAll)
      expect(assessment.verdict).toBe('pending')
      expect(rules(assessment)).toEqual(['links'])
    })
  })

  describe('thresholds', () => {
    it.each([
      [
        'at the hold threshold',
        { hold: ruleWeights.links, spam: 10 },
        comment({ content: twoLinks }),
        newcomer,
        'pending',
      ],
      [
        'at the spam threshold',
        { hold: 1, spam: ruleWeights.links },
        comment({ content: twoLinks }),
        newcomer,
        'spam',
      ],
      [
        'above the spam threshold',
        { hold: 1, spam: ruleWeights.links - 1 },
        comment({ content: twoLinks }),
        newcomer,
        'spam',
      ],
      [
        'a negative score at a negative hold threshold',
        { hold: -3, spam: 10 },
        comment(),
        regular,
        'pending',
      ],
      [
        'a negative score just below the hold threshold',
        { hold: -2, spam: 10 },
        comment(),
        regular,
        'approved',
      ],
      ['a score of 0 with a hold threshold of 0', { hold: 0, spam: 100 }, comment(), newcomer, 'pending'],
    ] as const)('bands the score: %s', (_, thresholds, scored, facts, verdict) => {
      expect(assessComment(scored, facts, policy({ thresholds })).verdict).toBe(verdict)
    })

    it('keeps a decisive rule decisive even when thresholds are out of reach', () => {
      const lenient = policy({ thresholds: { hold: 50, spam: 100 }, blockedTerms: ['casino'] })
      expect(assessComment(comment({ honeypot: 'x' }), newcomer, lenient).verdict).toBe('spam')
      expect(assessComment(comment({ content: 'casino' }), newcomer, lenient).verdict).toBe('spam')
      expect(assessComment(comment({ content: twoLinks }), newcomer, lenient).verdict).toBe('pending')
    })
  })

  it('explains every rule with a rule id, a numeric score and a sentence, and the score is their sum', () => {
    const everything = assessComment(
      comment({ content: `casino crypto ${twoLinks}`, honeypot: 'x' }),
      regular,
      policy({ blockedTerms: ['casino'], heldTerms: ['crypto'] }),
    )
    const heldForAll = assessComment(comment(), newcomer, policy({ moderation: 'all' }))
    const reasons = [...everything.reasons, ...heldForAll.reasons]
    expect(reasons.map((reason) => reason.rule)).toEqual([
      'honeypot',
      'blocked-term',
      'held-term',
      'links',
      'trusted-author',
      'moderation-all',
    ])
    for (const reason of reasons) {
      expect(reason.rule).toMatch(/^[a-z]+(-[a-z]+)*$/)
      expect(Number.isFinite(reason.score)).toBe(true)
      expect(reason.detail).toMatch(/^\p{Lu}.{10,}\.$/u)
    }
    expect(everything.score).toBe(everything.reasons.reduce((sum, reason) => sum + reason.score, 0))
  })

  describe('fairness: ordinary comments in any language are approved without a reason', () => {
    // A realistic list of English terms that must not catch innocent words in other languages or inside words.
    const englishLists = policy({
      blockedTerms: ['ass', 'sex', 'casino', 'porn'],
      heldTerms: ['tit', 'crypto'],
    })

    it.each([
      [
        'French with accents',
        'Zoé Lefèvre',
        'Très bel article ! J’ai appris énormément sur l’histoire de la Côte d’Ivoire. Vous avez assez de classe, c’est passé à Essex. Merci à l’équipe 👏',
      ],
      [
        'English',
        'Sam O’Brien',
        'Great piece. The classic assessment (see p. 12, e.g. the 1970s) was more nuanced in Sussex; I’d add a title or two.',
      ],
      ['Russian', 'Дмитрий Ёлкин', 'Отличная статья, спасибо! Жду продолжения. Ёжик в тумане 🦔'],
      ['Korean', '김민준', '좋은 기사 감사합니다. 다음 편도 기대할게요! 😊'],
      [
        'Arabic with right-to-left marks',
        'محمد عبد الله',
        '\u200Fمقال رائع، شكراً لكم على هذا التحليل العميق.\u200F',
      ],
      ['Chinese', '王芳', '这篇文章写得很好，谢谢分享！我学到了很多。'],
      ['Japanese', '佐藤さくら', 'とても参考になりました。ありがとうございます！'],
      ['Hindi with combining marks', 'प्रिया', 'बहुत अच्छा लेख है, धन्यवाद। क्षमा करें।'],
      ['Vietnamese', 'Nguyễn Văn An', 'Bài viết rất hay, cảm ơn tác giả!'],
      ['emoji and ZWJ sequences', '👩🏽‍💻 Ada', 'Bravo 👨‍👩‍👧‍👦 ❤️‍🔥 🏳️‍🌈 🇫🇷 1️⃣'],
      ['decomposed accents', 'Zoe\u0308', 'cafe\u0301 cre\u0300me bru\u0302le\u0301e'],
    ])('%s', (_, authorName, content) => {
      const approved = { verdict: 'approved', score: 0, reasons: [] }
      expect(assessComment(comment({ authorName, content }), newcomer, defaultPolicy)).toEqual(approved)
      expect(assessComment(comment({ authorName, content }), newcomer, englishLists)).toEqual(approved)
    })
  })
})

describe('resolvePolicy', () => {
  it.each([
    ['undefined', undefined],
    ['null', null],
    ['an empty object', {}],
  ])('gives the default policy for %s', (_, stored) => {
    expect(resolvePolicy(stored)).toEqual(defaultPolicy)
  })

  it('has the documented defaults', () => {
    expect(defaultPolicy).toEqual({
      moderation: 'auto',
      maxLinks: 2,
      blockedTerms: [],
      heldTerms: [],
      thresholds: { hold: 5, spam: 10 },
      floodIntervalSeconds: 15,
    })
  })

  it('fills what the site did not override with the defaults', () => {
    expect(resolvePolicy({ maxLinks: 5, blockedTerms: ['casino'] })).toEqual({
      ...defaultPolicy,
      maxLinks: 5,
      blockedTerms: ['casino'],
    })
  })

  it('takes stored thresholds as a whole', () => {
    expect(resolvePolicy({ thresholds: { hold: 1, spam: 2 } }).thresholds).toEqual({ hold: 1, spam: 2 })
  })

  it.each([
    ['a string', 'moderation=all'],
    ['an array', ['casino']],
    ['a number', 42],
    ['an out-of-range maxLinks', { maxLinks: -1 }],
    ['an unknown moderation mode', { moderation: 'none' }],
    ['a hold threshold above the spam one', { thresholds: { hold: 20, spam: 10 } }],
    ['a blocked term that is not text', { blockedTerms: [42] }],
    ['an unknown setting', { akismetKey: 'abc' }],
  ])('ignores stored overrides that are %s', (_, stored) => {
    expect(resolvePolicy(stored)).toEqual(defaultPolicy)
  })

  // One stale or invalid override must not silently switch off a site's other choices (its blocked terms, say):
  // only the invalid override falls back to its default.
  it.each([
    ['an invalid maxLinks', { blockedTerms: ['casino'], maxLinks: -1 }],
    ['a setting this version no longer knows', { blockedTerms: ['casino'], akismetKey: 'abc' }],
  ])('keeps the valid overrides when the site also stored %s', (_, stored) => {
    expect(resolvePolicy(stored).blockedTerms).toEqual(['casino'])
  })
})

describe('rules that only hold a comment', () => {
  it('leave it pending even when several fire together under the default policy', () => {
    const policy = resolvePolicy({ heldTerms: ['bitcoin'] })
    const assessment = assessComment(
      { content: 'Bitcoin: https://a.example https://b.example https://c.example', authorName: 'Lea' },
      { authorHasApprovedComment: false },
      policy,
    )
    expect(assessment.reasons.map((reason) => reason.rule)).toEqual(['held-term', 'links'])
    expect(assessment.verdict).toBe('pending')
  })
})
