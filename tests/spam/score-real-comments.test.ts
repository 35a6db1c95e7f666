import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { defaultPolicy } from '../../src/spam/policy.js'
import { noFacts } from '../../src/spam/rules/types.js'
import { assessComment } from '../../src/spam/score.js'
import { approvedWithout, input, policy, ruleIds } from './scoring.js'

// The whole engine on real comments: ordinary ones in many languages, and the newsroom data set.

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
