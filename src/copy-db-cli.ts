import { runCommand } from './cli.js'
import { type Config, ConfigError, loadConfig } from './config.js'
import { CopyRefused, copyDatabase } from './db/copy-database.js'
import { openDatabaseForStart } from './db/startup.js'

const TARGET = 'TARGET_DATABASE_URL'

/** The target's configuration, or the one line that says why there is none; checked before anything is opened. */
function targetConfig(): Config | string {
  // With DATABASE_URL set, runCommand would open (and migrate) that server as the source.
  if (process.env.DATABASE_URL?.trim())
    return 'Invalid configuration: DATABASE_URL is set; the copy reads the embedded database in DATA_DIR: unset it'
  const url = process.env[TARGET]?.trim()
  if (!url) return `Invalid configuration: ${TARGET} must name the PostgreSQL database to copy into`
  try {
    return loadConfig({ DATABASE_URL: url }, { servesRequests: false })
  } catch (error) {
    if (error instanceof ConfigError) return error.message.replace('DATABASE_URL', TARGET)
    throw error
  }
}

/**
 * `npm run copy-to-postgres` (`node dist/copy-db-cli.js` once built): copies the embedded database in DATA_DIR
 * into the PostgreSQL database TARGET_DATABASE_URL names, migrated first and unused (no site, no key), in one
 * transaction; then Vigil runs on it with DATABASE_URL set to the same URL. The embedded database is left as it
 * was, a backup until the move is judged good. With the server stopped: the embedded database is its alone.
 */
const target = targetConfig()
if (typeof target === 'string') {
  console.error(target)
  process.exit(1)
}

runCommand('copy', async ({ logger, database: source }) => {
  const database = await openDatabaseForStart(target, logger, { migrate: true }).catch((error: unknown) => {
    throw error instanceof Error ? new Error(error.message.replace('DATABASE_URL', TARGET)) : error
  })
  try {
    const copied = await copyDatabase(source, database, {
      onTable: ({ table, rows }) => logger.info({ table, rows }, `copied ${rows} rows of ${table}`),
    })
    const rows = copied.reduce((sum, table) => sum + table.rows, 0)
    logger.info(
      { tables: copied.length, rows },
      `copied ${rows} rows of ${copied.length} tables; start Vigil with DATABASE_URL set to ${TARGET}'s value`,
    )
  } catch (error) {
    if (error instanceof CopyRefused) throw new Error(`${TARGET}: ${error.message}; nothing was copied`)
    throw error
  } finally {
    await database.close()
  }
})
