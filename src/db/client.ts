import { dirname, join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import type { Config } from '../config.js'
import { makePrivateDir, unopenableDatabase } from '../data-dir.js'
import { lockDataDir } from './data-dir-lock.js'
import { type PreparedRunner, preparedRunnerOf } from './pglite-prepared.js'
import { postgresTargetOf } from './postgres-target.js'
import { guardTransactions, prepareEveryStatement } from './postgres-wrappers.js'
import * as coreSchema from './schema.js'
import * as webhookSchema from './webhook-schema.js'

const schema = { ...coreSchema, ...webhookSchema }
export type Schema = typeof schema

/** How long a new PostgreSQL connection may take before the query waiting for it fails. */
const CONNECT_TIMEOUT_SECONDS = 5
/** The drizzle database, whichever driver is behind it. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>
/** A transaction handle: a `Database` whose queries run inside one transaction. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0]
export type Executor = Database | Transaction

export type DatabaseHandle = {
  db: Database
  kind: 'pglite' | 'postgres'
  /**
   * Runs `fn` while holding an advisory lock, so one process at a time does it; `onWait` is called once if
   * another process holds it first.
   */
  withExclusiveLock<T>(lockKey: number, fn: () => Promise<T>, onWait?: () => void): Promise<T>
  /**
   * Calls `onNotify` with the payload of each NOTIFY on `channel` (from any session), and without one after a
   * lost connection is listening again (what was announced meanwhile is unknown); resolves to a function that
   * stops it.
   */
  listen(channel: string, onNotify: (payload?: string) => void): Promise<() => Promise<void>>
  close(): Promise<void>
}

export type DatabaseOptions =
  | {
      url: string
      poolSize?: number
      /**
       * Server-side prepared statements (default true). Off for a connection pooler in transaction mode
       * (PgBouncer before 1.21, or with max_prepared_statements = 0), where a statement prepared on one server
       * connection is unknown on the next.
       */
      preparedStatements?: boolean
    }
  /** `dataDir` undefined means an in-memory database (tests). */
  | { url?: undefined; dataDir: string | undefined }

/** What the configuration says to open: DATABASE_URL's server, or the embedded database under DATA_DIR. */
export function databaseOptionsOf(
  config: Pick<Config, 'databaseUrl' | 'databasePreparedStatements' | 'dataDir'> &
    Partial<Pick<Config, 'databasePoolSize'>>,
): DatabaseOptions {
  return config.databaseUrl
    ? {
        url: config.databaseUrl,
        preparedStatements: config.databasePreparedStatements,
        ...(config.databasePoolSize ? { poolSize: config.databasePoolSize } : {}),
      }
    : { dataDir: join(config.dataDir, 'pglite') }
}

/**
 * Opens PostgreSQL through postgres.js when a URL is given, otherwise the embedded PGlite, persisted under
 * `dataDir` (or in memory). Both expose the same drizzle API, so nothing above this file knows which it is.
 */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.url)
    return openPostgres(options.url, options.poolSize ?? 10, options.preparedStatements ?? true)
  return openPglite('dataDir' in options ? options.dataDir : undefined)
}

/**
 * Every statement is planned once, for any parameters, from the table's overall statistics. Vigil's statements
 * are all scoped by site and each has an index made for it; left to choose, PostgreSQL plans each of the first
 * executions (and every one after, when a plan for these values looks cheaper) for the values given, and for a
 * site the statistics do not know yet (created since the last ANALYZE, all its rows recent) it estimates one row
 * and takes the wrong index: intake's context read went from 0.9 ms to 4 ms on a new site of a million-row
 * table, plus its planning on every execution. A generic plan does not depend on which site asks.
 */
const GENERIC_PLANS = 'force_generic_plan'

