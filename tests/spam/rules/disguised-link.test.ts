import { describe, expect, it } from 'vitest'
import { disguisedLink } from '../../../src/spam/rules/disguised-link.js'
import { assessReaderComment } from '../reader-comment.js'
import { contextOf } from './context.js'

const findingOf = (content: string) => disguisedLink.evaluate(contextOf(content))

describe('a web address written so that it is no link', () => {
  it.each([
    [
      'a dot in brackets',
      'Watch every match live and free in HD on streamzone(dot)net no signup',
      'streamzone(dot)net',
    ],
    [
      'a defanged dot after www',
      'Sexy Frauen warten auf dich auf www(.)flirtzone(.)de',
      'www(.)flirtzone(.)de',
    ],
    ['a dot in square brackets', 'La vérité est ici : verite-cachee[point]info', 'verite-cachee[point]info'],
    [
      'a dot spaced out after a hyphenated name',
      'Farmaci senza ricetta: farmacia-online24 . it',
      'farmacia-online24 . it',
    ],
    [
      'a dot spaced out after a name with digits',
      'Xem bóng đá miễn phí: bongdatv99 . net',
      'bongdatv99 . net',
    ],
    [
      'a dot in words, French',
      'Rolex à -80 %, allez voir sur luxe-discount point com',
      'luxe-discount point com',
    ],
    [
      'a dot in words, Russian, a Cyrillic domain',
      'Лучшие прогнозы — ставки-про точка рф, заходи',
      'ставки-про точка рф',
    ],
    [
      'www spaced out',
      'Правду о войне скрывают. Читайте www . pravda-bez-cenzury . ru',
      'www . pravda-bez-cenzury . ru',
    ],
    ['Korean', '집에서 하루 30만원 부업! 자세한 건 money-korea 쩜 com 에서 확인하세요', 'money-korea 쩜 com'],
    ['Japanese', '在宅で月50万円稼げる方法はこちら→ kasegu-navi ドット com', 'kasegu-navi ドット com'],
  ])('is found (%s)', (_, content, written) => {
    expect(findingOf(content)?.detail).toBe(`Writes a web address so that it is no link: “${written}”.`)
  })

  it('holds nothing alone (readers defang the phishing addresses they warn of), and is a way to take up an offer', () => {
    const warning =
      'Attention aux SMS Colissimo : le lien mène à colissimo-suivi-livraison[.]com, ne cliquez pas.'
    expect(findingOf(warning)).not.toBeNull()
    expect(assessReaderComment(warning).verdict).toBe('approved')
  })
})

describe('dots and their words that are no address', () => {
  it.each([
    ['the dot-com bubble', 'The dot com bubble burst in 2000, and the same is happening with AI now.'],
    ['la bulle point com', 'On dirait la bulle des entreprises point com de 2000, en pire.'],
    [
      'a point of view',
      'Ce dernier point de l’accord est le plus discutable. Sur ce dernier point il a raison.',
    ],
    [
      'a point, in Spanish and Italian',
      'Hasta cierto punto se entiende. A questo punto il governo deve cadere.',
    ],
    [
      'a space before a full stop',
      'C’est terminé . Il faut voter. Triste nouvelle . Ma grand-mère pleure. Macron . Il a trahi',
    ],
    ['a space before a full stop, in lower case', 'le covid-19 . il faudra des années pour s’en remettre'],
    [
      'a sentence after a year',
      'Крым аннексировали в 2014. РФ тогда ответила санкциями . РФ до сих пор там.',
    ],
    ['a site a reader names', 'Amazon dot com et nytimes dot com en parlent, et lemonde . fr aussi.'],
    ['a sentence ending before "es"', 'El acuerdo es frágil . Es lo que dijo el ministro ayer.'],
    ['initials', 'S. E. M. l’ambassadeur des U. S. A. a parlé, p. ex. de la Crimée.'],
    ['a decimal spaced out', 'La croissance est de 3 . 5 % selon l’INSEE, bref . . . rien de neuf.'],
    ['an address written as it is', 'Le texte est sur elysee.fr et sur www.lemonde.fr depuis hier.'],
    ['a Russian point of view', 'Это моя точка зрения, и точка. Выборы были нечестными.'],
    [
      '"punto" before a trade’s words',
      'A questo punto il governo deve chiudere i siti di prestiti tra privati, sono tutte truffe.',
    ],
    [
      'a year before a full stop',
      'Desde 2016. Com isso, o Brasil perdeu. Sanctions since 2014 . Net effect: none. En 2014 . net recul.',
    ],
    ['a numbered point in brackets', 'Voir le rapport (point 3) et l’annexe [point 4.2].'],
  ])('leaves %s alone', (_, content) => {
    expect(findingOf(content)).toBeNull()
  })
})
