import { describe, expect, it } from 'vitest'
import { analyseText } from '../../../src/spam/analysis.js'
import { defaultPolicy, type Policy } from '../../../src/spam/policy.js'
import { languageMismatch, languageName } from '../../../src/spam/rules/content/language-mismatch.js'
import { noFacts, type RuleContext } from '../../../src/spam/rules/types.js'

const contextOf = (
  content: string,
  language: string | null,
  policy: Policy = defaultPolicy,
): RuleContext => ({
  input: {
    content,
    author: { name: 'Camille', email: null, url: null },
    honeypot: null,
    article: { title: null, url: null, language },
    userAgent: null,
    referrer: null,
  },
  text: analyseText(content),
  name: analyseText('Camille'),
  facts: noFacts,
  policy,
})
const evaluate = (content: string, language: string | null = 'fra', policy?: Policy) =>
  languageMismatch.evaluate(contextOf(content, language, policy))
const writtenIn = (language: string, article = 'French') =>
  `Written in ${language} on ${/^[AEIOU]/.test(article) ? 'an' : 'a'} ${article}-language article (a weak hint: readers write in many languages).`

const french = [
  'Travailler jusqu’à 64 ans quand on a commencé à 17 ans sur un chantier, c’est inhumain.',
  'La BCE a attendu beaucoup trop longtemps pour remonter ses taux en 2022. On en paie encore le prix.',
  'Il faudrait végétaliser les cours d’écoles, comme à Paris avec le programme « cours Oasis ». Ça marche !',
  'QUEL MATCH !!! Le but à la 89e, j’ai cru que le stade allait s’effondrer. ALLEZ PARIS !!!',
  'Le rapport du COR est consultable ici : https://www.cor-retraites.fr/ — les projections sont moins alarmistes.',
  'Mdr trop fort ce mec, il a raison sur toute la ligne, franchement bravo à lui et à toute son équipe.',
  'Bon, moi je dis ça je dis rien, mais quand même les chiffres de l’INSEE sont clairs là-dessus.',
]

