/**
 * The places of a list that reach into a stretch of text, for the look-ups of contact-number.ts: each number and
 * handle of a comment asks for the messenger names, contact phrases or institutions near it. Read from start to
 * end for each, a comment of 2 500 `@x` and 3 300 messenger names made 8 million comparisons (30 ms for 20 000
 * characters, holding every site's requests); a list that long is indexed by position once instead.
 */

type Place = { start: number; end: number }

/** Up to this many places, a list is read whole: the comparisons cost less than an index. */
const READ_WHOLE = 32

type Index = { order: Int32Array; starts: Float64Array; longest: number }

// Per list, while the comment's lists are alive: built only for the long lists a crafted comment makes.
const indexes = new WeakMap<readonly Place[], Index>()

function indexOf(places: readonly Place[]): Index {
  let index = indexes.get(places)
  if (index) return index
  const order = Int32Array.from(places.keys()).sort(
    (a, b) => (places[a] as Place).start - (places[b] as Place).start || a - b,
  )
  const starts = Float64Array.from(order, (at) => (places[at] as Place).start)
  let longest = 0
  for (const place of places) longest = Math.max(longest, place.end - place.start)
  index = { order, starts, longest }
  indexes.set(places, index)
  return index
}

/** The first position of `starts` (ascending) holding `value` or more. */
function firstAtLeast(starts: Float64Array, value: number): number {
  let low = 0
  let high = starts.length
  while (low < high) {
    const middle = (low + high) >> 1
    if ((starts[middle] as number) < value) low = middle + 1
    else high = middle
  }
  return low
}

/**
 * The places of `places` that overlap `from`..`to` (a place ending at `from` or starting at `to` included), in
 * their order in `places`: what `find` on the whole list would come to first among those, it still does. Callers
 * test their own conditions on them, each of which holds only for a place within their stretch.
 */
export function around<P extends Place>(places: readonly P[], from: number, to: number): readonly P[] {
  if (places.length <= READ_WHOLE) return places
  const { order, starts, longest } = indexOf(places)
  const found: number[] = []
  for (let at = firstAtLeast(starts, from - longest); at < starts.length; at++) {
    if ((starts[at] as number) > to) break
    const index = order[at] as number
    if ((places[index] as P).end >= from) found.push(index)
  }
  return found.sort((a, b) => a - b).map((index) => places[index] as P)
}
