import { describe, expect, it } from 'vitest'
import { analyseText, isDisguised } from '../../src/spam/analysis.js'
import { assessReaderComment } from './reader-comment.js'

describe('analyseText', () => {
  describe('visible: what a reader sees', () => {
    it('decodes HTML entities and removes markup and BBCode tags, keeping their text', () => {
      expect(analyseText('Caf&eacute; <b>gras</b> &amp; [i]co[/i]').visible).toBe('Café  gras  &  co ')
    })

    it('keeps what only looks like markup: a heart, a comparison', () => {
      expect(analyseText('I <3 this, and 5 > 3 < 4').visible).toBe('I <3 this, and 5 > 3 < 4')
    })

    it('folds compatibility forms: full-width letters, styled digits, ligatures, superscripts', () => {
      expect(analyseText('ＣＡＳＩＮＯ 𝟷𝟺𝟶 ﬁn XXᵉ').visible).toBe('CASINO 140 fin XXe')
    })

    it('removes invisible characters, but keeps the joiners and marks legitimate text needs', () => {
      expect(analyseText('ca\u200Bsi\u2060no\uFEFF').visible).toBe('casino')
      expect(analyseText('👨‍👩‍👧').visible).toBe('👨‍👩‍👧')
      expect(analyseText('می\u200Cخواهم').visible).toBe('می\u200Cخواهم')
      expect(analyseText('PSG\u200Fفريق').visible).toBe('PSG\u200Fفريق')
    })
  })

  it('normalized: the visible text lower-cased with whitespace collapsed', () => {
    expect(analyseText('  Très   BIEN\n\tÉcrit\u00A0! ').normalized).toBe('très bien écrit !')
  })

  it('normalized: the Turkish capital İ is read as i, as every consumer of the text compares it', () => {
    const text = analyseText('İSTANBUL ve İzmir, Iğdır ve ılık')
    expect(text.normalized).toBe('istanbul ve izmir, iğdır ve ılık')
    expect(text.words).toEqual(analyseText('istanbul ve izmir, iğdır ve ılık').words)
  })

  describe('skeleton, words and disguisedWords', () => {
    it('maps words that mix scripts or use look-alike letters to their Latin reading', () => {
      const text = analyseText('Best Pаypal саsinо ᴡʜᴀᴛꜱᴀᴘᴘ')
      expect(text.skeleton).toBe('best paypal casino whatsapp')
      expect(text.disguisedWords).toEqual(['pаypal', 'саsinо', 'ᴡʜᴀᴛꜱᴀᴘᴘ'])
    })

    it('reads a disguised word with a Turkish capital İ as its skeleton too', () => {
      // A Cyrillic а in "İnstаgram": the disguised word is found as written, and must be the word `normalized` has.
      const text = analyseText('İnstаgram')
      expect(text.skeleton).toBe('instagram')
      expect(text.disguisedWords).toEqual(['instаgram'])
    })

    it('leaves words written wholly in another script as they are', () => {
      const text = analyseText('Казино Вулкан, ελληνικά, 한국어')
      expect(text.skeleton).toBe('казино вулкан, ελληνικά, 한국어')
      expect(text.disguisedWords).toEqual([])
    })

    it.each([
      ['Azerbaijani ə', 'Azərbaycan gözəl'],
      ['Bambara ɛ and ɲ', 'sɛbɛn ɲuman'],
      ['Lingala and Ewe ɔ', 'tɔ́ndi mingi, akpɔ'],
      ['Hausa ɗ and ɓ', 'ɗan ɓera'],
      ['Fula ŋ', 'ŋari'],
    ])('does not take the letters of living alphabets for disguises (%s)', (_, content) => {
      const text = analyseText(content)
      expect(text.disguisedWords).toEqual([])
      expect(text.skeleton).toBe(text.normalized)
    })

    it('gives the words of the skeleton, apostrophes kept inside words', () => {
      expect(analyseText("L'être aimé, c’est l’INSEE : 2,5 %").words).toEqual([
        "l'être",
        'aimé',
        'c’est',
        'l’insee',
        '2',
        '5',
      ])
    })
  })

  describe('isDisguised', () => {
    it.each([
      ['Latin with Cyrillic', 'pаypal', true],
      ['Latin with Greek', 'αpple', true],
      ['small capitals', 'ꜰʀᴇᴇ', true],
      ['plain Latin', 'paypal', false],
      ['plain Cyrillic', 'привет', false],
      ['Azerbaijani', 'azərbaycan', false],
    ])('%s: %s', (_, word, disguised) => {
      expect(isDisguised(word)).toBe(disguised)
    })
  })

  describe('invisible: invisible characters, and how many sit inside words', () => {
    it('counts tricks inside words and at their edges apart', () => {
      expect(analyseText('ca\u200Bsino \u200Bbonus\u200B').invisible).toEqual({ total: 3, insideWords: 1 })
    })

    it.each([
      ['a zero-width joiner in an emoji sequence', '👩🏽‍💻 👨‍👩‍👧‍👦'],
      ['a zero-width non-joiner in Persian', 'می\u200Cخواهم'],
      ['a joiner in Devanagari', 'क्\u200Dष'],
      ['right-to-left marks around Arabic', '\u200Fمقال رائع\u200F'],
      ['a direction mark where Arabic meets a Latin name', 'فريق PSG\u200Fفاز'],
      ['zero-width spaces between Thai words', 'บทความ\u200Bนี้\u200Bดี'],
      ['soft hyphens (hyphenation hints)', 'inter\u00ADnatio\u00ADnale'],
    ])('does not count %s', (_, content) => {
      expect(analyseText(content).invisible).toEqual({ total: 0, insideWords: 0 })
    })

    it('still counts a direction mark or a zero-width space between Latin letters', () => {
      expect(analyseText('vi\u200Fagra ca\u200Bsino').invisible).toEqual({ total: 2, insideWords: 2 })
    })
  })

  describe('links', () => {
    it('finds bare URLs and www. hosts, without the punctuation that ends a sentence', () => {
      expect(analyseText('Voir https://www.insee.fr/fr/statistiques, et www.rfi.fr/fr.').links).toEqual([
        {
          kind: 'url',
          target: 'https://www.insee.fr/fr/statistiques',
          host: 'www.insee.fr',
          displayHost: 'www.insee.fr',
          text: null,
        },
        { kind: 'www', target: 'www.rfi.fr/fr', host: 'www.rfi.fr', displayHost: 'www.rfi.fr', text: null },
      ])
    })

    it('finds anchors and BBCode links once each, with their text', () => {
      const text = analyseText(
        '<a href="https://gold.example">best gold IRA</a> [url=https://ray.example]ray ban[/url]',
      )
      expect(text.links.map((link) => [link.kind, link.host, link.text])).toEqual([
        ['anchor', 'gold.example', 'best gold IRA'],
        ['bbcode', 'ray.example', 'ray ban'],
      ])
    })

    it('gives international hosts in ASCII and as a reader sees them', () => {
      const [link] = analyseText('https://пример.рф/путь').links
      expect(link?.host).toBe('xn--e1afmkfd.xn--p1ai')
      expect(link?.displayHost).toBe('пример.рф')
    })
  })

  describe('reads hostile input in time proportional to its length', () => {
    const n = 20_000
    it.each([
      ['one huge word', 'a'.repeat(n)],
      ['unclosed tags', '<a '.repeat(n / 3)],
      ['unclosed anchors', '<a href="x">'.repeat(n / 12)],
      ['unclosed BBCode', '[url='.repeat(n / 5)],
      ['unclosed BBCode links', '[url]'.repeat(n / 5)],
      ['unclosed BBCode links with a target', '[url=x]'.repeat(n / 7)],
      ['unclosed anchors with a bare target', '<a href=x>'.repeat(n / 10)],
      ['a URL that never ends', `https://${'a.'.repeat(n / 2)}`],
      ['www. over and over', 'www.'.repeat(n / 4)],
      ['invisible characters', '\u200Ba'.repeat(n / 2)],
      ['mixed scripts', 'аa'.repeat(n / 2)],
      ['apostrophes', "a'".repeat(n / 2)],
      ['entities', '&amp;'.repeat(n / 5)],
      ['less-than signs', '<'.repeat(n)],
    ])('%s', (_, content) => {
      const text = analyseText(content)
      expect(text.raw).toBe(content)
    })
  })
})

