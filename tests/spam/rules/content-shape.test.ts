import { describe, expect, it } from 'vitest'
import {
  allCaps,
  gibberish,
  lowVariety,
  repeatedCharacters,
  repeatedWords,
} from '../../../src/spam/rules/content/shape.js'
import type { Rule } from '../../../src/spam/rules/types.js'
import { contextOf } from './context.js'

const run = (rule: Rule, content: string) => rule.evaluate(contextOf(content))

/** Ordinary comments in many languages and scripts: none of the shape rules may fire on them. */
const ordinary = [
  'Travailler jusqu’à 64 ans quand on a commencé à 17 ans sur un chantier, c’est inhumain.',
  'QUEL MATCH !!! Le but à la 89e, j’ai cru que le stade allait s’effondrer. ALLEZ PARIS !!!',
  'Nul.',
  'Merci pour les conseils pratiques en fin d’article 🙏',
  'La BCE, la SNCF, la RATP, le PMU, la FNSEA et la CFDT : tous d’accord, pour une fois.',
  'Die Donaudampfschifffahrtsgesellschaftskapitänsmütze und die Rechtsschutzversicherungsgesellschaften.',
  'Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz: ein Wort, das es wirklich gab.',
  'Çekoslovakyalılaştıramadıklarımızdanmışsınız, derdi öğretmenim.',
  'Strč prst skrz krk, říkají Češi.',
  'Переговоры без участия Украины ничего не дадут. Это уже было в 2014 году.',
  'Дякую за об’єктивну статтю. Французькі медіа рідко так детально пишуть.',
  'НАРОД ПРОТИВ!',
  '좋은 기사 감사합니다. 다음 편도 기대할게요! ㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋ',
  'ㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋ',
  '\u200Fمقال ممتاز، شكراً. أتمنى أن تنتهي هذه الحرب قريباً.\u200F',
  '欧洲的通货膨胀对中国出口企业影响很大，希望能看到更多这方面的分析。',
  '哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈',
  '中国队加油中国队加油中国队加油中国队加油中国队加油中国队加油',
  'とても参考になりました。ありがとうございます！',
  'बहुत अच्छा लेख है, धन्यवाद। क्षमा करें।',
  'Bravo 👨‍👩‍👧‍👦 ❤️‍🔥 🏳️‍🌈 🇫🇷 😂😂😂😂😂😂😂😂😂😂😂😂😂😂😂😂😂😂😂😂😂😂😂😂😂😂😂😂😂😂',
  'hahahahahahahahahahahahahahahahahahahaha',
  'Le rapport : https://www.cor-retraites.fr/sites/default/files/2024-06/RA_COR2024_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.pdf',
  'ok ok ok',
  'Allez Paris ! Allez Paris ! Allez Paris !',
  'Non, non et non : cette réforme ne passera pas.',
  '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
  '.....................................................',
]

describe.each([
  ['all-caps', allCaps],
  ['repeated-characters', repeatedCharacters],
  ['repeated-words', repeatedWords],
  ['gibberish', gibberish],
  ['low-variety', lowVariety],
])('%s never fires on ordinary comments', (_, rule) => {
  it.each(ordinary)('%s', (content) => {
    expect(run(rule, content)).toBeNull()
  })
})

describe('all-caps', () => {
  it('weighs half a point: shouting readers are ham as often as spam', () => {
    expect(allCaps.weight).toBe(0.5)
  })

  it.each([
    [
      'English shouting',
      'FREE FIFA COINS GENERATOR NO SURVEY 2025 !!!',
      '“FREE FIFA COINS GENERATOR NO SURVEY 2025…”',
    ],
    [
      'French with accents',
      'HONTEUX CE GOUVERNEMENT DE MENTEURS ÉLUS !',
      '“HONTEUX CE GOUVERNEMENT DE MENTEURS ÉLUS…”',
    ],
    ['Cyrillic', 'ПОКУПАЙТЕ НАШИ ТОВАРЫ ПО НИЗКИМ ЦЕНАМ', '“ПОКУПАЙТЕ НАШИ ТОВАРЫ ПО НИЗКИМ ЦЕНАМ”'],
  ])('fires on %s (15 capitals or more, no lower case)', (_, content, quoted) => {
    expect(run(allCaps, content)).toEqual({ detail: `Written entirely in capital letters: ${quoted}.` })
  })

  it('ignores the lower-case letters of a link, an address or a domain name', () => {
    expect(run(allCaps, 'FREE COINS GENERATOR WORKING 100% fifa-coins-gen.net')).not.toBeNull()
    expect(
      run(allCaps, 'CONTACT ME NOW FOR THE DEAL: deals@example.com https://example.com/offer'),
    ).not.toBeNull()
  })

  it.each([
    ['14 capitals', 'ALLEZ LES BLEUS'],
    ['one lower-case letter', 'QUEL MATCH HIER SOIR AU STADe'],
    ['a caseless script', '좋은 기사 감사합니다 정말 좋은 기사 감사합니다'],
    ['Arabic', 'مقال ممتاز شكراً أتمنى أن تنتهي هذه الحرب قريباً'],
    ['digits and punctuation only', '2025 !!! 2026 ??? 1234567890'],
  ])('does not fire on %s', (_, content) => {
    expect(run(allCaps, content)).toBeNull()
  })
})

