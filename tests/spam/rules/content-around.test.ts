import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { around } from '../../../src/spam/rules/content/around.js'

// The places contact-number looks at near a number or handle: those of a list that reach into a stretch of text,
// in the list's own order, whether the list is read whole or, when long, through an index by position.

type Place = { start: number; end: number; id: number }

const overlapping = (places: readonly Place[], from: number, to: number) =>
  places.filter((place) => place.start <= to && place.end >= from)

const placesOf = (count: { minLength: number; maxLength: number }) =>
  fc
    .array(fc.tuple(fc.nat(400), fc.nat(60)), count)
    .map((spans) => spans.map(([start, length], id) => ({ start, end: start + length, id })))

describe('around', () => {
  it('gives every place of a long list that reaches into the stretch, in the order of the list', () => {
    fc.assert(
      fc.property(
        placesOf({ minLength: 33, maxLength: 300 }),
        fc.integer({ min: -80, max: 480 }),
        fc.nat(120),
        (places, from, width) => {
          const to = from + width
          // The first that fits a condition is the same whichever way the list is read.
          const result = around(places, from, to)
          const expected = overlapping(places, from, to)
          expect(result.length).toBeGreaterThanOrEqual(expected.length)
          expect(overlapping(result, from, to)).toEqual(expected)
          expect(result.map((place) => place.id)).toEqual(
            [...result.map((place) => place.id)].sort((a, b) => a - b),
          )
        },
      ),
    )
  })

  it('reads a short list whole, as it is', () => {
    const places = [
      { start: 500, end: 510, id: 0 },
      { start: 0, end: 3, id: 1 },
    ]
    expect(around(places, 0, 10)).toBe(places)
  })

  it('finds places sharing one start, and one ending exactly where the stretch begins', () => {
    const places = Array.from({ length: 40 }, (_, id) => ({ start: 100, end: 100 + id, id }))
    expect(around(places, 139, 139).map((place) => place.id)).toEqual([39])
    expect(around(places, 100, 100)).toHaveLength(40)
    expect(around(places, 0, 99)).toEqual([])
  })
})
