import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { BayesVerdict } from '../../src/spam/bayes/classifier.js'
import { defaultPolicy, type Policy, resolvePolicy } from '../../src/spam/policy.js'
import { rules } from '../../src/spam/rules/index.js'
import { type Facts, noFacts, type ScoringInput } from '../../src/spam/rules/types.js'
import { type Assessment, assessComment, conclude, evaluateRules } from '../../src/spam/score.js'

const policy = (overrides: Partial<Policy> = {}): Policy => ({ ...defaultPolicy, ...overrides })
const input = (
  overrides: Partial<Omit<ScoringInput, 'author' | 'article'>> & {
    author?: Partial<ScoringInput['author']>
    article?: Partial<ScoringInput['article']>
  } = {},
): ScoringInput => ({
  content: 'Merci pour cet article très clair.',
  honeypot: null,
  userAgent: null,
  referrer: null,
  ...overrides,
  author: { name: 'Camille', email: 'camille@exemple.fr', url: null, ...overrides.author },
  article: { title: null, url: null, language: null, ...overrides.article },
})
/** An author with one approved comment on the site (and no spam). */
const regular: Facts = { ...noFacts, email: { approved: 1, spam: 0 } }
const ruleIds = (assessment: Assessment) => assessment.reasons.map((reason) => reason.rule)
/** A rule's default weight, read from the registry so the specification follows the catalogue. */
const weightOf = (id: string) => {
  const rule = rules.find((candidate) => candidate.id === id)
  if (!rule) throw new Error(`no rule ${id}`)
  return rule.weight
}
const twoLinks = 'Voir https://a.example et https://b.example'
const approvedWithout = { verdict: 'approved', score: 0, reasons: [], blatant: false }

