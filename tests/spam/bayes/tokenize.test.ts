import { describe, expect, it } from 'vitest'
import { analyseText } from '../../../src/spam/analysis.js'
import { tokenize } from '../../../src/spam/bayes/tokenize.js'
import type { ScoringInput } from '../../../src/spam/rules/types.js'

const inputOf = (content: string, author: Partial<ScoringInput['author']> = {}): ScoringInput => ({
  content,
  author: { name: 'Camille', email: null, url: null, ...author },
  honeypot: null,
  article: { title: null, url: null, language: null },
  userAgent: null,
  referrer: null,
})

const tokensOf = (content: string, author: Partial<ScoringInput['author']> = {}, fired: string[] = []) => {
  const input = inputOf(content, author)
  return tokenize(input, analyseText(content), analyseText(input.author.name), fired)
}

describe('tokenize', () => {
  it('takes words of three letters or more, lower-cased', () => {
    const tokens = tokensOf('Check OUT my new channel')
    expect(tokens).toEqual(expect.arrayContaining(['check', 'out', 'new', 'channel']))
    expect(tokens).not.toContain('my')
  })

  it('pairs neighbouring words, short ones included, so set phrases weigh as phrases', () => {
    expect(tokensOf('Check out my channel')).toEqual(
      expect.arrayContaining(['b:check out', 'b:out my', 'b:my channel']),
    )
  })

  it('pairs words in any script', () => {
    expect(tokensOf('Подпишись на мой канал')).toEqual(expect.arrayContaining(['b:на мой', 'b:мой канал']))
    expect(tokensOf('제 채널 구독해 주세요')).toContain('b:채널 구독해')
  })

  it('leaves very long words out of pairs (they are skip tokens on their own)', () => {
    const tokens = tokensOf('aaaaaaaaaaaaaaaaaaaaaaaa click')
    expect(tokens.some((token) => token.startsWith('b:'))).toBe(false)
    expect(tokens).toContain('sk:aaaaaa:20')
  })

  it('names the author, link hosts, e-mail domain, link count and fired rules with their own prefixes', () => {
    const tokens = tokensOf(
      'see https://shop.example.com/x',
      { name: 'Cheap Pills', email: 'a@mail.example', url: 'https://promo.example.net/' },
      ['links'],
    )
    expect(tokens).toEqual(
      expect.arrayContaining([
        'n:cheap',
        'n:pills',
        'u:shop.example.com',
        'u:example.com',
        'a:promo.example.net',
        'a:example.net',
        'e:mail.example',
        'l:1',
        'r:links',
      ]),
    )
  })

  it('keeps the author and link tokens of a very long text, cutting words and pairs instead', () => {
    const words = Array.from({ length: 2000 }, (_, i) => `word${i}`).join(' ')
    const tokens = tokensOf(`${words} https://spam.example/`, { name: 'Seller' })
    expect(tokens.length).toBe(1000)
    expect(tokens).toEqual(expect.arrayContaining(['n:seller', 'u:spam.example', 'l:1']))
  })
})