describe('repeated-characters', () => {
  it('weighs half a point: "loooove" is ham as often as spam', () => {
    expect(repeatedCharacters.weight).toBe(0.5)
  })

  it('fires when runs of 11 or more cover a fifth of the text, and says how much', () => {
    expect(run(repeatedCharacters, 'wowwwwwwwwwwwwwwwwwwwwwwwwwwwww')).toEqual({
      detail: 'Repeats a character over and over (“w” ×29), 94 % of the text.',
    })
    expect(run(repeatedCharacters, 'Noooooooooooooooon !')?.detail).toContain('“o” ×16')
  })

  it('counts capitals and lower case alike', () => {
    expect(run(repeatedCharacters, 'NOOOOOOoooooooooo')).not.toBeNull()
    expect(run(repeatedCharacters, 'HARİKA İİİİİİİİiiiiiiiii!')?.detail).toContain('“i” ×17')
  })

  it.each([
    ['a run of 10', 'Nooooooooon'],
    [
      'a long run in a long text',
      `Quel match hier soir, sooooooooooooo bon. ${'Le PSG a très bien joué. '.repeat(4)}`,
    ],
    ['repeated digits', 'Le compteur affiche 000000000000000000000'],
    ['a long run inside a link', 'Voir https://example.com/?q=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'],
  ])('does not fire on %s', (_, content) => {
    expect(run(repeatedCharacters, content)).toBeNull()
  })
})

describe('repeated-words', () => {
  it('weighs 1.5 points', () => {
    expect(repeatedWords.weight).toBe(1.5)
  })

  it('fires on a word said six times in a row', () => {
    expect(run(repeatedWords, 'buy buy buy buy buy buy')).toEqual({
      detail: 'Repeats “buy” 6 times in a row.',
    })
    expect(run(repeatedWords, 'Subscribe to me plz plz plz plz plz plZ')?.detail).toBe(
      'Repeats “plz” 6 times in a row.',
    )
  })

  it('fires on a slogan said four times in a row', () => {
    const content = 'Follow me watch my videos :) '.repeat(7)
    expect(run(repeatedWords, content)).toEqual({
      detail: 'Repeats “follow me watch my videos” 7 times in a row.',
    })
  })

  it('fires in other scripts too', () => {
    expect(run(repeatedWords, 'купи купи купи купи купи купи')).not.toBeNull()
  })

  it.each([
    ['five times', 'non non non non non, jamais'],
    ['a chant three times', 'Allez Paris ! Allez Paris ! Allez Paris !'],
    [
      'repetitions that are a small part of a long text',
      `${'très '.repeat(6)}bon article. La réforme des retraites a été adoptée sans vote, par le 49.3, et les syndicats promettent de nouvelles journées de mobilisation dès la rentrée de septembre.`,
    ],
    ['numbers', '1 1 1 1 1 1 1 1'],
    // Protests' chants, each time ended by its "!", in every language readers march in.
    ['a chant four times', 'Jin jiyan azadî! Jin jiyan azadî! Jin jiyan azadî! Jin jiyan azadî!'],
    [
      'a chant after a lead-in',
      "İmamoğlu'na özgürlük! Hak hukuk adalet! Hak hukuk adalet! Hak hukuk adalet! Hak hukuk adalet!",
    ],
    ['a one-word chant six times', 'Пумпај! Пумпај! Пумпај! Пумпај! Пумпај! Пумпај!'],
    ['a chant eight times', 'STOP À LA GUERRE ! '.repeat(8).trim()],
  ])('does not fire on %s', (_, content) => {
    expect(run(repeatedWords, content)).toBeNull()
  })

  it('still fires on a word or a slogan said over and over without a chant’s stops, or more than eight times', () => {
    expect(
      run(
        repeatedWords,
        'Follow me watch my videos Follow me watch my videos Follow me watch my videos Follow me watch my videos',
      ),
    ).not.toBeNull()
    expect(run(repeatedWords, 'Ruto must go! '.repeat(12).trim())).not.toBeNull()
  })
})

