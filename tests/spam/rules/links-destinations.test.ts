import { describe, expect, it } from 'vitest'
import { shortener } from '../../../src/spam/rules/links.js'
import { punycodeHost } from '../../../src/spam/rules/punycode-host.js'
import { referralLink } from '../../../src/spam/rules/referral-link.js'
import {
  BBC_UTM,
  detail,
  IDN,
  LE_MONDE,
  LE_MONDE_RSS,
  points,
  WIKIPEDIA_FR,
  WIKIPEDIA_RU,
} from './link-comments.js'

// Where a link leads: behind a shortener, with a referral code, to a host spelt with look-alike letters.

describe('shortener (D5)', () => {
  it.each([
    ['bit.ly', 'Regardez https://bit.ly/4kQz8Tx'],
    ['t.co', 'https://t.co/AbCdEf123 incroyable'],
    ['a subdomain of a shortener', 'http://www.linkbucks.com/AcN2g'],
    ['a Russian shortener', 'Смотрите https://clck.ru/3ABCD'],
    ['a www. shortener without scheme', 'Voir www.tinyurl.com/abc123'],
    ['a shortener without scheme, as pages and apps still link it', 'Tout est là : bit.ly/4kQz8Tx'],
    ['a shortener in capitals without scheme', 'CLIQUEZ ICI BIT.LY/4KQZ8TX'],
    ['a shortener broken by a space so the form does not link it', 'adf.ly /KlD3Y'],
  ])('gives 1.5 for a shortened link in the text: %s', (_, content) => {
    expect(points(shortener, content)).toBe(1.5)
  })

  it('gives 2 for a shortened author URL', () => {
    expect(points(shortener, { content: 'Amazing.', url: 'https://bit.ly/4kQz8Tx' })).toBe(2)
    expect(detail(shortener, { content: 'Amazing.', url: 'https://bit.ly/4kQz8Tx' })).toBe(
      'Hides where a link leads behind a URL shortener: the author’s website is given as “https://bit.ly/4kQz8Tx”.',
    )
  })

  it('adds both up (3.5)', () => {
    expect(points(shortener, { content: 'Voir https://is.gd/xyz', url: 'bit.ly/abc' })).toBe(3.5)
  })

  it.each([
    ['YouTube’s own short links', 'PSY - GANGNAM STYLE (강남스타일) M/V: http://youtu.be/9bZkp7q19f0'],
    ['Google Maps share links', 'Le rassemblement est ici : https://maps.app.goo.gl/AbCdEf123'],
    ['a host that only ends like a shortener', 'https://notbit.ly/page'],
    ['a host that starts like a shortener', 'https://bit.ly.example.com/page'],
    ['the word bitly', 'On parlait de bitly et de tinyurl hier.'],
    ['a source', `Source : ${LE_MONDE}`],
    ['a shortener named, with no code after it', "Je n'ouvre jamais un lien bit.ly, ni t.co."],
    ['slashes between words and units', 'Le RN et/ou LR ? 130 km/h, 24h/24, 1/3 des voix.'],
    ['a shortener as the end of another host', 'Voir notbit.ly/page ou mybit.ly/abc'],
    ['a code glued to letters in another script', 'bit.ly/abcзаработок'],
  ])('does not fire on %s', (_, content) => {
    expect(points(shortener, content)).toBeNull()
  })

  it('does not fire on an ordinary author URL', () => {
    expect(points(shortener, { content: 'Bonne analyse.', url: 'https://cinephile-valerie.fr' })).toBeNull()
  })
})

