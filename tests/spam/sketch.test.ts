import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { analyseText } from '../../src/spam/analysis.js'
import {
  EMPTY_BIN,
  nearDuplicateSketch,
  SKETCH_BINS,
  sketchBands,
  sketchSimilarity,
} from '../../src/spam/sketch.js'

/** The exact measure the sketch estimates: shared trigrams of code points over all of them (Jaccard). */
function trigramSimilarity(left: string, right: string): number {
  const trigrams = (text: string) => {
    const chars = Array.from(text.replace(/\s+/g, ' ').trim())
    return new Set(chars.slice(0, -2).map((_, i) => chars.slice(i, i + 3).join('')))
  }
  const a = trigrams(left)
  const b = trigrams(right)
  const shared = [...a].filter((trigram) => b.has(trigram)).length
  return shared / (a.size + b.size - shared)
}

const pitch = 'Recover your lost crypto in 24 hours, our certified experts never fail, write to us today'

describe('near-duplicate sketches', () => {
  it('have 64 bins of non-negative 26-bit integers, or the empty mark, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const sketch = nearDuplicateSketch(text)
        expect(sketch).toHaveLength(SKETCH_BINS)
        for (const bin of sketch) expect(bin === EMPTY_BIN || (bin >= 0 && bin < 2 ** 26)).toBe(true)
      }),
    )
  })

  it('are the same for the same text, whatever its whitespace', () => {
    expect(nearDuplicateSketch(`  ${pitch.replaceAll(' ', '\n\t ')} `)).toEqual(nearDuplicateSketch(pitch))
    expect(sketchSimilarity(nearDuplicateSketch(pitch), nearDuplicateSketch(pitch))).toBe(1)
  })

  it('of the text as the rules read it are the same whether a Turkish İ is a capital or not', () => {
    const sketchOf = (text: string) => nearDuplicateSketch(analyseText(text).skeleton)
    expect(sketchOf('İSTANBUL İÇİN İYİ BİR İLAN, İNCELEYİN')).toEqual(
      sketchOf('istanbul için iyi bir ilan, inceleyin'),
    )
  })

  it.each([
    ['an edited English pitch', pitch, pitch.replace('24 hours', '48 hours').replace('today', 'now')],
    [
      'a Russian sentence with its last word changed',
      'Ваш комментарий о реформе пенсионной системы очень интересный и полезный для всех',
      'Ваш комментарий о реформе пенсионной системы очень интересный и полезный для нас',
    ],
    [
      'a Korean sentence with one word changed',
      '이 기사는 국제 정치에 대한 매우 흥미로운 분석을 제공합니다 감사합니다',
      '이 기사는 국제 정치에 대한 매우 흥미로운 분석을 제공합니다 고맙습니다',
    ],
    [
      'unrelated French comments',
      "Merci pour cette analyse de l'accord.",
      'Je ne partage pas du tout cet avis sur le vote.',
    ],
  ])('estimate the trigram similarity of %s within 0.1', (_name, left, right) => {
    const estimate = sketchSimilarity(nearDuplicateSketch(left), nearDuplicateSketch(right))
    expect(Math.abs(estimate - trigramSimilarity(left, right))).toBeLessThanOrEqual(0.1)
  })

  it('cover only the first 2 000 characters, so a long text costs a bounded time', () => {
    const head = 'a'.repeat(0) + pitch.repeat(30).slice(0, 2000)
    expect(nearDuplicateSketch(`${head} and then something else entirely`)).toEqual(nearDuplicateSketch(head))
  })

  it('share a band when texts are near-duplicates, and rarely otherwise', () => {
    const bandsOf = (text: string) => new Set(sketchBands(nearDuplicateSketch(text)))
    const shareBand = (left: string, right: string) => {
      const theirs = bandsOf(right)
      return [...bandsOf(left)].some((band) => theirs.has(band))
    }
    expect(shareBand(pitch, pitch.replace('24 hours', '48 hours'))).toBe(true)
    const unrelated = [
      "Merci pour cette analyse de l'accord, très éclairante.",
      'Je ne partage pas du tout cet avis sur le vote de dimanche.',
      'The map in the second section mislabels the border region.',
      '이 기사는 국제 정치에 대한 매우 흥미로운 분석을 제공합니다',
    ]
    for (const [i, left] of unrelated.entries())
      for (const right of unrelated.slice(i + 1)) expect(shareBand(left, right)).toBe(false)
  })

  it('leave out bands of empty bins, so short texts do not all match one another', () => {
    expect(sketchBands(new Array(SKETCH_BINS).fill(EMPTY_BIN))).toEqual([])
  })
})
