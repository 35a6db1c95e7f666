import { describe, expect, it } from 'vitest'
import { extractLinks } from '../../src/spam/extract-links.js'

/**
 * Punctuation after a link ends the sentence, not the link: it is cut from the end, one character at a time, so
 * a link of thousands of dots, brackets or commas (a comment of 20 000 characters) is read in time proportional
 * to its length. The pattern it replaced was tried at every character of such a run (~340 ms for one comment,
 * holding every site's requests); no timing is asserted here.
 */
const N = 20_000

describe('a link followed or filled by a run of punctuation', () => {
  it.each([
    ['dots', '.'],
    ['closing brackets', ')'],
    ['every sentence mark', '.,;:!?'],
  ])('of %s inside it keeps the run', (_, unit) => {
    const run = unit.repeat(Math.floor((N - 20) / unit.length))
    const [link] = extractLinks(`http://a.example/${run}b`)
    expect(link?.target).toBe(`http://a.example/${run}b`)
    expect(link?.host).toBe('a.example')
  })

  it.each([
    ['dots', '.'],
    ['closing brackets and quotes', ')]}»”\'"'],
  ])('of %s at its end drops the run', (_, unit) => {
    const run = unit.repeat(Math.floor((N - 20) / unit.length))
    expect(extractLinks(`http://a.example/b${run}`).map((link) => link.target)).toEqual([
      'http://a.example/b',
    ])
    expect(extractLinks(`<a href="http://a.example/b${run}">x</a>`)[0]?.target).toBe('http://a.example/b')
  })

  it('after a www address as after a scheme', () => {
    expect(extractLinks('Voir www.a.example/b?!.').map((link) => link.target)).toEqual(['www.a.example/b'])
    expect(extractLinks('(http://a.example/b).').map((link) => link.target)).toEqual(['http://a.example/b'])
  })
})
