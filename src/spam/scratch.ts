/**
 * Working tables that live for one call. A typed array longer than 64 bytes is allocated outside V8's heap (a C++
 * allocation, and a finaliser for the garbage collector): the few such tables scoring a comment needs cost more to
 * allocate than to fill. Scoring is synchronous and these tables never outlive the call that fills them, so each
 * user keeps one, and takes a longer one when a longer text needs it.
 */

/** Beyond this many elements a table is not kept: one very long text should not hold memory for good. */
const KEPT = 1 << 16

/**
 * A source of tables of at least a given length, their contents left as the last call left them: one table kept
 * and handed out again while it is long enough. A user must be done with a table before asking for the next one.
 */
export function scratch<T extends Int32Array | Float64Array | Uint8Array>(
  make: (length: number) => T,
): (length: number) => T {
  let kept = make(256)
  return (length) => {
    if (kept.length >= length) return kept
    const table = make(length)
    if (length <= KEPT) kept = table
    return table
  }
}
