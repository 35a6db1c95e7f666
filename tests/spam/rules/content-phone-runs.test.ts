import { describe, expect, it } from 'vitest'
import { contactNumber } from '../../../src/spam/rules/content/contact-number.js'
import { numbersIn } from '../../../src/spam/rules/content/phone-numbers.js'
import { contextOf } from './context.js'

/**
 * A run of digits followed by an hour (":00") loses its last group, the hour's, cut from the end one digit at a
 * time: the pattern it replaced was tried at every digit of a long group, so 20 000 digits then " 1:00" (one
 * anonymous comment) took ~260 ms. No timing is asserted: the answers on such runs are.
 */
const N = 20_000

describe('a run of digits before an hour', () => {
  it('gives the hour back to the clock, and keeps the phone before it', () => {
    expect(numbersIn('Appelez le 06 12 34 56 78 10:00 demain').map((number) => number.text)).toEqual([
      '06 12 34 56 78 10',
    ])
    expect(numbersIn('Le 24/02/2022 05:00, les chars sont entrés')).toEqual([])
  })

  it.each([
    ['one group of 20 000 digits', `${'1'.repeat(N - 6)} 1:00`],
    ['groups of digits without end', `${'12345 '.repeat((N - 6) / 6)}1:00`],
  ])('of %s is no phone number', (_, content) => {
    expect(numbersIn(content)).toEqual([])
    expect(contactNumber.evaluate(contextOf(content))).toBeNull()
  })
})
