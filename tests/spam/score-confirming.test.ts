import { describe, expect, it } from 'vitest'
import { analyseText } from '../../src/spam/analysis.js'
import { defaultPolicy } from '../../src/spam/policy.js'
import { languageMismatch } from '../../src/spam/rules/content/language-mismatch.js'
import { noFacts } from '../../src/spam/rules/types.js'
import { assessReaderComment, readerComment } from './reader-comment.js'

/**
 * Language may only ever be a weak signal: it never moves a comment across the hold or the spam threshold by
 * itself. The same comment in French and in Polish gets the same verdict.
 */
const assess = (content: string) => assessReaderComment(content)
const points = (content: string, rule: string) =>
  assess(content).reasons.find((reason) => reason.rule === rule)?.score

describe('language-mismatch never decides a verdict', () => {
  // A real phone number quoted by a reader (1.5 points): approved in French, and in any other language.
  const polish = 'Szpital w Bejrucie odpowiada pod numerem +961 1 350 000, ale nikt nie odbiera od rana.'
  const french = "L'hôpital de Beyrouth répond au +961 1 350 000, mais personne ne décroche depuis ce matin."

  it('does not hold a comment the other evidence approves', () => {
    expect(assess(french).verdict).toBe('approved')
    const assessed = assess(polish)
    expect(assessed.verdict).toBe('approved')
    expect(assessed.score).toBe(1.5)
    const language = assessed.reasons.find((reason) => reason.rule === 'language-mismatch')
    expect(language?.score).toBe(0)
    expect(language?.detail).toMatch(/Not counted: a weak hint never changes a verdict by itself\.$/)
  })

  it('does not mark spam a comment the other evidence holds', () => {
    // spam-phrases (3) and a phone number (1.5): 4.5, held; the language's half point would make it 5.
    const spell =
      'Powerful spell caster with love spells that work in seven days, results for everyone: +229 97 55 01 23'
    const assessed = assess(spell)
    expect(assessed.verdict).toBe('pending')
    expect(assessed.score).toBe(4.5)
    expect(points(spell, 'language-mismatch')).toBe(0)
  })

  it('still adds its half point where the verdict does not depend on it', () => {
    const spam =
      'Hello, I am single woman looking for a serious relationship, write me to my email for photos'
    const assessed = assess(spam)
    expect(assessed.verdict).toBe('pending')
    expect(points(spam, 'language-mismatch')).toBe(0.5)
  })
})

describe('language-mismatch names Cyrillic-script languages by their letters', () => {
  const evaluate = (content: string) =>
    languageMismatch.evaluate({
      input: readerComment(content),
      text: analyseText(content),
      name: analyseText('Lecteur'),
      facts: noFacts,
      policy: defaultPolicy,
    })?.detail

  it.each([
    [
      'ё, which Bulgarian does not have',
      '@Олег, напишите, откуда эти цифры? Я не нашёл их у Росстата.',
      'Russian or Belarusian',
    ],
    [
      'ы',
      'Резолюции ООН 242 (1967) 338 (1973) так никогда и не были выполнены, в этом вся проблема.',
      'Russian',
    ],
    [
      'no і, which Ukrainian would have',
      'Война 22.06.1941-9.05.1945 унесла 27 миллионов жизней советских людей, и об этом надо помнить всегда.',
      'Russian',
    ],
    [
      'no ъ, which Bulgarian can hardly do without (and no letter of its own: the alphabet is named)',
      'Работа на дому, доход от 3000 рублей в день, пишите в телеграм',
      'another alphabet',
    ],
    [
      '(still) ї and є',
      'Моя мама досі живе в Запоріжжі, за сорок кілометрів від фронту. Кожної ночі повітряна тривога, є шахеди.',
      'Ukrainian',
    ],
  ])('%s', (_, content, language) => {
    expect(evaluate(content)).toBe(
      `Written in ${language} on a French-language article (a weak hint: readers write in many languages).`,
    )
  })
})

describe('all-caps never decides a verdict', () => {
  it('does not hold a chant in capitals, which repeated words leave alone', () => {
    const chants = [
      'SLAVA UKRAINI ! ',
      'НЕТ ВОЙНЕ ! ',
      'RÉSISTANCE ! ',
      'FREE PALESTINE! ',
      'STOP À LA GUERRE ! ',
    ]
    // Six times, and eight: past 100 characters, a slogan's few letters are no "low variety" either.
    for (const chant of chants.flatMap((slogan) => [slogan.repeat(6), slogan.repeat(8)])) {
      const assessed = assess(chant.trim())
      expect(assessed.verdict).toBe('approved')
      expect(assessed.reasons.filter((reason) => reason.score > 0)).toEqual([])
    }
  })

  it('still adds to other evidence where it changes no band: shouted spam phrases, held either way', () => {
    const shouted = 'POWERFUL SPELL CASTER WITH LOVE SPELLS THAT WORK IN SEVEN DAYS FOR EVERYONE'
    expect(points(shouted, 'all-caps')).toBe(0.5)
    expect(assess(shouted).verdict).toBe('pending')
  })
})
