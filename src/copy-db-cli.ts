import { runCommand } from './cli.js'
import { copyTargetConfig, TARGET } from './copy-target-config.js'
import { CopyRefused, copyDatabase } from './db/copy-database.js'
import { openDatabaseForStart } from './db/startup.js'

/**
 * `npm run copy-to-postgres` (`node dist/copy-db-cli.js` once built): copies the embedded database in DATA_DIR
 * into the PostgreSQL database TARGET_DATABASE_URL names, migrated first and unused (no site, no key, never run
 * on by Vigil), in one transaction; then Vigil runs on it with DATABASE_URL set to the same URL. The embedded
 * database is left as it was (but migrated, as at any start), a backup until the move is judged good. With the
 * server stopped: the embedded database is its alone.
 */
const PROGRESS_EVERY_MS = 10_000

const target = copyTargetConfig(process.env)
if (typeof target === 'string') {
  console.error(target)
  process.exit(1)
}

runCommand(
  'copy',
  async ({ logger, database: source, interrupted }) => {
    const database = await openDatabaseForStart(target, logger, { migrate: true }).catch((error: unknown) => {
      throw error instanceof Error ? new Error(error.message.replace('DATABASE_URL', TARGET)) : error
    })
    try {
      // The long part is the target's transaction: a Ctrl-C rolls it back, then the embedded database is closed.
      let lastSaid = Date.now()
      const copied = await copyDatabase(source, database, {
        interrupted,
        // Written, not yet committed: a failure or a Ctrl-C after this line still leaves the target as it was.
        onTable: ({ table, rows }) =>
          logger.info({ table, rows }, `${table}: ${rows} rows written (committed at the end)`),
        // A table of millions of rows takes minutes: a line every so often says the copy is moving.
        onProgress: ({ table, rows }) => {
          if (Date.now() - lastSaid < PROGRESS_EVERY_MS) return
          lastSaid = Date.now()
          logger.info({ table, rows }, `copying ${table}: ${rows} rows so far (committed at the end)`)
        },
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
  },
  { existingEmbeddedDatabase: true },
)
