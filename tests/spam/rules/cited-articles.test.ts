import { describe, expect, it } from 'vitest'
import { analyseText } from '../../../src/spam/analysis.js'
import { citesAnArticle } from '../../../src/spam/rules/content/cited-articles.js'
import { assessReaderComment } from '../reader-comment.js'

const firstLinkOf = (text: string) => {
  const [link] = analyseText(text).links
  if (!link) throw new Error(`no link in ${text}`)
  return link
}

describe('citesAnArticle', () => {
  it.each([
    'https://www.lemonde.fr/international/article/2025/01/02/la-cop-s-acheve_6478123_3210.html',
    'https://www.theguardian.com/world/2025/jan/01/ukraine-gas-transit-ends',
    'https://ria.ru/20250101/kazino-1993344556.html',
    'https://www.bbc.com/news/world-africa-67146830',
    'https://www.reuters.com/world/india/instant-loan-apps-2024-05-02/',
    'www.lefigaro.fr/conjoncture/le-fmi-20240329',
    // Al Jazeera's paths write the month and day without a leading zero.
    'https://www.aljazeera.net/ebusiness/2024/3/6/imf-egypt-loan',
    'https://www.aljazeera.com/news/2024/12/1/syria-aleppo',
    // Numbered as news sites number them, and words about offers in the article's own name.
    'https://www.example-news.com/world/1001234',
    'https://www.lesechos.fr/finance-marches/banque-assurances/credit-immobilier-les-offres-se-durcissent-2087654',
    'https://www.20minutes.fr/economie/4107654-20240912-casino-bonus-joueurs-arnaques',
  ])('takes %s for a dated or numbered article', (url) => {
    expect(citesAnArticle(firstLinkOf(`voir ${url}`))).toBe(true)
  })

  it.each([
    'https://pret-facile.example',
    'https://quick-cash.example/apply',
    'https://fast-money.example/urgent-loan-apply-now-today',
    'https://bit.ly/2024-05-02-1234567',
    // The same host, written with the root's dot.
    'https://bit.ly./2024-05-02-1234567',
    'https://casino.example/bonus?ref=2024',
    'https://casino.example/2024/7-free-spins',
    // An account's number, the whole of its path: a profile or a chat, where an offer is taken up.
    'https://www.facebook.com/100089123456789',
    'https://m.me/100089123456789/',
    'https://vk.com/id123456789',
    // A shop's or an offer's page numbered like an article: the segment before the number names it.
    'https://pret-rapide.example/offre/84729163',
    'https://credit.example/offers/2024/05/1234567',
    'https://shop.example/products/1234567-miracle-pills',
    'https://casino.example/fr/bonus/20240501',
    'https://loans.example/apply/9876543',
  ])('takes %s for a page of its own, no article', (url) => {
    expect(citesAnArticle(firstLinkOf(`voir ${url}`))).toBe(false)
  })
})

describe('a reader citing an article dated without leading zeros', () => {
  it('is approved', () => {
    const content =
      'قرض عاجل من صندوق النقد لمصر: هل سيحل الأزمة؟ https://www.aljazeera.net/ebusiness/2024/3/6/imf-egypt'
    expect(assessReaderComment(content).verdict).toBe('approved')
  })
})

describe('an offer giving a link to an account by its number', () => {
  it('is held, as it is with a link to the account by its name', () => {
    const offer = "Besoin d'un prêt urgent entre particuliers ? "
    expect(assessReaderComment(`${offer}https://m.me/pretrapide`).verdict).toBe('pending')
    expect(assessReaderComment(`${offer}https://m.me/100089123456789`).verdict).toBe('pending')
    expect(assessReaderComment(`${offer}https://www.facebook.com/100089123456789`).verdict).toBe('pending')
  })
})
