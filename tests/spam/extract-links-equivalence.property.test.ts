import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { extractLinks, withoutRootDot } from '../../src/spam/extract-links.js'
import { extractLinks as extractLinksBefore } from './fixtures/extract-links-34ef757.js'

// The rewrite that finds each opening tag with indexOf and tries a sticky pattern there (3643a38) finds the same
// links, in the same order, with the same duplicates, as the global patterns before it, on any text whose lower case
// is as long as itself. Only where it is not (an İ, whose lower case is two code units) did the old reading look for
// a closing tag at the wrong place: those texts are specified apart below.

/** Pieces links are made of, in any case, nested, unclosed, with text between whose lower case may change. */
const piece = fc.constantFrom(
  '<a href="https://a.example/x">',
  '<A HREF=http://b.example>',
  '<a\thref=c.example>',
  "<a title='t' href='https://d.example'>",
  '<a>',
  '<a ',
  '<ab href=x.example>',
  '</a>',
  '</A>',
  '[url=https://e.example]',
  '[URL=f.example]',
  '[Url="g.example"]',
  '[url]',
  '[URL]',
  '[/url]',
  '[/URL]',
  'https://h.example/p',
  'www.i.example',
  'WWW.J.Example.',
  ' ',
  '<b>',
  '</b>',
  '<',
  '[',
  ']',
  '>',
  'x',
  'ẞ',
  'Σ',
  'ΟΔΟΣ ',
  'ı',
  'ﬀ',
  'K',
  'Ω',
  'é',
  '😀',
)
const text = fc
  .array(fc.oneof(piece, fc.string({ maxLength: 6 })), { maxLength: 30 })
  .map((parts) => parts.join(''))

describe('extractLinks after its rewrite (indexOf, sticky patterns)', () => {
  it('finds what it found before on any text whose lower case keeps its length', () => {
    fc.assert(
      fc.property(text, (comment) => {
        fc.pre(comment.toLowerCase().length === comment.length)
        // Since, a host is read without the root's dot it may end with (WWW.J.Example.): the same host.
        const before = extractLinksBefore(comment).map((link) => ({
          ...link,
          host: link.host === null ? null : withoutRootDot(link.host) || null,
          displayHost: link.displayHost === null ? null : withoutRootDot(link.displayHost) || null,
        }))
        expect(extractLinks(comment)).toEqual(before)
      }),
      { numRuns: 3000 },
    )
  })

  it('finds, after an İ, the links it finds without it', () => {
    fc.assert(
      fc.property(text, (comment) => {
        fc.pre(comment.toLowerCase().length === comment.length)
        const withoutDotted = extractLinks(comment.replaceAll('İ', 'I'))
        const found = extractLinks(`İİ ${comment}`)
        expect(found.map((link) => [link.kind, link.target, link.host])).toEqual(
          withoutDotted.map((link) => [link.kind, link.target, link.host]),
        )
      }),
      { numRuns: 1000 },
    )
  })
})