describe('referral-link (D6)', () => {
  it.each([
    ['a ref= code', 'http://hackfbaccountlive.com/?ref=4604617', 'ref=4604617'],
    [
      'an affiliate id in any case',
      'http://www.gcmforex.com/partners/aw.aspx?Task=JoinT2&AffiliateID=9107',
      'AffiliateID=9107',
    ],
    ['an aff= parameter with any value', 'https://casino.example/?aff=johnny', 'aff=johnny'],
    [
      'a sign-up page with a ref',
      'https://accounts.binance.com/register?ref=CPA_00ABCDEF',
      'ref=CPA_00ABCDEF',
    ],
    [
      'a sign-up page with a code in another parameter',
      'http://www.swagbucks.com/p/register?rb=13017194',
      'rb=13017194',
    ],
    ['a code in the path', 'https://www.okx.com/join/12345678', '/join/12345678'],
    ['a referral path', 'https://www.paidverts.com/ref/tomuciux99', '/ref/tomuciux99'],
    ['a code in the fragment', 'http://tankionline.com#friend=cd92db3f4', 'friend=cd92db3f4'],
    ['a referral code parameter', 'https://exchange.example/signup?referral_code=XYZ', 'referral_code=XYZ'],
  ])('fires on %s', (_, url, code) => {
    expect(points(referralLink, `Inscrivez-vous : ${url}`)).toBe(3)
    expect(detail(referralLink, `Inscrivez-vous : ${url}`)).toContain(`“${code}”`)
  })

  it('reads the author URL too', () => {
    expect(
      detail(referralLink, {
        content: 'Bonne analyse.',
        url: 'https://www.binance.com/en/register?ref=35142532',
      }),
    ).toBe(
      'The author’s website address carries a referral code, “ref=35142532”: whoever posted it is paid for the visits or sign-ups.',
    )
  })

  it.each([
    ['utm_ tracking tags', BBC_UTM],
    ['a news site’s own tracking (xtor)', LE_MONDE_RSS],
    [
      'Facebook’s ref=hl and ref=bookmarks',
      'https://www.facebook.com/lemonde.fr?ref=hl https://www.facebook.com/x?ref=bookmarks',
    ],
    ['a newsletter’s ref=site', 'https://blog.example.org/post/?ref=newsletter.example.com'],
    [
      'GitHub’s ref=main and ref=v2.1.0',
      'https://github.com/o/r/blob/x.md?ref=main https://github.com/o/r?ref=v2.1.0',
    ],
    [
      'Amazon’s ref= path segment',
      'https://www.amazon.fr/dp/B08XYZ1234/ref=sr_1_1?keywords=livre&qid=1700000000',
    ],
    ['Twitter’s ref_src', 'https://twitter.com/lemondefr/status/1?ref_src=twsrc%5Etfw'],
    ['a subreddit with digits', 'https://www.reddit.com/r/2007scape/comments/abc123/title/'],
    ['Wikipedia with a percent-encoded path', WIKIPEDIA_FR],
    ['a join page without a code', 'https://www.lemonde.fr/join/abonnement'],
  ])('does not fire on %s', (_, url) => {
    expect(points(referralLink, `Voir ${url}`)).toBeNull()
  })
})

describe('punycode-host (D7)', () => {
  it.each([
    ['Latin mixed with Cyrillic look-alikes', 'https://раураl.com/login', 'mixes'],
    [
      'Cyrillic letters spelling a Latin word under .com',
      'https://аррӏе.com/id',
      'read as the Latin “apple”',
    ],
    [
      'a phonetic ɡ among Latin letters',
      'https://ɡoogle.com/',
      'imitates ordinary Latin letters with look-alikes',
    ],
    ['Cyrillic mixed with Greek', 'https://аα.example/', 'mixes'],
  ])('fires on %s', (_, url, why) => {
    expect(points(punycodeHost, `Connectez-vous : ${url}`)).toBe(1.5)
    expect(detail(punycodeHost, `Connectez-vous : ${url}`)).toContain(why)
  })

  it('reads the author URL too', () => {
    expect(points(punycodeHost, { content: 'Merci.', url: 'http://раураl.com' })).toBe(1.5)
  })

  it.each([
    ['an all-Cyrillic .рф domain', IDN],
    ['an all-Cyrillic domain under .ru', 'http://сор.ru/'],
    ['an all-Cyrillic word that imitates nothing, under .com', 'https://сайт.com/'],
    ['an all-Han domain', 'https://例子.广告/'],
    ['a Japanese domain mixing kana, kanji and Latin', 'https://日本語ドメインjp.jp/'],
    ['a Korean domain', 'https://한국어.한국/'],
    ['an Arabic domain', 'https://مثال.إختبار/'],
    ['Latin with accents', 'https://münchen.de/ https://www.été.fr/'],
    ['an ordinary ASCII host', LE_MONDE],
    ['Wikipedia with percent-encoded Cyrillic', WIKIPEDIA_RU],
  ])('does not fire on %s', (_, url) => {
    expect(points(punycodeHost, `Voir ${url}`)).toBeNull()
  })
})
