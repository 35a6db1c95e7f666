import { describe, expect, it } from 'vitest'
import { analyseText, isDisguised } from '../../../src/spam/analysis.js'
import { invisibleCharacters, mixedScript } from '../../../src/spam/rules/content/unicode.js'
import { contextOf } from './context.js'

/** The fairness audit's false positives of the Unicode rules, and the tricks those rules exist for. */

describe('mixed-script: writing that mixes alphabets is not a disguise', () => {
  it.each([
    [
      'the micro sign typed on AZERTY (NFKC makes it Greek μ)',
      'Les radiations restent à 0,3 µSv/h selon l’AIEA.',
    ],
    ['a Greek letter as a symbol', 'ΔPIB = -3 % en Russie ? Les chiffres de Rosstat sont invérifiables.'],
    ['Russian wordplay with a Latin Z', 'Этот Zомби-патриотизм уже всех достал.'],
    ['Ukrainian wordplay with a Latin Z', 'рашиZм — це ідеологія, і її підтримує більшість росіян.'],
    ['a Latin acronym with a Russian ending', 'Ce sont des NATOвские базы, comme disent les Russes.'],
    ['an Armenian suffix on a Latin name', 'Armenia: Pashinyanը ստորագրեց համաձայնագիրը'],
    ['a Greek acronym ending in a Latin A', 'Le parti ΣΥΡΙΖA a perdu la moitié de ses voix.'],
    ['a Russian case ending after an apostrophe', "Ставка Trump'а на пошлины ударит по фермерам из Айовы."],
    ['Russian case endings on two names', 'Статья в Guardian’е была точнее, чем у Reuters’а.'],
    ['a Ukrainian case ending after an apostrophe', "Американці бачили цей допис у Facebook'у ще вчора."],
    ['Ukrainian typed on a Russian keyboard, Latin i for і', 'Слава Украiнi! Сiр та рiс подорожчали вдвiчi.'],
    [
      'Russian case endings glued to Latin names',
      'Политика Trumpа в отношении Европы меня пугает, а в Twitterе все спорят об этом.',
    ],
    ['a Russian genitive on a French name', 'Надо было слушать Macronа, он говорил об этом ещё в 2019 году.'],
    ['the same in capitals', 'НАДО БЫЛО СЛУШАТЬ MACRONА, ОН ГОВОРИЛ ОБ ЭТОМ ЕЩЁ В 2019 ГОДУ.'],
    [
      'a Ukrainian locative glued to a Latin name',
      'У Telegramі вже пишуть, що переговори зірвано, а у Facebookі мовчать.',
    ],
    ['Ukrainian dative and genitive plural glued on', 'Це відповідь Macronові та всім Tweetів цього тижня.'],
    [
      'a Greek letter after a Latin acronym (medical notation)',
      "Les anti-TNFα et l'ERα sont cités dans l'étude.",
    ],
  ])('%s', (_, content) => {
    expect(mixedScript.evaluate(contextOf(content))).toBeNull()
  })

  it('an author name typed across two keyboards', () => {
    expect(mixedScript.evaluate(contextOf("Je suis d'accord avec l'article.", 'Dmitrий'))).toBeNull()
  })

  it.each([
    ['one Cyrillic а in a French word', "Je suis d'аccord avec vous, lа Russie n'а pas gagné.", 'd'],
    ['a Cyrillic і', 'Buy vіagra online', 'v'],
    ['a Cyrillic с at the start', 'Best сasino bonus', 'с'],
    ['a Cyrillic с inside', 'Recover your bitсoin today', 'b'],
    ['a Cyrillic capital В, which passes for B', 'Free Вonus for everyone', 'в'],
    ['Greek capitals that pass for Latin ones', 'Your ΡayPal account is locked', 'ρ'],
    ['half the letters Cyrillic', 'Best саsinо in town', 'с'],
    ['a disguised stem before a Cyrillic ending', "Выиграл в саsinо'е миллион", 'с'],
    ['a Cyrillic і in a Latin word, the other way round from Ukrainian typing', 'Buy bіtсоіn now', 'b'],
    ['a Cyrillic о at the end of a word in English text', 'Play at our casinо tonight', 'c'],
    ['a Cyrillic ending-like letter in French text', 'Gagnez au casinо ce soir, bonus offert', 'c'],
    ['a Greek α ending a word of small letters', 'Join the best casinα now', 'c'],
  ])('still catches a disguise: %s', (_, content, first) => {
    const detail = mixedScript.evaluate(contextOf(content))?.detail ?? ''
    expect(detail).toMatch(/^Disguises (a word|\d words) with look-alike letters/)
    expect(detail).toContain(`“${first}`)
  })

  it.each(['μSv', 'ΔPIB', 'Zомби', 'NATOвские', 'Dmitrий', 'ΣΥΡΙΖA', 'Pashinyanը', 'вonus'])(
    'isDisguised(%s) is false: a borrowed letter must pass for Latin in its case, in a mostly Latin word',
    (word) => {
      expect(isDisguised(word)).toBe(false)
    },
  )

  it.each(["Trump'а", 'Twitter’е', "Facebook'у", 'Сiр', 'рiс', 'вдвiчi'])(
    'isDisguised(%s) is false: a Cyrillic ending after an apostrophe, or Latin i in a Cyrillic word',
    (word) => {
      expect(isDisguised(word)).toBe(false)
    },
  )

  it.each(['TNFα', "l'ERα", 'PGF2α'])(
    'isDisguised(%s) is false: a Greek letter after a Latin acronym is notation',
    (word) => {
      expect(isDisguised(word)).toBe(false)
    },
  )

  it('excuses a Russian ending glued to a Latin name in a Cyrillic text only', () => {
    expect(analyseText('Политика Trumpа пугает, а в Twitterах спорят.').disguisedWords).toEqual([])
    expect(analyseText('Best casinа bonus, play now').disguisedWords).toEqual(['casinа'])
  })

  it.each(["d'аccord", 'bitсoin', 'Вonus', "саsinо'е", 'bіtсоіn'])(
    'isDisguised(%s) is still true',
    (word) => {
      expect(isDisguised(word)).toBe(true)
    },
  )
})

