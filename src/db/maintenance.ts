import { sql } from 'drizzle-orm'
import type { Logger } from '../logger.js'
import { type DatabaseHandle, rowsOf } from './client.js'
import { quotedIdentifier } from './identifiers.js'

/** How often the embedded database's statistics are all refreshed and its tables vacuumed. */
const MAINTENANCE_INTERVAL_MS = 10 * 60_000
/** The first full run, once the process has taken some traffic. */
const FIRST_RUN_MS = 60_000
/** How often the tables are looked at for growth since their last statistics (a cheap query). */
const GROWTH_CHECK_MS = 5_000

/** Tables updated in place on every request: vacuumed as soon as they grow, not only in the full run. */
const HOT_TABLES = ['rate_limits', 'webhook_deliveries', 'reputation', 'bayes_tokens', 'bayes_corpora']

/**
 * Tables of the current schema of at most `largest` pages that have grown `growth` times since their statistics
 * were taken, and by at least 8 pages (64 KiB). Counted in pages, which cost nothing to read, where PGlite keeps
 * no count of changed rows. A table never analysed counts as 0 pages.
 */
const grownTables = ({ growth, largest }: { growth: number; largest: number }) => `
  select name from (
    select c.relname as name, c.relpages as counted,
      pg_relation_size(c.oid) / current_setting('block_size')::int as pages
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind = 'r') as tables
  where pages >= greatest(counted * ${growth}, counted + 8) and pages <= ${largest}`

/**
 * On a PostgreSQL server autovacuum keeps the statistics, but looks only once a minute (`autovacuum_naptime`) and
 * analyses `comments` only after a thousand of them (drizzle/0011), and a new database outgrows its statistics
 * faster than that: the plans of every intake, prepared and cached per connection while `comments` was empty, read
 * the whole table until its first analysis. Measured with the Akismet API's benchmark on a new database at 32
 * clients: each check's context read scanned all 3 500 comments, 6.2 ms of PostgreSQL's time, the storing
 * statement 4.9 ms; analysed as they grew, 0.66 and 0.68 ms, and 146–191 checks/s became 290. So while a table
 * is young, Vigil analyses it each time it doubles; from 8 MiB on (a few thousand comments), autovacuum has analysed
 * it or soon will, and its statistics are close enough. Not longer, nor more often: every analysis makes each
 * connection plan its statements again, and analyses of tables up to 128 MiB at a tenth's growth (PGlite's rule)
 * raised intake's p99 from about 200 to 370–620 ms on a 100 000-comment database (a second's analysis of
 * `comments` in a 10-s load). SKIP_LOCKED: never wait behind autovacuum or another Vigil process doing the same.
 * (Where autovacuum is off, as on the machine of those measurements, only Vigil's analyses keep these statistics.)
 */
const SERVER_GROWTH = { growth: 2, largest: 1_024 } // 8 MiB
/** PGlite's: autovacuum's rule (analyse after 50 rows and 10 % of the table have changed), at any size. */
const EMBEDDED_GROWTH = { growth: 1.1, largest: Number.MAX_SAFE_INTEGER }

/**
 * What autovacuum does on a PostgreSQL server, for the embedded PGlite, which runs no background workers and so
 * never analyses or vacuums by itself. Without statistics the planner guesses every selectivity, and plans made on
 * a small table stay in use as it grows: measured on sequential intakes into a new database, each took 3.9 ms at
 * 1 000 comments and 16 ms at 8 000, read off tables the planner took to be tiny; with statistics taken as the
 * tables grew, 2.0 ms throughout. So a table is analysed again within seconds of growing by a tenth (the tables
 * updated in place are vacuumed as well), and every ten minutes all of them are vacuumed and analysed, for
 * the changes that do not grow a table (a comment approved, one erased). On a PostgreSQL server, only the young
 * tables' growth (SERVER_GROWTH).
 */
export function scheduleMaintenance(deps: { database: DatabaseHandle; logger: Logger }) {
  const { db } = deps.database
  const embedded = deps.database.kind === 'pglite'
  const failed = (error: unknown) =>
    deps.logger.warn({ err: error }, 'refreshing the database statistics failed; it runs again later')

  // Every table, not only the hot ones: comments are updated by every decision and by the clearing of IP
  // addresses, and deleted by the spam purge and erasures; without a vacuum their dead rows are never reused and
  // a long-running instance's file only grows. A vacuum reads only the pages changed since the last (50 000
  // comments with a tenth of them dead: 27 ms in PGlite, beside the 500 ms of analysing them).
  const everything = async () => {
    await db.execute(sql`vacuum analyze`)
  }
  const grownQuery = sql.raw(grownTables(embedded ? EMBEDDED_GROWTH : SERVER_GROWTH))
  const refresh = (table: string) =>
    !embedded
      ? `analyze (skip_locked) ${quotedIdentifier(table)}`
      : `${HOT_TABLES.includes(table) ? 'vacuum analyze' : 'analyze'} ${quotedIdentifier(table)}`
  // Reading a table's size takes a lock on it: on a server, where a migration of another process may hold one,
  // the look gives up after a second rather than hold a connection of the pool for the migration's length.
  const grownNames = async () =>
    embedded
      ? db.execute(grownQuery)
      : db.transaction(async (tx) => {
          await tx.execute(sql`set local lock_timeout = '1s'`)
          return tx.execute(grownQuery)
        })
  const grown = async () => {
    const tables = rowsOf<{ name: string }>(await grownNames()).map((row) => row.name)
    for (const table of tables) await db.execute(sql.raw(refresh(table)))
  }

  // One run at a time: a growth check due during the full run waits for the next one.
  let running: Promise<void> | null = null
  const run = (work: () => Promise<void>, skipIfBusy: boolean) => {
    if (running && skipIfBusy) return
    const previous = running ?? Promise.resolve()
    const current: Promise<void> = previous
      .then(work)
      .catch(failed)
      .finally(() => {
        if (running === current) running = null
      })
    running = current
  }

  const growth = setInterval(() => run(grown, true), GROWTH_CHECK_MS)
  // Autovacuum vacuums a server's tables and analyses them for every other change.
  const first = embedded ? setTimeout(() => run(everything, false), FIRST_RUN_MS) : undefined
  const full = embedded ? setInterval(() => run(everything, false), MAINTENANCE_INTERVAL_MS) : undefined
  for (const timer of [first, full, growth]) timer?.unref()
  return {
    /** Resolves once no run is in progress. */
    idle: async () => {
      while (running) await running
    },
    async stop() {
      clearTimeout(first)
      clearInterval(full)
      clearInterval(growth)
      await running
    },
  }
}
