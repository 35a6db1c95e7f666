/**
 * `compute`, remembered for the few keys it was asked for last, by identity. The rules of one comment ask for what
 * they share (the prose of its text, its links, its lexicon) one after the other, scoring being synchronous, so a
 * handful of entries always hits. A WeakMap did the same, but its entries cost the garbage collector more than
 * what they hold (about 10 µs a comment); these few strong references only keep the last comments' objects.
 * `compute` must depend on nothing but its key (which is never changed), as an entry may be computed again.
 */
export function recent<K extends object, V>(compute: (key: K) => V, size = 4): (key: K) => V {
  const keys: (K | undefined)[] = new Array(size)
  const values: V[] = new Array(size)
  let next = 0
  return (key) => {
    for (let at = 0; at < size; at++) if (keys[at] === key) return values[at] as V
    const value = compute(key)
    keys[next] = key
    values[next] = value
    next = (next + 1) % size
    return value
  }
}
