import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { noFacts } from '../../src/spam/rules/types.js'
import { assessComment } from '../../src/spam/score.js'
import { input, policy } from './scoring.js'

/**
 * A reason quotes the comment, and is stored in a jsonb column, which refuses a lone half of a surrogate pair: a
 * quote cut between the two halves of an emoji failed the whole intake (500) on PostgreSQL.
 */
const detailsOf = (content: string) =>
  assessComment(input({ content }), noFacts, policy()).reasons.map((reason) => reason.detail)

describe('the reasons of a verdict', () => {
  it.each([
    ['a Telegram link followed by emoji', `t.me/x${'😀'.repeat(32)}`],
    ['a WhatsApp link followed by emoji', `https://wa.me/ab${'🇫🇷'.repeat(40)} écrivez-moi`],
  ])('quote whole characters only: %s', (_, content) => {
    const details = detailsOf(content)
    expect(details.length).toBeGreaterThan(0)
    for (const detail of details) expect(detail.isWellFormed()).toBe(true)
  })

  it('are well-formed text whatever the comment, emoji and links included', () => {
    const piece = fc.constantFrom(
      't.me/',
      'wa.me/',
      'https://',
      'www.',
      '@',
      ' ',
      'x',
      '1',
      '😀',
      '👍🏽',
      '한',
      '.',
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 120 }), (pieces) => {
        for (const detail of detailsOf(pieces.join(''))) expect(detail.isWellFormed()).toBe(true)
      }),
      { numRuns: 300 },
    )
  })
})
