/**
 * Lists bound as one parameter, in PostgreSQL's array syntax (`{…}`), for `= any($1::text[])` and the like.
 * drizzle spreads a JS array into one parameter per element, so a statement's text would vary with the list's
 * length; as one parameter, it is one prepared statement whatever the length (src/db/client.ts prepares every
 * statement).
 */

export const integerArray = (values: readonly number[]): string =>
  `{${values.map((value) => String(Math.trunc(value))).join(',')}}`

/** Every element quoted, with its backslashes and double quotes escaped: any text survives, commas included. */
export const textArray = (values: readonly string[]): string =>
  `{${values.map((value) => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`
