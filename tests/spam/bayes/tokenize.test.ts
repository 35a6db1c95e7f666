import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { analyseText } from '../../../src/spam/analysis.js'
import { tokenize, withRuleTokens } from '../../../src/spam/bayes/tokenize.js'
import { lexiconOf } from '../../../src/spam/lexicon.js'
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

// The specification of word and pair tokens, read word by word with one Set: tokenize reads each distinct word once
// and tells pairs apart by the numbers of their words, and must give the same tokens in the same order.
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u
const wordTokensOf = (word: string): string[] => {
  const chars = [...word]
  if (!/[^ -~]/.test(word)) {
    if (word.length > 15) return [`sk:${word.slice(0, 6)}:${Math.floor(word.length / 5) * 5}`]
    return word.length >= 3 ? [word] : []
  }
  if (UNSPACED.test(word))
    return chars.length === 1 ? [word] : chars.slice(1).map((char, i) => `${chars[i]}${char}`)
  if (chars.length > 15) return [`sk:${chars.slice(0, 6).join('')}:${Math.floor(chars.length / 5) * 5}`]
  return chars.length >= 2 ? [word] : []
}
const plainReading = (words: readonly string[]) => {
  const expected = new Set<string>()
  const spelt = words.map((word) =>
    word
      .replace(/[’ʼ]/g, "'")
      .replace(/ё/g, 'е')
      .replace(/(\p{Script=Cyrillic})[\u0300\u0301]+/gu, '$1'),
  )
  for (const word of spelt) for (const token of wordTokensOf(word)) expected.add(token)
  for (let i = 0; i + 1 < spelt.length; i++) {
    const [first, second] = [spelt[i] as string, spelt[i + 1] as string]
    if (first.length <= 15 && second.length <= 15) expected.add(`b:${first} ${second}`)
  }
  return [...expected]
}
/** Tokens but the two every comment by Camille without links has first: l:0 and n:camille. */
const wordAndPairTokensOf = (content: string) => tokensOf(content).slice(2)
const lexiconOfWords = (content: string) => [...lexiconOf(analyseText(content).words).ids]

