/**
 * Lists bound as one parameter, in PostgreSQL's array syntax (`{…}`), for `= any($1::text[])` and the like.
 * drizzle spreads a JS array into one parameter per element, so a statement's text would vary with the list's
 * length; as one parameter, it is one prepared statement whatever the length (src/db/client.ts prepares every
 * statement).
 */

export const integerArray = (values: readonly number[]): string =>
  `{${values.map((value) => String(Math.trunc(value))).join(',')}}`

const NEEDS_ESCAPING = /["\\]/

/**
 * Every element quoted, with its backslashes and double quotes escaped: any text survives, commas included. A
 * submission binds its 500-odd tokens this way: built by concatenation, and escaped only where an element needs
 * it (almost none do), the list takes 13 µs instead of 50.
 */
export function textArray(values: readonly string[]): string {
  let literal = '{'
  for (let at = 0; at < values.length; at++) {
    const value = values[at] as string
    if (at > 0) literal += ','
    literal += NEEDS_ESCAPING.test(value)
      ? `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`
      : `"${value}"`
  }
  return `${literal}}`
}
