import { describe, expect, it } from 'vitest'
import { disguisedLink } from '../../../src/spam/rules/disguised-link.js'
import { assessReaderComment } from '../reader-comment.js'
import { contextOf } from './context.js'

const findingOf = (content: string) => disguisedLink.evaluate(contextOf(content))

describe('a web address written so that it is no link', () => {
  it.each([
    [
      'a dot spaced out',
      'Cheap meds without prescription, fast shipping worldwide: cheapmeds . com',
      'cheapmeds . com',
    ],
    [
      'a dot in words',
      'I make $85 an hour from my laptop. Look at mysite dot com and copy what I did',
      'mysite dot com',
    ],
    [
      'a dot in brackets',
      'Watch every match live and free in HD on streamzone(dot)net no signup',
      'streamzone(dot)net',
    ],
    [
      'a defanged dot after www',
      'Sexy Frauen warten auf dich auf www(.)flirtzone(.)de',
      'www flirtzone(.)de',
    ],
    [
      'French',
      'Rolex, Cartier à -80 % jusqu’à dimanche, allez voir sur luxe-discount point com',
      'luxe-discount point com',
    ],
    [
      'Russian, a Cyrillic domain',
      'Лучшие прогнозы на спорт — ставки-про точка рф, заходи',
      'ставки-про точка рф',
    ],
    [
      'Russian, www spaced out',
      'Правду о войне скрывают. Читайте www . pravda-bez-cenzury . ru',
      'www pravda-bez-cenzury . ru',
    ],
    ['Korean', '집에서 하루 30만원 부업! 자세한 건 money-korea 쩜 com 에서 확인하세요', 'money-korea 쩜 com'],
    ['Japanese', '在宅で月50万円稼げる方法はこちら→ kasegu-navi ドット com', 'kasegu-navi ドット com'],
    ['Vietnamese', 'Kiếm 500k mỗi ngày tại nhà, đăng ký ngay tại kiemtien chấm vn', 'kiemtien chấm vn'],
    [
      'a word-like domain after a hyphenated name',
      'Farmaci senza ricetta: farmacia-online24 . it',
      'farmacia-online24 . it',
    ],
  ])('is found (%s)', (_, content, written) => {
    expect(findingOf(content)?.detail).toBe(`Writes a web address so that it is no link: “${written}”.`)
  })

  it('holds the comment for a moderator, and is a way to take up the offer its phrases make', () => {
    expect(assessReaderComment('Cheap meds without prescription: cheapmeds . com').verdict).toBe('pending')
  })
})

describe('dots and their words that are no address', () => {
  it.each([
    ['the dot-com bubble', 'The dot com bubble burst in 2000, and the same is happening with AI now.'],
    ['la bulle point com', 'On dirait la bulle point com de 2000, en pire.'],
    ['a point of view', 'Ce dernier point de l’accord est le plus discutable, à mon avis.'],
    [
      'a sentence ending before a word that is also a domain',
      'J’ai lu l’article. Net, précis, sans parti pris. Top !',
    ],
    ['a sentence ending before "es"', 'El acuerdo es frágil . Es lo que dijo el ministro ayer.'],
    ['initials', 'S. E. M. l’ambassadeur des U. S. A. a parlé, p. ex. de la Crimée.'],
    ['a decimal spaced out', 'La croissance est de 3 . 5 % selon l’INSEE, bref . . . rien de neuf.'],
    ['an address written as it is', 'Le texte est sur elysee.fr et sur www.lemonde.fr depuis hier.'],
    ['"punto y aparte"', 'Lo dijo claro: punto y aparte, no habrá más negociaciones.'],
    ['a Russian point of view', 'Это моя точка зрения, и точка. Выборы были нечестными.'],
  ])('leaves %s alone', (_, content) => {
    expect(findingOf(content)).toBeNull()
  })
})
