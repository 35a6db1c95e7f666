import { describe, expect, it } from 'vitest'
import { analyseText } from '../../src/spam/analysis.js'

/** How many links the analysis finds, in whatever notation. */
const countLinks = (text: string) => analyseText(text).links.length

describe('links found by the analysis', () => {
  it.each([
    ['plain prose', 'Merci pour cet article, je le partagerai.'],
    ['e-mail addresses, even on a www. host', 'Écrivez à marie@exemple.fr ou à bob@www.example.com.'],
    ['decimals, abbreviations and sentence ends', 'It cost 3.50 €, see p. 12, i.e. the end.Next sentence.'],
    ['the word www on its own', 'The WWW. Nothing else.'],
    ['a scheme with no host', 'Type http:// then the address.'],
    ['Unicode text with dots', 'Спасибо... 감사합니다. 谢谢。شكراً.'],
  ])('finds no link in %s', (_, text) => {
    expect(countLinks(text)).toBe(0)
  })

  it.each([
    ['one https URL', 'Voir https://exemple.fr/article?id=3#note', 1],
    ['http and https URLs', 'http://a.example and https://b.example/path', 2],
    ['the same URL twice', 'https://a.example then https://a.example again', 2],
    ['a URL in parentheses', '(source: https://a.example/x)', 1],
    ['an upper-case scheme', 'HTTPS://A.EXAMPLE', 1],
    ['a URL right after a word in another script', '详情请见https://a.example', 1],
  ])('counts bare URLs: %s', (_, text, expected) => {
    expect(countLinks(text)).toBe(expected)
  })

  it.each([
    ['a shortened address without its scheme', 'Plus sur bit.ly/3xYzAb ce soir', 'bit.ly/3xYzAb'],
    ['one broken by a space around its slash', 'adf.ly / KlD3Y', 'adf.ly/KlD3Y'],
    ['one in capitals, after Cyrillic text', 'Смотрите CLCK.RU/3ABCD', 'CLCK.RU/3ABCD'],
    ['one with a backslash for its slash', 'Earn money online! bit.ly\\14gKvDo', 'bit.ly/14gKvDo'],
  ])('counts a URL shortener written without a scheme: %s', (_, text, target) => {
    const host = target.slice(0, target.indexOf('/')).toLowerCase()
    expect(analyseText(text).links).toEqual([
      { kind: 'shortened', target, host, displayHost: host, text: null },
    ])
  })

  it.each([
    ['with its scheme (one link, not two)', 'Voir https://bit.ly/3xYzAb', 'url'],
    ['as the text of its own anchor', '<a href="https://bit.ly/3xYzAb">bit.ly/3xYzAb</a>', 'anchor'],
    ['after www.', 'www.bit.ly/3xYzAb', 'www'],
  ])('counts a shortened address once, %s', (_, text, kind) => {
    expect(analyseText(text).links.map((link) => link.kind)).toEqual([kind])
  })

  it.each([
    ['a shortener named without a code', 'Méfiez-vous des liens bit.ly et tinyurl.com.'],
    ['an e-mail address at a shortener', 'écrivez à x@bit.ly/abc'],
    ['a Google Maps share link without scheme (not a redirector)', 'maps.app.goo.gl/AbCdEf'],
    ['slashes in prose', 'et/ou, km/h, 24h/24, 2024/2025'],
    ['a Windows path through a folder named like a shortener', 'C:\\Users\\bit.ly\\docs\\notes.txt'],
  ])('finds no shortened address in %s', (_, text) => {
    expect(countLinks(text)).toBe(0)
  })

  it.each([
    ['a www. host', 'Allez sur www.exemple.fr pour la suite.', 1],
    ['an upper-case www. host', 'WWW.EXAMPLE.COM', 1],
    ['a www. host with a path', 'www.example.com/path?q=1', 1],
    ['an internationalised www. host', 'www.例子.广告', 1],
    ['two www. hosts', 'www.a.example, www.b.example', 2],
  ])('counts links written without a scheme: %s', (_, text, expected) => {
    expect(countLinks(text)).toBe(expected)
  })

  it('counts a URL on a www. host once, not once as a URL and once as a www. host', () => {
    expect(countLinks('https://www.example.com/page')).toBe(1)
  })

  it.each([
    ['an anchor to an https URL', '<a href="https://a.example">a</a>', 1],
    ['an anchor with single quotes and upper case', "<A HREF='http://a.example'>a</A>", 1],
    [
      'an anchor with attributes before href',
      '<a rel="nofollow" class="x" href="https://a.example">a</a>',
      1,
    ],
    ['an anchor with spaces around =', '<a href = "https://a.example">a</a>', 1],
    ['an anchor to a relative path', '<a href="/page">page</a>', 1],
    ['an anchor whose text is a different URL', '<a href="https://a.example">https://b.example</a>', 2],
  ])('counts HTML anchors without counting their target twice: %s', (_, text, expected) => {
    expect(countLinks(text)).toBe(expected)
  })

  it.each([
    ['[url=…] with an https target', '[url=https://a.example]a[/url]', 1],
    ['[url]…[/url] around an https URL', '[url]https://a.example[/url]', 1],
    ['upper-case [URL=…]', '[URL=http://a.example]a[/URL]', 1],
    ['[url=…] with a relative target', '[url=/page]page[/url]', 1],
  ])('counts BBCode links without counting their target twice: %s', (_, text, expected) => {
    expect(countLinks(text)).toBe(expected)
  })

  it('adds up every form in one comment', () => {
    const text = [
      'Bare: https://a.example.',
      'Host: www.b.example.',
      'Anchor: <a href="https://c.example">c</a>.',
      'BBCode: [url]https://d.example[/url] and [url=https://e.example]e[/url].',
    ].join('\n')
    expect(countLinks(text)).toBe(5)
  })

  // A tag whose target is a www. host is one link, not two: otherwise a single BBCode link would reach the
  // default maxLinks of 2 and hold the comment.
  it.each([
    ['[url=www.…]', '[url=www.example.com]Example[/url]'],
    ['[url]www.…[/url]', '[url]www.example.com[/url]'],
    ['<a href="www.…">', '<a href="www.example.com">Example</a>'],
  ])('counts a %s link whose target is a www. host once', (_, text) => {
    expect(countLinks(text)).toBe(1)
  })
})
