import { type PGlite, parse, protocol } from '@electric-sql/pglite'

/**
 * Named prepared statements on PGlite, which its `query` does not have: it sends every statement as an unnamed
 * one, in six calls into the database (parse, describe, bind, describe, execute, sync), so PostgreSQL parses it and
 * plans it again each time. Measured on sequential intakes: of 3.5 ms each, 0.5 ms went to parsing the three
 * statements and 0.9 ms to binding them (where an unnamed statement is planned). Here a statement is parsed once
 * under a name, and each run is one call: bind, describe, execute and sync in one message, the plan kept (generic,
 * see client.ts). Rows come back exactly as `query` gives them: the same serialisers for the parameters (by the
 * types PostgreSQL inferred), the same parsers and result shape for the rows.
 */
export type PreparedRunner = <Row>(
  text: string,
  parameters: readonly unknown[],
  rowMode?: 'object' | 'array',
) => Promise<Row[]>

/** The statements' texts are constants of the code; past this many, a new text is parsed for each run. */
const MAX_PREPARED = 256

type Prepared = { name: string; parameterTypes: readonly number[] }

const { serialize } = protocol

/**
 * A statement PostgreSQL no longer has as it was prepared: deallocated (`DEALLOCATE`, `DISCARD ALL`), or whose
 * result columns a schema change altered. postgres.js prepares such a statement again; so does this runner.
 */
const isStale = (error: unknown) => {
  const { code, routine } = error as { code?: string; routine?: string }
  return code === '26000' || (code === '0A000' && routine === 'RevalidateCachedQuery')
}

/**
 * A runner of prepared statements on `client`, which must be PGlite itself (its methods called on it). Each run
 * waits for the transactions and queries before it, as `query` does, and fails as `query` does on a closed client.
 */
export function preparedRunnerOf(client: PGlite): PreparedRunner {
  const statements = new Map<string, Prepared>()
  let named = 0

  /**
   * Parses `text` under a name kept for good (closing the statement it replaces, if any), or, once there are too
   * many, as the unnamed statement.
   */
  const prepare = async (text: string, replacing?: Prepared): Promise<Prepared> => {
    const name = statements.size < MAX_PREPARED ? `vigil_${named++}` : ''
    const messages = await client.execProtocolStream(
      Buffer.concat([
        ...(replacing ? [serialize.close({ type: 'S', name: replacing.name })] : []),
        serialize.parse({ name, text }),
        serialize.describe({ type: 'S', name }),
        serialize.sync(),
      ]),
      { syncToFs: false },
    )
    const prepared = { name, parameterTypes: parse.parseDescribeStatementResults(messages) }
    if (name) statements.set(text, prepared)
    return prepared
  }

  const values = (parameters: readonly unknown[], types: readonly number[]) =>
    parameters.map((value, index) => {
      if (value === null || value === undefined) return null
      const serializer = client.serializers[types[index] ?? 0]
      return serializer ? (serializer(value) as string) : String(value)
    })

  // Streamed: PGlite parses the answer as it comes instead of keeping a copy of it (a page can be large).
  const execute = (statement: Prepared, parameters: readonly unknown[]) =>
    client.execProtocolStream(
      Buffer.concat([
        serialize.bind({ statement: statement.name, values: values(parameters, statement.parameterTypes) }),
        serialize.describe({ type: 'P' }),
        serialize.execute({}),
        serialize.sync(),
      ]),
      { syncToFs: true },
    )

  return async <Row>(
    text: string,
    parameters: readonly unknown[],
    rowMode: 'object' | 'array' = 'object',
  ) => {
    await client._checkReady()
    // `query` waits for any transaction to end, then for the query before it: the same two locks, in that order.
    return client._runExclusiveTransaction(() =>
      client.runExclusive(async () => {
        // Closed while this run waited for its turn.
        await client._checkReady()
        const statement = statements.get(text) ?? (await prepare(text))
        let messages: Awaited<ReturnType<typeof execute>>
        try {
          messages = await execute(statement, parameters)
        } catch (error) {
          if (!isStale(error) || statements.get(text) !== statement) throw error
          statements.delete(text)
          messages = await execute(await prepare(text, statement), parameters)
        }
        return (parse.parseResults(messages, client.parsers, { rowMode })[0]?.rows ?? []) as Row[]
      }),
    )
  }
}
