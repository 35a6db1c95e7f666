import { ConfigError, loadConfig } from './config.js'
import { databaseOptionsOf, openDatabase } from './db/client.js'
import { migrateDatabase } from './db/migrate.js'
import { createLogger } from './logger.js'

/**
 * `npm run migrate` (`node dist/migrate-cli.js` once built; fly.toml's release command): applies the committed
 * migrations to the database the service would open, then exits. The server also migrates when it starts, so
 * this is only needed to migrate ahead of a deploy.
 */
async function main() {
  // Migrating needs no admin token, even in production: the release machine may not be given one.
  const config = loadConfig(process.env, { servesRequests: false })
  const logger = createLogger(config.logLevel)
  const database = await openDatabase(databaseOptionsOf(config))
  try {
    logger.info({ database: database.kind }, 'applying migrations')
    await migrateDatabase(database)
  } finally {
    await database.close()
  }
  logger.info('migrations applied')
  logger.flush()
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const message = (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ')
    console.error(error instanceof ConfigError ? message : `Vigil migration failed: ${message}`)
    process.exit(1)
  },
)