describe('tokenize', () => {
  it('takes words of three letters or more, lower-cased', () => {
    const tokens = tokensOf('Check OUT my new channel')
    expect(tokens).toEqual(expect.arrayContaining(['check', 'out', 'new', 'channel']))
    expect(tokens).not.toContain('my')
  })

  it('learns a word written with the Turkish capital İ as the same token as in lower case', () => {
    expect(tokensOf('İstanbul İDDAA')).toEqual(tokensOf('istanbul iddaa'))
    expect(tokensOf('İstanbul İDDAA')).toEqual(expect.arrayContaining(['istanbul', 'iddaa']))
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

  it('reads a Korean word without the particle glued to it, so the model learns one word once', () => {
    const tokens = tokensOf('토토사이트를 찾으면 토토사이트에서 토토사이트로 가세요')
    expect(tokens.filter((token) => token === '토토사이트')).toHaveLength(1)
    expect(tokens).not.toContain('토토사이트를')
    // Two syllables stay whole, whatever they end with.
    expect(tokensOf('사이 아이 나라가')).toEqual(expect.arrayContaining(['사이', '아이', '나라']))
  })

  it('reads a word of another script without the Korean particle glued to it ("iPhone을", "URL에서")', () => {
    const tokens = tokensOf('iPhone을 팔아요, iPhone이 싸요. URL에서 확인하세요')
    expect(tokens).toEqual(expect.arrayContaining(['iphone', 'url', 'b:iphone을 팔아요']))
    expect(tokens).not.toContain('iphone을')
    expect(tokens.filter((token) => token === 'iphone')).toHaveLength(1)
    expect(tokensOf('Merci', { name: 'Vigil은' })).toContain('n:vigil')
    // A stem in ASCII is a word like any other: two letters make no token, as "AI" alone makes none.
    expect(tokensOf('AI가 좋아요').filter((token) => !token.includes(':'))).toEqual(['좋아요'])
    // The particle is all the Hangul the word ends with: a word ending in other Hangul keeps it.
    expect(tokensOf('abc가나다를')).toContain('abc가나다를')
    expect(tokensOf('2024년에')).toContain('2024년에')
  })

  it('learns a word typed with a typographic apostrophe (as phones type it) as the same token as with a straight one', () => {
    expect(tokensOf('Gagnez de l’argent aujourd’hui')).toEqual(tokensOf("Gagnez de l'argent aujourd'hui"))
    expect(tokensOf('Gagnez de l’argent')).toEqual(expect.arrayContaining(["l'argent", "b:de l'argent"]))
    // Ukrainian writes its apostrophe three ways.
    expect(tokensOf('мʼясо')).toEqual(tokensOf("м'ясо"))
    expect(tokensOf('м’ясо')).toEqual(tokensOf("м'ясо"))
  })

  it('learns a Russian word written with ё as the same token as with е, as most readers write it', () => {
    expect(tokensOf('Ёлка, всё')).toEqual(tokensOf('елка, все'))
    expect(tokensOf('ёлка')).toContain('елка')
    expect(tokensOf('Merci', { name: 'Фёдор' })).toContain('n:федор')
  })

  it('learns a Cyrillic word with a stress mark as the same token as without', () => {
    expect(tokensOf('Большо́й теа́тр')).toEqual(tokensOf('Большой театр'))
  })

  it('keeps the marks that tell words apart outside Cyrillic (Yoruba tones)', () => {
    expect(tokensOf('ọ́wọ́ owo')).toEqual(expect.arrayContaining(['ọ́wọ́', 'owo']))
    expect(tokensOf('été ete')).toEqual(expect.arrayContaining(['été', 'ete']))
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

  it('reads a host no name server could answer for (a label over 63 characters, or 254 in all) as one short token', () => {
    const label = 'a1b2c3d4e5'.repeat(300)
    const tokens = tokensOf(`see http://${label}.com/ and http://${'ab.'.repeat(120)}example.org/`, {
      email: `reader@${label}.net`,
      url: `https://www.${label}.example/`,
    })
    expect(tokens).toEqual(expect.arrayContaining(['u:sk:3000', 'u:sk:350', 'a:sk:3000', 'e:sk:3000']))
    // Each token is a key of the learned counts' index, which takes at most 2 704 bytes.
    for (const token of tokens) expect(Buffer.byteLength(token)).toBeLessThan(300)
  })

  it('reads a host written with the root’s dot as the same host', () => {
    const tokens = tokensOf('see https://www.pills.example./buy', {
      url: 'https://promo.example.net./',
      email: 'a@mail.example.',
    })
    expect(tokens).toEqual(
      expect.arrayContaining([
        'u:www.pills.example',
        'u:pills.example',
        'a:promo.example.net',
        'e:mail.example',
      ]),
    )
    expect(tokens.filter((token) => token.endsWith('.'))).toEqual([])
  })

  it('keeps the tokens of a long host that is a real one', () => {
    const host = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.example`
    expect(tokensOf(`see https://${host}/`)).toEqual(
      expect.arrayContaining([`u:${host}`, `u:${'c'.repeat(63)}.example`]),
    )
  })

  it('keeps the author and link tokens of a very long text, cutting words and pairs instead', () => {
    const words = Array.from({ length: 2000 }, (_, i) => `word${i}`).join(' ')
    const tokens = tokensOf(`${words} https://spam.example/`, { name: 'Seller' })
    expect(tokens.length).toBe(1000)
    expect(tokens).toEqual(expect.arrayContaining(['n:seller', 'u:spam.example', 'l:1']))
  })

  it('gives the tokens of the plain reading: words then pairs, each once, in the order they first occur', () => {
    // Repeats, long words (skip tokens), Chinese (character pairs), accents and apostrophes.
    const vocabulary = [
      'le',
      'chat',
      'the',
      'cat',
      'été',
      'прêt',
      'x',
      '中文字',
      '字',
      'ab',
      'abc',
      'straordinariamente',
      'anticonstitutionnellement',
      'élémentairementaires',
      'l’été',
      "l'été",
      'всё',
      'все',
      'большо́й',
      '2024',
    ]
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...vocabulary), { maxLength: 120 }), (picked) => {
        const content = picked.join(' ')
        expect(wordAndPairTokensOf(content)).toEqual(plainReading(analyseText(content).words))
      }),
    )
  })

  it('gives the same pairs when they pile up in the table that tells them apart (it gives up for a Set)', () => {
    // 300 distinct words of two letters (no tokens of their own), then words chosen so that 41 new pairs have their
    // place in the first 8 slots of the table (of 2 048 slots for 1 000 words; the same hash as tokenize's), then
    // words up to 1 000.
    const slotOf = (first: number, second: number) =>
      (Math.imul(first, 0x9e3779b1) ^ Math.imul(second, 0x85ebca6b)) & 2047
    const ids = Array.from({ length: 300 }, (_, id) => id)
    const used = new Set<string>()
    for (let i = 0; i + 1 < ids.length; i++) used.add(`${ids[i]} ${ids[i + 1]}`)
    let piled = 0
    for (let step = 0; piled < 41 && step < 5000; step++) {
      const last = ids.at(-1) as number
      const next = ids.findIndex((_, id) => id < 300 && slotOf(last, id) < 8 && !used.has(`${last} ${id}`))
      if (next >= 0) piled++
      const id = next >= 0 ? next : (step * 7919) % 300
      used.add(`${last} ${id}`)
      ids.push(id)
    }
    expect(piled).toBe(41)
    while (ids.length < 1000) ids.push((ids.length * 31) % 300)
    const content = ids.map((id) => id.toString(36).padStart(2, '0')).join(' ')
    expect(lexiconOfWords(content)).toEqual(ids)
    expect(wordAndPairTokensOf(content)).toEqual(plainReading(analyseText(content).words).slice(0, 998))
  })
})

describe('withRuleTokens', () => {
  const vocabulary = [
    'casino',
    'bonus',
    'Paris',
    'élection',
    'https://example.com/a',
    'Москва',
    '선거',
    '😀',
    'a',
    'de',
  ]
  const rules = ['links', 'all-caps', 'spam-phrases', 'contact-number']

  it('gives what tokenize gives with the rules that fired, from its tokens with none', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...vocabulary), { maxLength: 80 }),
        fc.subarray(rules),
        fc.constantFrom('Camille', 'Jean Dupont', ''),
        (words, fired, name) => {
          const content = words.join(' ')
          const author = { name, email: 'a@example.org', url: 'https://blog.example.net/x' }
          expect(withRuleTokens(tokensOf(content, author), fired)).toEqual(tokensOf(content, author, fired))
        },
      ),
    )
  })

  it('cuts the same words and pairs as tokenize when the text has more tokens than the cap', () => {
    const content = Array.from({ length: 1_200 }, (_, at) => `mot${at.toString(36)}`).join(' ')
    const fired = ['links', 'all-caps']
    const made = withRuleTokens(tokensOf(content), fired)
    expect(made).toHaveLength(1000)
    expect(made).toEqual(tokensOf(content, {}, fired))
  })
})