describe('invisible-characters: the invisible characters scripts need are not tricks', () => {
  it.each([
    ['the Mongolian vowel separator between Mongolian letters', 'Монгол Улс ᠮᠣᠩᠭᠣᠯ ᠤᠯᠤᠰ ᠬᠠᠷ\u180Eᠠ'],
    ['bidi isolates around a Latin word in Hebrew', 'ל\u2066NATO\u2069 אין מה לחפש כאן'],
    ['bidi isolates around a Latin word in Arabic', 'قال\u2067 OTAN \u2069رئيس\u2068الحلف\u2069 أمس'],
    [
      'Thai word breaks next to a Latin acronym and a year',
      'ประชุมสุดยอด\u200BNATO\u200Bที่\u200Bวิลนีอุส\u200Bปี\u200B2023\u200Bไม่ได้\u200Bให้\u200Bอะไร',
    ],
    [
      'Chinese word breaks next to a Latin acronym',
      '北约\u200BNATO\u200B峰会在维尔纽斯举行，乌克兰没有得到邀请',
    ],
    ['Japanese word breaks next to digits', '首脳会議は\u200B2023\u200B年に開かれた'],
    ['bidi embeddings around a Latin word in Arabic', 'قال\u202BNATO\u202Cأمس إن\u202Aالحلف\u202C مستعد'],
    ['a zero-width non-joiner in Khmer', 'ខ្ញុំ\u200Cចូលចិត្ត អត្ថបទ\u200Cនេះ'],
    ['a zero-width non-joiner in Myanmar', 'မြန်\u200Cမာ နိုင်ငံ'],
    ['a zero-width joiner in Mongolian', 'ᠮᠣᠩ\u200Dᠭᠣᠯ ᠤᠯᠤᠰ'],
  ])('%s', (_, content) => {
    expect(invisibleCharacters.evaluate(contextOf(content))).toBeNull()
  })

  it.each([
    ['an isolate inside a Latin word', 'Buy vi\u2066agra now'],
    ['the Mongolian separator inside a Latin word', 'Best ca\u180Esino bonus'],
    ['a right-to-left override inside a Latin word', 'Buy vi\u202Eagra now'],
    ['a left-to-right override in Arabic text', 'اشتري\u202Dviagra الآن'],
    ['an embedding inside a Latin word, far from right-to-left letters', 'Best ca\u202Bsino bonus'],
    ['a zero-width space splitting a Latin word in a Thai comment', 'บทความ ดีมาก vi\u200Bagra'],
    ['a joiner splitting a Latin word in a Khmer comment', 'អត្ថបទ ca\u200Csino'],
  ])('still catches %s', (_, content) => {
    expect(invisibleCharacters.evaluate(contextOf(content))?.factor).toBe(1)
  })
})
