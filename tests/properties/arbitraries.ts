import fc from 'fast-check'

/**
 * Text generators for the property tests: what fast-check's string units produce, and the characters that break
 * text handling in practice (lone surrogates, NUL, bidi controls, invisible characters, emoji ZWJ sequences,
 * combining marks by the thousand, markup, entities, look-alike letters, strings at and just past a limit).
 */

/** Characters and sequences known to trip up text handling, each alone or as part of a longer string. */
export const NASTY_PIECES = [
  // Lone and misordered surrogates (not storable as PostgreSQL text).
  '\uD800',
  '\uDBFF',
  '\uDC00',
  '\uDFFF',
  '\uDC00\uD800',
  '\uD83Dx',
  // NUL and other controls.
  '\u0000',
  '\u0001',
  '\u001F',
  '\u007F',
  '\u0085',
  // Bidi marks, embeddings, overrides and isolates.
  '\u200E',
  '\u200F',
  '\u061C',
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  // Zero-width and invisible characters, fillers, BOM, soft hyphen.
  '\u200B',
  '\u200C',
  '\u200D',
  '\u2060',
  '\uFEFF',
  '\u00AD',
  '\u180E',
  '\u115F',
  '\u1160',
  '\u3164',
  '\uFFA0',
  '\u{E0001}',
  '\u{E007F}',
  // Whitespace of every kind, line and paragraph separators.
  ' ',
  '\t',
  '\n',
  '\r\n',
  '\u00A0',
  '\u2009',
  '\u3000',
  '\u2028',
  '\u2029',
  // Noncharacters and the edges of the code space.
  '\uFFFD',
  '\uFFFE',
  '\uFFFF',
  '\u{10FFFF}',
  '\u{1FFFE}',
  // Emoji: ZWJ sequences, modifiers, flags, keycaps, tags.
  '👩‍👩‍👧‍👦',
  '🏳️‍🌈',
  '❤️‍🔥',
  '🧑🏻‍🤝‍🧑🏿',
  '👍🏿',
  '🇫🇷',
  '1️⃣',
  '🏴󠁧󠁢󠁳󠁣󠁴󠁿',
  '\u{1F3FB}',
  '\uFE0F',
  // Combining marks, decomposed letters, Zalgo, Indic conjuncts, Thai.
  'e\u0301',
  '\u0301',
  'Z\u0335\u0321a\u0336l\u0337g\u0334o\u0358',
  '\u0915\u094D\u0937',
  'ผู้ใหญ่',
  // Right-to-left scripts, CJK, Hangul, look-alike and styled letters.
  'محمد عبد الله',
  'שלום',
  '討論',
  '기사',
  'саsino',
  'ᴡʜᴀᴛꜱᴀᴘᴘ',
  '𝐟𝐫𝐞𝐞',
  'ﬁ',
  'Ⅻ',
  // Markup, entities, BBCode and links, which the analysis decodes and strips.
  '&#0;',
  '&#x0;',
  '&#xD800;',
  '&#1114112;',
  '&amp;',
  '&lt;script&gt;',
  '&nbsp',
  '<b>',
  '</a>',
  '<!--',
  '<a href="https://bit.ly/x">',
  '<a href="https://x.example">Camille</a>',
  '[url=https://x.example]x[/url]',
  '[url]',
  '[/url]',
  'https://',
  'http://xn--80ak6aa92e.com/?ref=abc',
  'www.example.com',
  'https://bit.ly/abc',
  '@',
  '+7 (999) 123-45-67',
  'WhatsApp',
  'casino',
  // Path segments that URL parsers resolve away.
  '.',
  '..',
  '/',
  // JSON- and SQL-significant characters.
  '"',
  '\\',
  "'",
  '%',
  '_',
  '\\u0000',
  '$1',
] as const

/** Any UTF-16 code unit, lone surrogates included (fast-check's `binary` unit never produces them). */
export const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit))

const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_PIECES) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: anyCodeUnit, maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }) },
)

/** A short string of any Unicode, often with something nasty in it. */
export const nastyText = fc.array(piece, { maxLength: 10 }).map((pieces) => pieces.join(''))

/** Code points, not UTF-16 units: what the API's length limits count. */
export const codePointLength = (text: string) => {
  let count = 0
  for (const _ of text) count++
  return count
}

/** The first `count` code points of `unit` repeated: a string of exactly `count` code points (when well-formed). */
const repeatToCodePoints = (unit: string, count: number) => {
  const points = [...unit]
  const times = Math.ceil(count / Math.max(points.length, 1)) + 1
  return [...unit.repeat(times)].slice(0, count).join('')
}

/** What long strings are made of: one-, two-, three- and four-byte characters, marks, joiners, sequences. */
const LONG_UNITS = [
  'x',
  'é',
  '☕',
  '😀',
  '👩‍👩‍👧‍👦',
  '\u0301',
  '\u200B',
  '\u202E',
  'ab ',
  'محمد ',
  '기',
] as const

/** A string of `max - 2` to `max + 1` code points: at, just under and just over a field's limit. */
export const nearLimit = (max: number) =>
  fc
    .record({ unit: fc.constantFrom(...LONG_UNITS), delta: fc.integer({ min: -2, max: 1 }) })
    .map(({ unit, delta }) => repeatToCodePoints(unit, Math.max(1, max + delta)))

/** Long adversarial strings: 10 000 combining marks, a wall of emoji ZWJ sequences, repeated markup openers. */
export const hugeText = fc.oneof(
  fc.constantFrom(
    `a${'\u0301'.repeat(10_000)}`,
    `Z${'\u0335\u0321\u0336\u0337'.repeat(2_500)}`,
    '👩‍👩‍👧‍👦'.repeat(2_000),
    `${'\u202E'.repeat(5_000)}abc`,
    `${'\u200B'.repeat(10_000)}x`,
    'x'.repeat(20_000),
  ),
  fc
    .record({
      unit: fc.constantFrom(
        '<a ',
        '<a href=',
        '[url=',
        '[url]',
        '<!--',
        '<b',
        'www.',
        'www.a.',
        'http://',
        'https://a.',
        '&#',
        '&amp',
        'a\u200Db',
        '\u0627\u200D',
        '1 ',
        '+1 ',
        'aaaa',
        'a a ',
        'Ab',
        'саsino ',
        '@',
        '.',
        ' \n',
      ),
      length: fc.integer({ min: 1_000, max: 20_000 }),
    })
    .map(({ unit, length }) => repeatToCodePoints(unit, length)),
)
