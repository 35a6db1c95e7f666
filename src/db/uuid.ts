/**
 * Whether a string is a UUID as PostgreSQL prints one (lower case, hyphenated). Checked before a value reaches a
 * `uuid` column's comparison, where anything else would be a 500 (invalid input syntax) instead of a 404 or 400.
 */
export const isUuid = (value: string): boolean =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value)
