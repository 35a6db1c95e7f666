import type postgres from 'postgres'
import { isDatabaseUnavailable } from '../errors.js'

/**
 * Two wrappers around a postgres.js client, for drizzle to run on: statements prepared once per connection, and
 * transactions that survive their connection being lost (src/db/client.ts opens the client).
 */

type Sql = ReturnType<typeof postgres>

/** Statements with more parameters than this (bulk inserts, long id lists) are left unprepared: see below. */
const MAX_PREPARED_PARAMETERS = 100

/** `unsafe(query, parameters, options)`'s arguments, with `prepare: true` whatever drizzle asked for. */
const preparing = (args: unknown[]): unknown[] =>
  args.length >= 2 && Array.isArray(args[1]) && args[1].length <= MAX_PREPARED_PARAMETERS
    ? [args[0], args[1], { ...(args[2] as object | undefined), prepare: true }]
    : args

/**
 * drizzle runs every query not built with `.prepare(name)` through postgres.js's `unsafe(…, { prepare: false })`,
 * and postgres.js then sends an unprepared query with parameters in two round trips (Parse/Describe, then
 * Bind/Execute), with the server parsing it each time: twice the work of a prepared statement, on every query
 * of every request. So statements are prepared, once per connection. postgres.js keeps them per connection by
 * their text and never evicts one, so the texts must be a bounded set: list parameters are bound as one array
 * (`= any($1)`, `unnest($1)`), and a statement whose text grows with its data (more than 100 parameters: an
 * erasure's id lists, bulk inserts) is left unprepared. Connections are also recycled after postgres.js's
 * `max_lifetime` (30 to 60 minutes), which empties their cache.
 */
export function prepareEveryStatement(client: Sql): Sql {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver)
      if (property !== 'unsafe' || typeof value !== 'function') return value
      return (...args: unknown[]) => value.apply(target, preparing(args))
    },
  })
}

/** How long a transaction whose query failed with a connection error waits to see its connection close. */
const LOST_CONNECTION_GRACE_MS = 5_000

/**
 * Works around a postgres.js 3.4.9 defect that kills the process when the server goes away mid-transaction
 * (porsager/postgres#1154, #1208; unfixed upstream): once a transaction's connection has closed, any query
 * written on it, including the ROLLBACK `sql.begin` sends itself when the callback fails, dereferences the
 * connection's null socket in a `setImmediate` and throws where nothing can catch it.
 *
 * So, around drizzle's `begin`: a query of a transaction whose connection is known to be gone is refused
 * (CONNECTION_CLOSED) without reaching the driver; and when the callback fails with a connection error, it is
 * left unsettled instead of rejecting (no ROLLBACK is written: the server rolls back a transaction whose session
 * ended), while `begin` itself rejects as soon as the connection closes, which is what the caller sees. Should
 * the connection not close within a few seconds after all, the error is passed on and ROLLBACK sent as usual.
 */
export function guardTransactions(client: Sql, prepare: boolean): Sql {
  const begin = (...args: unknown[]) => {
    const fn = args.pop() as (tx: Sql) => unknown
    let lost = false
    let markLost = () => {}
    const closed = new Promise<void>((resolve) => {
      markLost = () => {
        lost = true
        resolve()
      }
    })
    const refused = () => {
      const error = Object.assign(new Error('CONNECTION_CLOSED: the transaction lost its connection'), {
        code: 'CONNECTION_CLOSED',
      })
      const pending = Promise.reject(error)
      return Object.assign(pending, { values: () => pending })
    }
    const result = (client.begin as (...a: unknown[]) => Promise<unknown>)(...args, async (tx: Sql) => {
      const guarded = new Proxy(tx, {
        get(target, property, receiver) {
          const value = Reflect.get(target, property, receiver)
          if (property !== 'unsafe' || typeof value !== 'function') return value
          return (...query: unknown[]) =>
            lost ? refused() : value.apply(target, prepare ? preparing(query) : query)
        },
      })
      try {
        return await fn(guarded)
      } catch (error) {
        if (!lost && !isDatabaseUnavailable(error)) throw error
        const gone = await Promise.race([
          closed.then(() => true),
          new Promise<boolean>((resolve) => setTimeout(resolve, LOST_CONNECTION_GRACE_MS, false).unref()),
        ])
        if (gone) return new Promise<never>(() => {})
        throw error
      }
    })
    result.catch(markLost)
    return result
  }
  return new Proxy(client, {
    get: (target, property, receiver) =>
      property === 'begin' ? begin : Reflect.get(target, property, receiver),
  })
}
