import { systemClock } from './clock.js'
import { ConfigError, loadConfig } from './config.js'
import { databaseOptionsOf, openDatabase } from './db/client.js'
import { migrateDatabase } from './db/migrate.js'
import { createLogger } from './logger.js'
import { purgeExpiredData } from './privacy/retention.js'

/**
 * `npm run purge` (`node dist/purge-cli.js` once built): applies the retention periods now, as the service
 * does every hour, then exits. Safe while the service runs: only one purge runs at a time.
 */
async function main() {
  const config = loadConfig(process.env, { servesRequests: false })
  const logger = createLogger(config.logLevel)
  const database = await openDatabase(databaseOptionsOf(config))
  try {
    await migrateDatabase(database)
    const report = await purgeExpiredData(database.db, systemClock, config.privacy)
    logger.info(
      report,
      report.ran
        ? `cleared ${report.ipsCleared} IPs, deleted ${report.spamDeleted} spam or rejected comments`
        : 'another process is purging right now; nothing done',
    )
  } finally {
    await database.close()
  }
  logger.flush()
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const message = (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ')
    console.error(error instanceof ConfigError ? message : `Vigil purge failed: ${message}`)
    process.exit(1)
  },
)
