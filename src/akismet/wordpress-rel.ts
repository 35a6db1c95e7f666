/**
 * The rel WordPress adds to every link of a stored comment (wp_rel_ugc; wp_rel_nofollow before 5.3), after kses
 * has dropped any rel the reader wrote: `<a href="…" rel="nofollow ugc">` was `<a href="…">` when checked.
 *
 * What /(<a\s[^>]{0,2000}?)\s+rel="(?:nofollow ugc|ugc|nofollow)"(?=\s*>)/gi replaced with '$1', worked out
 * tag by tag: that pattern tried each "<a " for up to 2 000 characters, so a comment of "<a <a <a …" (20 000
 * characters, one anonymous Akismet call) cost ~13 million steps (~40 ms). A match cannot pass a '>', and ends
 * where only spaces stand before the '>': each stretch of text up to a '>' is looked at from its end, once.
 */
const REL = /rel="(?:nofollow ugc|ugc|nofollow)"\s*$/i
const SPACE = /\s/
const OPENING = /<a\s/gi
const MAX_ATTRIBUTES = 2000
const LONGEST_REL = 'rel="nofollow ugc"'.length

/** The stretch `text[from, to)`, which holds no '>' and is followed by one, without the rel WordPress added. */
function stretchWithoutRel(text: string, from: number, to: number): string {
  const stretch = text.slice(from, to)
  let end = stretch.length
  while (end > 0 && SPACE.test(stretch.charAt(end - 1))) end--
  // Only spaces may stand between the rel and the '>'.
  const tail = Math.max(0, end - LONGEST_REL)
  const rel = REL.exec(stretch.slice(tail, end))
  if (!rel) return stretch
  const relAt = tail + rel.index
  const relEnd = end
  // The whole run of spaces before `rel=` (the lazy attributes stop at its first space); one at least.
  let spaces = relAt
  while (spaces > 0 && SPACE.test(stretch.charAt(spaces - 1))) spaces--
  if (spaces === relAt) return stretch
  // The first "<a " whose attributes, up to the spaces (one at least left to them), are short enough.
  OPENING.lastIndex = Math.max(0, spaces - 3 - MAX_ATTRIBUTES)
  for (let open = OPENING.exec(stretch); open && open.index + 3 < relAt; open = OPENING.exec(stretch)) {
    const cut = Math.max(spaces, open.index + 3)
    if (cut - (open.index + 3) <= MAX_ATTRIBUTES) return stretch.slice(0, cut) + stretch.slice(relEnd)
    OPENING.lastIndex = open.index + 1
  }
  return stretch
}

const MAY_HAVE_REL = /rel="/i

/** `stored` without the rel WordPress gave its links. */
export function withoutWordpressRel(stored: string): string {
  if (!MAY_HAVE_REL.test(stored)) return stored
  let out = ''
  let last = 0
  let from = 0
  for (let close = stored.indexOf('>'); close !== -1; close = stored.indexOf('>', from)) {
    // A rel ends with a quotation mark, only spaces after it: most stretches end otherwise and are kept whole.
    let end = close
    while (end > from && SPACE.test(stored.charAt(end - 1))) end--
    if (stored.charAt(end - 1) === '"') {
      const stretch = stretchWithoutRel(stored, from, close)
      if (stretch.length !== close - from) {
        out += stored.slice(last, from) + stretch
        last = close
      }
    }
    from = close + 1
  }
  return last === 0 ? stored : out + stored.slice(last)
}
