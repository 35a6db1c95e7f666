import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { withoutWordpressRel } from '../../src/akismet/wordpress-rel.js'

/**
 * The rel WordPress gives every link of a stored comment is taken off, so that the comment reads as it was
 * checked. Each stretch of text up to a '>' is looked at once, from its end: the pattern this replaced tried
 * every "<a " for up to 2 000 characters, and "<a <a <a …" (20 000 characters, one anonymous Akismet call) cost
 * ~13 million steps (~40 ms). No timing is asserted: the answers are, and they are the pattern's.
 */
const PATTERN = /(<a\s[^>]{0,2000}?)\s+rel="(?:nofollow ugc|ugc|nofollow)"(?=\s*>)/gi
const byPattern = (stored: string) => stored.replace(PATTERN, '$1')
const N = 20_000

describe('the rel WordPress adds to links', () => {
  it.each([
    ['<a href="https://a.example" rel="nofollow ugc">a</a>', '<a href="https://a.example">a</a>'],
    ['<A HREF="x" REL="ugc" >a</A>', '<A HREF="x" >a</A>'],
    [
      '<a href="x" rel="nofollow">a</a> et <a href="y" rel="ugc">b</a>',
      '<a href="x">a</a> et <a href="y">b</a>',
    ],
    ['<a rel="ugc">a</a>', '<a rel="ugc">a</a>'],
    ['<a href="x" rel="external">a</a>', '<a href="x" rel="external">a</a>'],
    ['5 > 3 rel="ugc">', '5 > 3 rel="ugc">'],
  ])('%s reads %s', (stored, original) => {
    expect(withoutWordpressRel(stored)).toBe(original)
    expect(withoutWordpressRel(stored)).toBe(byPattern(stored))
  })

  it('is taken off only within 2 000 characters of attributes, as before', () => {
    const near = `<a ${'x'.repeat(1999)} rel="ugc">`
    const far = `<a ${'x'.repeat(2001)} rel="ugc">`
    expect(withoutWordpressRel(near)).toBe(`<a ${'x'.repeat(1999)}>`)
    expect(withoutWordpressRel(far)).toBe(far)
    expect(withoutWordpressRel(`<a ${far}`)).toBe(byPattern(`<a ${far}`))
  })

  it.each([
    ['unclosed anchors', '<a '.repeat(N / 3)],
    ['unclosed anchors then a rel', `${'<a '.repeat(N / 3)} rel="ugc">`],
    ['anchors far from their rel', `<a ${' '.repeat(N)}x rel="ugc">`.repeat(1)],
  ])('in %s of 20 000 characters is read as the pattern read it', (_, stored) => {
    expect(withoutWordpressRel(stored)).toBe(byPattern(stored))
  })

  it('reads any text as the pattern did', () => {
    const piece = fc.constantFrom(
      '<a',
      '<A',
      ' ',
      '\n',
      'rel="ugc"',
      'REL="nofollow ugc"',
      'rel="nofollow"',
      '>',
      'href="x"',
      'a',
      '"',
      '<',
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const stored = pieces.join('')
        expect(withoutWordpressRel(stored)).toBe(byPattern(stored))
      }),
      { numRuns: 2000 },
    )
  })
})
