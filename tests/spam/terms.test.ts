import { describe, expect, it } from 'vitest'
import { contentFingerprint, normalizeText } from '../../src/spam/normalize.js'
import { findTerms } from '../../src/spam/terms.js'

/** Terms are always searched for in normalised text, as the scorer does. */
const find = (text: string, terms: string[]) => findTerms(normalizeText(text), terms)

describe('normalizeText', () => {
  it('folds compatibility forms (fullwidth letters, ligatures) and lower-cases', () => {
    expect(normalizeText('ＣＡＳＩＮＯ ﬁnance')).toBe('casino finance')
  })

  it('composes decomposed accents so both spellings compare equal', () => {
    expect(normalizeText('cre\u0301dit')).toBe(normalizeText('crédit'))
    expect(normalizeText('CRÉDIT')).toBe('crédit')
  })

  it.each([
    ['zero-width space', '\u200B'],
    ['zero-width joiner', '\u200D'],
    ['zero-width non-joiner', '\u200C'],
    ['word joiner', '\u2060'],
    ['soft hyphen', '\u00AD'],
    ['byte order mark', '\uFEFF'],
    ['right-to-left mark', '\u200F'],
  ])('removes the invisible %s', (_, invisible) => {
    expect(normalizeText(`ca${invisible}si${invisible}no`)).toBe('casino')
  })

  it('collapses every run of whitespace, including no-break and ideographic spaces, and trims', () => {
    expect(normalizeText('  buy\u00A0\u00A0now \n\t today\u3000 ')).toBe('buy now today')
  })

  it('lower-cases other scripts too', () => {
    expect(normalizeText('КАЗИНО Ελλάδα')).toBe('казино ελλάδα')
  })

  it('lower-cases the Turkish dotted capital İ to a plain i, without the combining dot JavaScript adds', () => {
    expect(normalizeText('İDDAA İstanbul')).toBe('iddaa istanbul')
    expect(normalizeText('I\u0307stanbul i\u0307ddaa')).toBe('istanbul iddaa')
  })

  it('keeps the Turkish dotless ı apart from i: they are different letters (sık, often; sik, a vulgarity)', () => {
    expect(normalizeText('Işık ılık')).toBe('işık ılık')
  })
})

describe('contentFingerprint', () => {
  it('is a SHA-256 in hexadecimal', () => {
    expect(contentFingerprint('Bonjour')).toMatch(/^[0-9a-f]{64}$/)
  })

  it('is the same for text that differs only in case, spacing, invisible characters or width', () => {
    const original = contentFingerprint('Merci pour cet article.')
    expect(contentFingerprint('  MERCI   pour cet\narticle. ')).toBe(original)
    expect(contentFingerprint('Mer\u200Bci pour cet article.')).toBe(original)
    expect(contentFingerprint('Ｍｅｒｃｉ pour cet article.')).toBe(original)
    expect(contentFingerprint('İSTANBUL güzel')).toBe(contentFingerprint('istanbul güzel'))
  })

  it('differs for text a reader would read differently', () => {
    expect(contentFingerprint('Merci pour cet article.')).not.toBe(
      contentFingerprint('Merci pour cet article !'),
    )
    expect(contentFingerprint('côte')).not.toBe(contentFingerprint('cote'))
  })
})

