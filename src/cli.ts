import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { DrizzleQueryError } from 'drizzle-orm'
import { type Config, ConfigError, loadConfig } from './config.js'
import type { DatabaseHandle } from './db/client.js'
import { openDatabaseForStart } from './db/startup.js'
import { innermostCause } from './errors.js'
import { createLogger, type Logger, safeErrorMessage } from './logger.js'

/**
 * Why a command failed. A failed statement's own message is its text and its parameters: the rows of
 * a copy (the instance's secrets among them), megabytes of them; the driver's error under it says why.
 */
function failureOf(error: unknown): string {
  const reason = error instanceof DrizzleQueryError ? innermostCause(error) : error
  return safeErrorMessage(reason)
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ')

/**
 * Runs a one-shot command (`npm run migrate`, `npm run purge`) on the database the service would open: reads
 * the configuration (no admin token needed, even in production: such commands serve no requests), opens the
 * database (within 30 s) and applies the migrations, runs `task`, closes it, and exits 0, or 1 with one line on
 * standard error naming what failed.
 */
export function runCommand(
  name: string,
  task: (context: {
    config: Config
    logger: Logger
    database: DatabaseHandle
    /** Fires at the first Ctrl-C or SIGTERM that waits for the embedded database: a long task may end early. */
    interrupted: AbortSignal
  }) => Promise<void>,
  options: {
    /**
     * The task reads an embedded database that must already be there: opening DATA_DIR would otherwise create an
     * empty one, and a copy of it succeed with nothing in it (a mistyped volume looking like a finished move).
     */
    existingEmbeddedDatabase?: boolean
    /**
     * The task is for a PostgreSQL server only: run without DATABASE_URL (a release machine missing the secret),
     * it would otherwise succeed on a throwaway embedded database, and the deploy go on unmigrated.
     */
    requiresDatabaseUrl?: boolean
  } = {},
): void {
  let stopAtOnce = true
  const interruption = new AbortController()
  let logger: Logger | undefined
  // Only this process writes the embedded database's files: cut off mid-write they are left for a long recovery
  // at the next start, or damaged. So a first Ctrl-C or SIGTERM lets the command finish and close them; a second
  // one, or one on a PostgreSQL server (which rolls back what a lost connection was doing), stops at once.
  const interrupt = (signal: NodeJS.Signals) => {
    if (stopAtOnce) process.exit(signal === 'SIGINT' ? 130 : 143)
    stopAtOnce = true
    interruption.abort()
    logger?.warn(
      { signal },
      'stopping once the database is closed: the embedded database must not be cut off mid-write',
    )
  }
  process.on('SIGINT', interrupt)
  process.on('SIGTERM', interrupt)
  const main = async () => {
    const config = loadConfig(process.env, { servesRequests: false })
    logger = createLogger(config.logLevel)
    stopAtOnce = Boolean(config.databaseUrl)
    if (options.requiresDatabaseUrl && !config.databaseUrl)
      throw new ConfigError(
        `Invalid configuration: DATABASE_URL is not set; this ${name} is for a PostgreSQL server (with the embedded database, the server migrates its own when it starts)`,
      )
    if (
      options.existingEmbeddedDatabase &&
      !config.databaseUrl &&
      // The folder alone is no database: a first start cut off before the database was made leaves it empty.
      !existsSync(join(config.dataDir, 'pglite', 'PG_VERSION'))
    )
      throw new ConfigError(
        `Invalid configuration: DATA_DIR (${config.dataDir}) holds no embedded database: nothing to copy; set DATA_DIR to the folder the server runs with`,
      )
    const database = await openDatabaseForStart(config, logger, { migrate: true })
    try {
      await task({ config, logger, database, interrupted: interruption.signal })
    } finally {
      await database.close()
    }
    logger.flush()
  }
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(
        oneLine(error instanceof ConfigError ? error.message : `Vigil ${name} failed: ${failureOf(error)}`),
      )
      process.exit(1)
    },
  )
}
