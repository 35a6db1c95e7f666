import { afterEach, describe, expect, it, vi } from 'vitest'
import { contactNumber } from '../../../src/spam/rules/content/contact-number.js'
import { contextOf } from './context.js'

/**
 * Handles, numbers and the words around them (a messenger, a contact phrase, an invitation, a source) are tested
 * pair by pair only when they stand close enough for the pattern between them to match: a comment of a thousand
 * handles and a thousand sources or messengers (20 000 characters) tested every pair, in time quadratic in its
 * length (~30 ms for one anonymous comment). The work is counted (the patterns tested), never timed.
 */
const N = 20_000
const fill = (unit: string) => unit.repeat(Math.ceil(N / unit.length)).slice(0, N)

afterEach(() => {
  vi.restoreAllMocks()
})

describe('a comment of handles far from what would introduce them', () => {
  it.each([
    ['replies, a messenger later in each sentence', '. @abcd x whatsapp '],
    ['handles after a channel invitation, beyond its clause', 'join our channel x @abcd. '],
    ['handles after a source', 'according to @abcd '],
    ['handles named as a source, a messenger after them', "d'après la chaîne @abcd x telegram "],
    ['handles words after a contact phrase', 'contact him x x x x @abcd '],
    ['handles words after a messenger', 'whatsapp x x x x @abcd '],
  ])('%s is read in work proportional to its length', (_, unit) => {
    const context = contextOf(fill(unit))
    const handles = context.text.skeleton.split('@').length - 1
    const tested = vi.spyOn(RegExp.prototype, 'test')
    const finding = contactNumber.evaluate(context)
    expect(finding).toBeNull()
    // Each handle is compared with the few words just before and after it, not with the whole comment.
    expect(tested.mock.calls.length).toBeLessThan(50 * handles)
  })
})
