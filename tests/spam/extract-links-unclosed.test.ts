import { describe, expect, it } from 'vitest'
import { extractLinks } from '../../src/spam/extract-links.js'

// A comment of 64 KB made of thousands of unclosed tags is read in one pass: each opening is tried where it starts,
// never re-searched from each tag's end (which took 80 to 300 ms, growing with the square of the text). By hand,
// 64 KB of `[url]`: 155 ms of CPU before, under 2 ms after; of `<a href=x>`: 83 ms before, 8 ms after (one link
// parsed per tag).

const fill = (unit: string) => unit.repeat(Math.ceil((64 * 1024) / unit.length)).slice(0, 64 * 1024)

describe('extractLinks on thousands of unclosed tags', () => {
  it.each(['[url]', 'x[url]', '[url=', '<a href=', '<a ', '<', '['])(
    'finds no link in %s repeated',
    (unit) => {
      expect(extractLinks(fill(unit))).toEqual([])
    },
  )

  it('reads each unclosed anchor as a link to its target', () => {
    const links = extractLinks(fill('<a href=x.example>'))
    expect(links).toHaveLength(Math.floor((64 * 1024) / '<a href=x.example>'.length))
    expect(new Set(links.map((link) => `${link.kind} ${link.host}`))).toEqual(new Set(['anchor x.example']))
  })

  it('reads each unclosed [url=…] as a link to its target', () => {
    const links = extractLinks(fill('[url=x.example]'))
    expect(links).toHaveLength(Math.floor((64 * 1024) / '[url=x.example]'.length))
    expect(new Set(links.map((link) => `${link.kind} ${link.host}`))).toEqual(new Set(['bbcode x.example']))
  })

  it('still pairs each tag with its closing one, in any case', () => {
    expect(
      extractLinks(
        '<A HREF="https://a.example">a</A> [URL=https://b.example]b[/URL] [url]https://c.example[/url]',
      ),
    ).toMatchObject([
      { kind: 'anchor', host: 'a.example', text: 'a' },
      { kind: 'bbcode', host: 'b.example', text: 'b' },
      { kind: 'bbcode', host: 'c.example' },
    ])
  })

  it('finds the closing tag after a letter whose lower case is longer (İ)', () => {
    const links = extractLinks('İİİ <a href="https://a.example">İstanbul</a> https://b.example')
    expect(links.map((link) => [link.kind, link.host, link.text])).toEqual([
      ['anchor', 'a.example', 'İstanbul'],
      ['url', 'b.example', null],
    ])
  })
})
