import { describe, expect, it } from 'vitest'
import { onlyQuoted, quotedRanges } from '../../../src/spam/rules/content/quotations.js'
import { spamPhrases } from '../../../src/spam/rules/content/spam-phrases.js'
import { contextOf } from './context.js'

/**
 * A comment of thousands of quoted phrases ("「约炮」「约炮」…", 20 000 characters at most) is read in work
 * proportional to its length: each occurrence of a phrase is compared with the one quotation that may hold it,
 * not with every quotation before it, which made one such comment hold the event loop for every site. The work
 * is counted (reads of the quotations), never timed.
 */
const N = 20_000
const fill = (unit: string) => unit.repeat(Math.ceil(N / unit.length)).slice(0, N)

/** The quotations of `text`, counting each read of one of them. */
function countedRanges(text: string) {
  const ranges = quotedRanges(text)
  const counter = { reads: 0 }
  const counted = new Proxy(ranges, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) counter.reads++
      return Reflect.get(target, key, receiver)
    },
  })
  return { ranges, counted, counter }
}

describe('a phrase quoted over and over', () => {
  it.each([
    ['Chinese corner brackets', '「约炮」', '约炮'],
    ['straight quotes', '"约炮"', '约炮'],
    ['guillemets', '«约炮»', '约炮'],
  ])('in %s is compared with each quotation a few times at most', (_, unit, phrase) => {
    const text = fill(unit)
    const { ranges, counted, counter } = countedRanges(text)
    expect(ranges.length).toBeGreaterThan(3000)
    expect(onlyQuoted(text, phrase, counted)).toBe(true)
    expect(counter.reads).toBeLessThanOrEqual(4 * ranges.length)
  })

  it('outside its last quotation stops there, with the same bound', () => {
    const text = `${fill('「约炮」').slice(0, N - 2)}约炮`
    const { ranges, counted, counter } = countedRanges(text)
    expect(onlyQuoted(text, '约炮', counted)).toBe(false)
    expect(counter.reads).toBeLessThanOrEqual(4 * ranges.length)
  })

  it('keeps its meaning: all occurrences quoted, or one not, or none at all', () => {
    expect(onlyQuoted('警方提醒「约炮」和「约炮」都是骗局', '约炮')).toBe(true)
    expect(onlyQuoted('警方提醒「约炮」是骗局，约炮', '约炮')).toBe(false)
    expect(onlyQuoted('「在线赌场」', '约炮')).toBe(false)
    expect(onlyQuoted('约炮', '约炮')).toBe(false)
  })

  it('is still reported wording, not an offer, at the longest a comment may be', () => {
    expect(spamPhrases.evaluate(contextOf(fill('「约炮」')))).toBeNull()
  })
})
