import { describe, expect, it } from 'vitest'
import { unstretched } from '../../../src/spam/rules/content/stretched.js'
import { assessReaderComment } from '../reader-comment.js'
import { phrasesOf } from './context.js'

describe('a stretched word', () => {
  const known = new Set(['subscribe', 'channel', 'please', 'casino'])

  it('is read as the word of a list it spells, each run as one letter or two', () => {
    expect(unstretched('subscribeeeeeeee', known)).toBe('subscribe')
    expect(unstretched('channnnnnelll', known)).toBe('channel')
    expect(unstretched('caaaasinoooo', known)).toBe('casino')
  })

  it('is read with each run as one letter when it spells no such word', () => {
    expect(unstretched('trooooop', known)).toBe('trop')
    expect(unstretched('merciiiii', known)).toBe('merci')
  })

  it('is left as it is when a list has it so (xxx, the Vietnamese CCCD)', () => {
    expect(unstretched('xxx', new Set(['xxx']))).toBe('xxx')
    expect(assessReaderComment('Best xxx videos free, click now').verdict).toBe('pending')
  })

  it('keeps its digits, and a word with no run of three is left as it is', () => {
    expect(unstretched('1000000', known)).toBe('1000000')
    expect(unstretched('channel', known)).toBe('channel')
    expect(unstretched('coopération', known)).toBe('coopération')
  })
})

describe('stock phrases with stretched words', () => {
  it.each([
    'PLEASSSSSSSSSSSSSSSS SUBSCRIBEEEEEEEEEE MY CHANNNNNNELLL PLZZ',
    'subscribeeee to my channellll for daily giveaways',
  ])('are found as if written plainly: %s', (content) => {
    expect(phrasesOf(content)?.detail).toContain('channel')
  })

  it('holds the spam that stretches them past the list', () => {
    expect(assessReaderComment('PLEASSSSSSSSSSSSSSSS SUBSCRIBEEEEEEEEEE MY CHANNNNNNELLL PLZZ').verdict).toBe(
      'pending',
    )
  })

  it.each([
    "C'est trooooop bien écrit, merciiiii pour cet article sur la COP31 !",
    'Nooooon, pas encore une hausse des prix du gaz...',
    'Sooooo true. The channel tunnel strike will hurt everyone this summer',
    'Ураааа, наконец-то правда о выборах!',
  ])('leave a reader who stretches words as the plain words would: %s', (content) => {
    expect(phrasesOf(content)).toBeNull()
    expect(assessReaderComment(content).verdict).toBe('approved')
  })
})
