/**
 * Reading a text one UTF-16 code unit at a time, at full speed whatever the string is made of.
 *
 * V8 keeps a string in one of several representations (flat or sliced, concatenated, internalised; one or two
 * bytes a character), and caches a property access such as `text.charCodeAt` or `text.length` per representation.
 * The engine's loops meet them all (request bodies, slices, regex matches, concatenations): in a server that has
 * been running a while, or in the bench after training, each such access site has seen more than four and looks
 * the property up generically on every call. A loop calling `text.charCodeAt(at)` then costs five to seven times
 * what it does on a fresh process (20 µs instead of 3 for a 1 KB comment). Calling the method itself through
 * `call` lets the compiler call it directly for any string, and reading `length` once before a loop keeps the
 * lookup out of it.
 */
const charCodeAtOf = String.prototype.charCodeAt

/**
 * `text.charCodeAt(at)`, fast whatever the representation of `text`, for `at` inside the text only. This one call
 * site serves every caller, and a single read outside a text (which gives NaN) makes the compiler stop inlining it
 * for good: each read then calls the built-in, three times slower.
 */
export const codeAt = (text: string, at: number): number => charCodeAtOf.call(text, at)

// Every character of the Basic Multilingual Plane but the surrogates, for building the tables below.
const PLANE = (() => {
  const units = new Uint16Array(0x10000 - 0x800)
  for (let code = 0, at = 0; code < 0x10000; code++) if (code < 0xd800 || code >= 0xe000) units[at++] = code
  return new TextDecoder('utf-16le').decode(units)
})()

/**
 * `bit` set for each character of the Basic Multilingual Plane a one-character pattern matches, found by one pass
 * of the pattern over all of them (a few milliseconds, once). Looking a character up in such a table is far faster
 * than a Unicode class (a search among ranges). `table` may be shared: each pattern takes its own bit.
 */
export function markCodeUnits(
  pattern: RegExp,
  bit = 1,
  table: Uint8Array = new Uint8Array(0x10000),
): Uint8Array {
  for (const match of PLANE.matchAll(new RegExp(pattern.source, 'gu'))) {
    const code = codeAt(match[0], 0)
    table[code] = (table[code] as number) | bit
  }
  return table
}

/**
 * A table of the code units that may belong to a match of a one-character pattern: the characters it matches, and
 * the surrogates, which stand for characters outside the plane and are left to the pattern itself.
 */
export function codeUnitTable(pattern: RegExp): Uint8Array {
  return markCodeUnits(pattern, 1, new Uint8Array(0x10000).fill(1, 0xd800, 0xe000))
}

/** Whether the pattern of `table` may match somewhere in `text`: false is certain, true is to be checked. */
export function mayMatch(text: string, table: Uint8Array): boolean {
  const length = text.length
  for (let at = 0; at < length; at++) if (table[codeAt(text, at)] === 1) return true
  return false
}
