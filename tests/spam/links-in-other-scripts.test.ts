import { describe, expect, it } from 'vitest'
import { extractLinks } from '../../src/spam/extract-links.js'

const hostsIn = (text: string) => extractLinks(text).map((link) => link.host)

/** Where a link ends when the text around it is not written with Latin punctuation and spaces. */
describe('a link in text of other scripts', () => {
  it.each([
    ['an ellipsis', 'Voir https://www.lemonde.fr…', 'www.lemonde.fr'],
    ['an ellipsis after a path', 'Voir https://www.lemonde.fr/international…', 'www.lemonde.fr'],
    ['an ideographic full stop', '記事はhttps://www.lemonde.fr/a。', 'www.lemonde.fr'],
    ['a fullwidth closing bracket', '（https://www.lemonde.fr/a）', 'www.lemonde.fr'],
    ['a corner bracket', '「https://www.lemonde.fr/a」を読んだ', 'www.lemonde.fr'],
  ])('ends before %s that closes the sentence', (_, text, host) => {
    expect(hostsIn(text)).toEqual([host])
  })

  it.each([
    ['a Korean particle', '기사는 https://www.lemonde.fr에서 볼 수 있습니다', 'www.lemonde.fr'],
    ['a Japanese particle', '記事はhttps://www.lemonde.frで読めます', 'www.lemonde.fr'],
    ['Chinese', '请看https://www.lemonde.fr上的文章', 'www.lemonde.fr'],
    ['a Korean particle after a www. host', '자세한 내용은 www.lemonde.fr에서', 'www.lemonde.fr'],
  ])('ends its Latin host where %s is glued to it', (_, text, host) => {
    expect(hostsIn(text)).toEqual([host])
  })

  it('keeps a host written in those scripts, and a path in them', () => {
    expect(hostsIn('https://例え.テスト/ページ')).toEqual(['xn--r8jz45g.xn--zckzah'])
    expect(extractLinks('https://ko.wikipedia.org/wiki/대한민국')[0]?.target).toBe(
      'https://ko.wikipedia.org/wiki/대한민국',
    )
  })

  it('still reads a punycode host followed by an ellipsis, for the look-alike check', () => {
    expect(hostsIn('Voir https://xn--80ak6aa92e.com…')).toEqual(['xn--80ak6aa92e.com'])
  })
})
