import { describe, expect, it } from 'vitest'
import { analyseText } from '../../../src/spam/analysis.js'
import { defaultPolicy } from '../../../src/spam/policy.js'
import { ruleIds } from '../../../src/spam/rules/catalogue.js'
import { contentRules } from '../../../src/spam/rules/content/index.js'
import { rules } from '../../../src/spam/rules/index.js'
import { noFacts, type RuleContext } from '../../../src/spam/rules/types.js'
import { evaluateRules } from '../../../src/spam/score.js'

/**
 * Every content rule reads hostile input in time proportional to its length: 20 000 characters built against
 * each pattern (long runs, separators without end, prefixes that never complete). No timing is asserted, so the
 * suite never flakes; a pattern that backtracked would make this file take minutes instead of milliseconds.
 */
const N = 20_000
const fill = (unit: string) => unit.repeat(Math.ceil(N / unit.length)).slice(0, N)

const hostile: [string, string][] = [
  ['one letter', fill('a')],
  ['one capital', fill('A')],
  ['consonants', fill('bcdfghjklmnpqrstvwxz')],
  ['a word over and over', fill('spam ')],
  ['a slogan over and over', fill('check out my channel ')],
  ['phrase starts that never complete', fill('check out my new latest first official ')],
  ['numbers after a phrase start', `i turned ${fill('1 ')}`],
  ['phrase starts between numbers', fill('invest 1 ')],
  ['accented words', fill('prêt rapide entre particuliers ')],
  ['Cyrillic words', fill('быстрый займ без ')],
  ['Chinese', fill('兼职日结日赚')],
  ['digits and spaces', fill('1 ')],
  ['digits and dashes', fill('12-')],
  ['digits and every separator', fill('1 .-()/✙➕_·•+')],
  ['letter O between digits', fill('1o')],
  ['l and i between digits', fill('1l1i')],
  ['plus signs and brackets', fill('+(')],
  ['a phone number over and over', fill('+33 6 55 55 01 23 ')],
  ['messengers and numbers', fill('whatsapp 0612345678 telegram @handle ')],
  ['contact phrases', fill('contact me ')],
  ['at signs', fill('@')],
  ['handles', fill('@ab')],
  // Each handle looked among every messenger name: 2 500 of one before 3 300 of the other.
  ['handles, then messenger names', `${'@ab '.repeat(2485)}${' '.repeat(50)}${'qq '.repeat(3333)}`],
  ['messenger links', fill('t.me/')],
  ['links without spaces', fill('http://a.b')],
  ['www. without end', fill('www.')],
  ['dots and letters', fill('a.fr')],
  ['e-mail-like tokens', fill('a@b.c ')],
  ['addresses spelt out', fill('x (at) y (dot) ')],
  ['at and dot between words', fill('a at gmail dot ')],
  ['spaced at signs and dots', fill('a @ b . ')],
  ['an address whose labels never end', `x@${fill('a.')}`],
  ['a local part that never meets its at sign', fill('a.b_c-d+e%f')],
  ['channel words before links', fill('la chaîne de x, t.me/x ')],
  ['readers asked what they saw', fill('vous avez vu ')],
  ['keycap digits', fill('0\ufe0f\u20e3')],
  ['circled digits', fill('➉')],
  ['invisible characters inside a word', fill('a\u200B')],
  ['invisible characters alone', fill('\u200B')],
  ['mixed scripts', fill('аa')],
  ['small capitals', fill('ᴡʜᴀᴛꜱᴀᴘᴘ ')],
  ['two characters alternating', fill('ab')],
  ['few characters', fill('abc abd ')],
  ['emoji', fill('😂')],
  ['Korean laughter', fill('ㅋ')],
  ['apostrophes', fill("l'")],
  ['French function words', fill('le la les de ')],
  ['English without function words', fill('cheap pills fast ')],
  ['less-than signs', fill('<a ')],
  // Hangul fillers are letters and invisible characters both: a pattern offering either way backtracked
  // exponentially, and 45 characters held the process for hours (2026-12-07).
  ['Hangul fillers before a hidden character', `${'\u3164'.repeat(39)}!a\u200Bb`],
  ['Hangul fillers before hidden characters, over and over', fill(`${'\u3164'.repeat(30)}!a\u200Bb `)],
  // One "address" of digits in a comment whose phrase asks whether the offer can be reached (a bare domain name?).
  ['a run of digits glued to an at sign, after an offer', `guaranteed profit ${fill('1').slice(30)}@a`],
  // NFKC writes U+FDFA as 18 characters.
  ['characters normalised into many', fill('\uFDFA')],
  // A pattern of institutions opening on a run of letters was tried from every letter (3.7 s, 2026-12-07).
  ['letters of one word, then a phone number', `${'ы'.repeat(N - 30)} звоните 8 912 345 67 89`],
  ['a messenger name stretched, then handles', `whatsa${'p'.repeat(N / 2)} ${fill('@ab ').slice(N / 2)}`],
  // Distinct words sharing their length and first, middle and last letters: one hash for the lexicon's table.
  [
    'words made to collide',
    Array.from(
      { length: N / 8 },
      (_, i) => `x${(i % 676).toString(26).padStart(2, 'a')}x${'abcdef'[i % 6]}yx`,
    )
      .join(' ')
      .slice(0, N),
  ],
]

const contextOf = (content: string): RuleContext => ({
  input: {
    content,
    author: { name: content.slice(0, 200), email: null, url: null },
    honeypot: null,
    article: { title: content, url: null, language: 'fra' },
    userAgent: null,
    referrer: null,
  },
  text: analyseText(content),
  name: analyseText(content.slice(0, 200)),
  facts: noFacts,
  policy: defaultPolicy,
})

describe('content rules', () => {
  it('are registered once each, in the catalogue, under the ids the catalogue gives them', () => {
    const ids = contentRules.map((rule) => rule.id)
    expect(ids).toEqual([
      'spam-phrases',
      'trading-testimonial',
      'contact-number',
      'all-caps',
      'repeated-characters',
      'repeated-words',
      'gibberish',
      'low-variety',
      'invisible-characters',
      'mixed-script',
      'language-mismatch',
    ])
    for (const rule of contentRules) {
      expect(ruleIds).toContain(rule.id)
      expect(rules.filter((registered) => registered.id === rule.id)).toHaveLength(1)
      expect(rule.weight).toBeGreaterThan(0)
      expect(rule.summary).toMatch(/^\p{Lu}.{10,}[.)]$/u)
    }
  })

  describe.each(hostile)('read 20 000 characters of %s and answer', (_, content) => {
    it.each(contentRules.map((rule) => [rule.id, rule] as const))('%s', (_, rule) => {
      const finding = rule.evaluate(contextOf(content))
      if (finding) {
        expect(finding.detail).toMatch(/^\p{Lu}.+\.$/u)
        expect(finding.detail.length).toBeLessThan(600)
      }
    })
  })

  it('as part of every registered rule, in one pass over each hostile text', () => {
    for (const [, content] of hostile) {
      const draft = evaluateRules(contextOf(content).input, noFacts, defaultPolicy)
      for (const reason of draft.reasons) expect(Number.isFinite(reason.score)).toBe(true)
    }
  })
})