describe('analyseText on hostile input', () => {
  // Unclosed tags and long runs once made the link patterns backtrack for seconds; each of these must be read
  // in one pass. (No timing assertion: a regression shows as a test that takes seconds.)
  it.each([
    ['unclosed anchors', '<a href='.repeat(2500)],
    ['anchors without a closing tag', '<a href="x" '.repeat(1700)],
    ['unclosed BBCode', '[url='.repeat(4000)],
    ['bare BBCode openings', '[url]'.repeat(4000)],
    ['a URL ending in dots', `https://a.example${'.'.repeat(20_000)}`],
    ['www. runs', 'www.'.repeat(5000)],
  ])('reads %s', (_, text) => {
    expect(analyseText(text).raw).toBe(text)
  })
})

describe('a text NFKC makes many times longer', () => {
  // U+FDFA is written as 18 characters: 20 000 of them were 360 000 for every rule to read.
  it('is read within three times the longest comment, and what comes after the long characters is read too', () => {
    const spam = 'This hacker helped me recover my lost bitcoin. Contact him on cyberhackpro@gmail.com'
    const padded = analyseText(`${'\uFDFA'.repeat(19_000)} ${spam}`)
    expect(padded.visible.length).toBeLessThanOrEqual(60_000)
    expect(padded.visible).toContain('cyberhackpro@gmail.com')
    expect(assessReaderComment(`${'\uFDFA'.repeat(3_400)} ${spam}`).verdict).toBe('spam')
  })

  it('keeps them as NFKC writes them when the text stays within that', () => {
    expect(analyseText('\uFDFA').visible).toBe('\uFDFA'.normalize('NFKC'))
  })
})