describe('gibberish', () => {
  it('weighs 1 point', () => {
    expect(gibberish.weight).toBe(1)
  })

  it('fires on a word of 30 letters or more that cannot be pronounced', () => {
    expect(run(gibberish, 'hello kjsdhfkjshdfkjhsdkfjhskdjfhskdjfhksjdhf bye')).toEqual({
      detail: 'Contains a 39-letter word that cannot be pronounced: “kjsdhfkjshdfkjhsdkfjhskdjfhskd…”.',
    })
  })

  it('fires, twice as hard, on a text that is mostly keyboard mashing', () => {
    expect(run(gibberish, 'fgdh jkl qwpo zmxn bvcx lkjh asdf poiu')).toEqual({
      detail: 'Looks like keyboard mashing: 4 of its 8 words have no vowel (“fgdh”, “zmxn”, “bvcx”).',
      factor: 2,
    })
  })

  it.each([
    ['a German compound', 'Rechtsschutzversicherungsgesellschaften'],
    ['a compound with eight consonants in a row', 'Angstschweißausbruchsbekämpfungsmaßnahmen'],
    ['a Finnish word', 'lentokonesuihkuturbiinimoottoriapumekaanikkoaliupseerioppilas'],
    ['a long laugh', 'mdrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr'],
    ['a stretched word', 'dislikessssssssssssssssssssssssssssssssss'],
    ['a hashtag of words', '#JeSuisCharlieEtJeLeResteraiPourToujours'],
    ['a long word in another script', 'ПереговорыПереговорыПереговорыПереговоры'],
    ['a long link', 'https://example.com/kjsdhfkjshdfkjhsdkfjhskdjfhskdjfhksjdhf'],
    ['acronyms', 'La SNCF, la CFDT, le PCF, la FNSEA et la CGT manifestent'],
    ['French slang', 'mdrrr ptdrr jpp tkt, trop fort'],
    ['onomatopoeia', 'pfff hmmm brrr grrr pfff'],
  ])('does not fire on %s', (_, content) => {
    expect(run(gibberish, content)).toBeNull()
  })
})

describe('low-variety', () => {
  it('weighs 2 points', () => {
    expect(lowVariety.weight).toBe(2)
  })

  it('fires on 30 characters made of 6 different ones or fewer', () => {
    expect(run(lowVariety, 'asd asdsa dsad sadas dasd sadsa dasd')).toEqual({
      detail: 'Uses only 3 different characters in 30: “asd asdsa dsad sadas dasd sadsa dasd”.',
    })
  })

  it('fires on 100 characters made of 15 different ones or fewer', () => {
    const content = 'abc def ghi jkl mno cba fed ihg lkj onm acb dfe gih jlk mon bca efd hig klj nom '.repeat(
      2,
    )
    expect(run(lowVariety, content)?.detail).toMatch(/^Uses only 15 different characters in 1\d\d: /)
  })

  it.each([
    ['a short text', 'ok'],
    ['a laugh', 'hahahahahahahahahahahahahahahahahahahahaha'],
    ['a Chinese chant', '加油加油加油加油加油加油加油加油加油加油加油加油加油加油加油加油'],
    ['a slogan chanted past 100 characters', 'SLAVA UKRAINI ! '.repeat(8)],
    ['a longer one', 'Non à la réforme des retraites ! '.repeat(4)],
    [
      'one character over and over (repeated-characters reports it)',
      'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    ],
  ])('does not fire on %s', (_, content) => {
    expect(run(lowVariety, content)).toBeNull()
  })
})
