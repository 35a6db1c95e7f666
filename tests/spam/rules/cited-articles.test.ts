import { describe, expect, it } from 'vitest'
import { analyseText } from '../../../src/spam/analysis.js'
import { citesAnArticle, citesASource } from '../../../src/spam/rules/content/cited-articles.js'
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
    // Named by an id of letters and digits after the segment that says what it is.
    'https://www.bbc.com/korean/articles/c8e4m1v7zx9o',
    'https://news.yahoo.co.jp/articles/3f2a9c1b7d4e5f60718293a4b5c6d7e8f9012345',
    'https://www.bilibili.com/video/BV1GJ411x7h7',
    // Numbered in the query, under a name that says so.
    'https://news.kbs.co.kr/news/pc/view/view.do?ncd=8123456',
    'https://www.hankyung.com/article/view?idxno=1234567&sc=1',
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
    // Named in words after /articles/, however many digits end them or break them.
    'https://loans.example/articles/best-loans-2024',
    'https://loans.example/articles/bestloans2024',
    'https://cash-fast.example/articles/job2home',
    'https://cash-fast.example/video/bonus4you',
    // A number under another name may be a product's, or whoever sent the reader.
    'https://cash-fast.example/go?id=123456',
    'https://cash-fast.example/go?pid=1234567',
    // The number of a referral or a tracked click, which names who sent the reader, not an article.
    'https://casino.example/go?ref=123456',
    'https://shop.example/?aff_id=1234567',
    'https://casino.example/?utm_campaign=20240501',
    // Where anyone has a page, an id in the query or after /videos/ names anybody's account, video, photo or post.
    'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
    'https://www.facebook.com/profile.php?id=100007085325116',
    'https://www.facebook.com/photo.php?fbid=543627485763966',
    'https://www.facebook.com/pretrapide/videos/a1b2c3d4e5',
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
    expect(
      assessReaderComment(`${offer}https://www.facebook.com/profile.php?id=100089123456789`).verdict,
    ).toBe('pending')
  })
})

describe('citesASource', () => {
  it.each([
    'https://fr.wikipedia.org/wiki/Digital_Services_Act',
    'https://ru.wikipedia.org/wiki/Диссернет',
    'https://commons.wikimedia.org/wiki/File:Map.svg',
    'https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000046773396',
    'https://www.diplomatie.gouv.fr/fr/conseils-aux-voyageurs/',
    'https://step.state.gov',
    'https://www.gov.uk/foreign-travel-advice/lebanon',
    'https://www.kmu.gov.ua/news',
    'https://www.mofa.go.kr/eng/index.do',
    'https://www.gob.mx/sre',
    'https://www.nato.int/cps/en/natohq/topics_52044.htm',
    'https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32022R2065',
    'https://www.un.org/fr/',
    'https://www.imf.org/fr/Countries/EGY',
    // Still an article of a publication, dated in its path.
    'https://www.lemonde.fr/international/article/2025/01/02/la-cop-s-acheve_6478123_3210.html',
  ])('takes %s for a cited source', (url) => {
    expect(citesASource(firstLinkOf(`voir ${url}`))).toBe(true)
  })

  it.each([
    // Hosts that only contain a reference's name, or borrow it as a label.
    'https://wikipedia.org.pret-rapide.example/offre',
    'https://pret-wikipedia.com/urgent',
    'https://gov.loans-fast.example/apply',
    'https://gouv-aides.fr/demande',
    // Romania's go.ro is anybody's, unlike Korea's go.kr.
    'https://evil.go.ro/offre',
    'https://casino.example/bonus',
    // A shortened link hides where it leads, whatever it says.
    'https://bit.ly/wikipedia-org',
  ])('takes %s for a page of its own', (url) => {
    expect(citesASource(firstLinkOf(`voir ${url}`))).toBe(false)
  })
})

describe('a reader citing an encyclopaedia or a public body on a subject spam also uses', () => {
  it.each([
    "Le FMI a accordé un prêt urgent à l'Argentine, voir https://fr.wikipedia.org/wiki/Crise_%C3%A9conomique_argentine",
    'Кредит МВФ Аргентине — срочный кредит под политические условия, см. https://ru.wikipedia.org/wiki/Аргентина',
  ])('is approved: %s', (content) => {
    expect(assessReaderComment(content).verdict).toBe('approved')
  })

  it.each([
    "Le DSA oblige enfin les plateformes à agir contre la vente de Viagra en ligne et les casinos en ligne fiables qui n'en sont pas. Voir https://fr.wikipedia.org/wiki/Digital_Services_Act",
    'У нас блогеры рекламируют онлайн казино, а чиновники покупают диплом: написание диссертаций на заказ — норма. См. https://ru.wikipedia.org/wiki/Диссернет',
  ])('is never marked spam, whatever trades it names: %s', (content) => {
    expect(assessReaderComment(content).verdict).not.toBe('spam')
  })
})

describe('an offer that also cites a reference', () => {
  it('is still judged by the way it gives to be reached', () => {
    const content =
      'Prêt urgent entre particuliers, sérieux et rapide, contactez-moi au +33 6 12 34 56 78. Voir https://fr.wikipedia.org/wiki/Pr%C3%AAt'
    expect(assessReaderComment(content).verdict).toBe('spam')
  })

  it('is still held when its own link is an offer beside the reference', () => {
    const content =
      "Besoin d'un prêt urgent ? https://pret-rapide.example/demande (voir aussi https://fr.wikipedia.org/wiki/Pr%C3%AAt)"
    expect(assessReaderComment(content).verdict).not.toBe('approved')
  })
})