describe('findTerms', () => {
  it('finds a term written as a whole word', () => {
    expect(find('The best casino online', ['casino'])).toEqual(['casino'])
  })

  it('reads the typographic apostrophe a phone types as the straight one a moderator types, and back', () => {
    expect(find('Aujourd’hui encore', ["aujourd'hui"])).toEqual(["aujourd'hui"])
    expect(find("Quel fils d'pute", ['fils d’pute'])).toEqual(['fils d’pute'])
    expect(find('Quel fils dʼpute', ["fils d'pute"])).toEqual(["fils d'pute"])
  })

  it('finds nothing when there are no terms or none occur', () => {
    expect(find('The best casino online', [])).toEqual([])
    expect(find('A thoughtful comment', ['casino', 'viagra'])).toEqual([])
  })

  it('returns the matching terms as the site wrote them, in the order of the list', () => {
    expect(find('viagra and casino', ['Casino', 'lottery', 'VIAGRA'])).toEqual(['Casino', 'VIAGRA'])
  })

  it('names a term the list holds in several spellings once, as first written', () => {
    expect(find('poker tonight', ['poker', 'lottery', 'Poker', 'ＰＯＫＥＲ', 'poker'])).toEqual(['poker'])
  })

  it.each([
    ['at the start', 'casino, tonight'],
    ['at the end', 'tonight: casino'],
    ['before punctuation', 'Casino! Casino?'],
    ['inside brackets', '(casino)'],
    ['inside French quotes', '«casino»'],
    ['after a hash sign', '#casino'],
    ['across a line break', 'best\ncasino'],
  ])('matches a whole word %s', (_, text) => {
    expect(find(text, ['casino'])).toEqual(['casino'])
  })

  it.each([
    ['upper case', 'CASINO'],
    ['mixed case', 'CaSiNo'],
    ['fullwidth letters', 'ＣＡＳＩＮＯ'],
    ['a zero-width space inside', 'ca\u200Bsino'],
    ['a zero-width joiner and a soft hyphen inside', 'ca\u200Dsi\u00ADno'],
    ['a word joiner inside', 'c\u2060a\u2060s\u2060i\u2060n\u2060o'],
  ])('matches after Unicode normalisation: %s', (_, disguised) => {
    expect(find(`Play ${disguised} now`, ['casino'])).toEqual(['casino'])
  })

  it('normalises the term like the text, so a term the site typed in capitals or fullwidth still matches', () => {
    expect(find('casino', ['ＣＡＳＩＮＯ'])).toEqual(['ＣＡＳＩＮＯ'])
  })

  it('matches a term with an i in text written with the Turkish capital İ, and the other way round', () => {
    expect(find('İDDAA kuponları burada', ['iddaa'])).toEqual(['iddaa'])
    expect(find('İddaa tahminleri', ['iddaa'])).toEqual(['iddaa'])
    expect(find('iddaa tahminleri', ['İDDAA'])).toEqual(['İDDAA'])
    expect(find('Bedava İDDAA', ['bedava iddaa'])).toEqual(['bedava iddaa'])
  })

  it.each([
    ['written with ı', 'canlı bahis siteleri'],
    ['in capitals, where I may stand for ı', 'CANLI BAHİS SİTELERİ'],
    ['without Turkish letters', 'canli bahis siteleri'],
  ])('matches a term with a dotless ı in text %s', (_, text) => {
    expect(find(text, ['canlı bahis'])).toEqual(['canlı bahis'])
    expect(find(text, ['canlı*'])).toEqual(['canlı*'])
  })

  it('reads a capital I in a term as ı or i: Turkish writes I for ı, and a term in capitals means either', () => {
    expect(find('canlı bahis', ['CANLI BAHİS'])).toEqual(['CANLI BAHİS'])
    expect(find('canli bahis', ['CANLI BAHİS'])).toEqual(['CANLI BAHİS'])
    expect(find('Play casino now', ['CASINO'])).toEqual(['CASINO'])
    // A disguised term is read as its skeleton, where ı would be an l: its I stays an i.
    expect(find('Play casino now', ['ᴄᴀsIno'])).toEqual(['ᴄᴀsIno'])
    // Capitals and a ı of its own in one term (found by the terms property with a new seed).
    expect(find('canlı canlı', ['CANLI canlı'])).toEqual(['CANLI canlı'])
    expect(find('canlı canli', ['canlı CANLI'])).toEqual(['canlı CANLI'])
  })

  it('does not match a term with an i where the text has a dotless ı, a different Turkish letter', () => {
    expect(find('Bu konuyu sık sık yazıyorum.', ['sik'])).toEqual([])
    expect(find('Bu konuyu sık sık yazıyorum.', ['sik*'])).toEqual([])
  })

  it('matches a phrase whatever spacing separates its words', () => {
    expect(find('BUY   \n NOW!', ['buy now'])).toEqual(['buy now'])
  })

  it.each([
    ['ass', 'A classic assessment, with class and bass.'],
    ['cunt', 'Scunthorpe United won.'],
    ['sex', 'Middlesex, Essex and Sussex.'],
    ['tit', 'The title of the petition.'],
    ['hell', 'Hello from the shell.'],
    ['cock', 'A peacock in the cockpit.'],
    ['arse', 'Parse the sparse data.'],
    ['ass', 'Vous avez assez de classe ; c’est passé.'],
  ])('does not match "%s" inside another word (Scunthorpe problem): %s', (term, text) => {
    expect(find(text, [term])).toEqual([])
  })

  it('does not let an invisible character glue a term to a word it is not part of', () => {
    expect(find('cl\u200Bass', ['ass'])).toEqual([])
  })

  it('treats regular-expression characters in a term literally', () => {
    expect(find('I write c++ daily', ['c++'])).toEqual(['c++'])
    expect(find('nothing special here', ['.*', '(', '[a-z]+'])).toEqual([])
  })

  it('ignores a term that normalises to nothing', () => {
    expect(find('any text at all', ['\u200B', '\u00AD'])).toEqual([])
  })

  describe('in other scripts', () => {
    it('matches a Cyrillic term as a whole word, in any case', () => {
      expect(find('Лучшее КАЗИНО онлайн', ['казино'])).toEqual(['казино'])
    })

    it('does not match a Cyrillic term inside a longer word', () => {
      expect(find('Казиноград закрыт', ['казино'])).toEqual([])
    })

    it('matches a Korean term as a whole word', () => {
      expect(find('불법 도박 사이트 광고', ['도박'])).toEqual(['도박'])
    })

    it('matches an Arabic term as a whole word, with right-to-left marks around it', () => {
      expect(find('\u200Fأفضل كازينو على الإنترنت\u200F', ['كازينو'])).toEqual(['كازينو'])
    })

    it('matches an accented French term whether the text is composed or decomposed', () => {
      expect(find('CRÉDIT facile !', ['crédit'])).toEqual(['crédit'])
      expect(find('cre\u0301dit facile !', ['crédit'])).toEqual(['crédit'])
    })

    it('matches a French term only as that exact word, not inside a longer one nor as its accented form', () => {
      expect(find('Un arnaqueur notoire', ['arnaque'])).toEqual([])
      expect(find('Il a été arnaqué', ['arnaque'])).toEqual([])
      expect(find('Quelle arnaque !', ['arnaque'])).toEqual(['arnaque'])
    })

    it('matches a term ending in * as the start of a word: inflections and Korean particles', () => {
      expect(find('Эти мошенники снова звонят', ['мошенни*'])).toEqual(['мошенни*'])
      expect(find('불법 도박을 광고하는 사이트', ['도박*'])).toEqual(['도박*'])
      expect(find('Des arnaqueurs notoires', ['arnaque*'])).toEqual(['arnaque*'])
      // Still from the start of a word, and a star after fewer than two characters is a character.
      expect(find('Les escrocs et les arnaqueurs', ['naque*'])).toEqual([])
      expect(find('a* grade, a grade', ['a*'])).toEqual(['a*'])
      expect(find('a grade', ['a*'])).toEqual([])
    })

    it('matches a Chinese term inside a sentence, which has no spaces between words', () => {
      expect(find('我不喜欢赌博网站。', ['赌博'])).toEqual(['赌博'])
    })

    it('matches a Japanese term inside a sentence, including when written in halfwidth katakana', () => {
      expect(find('今日はカジノに行った', ['カジノ'])).toEqual(['カジノ'])
      expect(find('今日はｶｼﾞﾉに行った', ['カジノ'])).toEqual(['カジノ'])
    })
  })
})