describe('language-mismatch', () => {
  it('weighs half a point: a weak hint only', () => {
    expect(languageMismatch.weight).toBe(0.5)
  })

  describe('fires on a text of 10 words or more clearly in another language', () => {
    it.each([
      [
        'English',
        'Excellent reporting. The map in the second section is the clearest I have seen of the front line.',
      ],
      [
        'German',
        'In Deutschland sieht man das ganz anders: die EZB hat viel zu spät reagiert und die Sparer enteignet.',
      ],
      [
        'Spanish',
        'Muy buen artículo, gracias por explicar la situación con tanto detalle y claridad para todos.',
      ],
      [
        'Russian',
        'Переговоры без участия Украины ничего не дадут. Это уже было в 2014 году, и все это знают.',
      ],
      [
        'Korean',
        '좋은 기사 감사합니다. 다음 편도 기대할게요! 정부의 정책이 서민들에게 어떤 영향을 미칠지 궁금합니다.',
      ],
      ['Chinese', '欧洲的通货膨胀对中国出口企业影响很大，希望能看到更多这方面的分析。'],
      ['Japanese', 'とても参考になりました。ありがとうございます！次の記事も楽しみにしています。'],
      ['Greek', 'Εξαιρετικό άρθρο, ευχαριστώ πολύ για την ανάλυση της κατάστασης στην Ευρώπη σήμερα.'],
      // Persian and Urdu are written in the Arabic script, Hindi in Devanagari: the reason a moderator reads names
      // the language, not the script's best-known one.
      [
        'Arabic',
        'أعتقد أن السياسة الخارجية لإيران كانت ضعيفة جدا في السنوات الأخيرة والناس تعبوا من هذا الوضع',
      ],
      [
        'Persian',
        'به نظر من سیاست خارجی ایران در سال‌های اخیر بسیار ضعیف بوده است و مردم از این وضعیت خسته شده‌اند',
      ],
      ['Persian', 'ما باید با همسایگان خود صلح کنیم و جنگ راه حل نیست، این را همه می‌دانند'],
      ['Urdu', 'میں سمجھتا ہوں کہ پاکستان کی خارجہ پالیسی بہت کمزور ہے اور لوگ اس صورتحال سے تنگ آ چکے ہیں'],
      ['Hindi', 'मुझे लगता है कि भारत की विदेश नीति पिछले कुछ वर्षों में बहुत मजबूत हुई है और लोग खुश हैं'],
    ])('%s under a French article, and names it', (language, content) => {
      expect(evaluate(content)).toEqual({ detail: writtenIn(language) })
    })

    it('names the article language from its ISO 639-3 code, whatever it is', () => {
      const french =
        'Le gouvernement ment, le déficit annoncé est de 13 milliards, pas de quoi justifier une réforme.'
      expect(evaluate(french, 'eng')).toEqual({ detail: writtenIn('French', 'English') })
      expect(evaluate(french, 'deu')).toEqual({ detail: writtenIn('French', 'German') })
    })

    it("takes the site's language when the article does not say its own", () => {
      const english =
        'Excellent reporting. The map in the second section is the clearest I have seen of the front line.'
      expect(evaluate(english, null, { ...defaultPolicy, language: 'fra' })).toEqual({
        detail: writtenIn('English'),
      })
      expect(evaluate(english, 'eng', { ...defaultPolicy, language: 'fra' })).toBeNull()
    })
  })

  // A site names its language as ISO 639-3 does, often by the macrolanguage ("ara", "zho", "msa"); franc answers
  // with the individual language written for it ("arb", "cmn", "zlm"). Both name the same language here.
  describe('reads a macrolanguage as the language franc names for it', () => {
    const english =
      'Excellent reporting. The map in the second section is the clearest I have seen of the front line.'
    it.each([
      [
        'ara',
        'Arabic',
        'أعتقد أن السياسة الخارجية لإيران كانت ضعيفة جدا في السنوات الأخيرة والناس تعبوا من هذا الوضع',
      ],
      ['zho', 'Chinese', '欧洲的通货膨胀对中国出口企业影响很大，希望能看到更多这方面的分析。'],
      [
        'fas',
        'Persian',
        'به نظر من سیاست خارجی ایران در سال‌های اخیر بسیار ضعیف بوده است و مردم از این وضعیت خسته شده‌اند',
      ],
      [
        'msa',
        'Malay',
        'Terima kasih atas artikel yang sangat baik ini, saya harap kerajaan akan mengambil tindakan segera.',
      ],
      [
        'swa',
        'Swahili',
        'Asante sana kwa makala hii nzuri, natumaini serikali itachukua hatua haraka kuhusu jambo hili muhimu.',
      ],
      [
        'uzb',
        'Uzbek',
        'Bu juda yaxshi maqola, vaziyatni bunchalik batafsil tushuntirib berganingiz uchun katta rahmat sizga.',
      ],
      [
        'aze',
        'Azerbaijani',
        'Bu çox yaxşı məqalədir, vəziyyəti belə ətraflı izah etdiyiniz üçün çox sağ olun, hamımız üçün faydalıdır.',
      ],
      ['nep', 'Nepali', 'यो लेख धेरै राम्रो छ, सरकारले यस विषयमा चाँडै कदम चाल्नुपर्छ भन्ने मलाई लाग्छ, धन्यवाद तपाईंलाई।'],
    ])('%s: quiet on a text in it, and names English as another language', (code, name, native) => {
      expect(evaluate(native, code)).toBeNull()
      expect(evaluate(english, code)).toEqual({ detail: writtenIn('English', name) })
      expect(evaluate(english, null, { ...defaultPolicy, language: code })).toEqual({
        detail: writtenIn('English', name),
      })
    })
  })

  describe('stays quiet', () => {
    it.each(french)('on French under a French article: %s', (content) => {
      expect(evaluate(content)).toBeNull()
    })

    it('on fewer than 10 words, whatever their language', () => {
      expect(evaluate('Saw it at the press screening, deserved win.')).toBeNull()
      expect(evaluate('Отличная статья, спасибо!')).toBeNull()
      expect(evaluate('좋은 기사 감사합니다')).toBeNull()
      expect(evaluate('Nul.')).toBeNull()
    })

    it('when neither the article nor the site says a language', () => {
      expect(
        evaluate('Excellent reporting. The map in the second section is the clearest I have seen.', null),
      ).toBeNull()
    })

    it('when the article language is one the detector cannot recognise', () => {
      // Catalan and Hebrew have no profile in franc-min: every comment would look foreign.
      const catalan =
        'Molt bon article, gràcies per explicar la situació amb tant de detall i claredat per a tothom.'
      expect(evaluate(catalan, 'cat')).toBeNull()
      expect(
        evaluate('Excellent reporting. The map in the second section is the clearest I have seen.', 'heb'),
      ).toBeNull()
    })

    it('when the text is in the article language, in any script', () => {
      expect(
        evaluate(
          '좋은 기사 감사합니다. 다음 편도 기대할게요! 정부의 정책이 서민들에게 어떤 영향을 미칠지 궁금합니다.',
          'kor',
        ),
      ).toBeNull()
      expect(
        evaluate(
          'Переговоры без участия Украины ничего не дадут. Это уже было в 2014 году, и все это знают.',
          'rus',
        ),
      ).toBeNull()
      expect(evaluate('欧洲的通货膨胀对中国出口企业影响很大，希望能看到更多这方面的分析。', 'cmn')).toBeNull()
    })

    // franc reads Serbian, Bosnian, Uzbek and Azerbaijani in Latin and Cyrillic, Malay in Latin and Arabic (Jawi).
    it.each([
      [
        'srp',
        'Ovo je odličan članak, hvala vam puno što ste objasnili situaciju sa toliko detalja i jasnoće.',
      ],
      [
        'srp',
        'Ово је одличан чланак, хвала вам пуно што сте објаснили ситуацију са толико детаља и јасноће.',
      ],
      [
        'zlm',
        'Terima kasih atas artikel yang sangat baik ini, saya harap kerajaan akan mengambil tindakan segera.',
      ],
      [
        'azj',
        'Bu çox yaxşı məqalədir, vəziyyəti belə ətraflı izah etdiyiniz üçün çox sağ olun, hamımız üçün faydalıdır.',
      ],
      [
        'uzn',
        'Bu juda yaxshi maqola, vaziyatni bunchalik batafsil tushuntirib berganingiz uchun katta rahmat sizga.',
      ],
    ])(
      'when the text is in the article language (%s) in any of the scripts it is written in',
      (language, text) => {
        expect(evaluate(text, language)).toBeNull()
      },
    )

    it('when the counted words are mostly numbers and links', () => {
      expect(evaluate('https://example.com/a https://example.com/b 1 2 3 4 5 6 7 8 9 10 11 12')).toBeNull()
    })
  })

  // Iran's Azerbaijani and Afghanistan's Uzbek are written in the Arabic script, Sorani Kurdish too, Kazakh in
  // the Latin alphabet now: franc-min has no profile of them so written, and a reader writing so is no sign of
  // another language.
  const southAzerbaijani =
    'من بو مقاله‌نی چوخ بگندیم، سیزه چوخ ساغ اولون، بو موضوع حاقیندا داها چوخ یازین، هامی‌میز اوچون فایدالیدیر'
  it.each([
    ['aze', southAzerbaijani],
    ['azj', southAzerbaijani],
    ['uzb', southAzerbaijani],
    ['uzn', southAzerbaijani],
    [
      'ckb',
      'ئەم وتارە زۆر باشە، زۆر سوپاس بۆ ئەم ڕوونکردنەوە وردە، هیوادارم حکومەت زوو هەنگاو بنێت بۆ چارەسەری ئەم کێشەیە',
    ],
    [
      'kaz',
      'Bul óte jaqsy maqala, jaǵdaıdy osynsha egjeı-tegjeıli túsindirgenińiz úshin kóp rahmet, úkimet tez sheshim qabyldaıdy dep úmittenemin.',
    ],
  ])('%s: quiet on a text in a script franc-min has no profile of for it', (code, text) => {
    expect(evaluate(text, code)).toBeNull()
  })

  it('names languages in English, with a fallback for the codes Intl does not know', () => {
    expect(languageName('fra')).toBe('French')
    expect(languageName('zlm')).toBe('Malay')
    expect(languageName('xyz')).toMatch(/“xyz”/)
  })
})
