import { getTableColumns, getTableName, type InferSelectModel, type Table } from 'drizzle-orm'
import { CasingCache } from 'drizzle-orm/casing'
import { quotedIdentifier } from './identifiers.js'

/**
 * Whole rows of a table read by a statement of constant text (`runStatement`), mapped as drizzle's `select()`
 * maps them. On a hot path, drizzle's query builder rebuilt the text of a whole-row read on every call (each of
 * the table's thirty-odd columns looked up and quoted) and sent it unprepared: a fifth of the server's CPU per
 * moderation decision. Here the column list is written once, and each value goes through its column's own
 * `mapFromDriverValue`, as drizzle does, so a timestamp, an array or a JSON value comes out the same whichever
 * driver read it.
 */
export type RowReader<T extends Table> = {
  /** `"table"."column", …` in the order of the table's columns, for a statement's select list. */
  columns: string
  /** A row as the driver returned it (keyed by column name) as drizzle's select would give it. */
  map(row: Record<string, unknown>): InferSelectModel<T>
}

/** The schema's columns are named by their keys, in snake case (the `casing` the database handles use). */
const casing = new CasingCache('snake_case')

export function rowReader<T extends Table>(table: T): RowReader<T> {
  const fields = Object.entries(getTableColumns(table)).map(
    ([key, column]) => [key, column, casing.getColumnCasing(column)] as const,
  )
  const tableName = quotedIdentifier(getTableName(table))
  return {
    columns: fields.map(([, , name]) => `${tableName}.${quotedIdentifier(name)}`).join(', '),
    map(row) {
      const mapped: Record<string, unknown> = {}
      for (const [key, column, name] of fields) {
        const value = row[name]
        mapped[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value)
      }
      return mapped as InferSelectModel<T>
    },
  }
}