function openPostgres(url: string, poolSize: number, preparedStatements: boolean): DatabaseHandle {
  const target = postgresTargetOf(url)
  const client = postgres(target.url, {
    ...(target.socketPath ? { path: target.socketPath } : {}),
    max: poolSize,
    prepare: preparedStatements,
    onnotice: () => {},
    // While the server is down a request must fail fast (503, problem.ts) rather than wait: give up connecting
    // after 5 s (the default is 30), and retry a failed connection after at most 1 s (postgres.js's default
    // backoff grows to 20 s, which a request queued behind it would wait out, and recovery with it).
    connect_timeout: CONNECT_TIMEOUT_SECONDS,
    backoff: (retries: number) => (0.5 + Math.random() / 2) * Math.min(3 ** retries / 100, 1),
    connection: {
      application_name: 'vigil',
      // Timestamps cross as text that postgres.js, drizzle and the pages' cursors read as ISO 8601, whatever
      // output style the server or database was given (the input order it was given stays). PgBouncer passes it.
      DateStyle: 'ISO',
      // Sent as a startup parameter, which a pooler in transaction mode (where statements are not prepared)
      // may refuse: PgBouncer accepts it once listed in its `track_extra_parameters`.
      ...(preparedStatements ? { plan_cache_mode: GENERIC_PLANS } : {}),
    },
  })
  const guarded = guardTransactions(
    preparedStatements ? prepareEveryStatement(client) : client,
    preparedStatements,
  )
  const db = drizzlePostgres(guarded, {
    schema,
    casing: 'snake_case',
  }) as unknown as Database
  return {
    db,
    kind: 'postgres',
    async withExclusiveLock(lockKey, fn, onWait) {
      // A transaction holds the lock while `fn` uses the rest of the pool. A lock of the transaction, not of the
      // session: behind a pooler in transaction mode each statement outside a transaction may run on another
      // server connection, so a session lock would stay behind on one of them (held for ever, by nobody); a
      // transaction keeps its server connection until it ends, and the lock ends with it, also when the
      // connection is lost. Waiters try again and again in short transactions instead of queueing in one: a
      // waiting transaction would hold one of the pooler's few server connections, and enough waiters would
      // leave none for the holder's work. Through `guarded.begin`, so that a connection lost meanwhile (a
      // failover) fails the call instead of the process.
      for (let attempt = 0; ; attempt++) {
        const outcome = await guarded.begin(async (tx) => {
          // The holder's transaction sits idle while `fn` works on other connections: a server (or database, or
          // role) with idle_in_transaction_session_timeout would end it mid-migration, and every start after
          // would fail the same way. So the timeout is off for this transaction alone (`set_config(…, true)` is
          // SET LOCAL, which a pooler in transaction mode allows), set in the statement that takes the lock.
          const [row] = await tx.unsafe(
            `select pg_try_advisory_xact_lock($1) as locked,
               set_config('idle_in_transaction_session_timeout', '0', true)`,
            [lockKey],
          )
          if (!row?.locked) return { locked: false as const }
          const value = await fn()
          // Still holding it? A lost connection is refused here, and the call fails with it.
          await tx.unsafe('select 1')
          return { locked: true as const, value }
        })
        if (outcome.locked) return outcome.value
        if (attempt === 0) onWait?.()
        await sleep(LOCK_RETRY_MS)
      }
    },
    async listen(channel, onNotify) {
      // postgres.js listens on a connection of its own and re-subscribes after a reconnect.
      let subscribed = false
      // After a reconnect, postgres.js's unlisten no longer finds the listener it re-subscribed, which goes on
      // being called: a stopped one ignores what it hears.
      let stopped = false
      const subscription = await client.listen(
        channel,
        (payload) => {
          if (!stopped) onNotify(payload)
        },
        () => {
          if (subscribed && !stopped) onNotify()
          subscribed = true
        },
      )
      return () => {
        stopped = true
        return subscription.unlisten()
      }
    },
    close: () => client.end({ timeout: 5 }),
  }
}

/** How often a process waiting for an advisory lock (another's migrations) tries again. */
const LOCK_RETRY_MS = 200

/**
 * PGlite's methods that start work on the database, each after a turn of the event loop (see below); `close`
 * too, so that it comes after the work asked for before it, as it does on PGlite itself.
 */
const PGLITE_ENTRY_POINTS = new Set<PropertyKey>(['query', 'exec', 'transaction', 'close'])

/**
 * Where the embedded database's client (`db.$client`) carries its runner of prepared statements
 * (./pglite-prepared.ts), for src/db/statement.ts.
 */
export const PREPARED = Symbol('vigil.preparedStatements')

/**
 * PGlite runs a query synchronously in this thread, and hands the next one waiting its turn in a microtask. Under
 * load the queries of every request in flight, and the JavaScript between them, then ran back to back without
 * the event loop getting a turn: at 32 connections the thread was blocked 250 to 390 ms at a time, during which
 * no request was read and no timer fired, and some submissions waited 3 to 6 s. So each query or transaction
 * first lets the event loop run (`setImmediate`), and I/O is served between them; prepared statements too.
 */
function yieldingBetweenQueries(client: PGlite): PGlite {
  const wrapped = new Map<PropertyKey, unknown>()
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve))
  const prepared = preparedRunnerOf(client)
  const runPrepared: PreparedRunner = async (text, parameters, rowMode) => {
    await turn()
    return prepared(text, parameters, rowMode)
  }
  return new Proxy(client, {
    get(target, property) {
      if (property === PREPARED) return runPrepared
      // PGlite keeps its state in private fields: its methods must run with the client itself as `this`.
      const value = Reflect.get(target, property, target)
      if (typeof value !== 'function') return value
      let method = wrapped.get(property)
      if (!method) {
        const bound = value.bind(target) as (...args: unknown[]) => unknown
        method = PGLITE_ENTRY_POINTS.has(property)
          ? async (...args: unknown[]) => {
              await turn()
              return bound(...args)
            }
          : bound
        wrapped.set(property, method)
      }
      return method
    },
  })
}

async function openPglite(dataDir: string | undefined): Promise<DatabaseHandle> {
  // Its files belong to one process: a second one opening them would corrupt them.
  const unlock = dataDir ? lockDataDir(dataDir) : () => {}
  let client: PGlite
  try {
    if (dataDir) makePrivateDir(dataDir, { owned: true })
    // pg_trgm finds near-duplicate comments; the server has it as a contrib extension, PGlite loads it here.
    client = yieldingBetweenQueries(
      await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { pg_trgm } }).catch(
        (error: unknown) => {
          // The folder is DATA_DIR's `pglite` (databaseOptionsOf).
          throw dataDir ? unopenableDatabase(dirname(dataDir), dataDir, error) : error
        },
      ),
    )
  } catch (error) {
    unlock()
    throw error
  }
  await client.exec(`set plan_cache_mode = ${GENERIC_PLANS}`)
  const db = drizzlePglite(client, { schema, casing: 'snake_case' }) as unknown as Database
  return {
    db,
    kind: 'pglite',
    // PGlite is one connection owned by this process: there is no one else to exclude.
    withExclusiveLock: (_lockKey, fn) => fn(),
    async listen(channel, onNotify) {
      const unsubscribe = await client.listen(channel, (payload) => onNotify(payload))
      return () => unsubscribe()
    },
    async close() {
      try {
        await client.close()
      } finally {
        unlock()
      }
    },
  }
}

/** Rows of a raw `db.execute()`: postgres.js returns an array of rows, PGlite an object with `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[]
  return ((result as { rows?: T[] }).rows ?? []) as T[]
}