describe('assessComment', () => {
  it('approves an ordinary comment with a score of 0 and no reasons', () => {
    expect(assessComment(input(), noFacts, defaultPolicy)).toMatchObject(approvedWithout)
  })

  describe('honeypot', () => {
    it('marks a comment whose hidden field was filled in as blatant spam', () => {
      const assessment = assessComment(input({ honeypot: 'http://bot.example' }), noFacts, defaultPolicy)
      expect(assessment).toMatchObject({ verdict: 'spam', score: weightOf('honeypot'), blatant: true })
      expect(ruleIds(assessment)).toEqual(['honeypot'])
    })

    it.each([
      ['null', null],
      ['empty', ''],
      ['only whitespace', ' \n\t'],
    ])('ignores a hidden field that is %s', (_, honeypot) => {
      expect(assessComment(input({ honeypot }), noFacts, defaultPolicy).verdict).toBe('approved')
    })
  })

  describe("the site's terms", () => {
    it('marks a comment containing a blocked term as spam and quotes the term', () => {
      const assessment = assessComment(
        input({ content: 'Le meilleur CASINO de la ville' }),
        noFacts,
        policy({ blockedTerms: ['casino'] }),
      )
      expect(assessment).toMatchObject({
        verdict: 'spam',
        score: weightOf('blocked-term'),
        reasons: [
          {
            rule: 'blocked-term',
            score: weightOf('blocked-term'),
            detail: expect.stringContaining('“casino”'),
          },
        ],
      })
    })

    it('looks for blocked terms in the author name too', () => {
      const assessment = assessComment(
        input({ author: { name: 'Casino Royale Bonus' } }),
        noFacts,
        policy({ blockedTerms: ['casino'] }),
      )
      expect(assessment.verdict).toBe('spam')
    })

    it('holds a comment containing a held term for a moderator, whatever its score', () => {
      const assessment = assessComment(
        input({ content: 'Parlons de crypto ce soir.' }),
        noFacts,
        policy({ heldTerms: ['crypto'], thresholds: { hold: 20, spam: 40 } }),
      )
      expect(assessment.verdict).toBe('pending')
      expect(ruleIds(assessment)).toEqual(['held-term'])
    })

    it('adds up a blocked and a held term, and the blocked one decides', () => {
      const assessment = assessComment(
        input({ content: 'crypto casino' }),
        noFacts,
        policy({ blockedTerms: ['casino'], heldTerms: ['crypto'] }),
      )
      expect(assessment.verdict).toBe('spam')
      expect(assessment.score).toBe(weightOf('blocked-term') + weightOf('held-term'))
    })

    it('does not fire on a term hidden inside an innocent word', () => {
      const assessment = assessComment(
        input({ content: 'A classic assessment from Scunthorpe.' }),
        noFacts,
        policy({ blockedTerms: ['ass', 'cunt'] }),
      )
      expect(assessment).toMatchObject(approvedWithout)
    })
  })

  describe('links', () => {
    it('holds a comment with as many links as the policy allows', () => {
      const assessment = assessComment(input({ content: twoLinks }), noFacts, defaultPolicy)
      expect(assessment.verdict).toBe('pending')
      expect(ruleIds(assessment)).toEqual(['links'])
      expect(assessment.reasons[0]?.detail).toMatch(
        /^Contains 2 links .*; this site holds comments with 2 or more\.$/,
      )
    })

    it('approves a comment citing one source', () => {
      const assessment = assessComment(
        input({ content: 'Source : https://a.example' }),
        noFacts,
        defaultPolicy,
      )
      expect(assessment.verdict).toBe('approved')
      expect(ruleIds(assessment)).toEqual(['links'])
    })

    it('holds a single link when the limit is 1', () => {
      const assessment = assessComment(
        input({ content: 'Source : https://a.example' }),
        noFacts,
        policy({ maxLinks: 1 }),
      )
      expect(assessment.verdict).toBe('pending')
    })

    it('no longer forces a hold with maxLinks 0: two links only weigh their points', () => {
      const assessment = assessComment(input({ content: twoLinks }), noFacts, policy({ maxLinks: 0 }))
      expect(assessment.verdict).toBe('approved')
      expect(assessment.reasons[0]?.detail).not.toContain('holds')
    })
  })

  describe('trust', () => {
    it('lowers the score of an author with an approved comment and says why', () => {
      const assessment = assessComment(input(), regular, defaultPolicy)
      expect(assessment).toMatchObject({ verdict: 'approved', score: weightOf('trusted-author') })
      expect(ruleIds(assessment)).toEqual(['trusted-author'])
      expect(weightOf('trusted-author')).toBeLessThan(0)
    })

    it.each([
      ['a filled honeypot', input({ honeypot: 'x' }), policy(), 'spam'],
      ['a blocked term', input({ content: 'casino' }), policy({ blockedTerms: ['casino'] }), 'spam'],
      ['a held term', input({ content: 'crypto' }), policy({ heldTerms: ['crypto'] }), 'pending'],
      ['too many links', input({ content: twoLinks }), policy(), 'pending'],
    ] as const)('never lowers the verdict set by %s', (_, scored, rulePolicy, verdict) => {
      const stranger = assessComment(scored, noFacts, rulePolicy)
      const trusted = assessComment(scored, regular, rulePolicy)
      expect(stranger.verdict).toBe(verdict)
      expect(trusted.verdict).toBe(verdict)
      expect(trusted.score).toBe(stranger.score + weightOf('trusted-author'))
    })

    it("takes off at most the policy's trustCap, and says so", () => {
      const veteran: Facts = { ...noFacts, email: { approved: 10, spam: 0 } }
      const assessment = assessComment(input(), veteran, policy({ trustCap: 2 }))
      expect(assessment.score).toBe(-2)
      expect(ruleIds(assessment)).toEqual(['trusted-author', 'trust-cap'])
      expect(assessment.reasons[1]?.detail).toBe('Trust can take off at most 2 points on this site.')
    })
  })

  describe("moderation 'all'", () => {
    const holdAll = policy({ moderation: 'all' })

    it('holds an otherwise approved comment and says why', () => {
      expect(assessComment(input(), noFacts, holdAll)).toMatchObject({
        verdict: 'pending',
        score: 0,
        reasons: [
          { rule: 'moderation-all', score: 0, detail: 'This site holds every comment for a moderator.' },
        ],
      })
    })

    it('holds a trusted author too', () => {
      const assessment = assessComment(input(), regular, holdAll)
      expect(assessment.verdict).toBe('pending')
      expect(ruleIds(assessment)).toEqual(['trusted-author', 'moderation-all'])
    })

    it('keeps spam as spam', () => {
      const assessment = assessComment(input({ honeypot: 'x' }), noFacts, holdAll)
      expect(assessment.verdict).toBe('spam')
      expect(ruleIds(assessment)).toEqual(['honeypot'])
    })

    it('keeps a held comment pending with the reason that held it', () => {
      const assessment = assessComment(input({ content: twoLinks }), noFacts, holdAll)
      expect(assessment.verdict).toBe('pending')
      expect(ruleIds(assessment)).toEqual(['links'])
    })
  })

  describe('thresholds', () => {
    // "Best online casino bonus" weighs exactly the spam-phrases weight, with no floor.
    const phrase = input({ content: 'Best online casino bonus here' })
    const points = weightOf('spam-phrases')

    it('has the SpamAssassin scale by default: under 2 approve, 2 to 5 hold, 5 and more spam', () => {
      expect(defaultPolicy.thresholds).toEqual({ hold: 2, spam: 5 })
    })

    it.each([
      ['below the hold threshold', { hold: points + 0.5, spam: 10 }, phrase, noFacts, 'approved'],
      ['at the hold threshold', { hold: points, spam: 10 }, phrase, noFacts, 'pending'],
      ['at the spam threshold', { hold: 1, spam: points }, phrase, noFacts, 'spam'],
      ['above the spam threshold', { hold: 1, spam: points - 1 }, phrase, noFacts, 'spam'],
      ['a negative score at a negative hold threshold', { hold: -4, spam: 10 }, input(), regular, 'pending'],
      [
        'a negative score just below the hold threshold',
        { hold: -3, spam: 10 },
        input(),
        regular,
        'approved',
      ],
      ['a score of 0 with a hold threshold of 0', { hold: 0, spam: 100 }, input(), noFacts, 'pending'],
    ] as const)('bands the score: %s', (_, thresholds, scored, facts, verdict) => {
      expect(assessComment(scored, facts, policy({ thresholds })).verdict).toBe(verdict)
    })

    it('keeps a decisive rule decisive and a holding rule holding when thresholds are out of reach', () => {
      const lenient = policy({ thresholds: { hold: 50, spam: 100 }, blockedTerms: ['casino'] })
      expect(assessComment(input({ honeypot: 'x' }), noFacts, lenient).verdict).toBe('spam')
      expect(assessComment(input({ content: 'casino' }), noFacts, lenient).verdict).toBe('spam')
      expect(assessComment(input({ content: twoLinks }), noFacts, lenient).verdict).toBe('pending')
    })

    it('takes a weight from the policy instead of the default, per rule', () => {
      const assessment = assessComment(phrase, noFacts, policy({ weights: { 'spam-phrases': 6 } }))
      expect(assessment).toMatchObject({ verdict: 'spam', score: 6 })
    })

    it('calls a score of three times the spam threshold blatant', () => {
      const loud = input({
        content: 'Free spins! Buy viagra 100mg! WhatsApp +1 (929) 555-0134. Check out my channel',
        author: { name: 'Casino' },
      })
      const assessment = assessComment(loud, noFacts, policy({ thresholds: { hold: 1, spam: 2 } }))
      expect(assessment.score).toBeGreaterThanOrEqual(6)
      expect(assessment.blatant).toBe(true)
    })
  })

  it('explains every rule with a rule id, a numeric score and a sentence, and the score is their sum', () => {
    const everything = assessComment(
      input({ content: `casino crypto ${twoLinks} free spins`, honeypot: 'x' }),
      regular,
      policy({ blockedTerms: ['casino'], heldTerms: ['crypto'] }),
    )
    const heldForAll = assessComment(input(), noFacts, policy({ moderation: 'all' }))
    const reasons = [...everything.reasons, ...heldForAll.reasons]
    expect(reasons.map((reason) => reason.rule)).toEqual([
      'honeypot',
      'blocked-term',
      'held-term',
      'links',
      'spam-phrases',
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

  it('adds what the learned model says, as one more explained reason', () => {
    const verdict: BayesVerdict = {
      probability: 0.999,
      source: 'site',
      trainedOn: { spam: 400, ham: 400 },
      tokensUsed: 12,
      spammiest: [{ token: 'casino', probability: 0.99 }],
      hammiest: [],
    }
    const draft = evaluateRules(input({ content: 'Best online casino bonus here' }), noFacts, defaultPolicy)
    const assessment = conclude(draft, verdict, defaultPolicy)
    expect(ruleIds(assessment)).toEqual(['spam-phrases', 'learned'])
    expect(assessment.reasons[1]?.detail).toContain('“casino”')
    expect(assessment.verdict).toBe('spam')
  })

  it('leaves a comment pending when only holding rules fire, whatever their total', () => {
    const held = assessComment(
      input({ content: 'Le bitcoin: https://a.example https://b.example https://c.example' }),
      noFacts,
      policy({ heldTerms: ['bitcoin'] }),
    )
    expect(ruleIds(held)).toEqual(['held-term', 'links'])
    expect(held.score).toBeGreaterThanOrEqual(defaultPolicy.thresholds.spam)
    expect(held.verdict).toBe('pending')
  })

  it('marks spam when holding rules add up with evidence of another kind', () => {
    const spam = assessComment(
      input({
        content: 'Casino en ligne bonus sans dépôt: https://a.example https://b.example https://c.example',
      }),
      noFacts,
      policy({ heldTerms: ['bonus'] }),
    )
    expect(ruleIds(spam)).toEqual(expect.arrayContaining(['held-term', 'links', 'spam-phrases']))
    expect(spam.verdict).toBe('spam')
  })
})

describe('fairness: ordinary comments in any language are approved without a reason', () => {
  // [language or trait, author name, comment]: 40 ordinary comments, 25 languages and scripts.
  const corpus: [string, string, string][] = [
    [
      'French, accents and elisions',
      'Zoé Lefèvre',
      'Très bel article ! J’ai appris énormément sur l’histoire de la Côte d’Ivoire. Merci à l’équipe 👏',
    ],
    [
      'French, ages and ratios',
      'Gérard',
      "Travailler jusqu'à 64 ans quand on a commencé à 17 ans, avec 1,7 actif par retraité, c'est intenable.",
    ],
    [
      'French, prices and statistics',
      'Sébastien',
      'Mon livret A rapporte 3 % et l’inflation est à 2,5 %. Un T2 à Lyon coûte 1 250 € par mois, pour 68 400 000 habitants.',
    ],
    [
      'French, shouting',
      'Kevin',
      'QUEL MATCH !!! Le but à la 89e, j’ai cru que le stade allait s’effondrer. ALLEZ PARIS !!!',
    ],
    ['French, a reply', 'Arnaud', '@Léa d’après le distributeur, le 12 novembre.'],
    ['French, one word', 'Mathis', 'Nul.'],
    [
      'French, about casinos and loans',
      'Hélène',
      'Les casinos en ligne et les crédits à la consommation ruinent des familles entières, il faut légiférer.',
    ],
    [
      'French, salaries',
      'Nadia',
      'Je gagne 1 500 € par mois après 30 ans de carrière, et on me demande de travailler deux ans de plus.',
    ],
    ['French, slang and emoji', 'Yanis', 'Mdr trop fort ce mec, jpp 😂😂😂😂😂😂😂😂😂😂😂😂'],
    ['French, a helpline', 'Claire', 'Pour les victimes : appelez le 3919, c’est gratuit et anonyme.'],
    [
      'French, soft hyphens in a quote',
      'Bernard',
      '« La réforme est consti\u00ADtution\u00ADnelle », écrit le Conseil.',
    ],
    ['French, decomposed accents', 'Zoe\u0308', 'Cafe\u0301 cre\u0300me et bru\u0302le\u0301e, bravo.'],
    [
      'English',
      'Sam O’Brien',
      'Great piece. The classic assessment (see p. 12, e.g. the 1970s) was more nuanced in Sussex.',
    ],
    [
      'English, homework',
      'David',
      'Do your homework before commenting: the report says the opposite, and the best paper on it is from 2019.',
    ],
    [
      'German compounds',
      'Klaus',
      'Die Rechtsschutzversicherungsgesellschaften und die Donaudampfschifffahrtsgesellschaft haben damit nichts zu tun.',
    ],
    [
      'Italian',
      'Giulia',
      'Bellissimo articolo, grazie! Il film italiano meritava almeno un premio per la regia.',
    ],
    ['Spanish', 'Lucía', 'Muy buen artículo, gracias por explicar la situación con tanto detalle.'],
    ['Portuguese', 'João', 'Excelente matéria, parabéns aos jornalistas pelo trabalho sério.'],
    ['Russian', 'Дмитрий Ёлкин', 'Отличная статья, спасибо! Жду продолжения. Ёжик в тумане 🦔'],
    ['Russian, shouting and a year', 'Ольга', 'НАРОД ПРОТИВ! Это уже было в 2014 году.'],
    [
      'Ukrainian',
      'Андрій',
      'Дякую за обʼєктивну статтю. Французькі медіа рідко так детально пишуть про ситуацію на фронті.',
    ],
    ['Korean, laughing', '김민준', '좋은 기사 감사합니다. 다음 편도 기대할게요! ㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋ'],
    ['Korean, numbers', '이서연', '2024년 12월 3일 계엄령 선포, 국민 5100만 명이 지켜봤습니다.'],
    [
      'Arabic with right-to-left marks',
      'محمد عبد الله',
      '\u200Fمقال رائع، شكراً لكم على هذا التحليل العميق.\u200F',
    ],
    ['Arabic around a Latin name', 'Youssef', 'فريق PSG\u200F فاز أمس بثلاثة أهداف'],
    [
      'Persian with a zero-width non-joiner',
      'سارا',
      'می\u200Cخواهم از نویسنده تشکر کنم، مقاله بسیار خوبی بود.',
    ],
    ['Hebrew', 'נועה', 'מאמר מצוין, תודה רבה על הניתוח.'],
    ['Chinese', '李伟', '欧洲的通货膨胀对中国出口企业影响很大，希望能看到更多这方面的分析。'],
    ['Chinese, laughing', '王芳', '哈哈哈哈哈哈哈哈哈哈哈哈 说得太对了'],
    ['Japanese', '佐藤さくら', 'とても参考になりました。ありがとうございます！'],
    ['Hindi with combining marks', 'प्रिया', 'बहुत अच्छा लेख है, धन्यवाद। क्षमा करें।'],
    ['Thai with zero-width spaces', 'สมชาย', 'บทความ\u200Bนี้\u200Bดี\u200Bมาก ขอบคุณครับ 55555'],
    ['Vietnamese', 'Nguyễn Văn An', 'Bài viết rất hay, cảm ơn tác giả!'],
    ['Turkish', 'Ayşe', 'Çok güzel bir yazı olmuş, emeğinize sağlık, devamını bekliyoruz.'],
    ['Polish', 'Łukasz', 'Świetny artykuł, dziękuję za rzetelne przedstawienie sytuacji na granicy.'],
    ['Czech', 'Jana', 'Strč prst skrz krk, říkají Češi. Dobrý článek.'],
    ['Greek', 'Νίκος', 'Εξαιρετικό άρθρο, ευχαριστώ πολύ.'],
    ['Azerbaijani', 'Elnur', 'Azərbaycan haqqında gözəl məqalə, təşəkkür edirəm.'],
    ['Bambara', 'Awa Traoré', 'I ni ce, sɛbɛn ɲuman don. Ala ka dugu kɛ hɛrɛ ye.'],
    ['emoji and ZWJ sequences', '👩🏽‍💻 Ada', 'Bravo 👨‍👩‍👧‍👦 ❤️‍🔥 🏳️‍🌈 🇫🇷 1️⃣'],
  ]
  // A realistic list of English terms that must not catch innocent words in other languages or inside words.
  const englishLists = policy({
    blockedTerms: ['ass', 'sex', 'casino', 'porn'],
    heldTerms: ['tit', 'crypto'],
  })

  it('has at least 30 comments', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30)
  })

  it.each(corpus)('%s', (_, name, content) => {
    const scored = input({ content, author: { name, email: null } })
    expect(assessComment(scored, noFacts, defaultPolicy)).toMatchObject(approvedWithout)
    expect(assessComment(scored, noFacts, englishLists)).toMatchObject(approvedWithout)
    // Under a French article, a comment in another language gets half a point at most, and stays approved.
    const underFrenchArticle = assessComment(
      { ...scored, article: { ...scored.article, language: 'fra' } },
      noFacts,
      defaultPolicy,
    )
    expect(underFrenchArticle.verdict).toBe('approved')
    expect(underFrenchArticle.reasons.every((reason) => reason.rule === 'language-mismatch')).toBe(true)
  })

  it('approves a comment citing one source with the links reason alone', () => {
    const scored = input({
      content:
        "Pour ceux qui veulent les chiffres : l'INSEE publie l'indice des prix chaque mois, https://www.insee.fr/fr/statistiques — c'est gratuit.",
      author: { name: 'Nathalie' },
    })
    const assessment = assessComment(scored, noFacts, defaultPolicy)
    expect(assessment.verdict).toBe('approved')
    expect(ruleIds(assessment)).toEqual(['links'])
  })
})

describe('the newsroom data set (shared/datasets/newsroom), with heuristics alone', () => {
  const file = fileURLToPath(new URL('../../../shared/datasets/newsroom/comments.jsonl', import.meta.url))
  const present = existsSync(file)
  type Line = {
    label: 'spam' | 'ham'
    lang: string
    name: string
    email: string
    url: string
    content: string
  }
  const lines: Line[] = present
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => JSON.parse(line) as Line)
    : []
  const assess = (line: Line) =>
    assessComment(
      input({
        content: line.content,
        author: { name: line.name, email: line.email || null, url: line.url || null },
      }),
      noFacts,
      defaultPolicy,
    )
  const ham = lines.filter((line) => line.label === 'ham')
  const spam = lines.filter((line) => line.label === 'spam')
  const caught = spam.filter((line) => assess(line).verdict !== 'approved').length

  it.skipIf(!present)(`marks none of the ${ham.length} genuine comments as spam`, () => {
    expect(ham.length).toBeGreaterThan(0)
    const marked = ham.filter((line) => assess(line).verdict === 'spam').map((line) => line.content)
    expect(marked).toEqual([])
  })

  it.skipIf(!present)(
    `holds or rejects ${caught} of the ${spam.length} spam comments (85 % at least)`,
    () => {
      expect(caught / spam.length).toBeGreaterThanOrEqual(0.85)
    },
  )

  if (!present)
    it.skip(`skipped: ${file} is absent (the data sets live beside the project, in ../shared)`, () => {})
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
      thresholds: { hold: 2, spam: 5 },
      weights: {},
      trustCap: 6,
      language: null,
      learningMinMessages: 50,
      duplicateWindowHours: 24,
      floodIntervalSeconds: 15,
    })
  })

  it('fills what the site did not override with the defaults', () => {
    expect(resolvePolicy({ maxLinks: 5, blockedTerms: ['casino'], language: 'fra' })).toEqual({
      ...defaultPolicy,
      maxLinks: 5,
      blockedTerms: ['casino'],
      language: 'fra',
    })
  })

  it('takes stored thresholds and weights as a whole', () => {
    expect(resolvePolicy({ thresholds: { hold: 1, spam: 2 } }).thresholds).toEqual({ hold: 1, spam: 2 })
    expect(resolvePolicy({ weights: { 'all-caps': 0 } }).weights).toEqual({ 'all-caps': 0 })
  })

  it.each([
    ['a string', 'moderation=all'],
    ['an array', ['casino']],
    ['a number', 42],
    ['an out-of-range maxLinks', { maxLinks: -1 }],
    ['an unknown moderation mode', { moderation: 'none' }],
    ['a hold threshold above the spam one', { thresholds: { hold: 20, spam: 10 } }],
    ['a blocked term that is not text', { blockedTerms: [42] }],
    ['a weight for a rule that does not exist', { weights: { 'no-such-rule': 3 } }],
    ['a language that is not an ISO 639-3 code', { language: 'fr' }],
    ['an unknown setting', { akismetKey: 'abc' }],
  ])('ignores stored overrides that are %s', (_, stored) => {
    expect(resolvePolicy(stored)).toEqual(defaultPolicy)
  })

  // One stale or invalid override must not silently switch off a site's other choices (its blocked terms, say):
  // only the invalid override falls back to its default.
  it.each([
    ['an invalid maxLinks', { blockedTerms: ['casino'], maxLinks: -1 }],
    ['a setting this version no longer knows', { blockedTerms: ['casino'], akismetKey: 'abc' }],
    ['an invalid weight', { blockedTerms: ['casino'], weights: { links: 999 } }],
  ])('keeps the valid overrides when the site also stored %s', (_, stored) => {
    expect(resolvePolicy(stored).blockedTerms).toEqual(['casino'])
  })
})
