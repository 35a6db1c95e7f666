import type { PGlite } from '@electric-sql/pglite'
import { type SQL, sql } from 'drizzle-orm'
import type postgres from 'postgres'
import { type Executor, PREPARED, rowsOf } from './client.js'
import type { PreparedRunner } from './pglite-prepared.js'

/**
 * Runs a statement written once as SQL text with `$n` parameters. On the database itself it goes straight to the
 * driver rather than through drizzle's query builder: drizzle rebuilds a query's text from its parts on every
 * call (a 30-column insert took about 250 µs to build) and maps each row through its schema, while a statement
 * whose text is a constant costs nothing to build and is parsed and planned once per connection (prepared by
 * postgres.js, see client.ts). Inside a transaction it runs through the transaction's drizzle handle, the only
 * way to reach its connection.
 *
 * Parameters are bound as text the server casts (`$1::timestamptz`, array literals from array-literals.ts, JSON
 * as a string with `::jsonb`), which both drivers pass through unchanged; rows come back as the driver parses
 * them: json and numbers parsed, timestamps as text (drizzle turns postgres.js's date parsers off).
 */
export async function runStatement<Row>(
  executor: Executor,
  text: string,
  parameters: readonly unknown[],
): Promise<Row[]> {
  const client = (executor as unknown as { $client?: unknown }).$client
  if (isPostgresJs(client)) {
    return (await client.unsafe(text, parameters as postgres.ParameterOrJSON<never>[])) as unknown as Row[]
  }
  if (isPglite(client)) return pgliteRows<Row>(client, text, parameters, 'object')
  return rowsOf<Row>(await executor.execute(asDrizzleSql(text, parameters)))
}

/**
 * The same statement, its rows as arrays of column values, each as the server sent it where the driver can give
 * it so: postgres.js hands over the bytes of each column's text (a Buffer, or null), unparsed and undecoded, so a
 * large text column (a page rendered as JSON) can go out as those bytes without becoming a string on the way.
 * PGlite, running in the process, gives its values parsed. Only for statements on the database itself.
 */
export async function runStatementAsBytes(
  executor: Executor,
  text: string,
  parameters: readonly unknown[],
): Promise<unknown[][]> {
  const client = (executor as unknown as { $client?: unknown }).$client
  if (isPostgresJs(client)) {
    return (await client
      .unsafe(text, parameters as postgres.ParameterOrJSON<never>[])
      .raw()) as unknown as unknown[][]
  }
  if (isPglite(client)) return pgliteRows<unknown[]>(client, text, parameters, 'array')
  return rowsOf<Record<string, unknown>>(await executor.execute(asDrizzleSql(text, parameters))).map(
    Object.values,
  )
}

const isPostgresJs = (client: unknown): client is postgres.Sql =>
  typeof client === 'function' && typeof (client as { unsafe?: unknown }).unsafe === 'function'

const isPglite = (client: unknown): client is PGlite =>
  typeof client === 'object' && client !== null && typeof (client as { query?: unknown }).query === 'function'

/**
 * On PGlite, through the embedded database's prepared statements (client.ts) when the client is the one it opened,
 * otherwise as PGlite's own `query` runs them.
 */
async function pgliteRows<Row>(
  client: PGlite,
  text: string,
  parameters: readonly unknown[],
  rowMode: 'object' | 'array',
): Promise<Row[]> {
  const prepared = (client as unknown as Record<symbol, PreparedRunner | undefined>)[PREPARED]
  if (prepared) return prepared<Row>(text, parameters, rowMode)
  return (await client.query<Row>(text, [...parameters], { rowMode })).rows
}

const PLACEHOLDER = /\$(\d+)/g
/** Each statement's text cut at its placeholders, once: the texts are constants, so this stays small. */
const pieces = new Map<string, { literals: string[]; positions: number[] }>()

/** The same statement as drizzle's `sql`, for a transaction handle. */
function asDrizzleSql(text: string, parameters: readonly unknown[]): SQL {
  let cut = pieces.get(text)
  if (!cut) {
    const literals = text.split(PLACEHOLDER).filter((_, index) => index % 2 === 0)
    const positions = [...text.matchAll(PLACEHOLDER)].map((match) => Number(match[1]) - 1)
    cut = { literals, positions }
    pieces.set(text, cut)
  }
  const query = sql.empty()
  cut.literals.forEach((literal, index) => {
    query.append(sql.raw(literal))
    const position = cut.positions[index]
    if (position !== undefined) query.append(sql`${parameters[position]}`)
  })
  return query
}
