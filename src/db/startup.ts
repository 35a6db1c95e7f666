import { sql } from 'drizzle-orm'
import type { Config } from '../config.js'
import { unusableDataDir } from '../data-dir.js'
import { innermostCause, isDatabaseUnavailable } from '../errors.js'
import { type Logger, safeErrorMessage } from '../logger.js'
import { DeadlineExceeded, withinDeadline } from '../timeouts.js'
import { type DatabaseHandle, databaseOptionsOf, openDatabase } from './client.js'
import { describeHosts } from './host-probe.js'
import { migrateDatabase } from './migrate.js'

/**
 * How long a start waits for the PostgreSQL server to answer. postgres.js tries to connect again and again, so a
 * server that is down, unreachable or not PostgreSQL at all would otherwise hold a start (or a deploy's release
 * command) for ever, saying nothing; past this, the process says why in one line and exits 1, for its supervisor
 * to start it again.
 */
export const DATABASE_ANSWER_DEADLINE_MS = 30_000

/** A start that cannot go on: the message says why, in one line; `cause` is the driver's error. */
export class StartupError extends Error {
  override name = 'StartupError'
}

/**
 * Opens the database the configuration names and makes sure it answers; with `migrate`, applies the migrations,
 * saying so when another process is applying them first (they take turns).
 */
export async function openDatabaseForStart(
  config: Pick<Config, 'databaseUrl' | 'databasePreparedStatements' | 'dataDir'> &
    Partial<Pick<Config, 'databasePoolSize'>>,
  logger: Logger,
  options: { migrate: boolean; answerDeadlineMs?: number },
): Promise<DatabaseHandle> {
  const database = await openDatabase(databaseOptionsOf(config)).catch((error: unknown) => {
    throw config.databaseUrl ? error : unusableDataDir(config.dataDir, error)
  })
  logger.info({ database: database.kind }, 'opening the database')
  // Closing politely could wait for the same server that just failed: it is not waited for long.
  const closeQuickly = () => withinDeadline(database.close(), 1_000).catch(() => {})
  if (database.kind === 'postgres') {
    const deadlineMs = options.answerDeadlineMs ?? DATABASE_ANSWER_DEADLINE_MS
    try {
      await withinDeadline(database.db.execute(sql`select 1`), deadlineMs)
    } catch (error) {
      await closeQuickly()
      const why =
        error instanceof DeadlineExceeded
          ? `did not answer within ${deadlineMs < 1000 ? `${deadlineMs} ms` : `${Math.round(deadlineMs / 1000)} s`}: ${await describeHosts(config.databaseUrl ?? '')}`
          : `could not be used: ${safeErrorMessage(innermostCause(error))}`
      throw new StartupError(`the PostgreSQL server at DATABASE_URL ${why}`, { cause: error })
    }
  }
  if (options.migrate) {
    logger.info({ database: database.kind }, 'applying migrations')
    try {
      await migrateDatabase(database, {
        onWait: () => logger.info('another process is applying the migrations: waiting for it to finish'),
      })
    } catch (error) {
      await closeQuickly()
      throw new StartupError(migrationFailure(database.kind, error), { cause: error })
    }
  }
  return database
}

/** Why the migrations did not apply, in one line. */
function migrationFailure(kind: DatabaseHandle['kind'], error: unknown): string {
  const where =
    kind === 'postgres' ? 'the PostgreSQL server at DATABASE_URL' : 'the embedded database in DATA_DIR'
  const reason = safeErrorMessage(innermostCause(error))
  if (kind === 'postgres' && isDatabaseUnavailable(error))
    return (
      `the connection to ${where} was lost while applying the migrations (${reason}); each migration is ` +
      'applied whole or not at all, and the next start applies what is left'
    )
  return `applying the migrations to ${where} failed: ${reason}`
}
