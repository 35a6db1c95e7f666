import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { ensureAdminToken } from './admin-token.js'
import { createApp } from './app.js'
import { type Config, ConfigError, loadConfig } from './config.js'
import { openDatabase } from './db/client.js'
import { migrateDatabase } from './db/migrate.js'
import { createLogger } from './logger.js'

/**
 * The process entry: the only place that reads the environment. Migrates, listens, and on SIGTERM/SIGINT stops
 * accepting connections, lets requests in flight finish, closes the database and exits 0.
 */
async function main() {
  let config: Config
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      process.exit(1)
    }
    throw error
  }
  const logger = createLogger(config.logLevel)

  if (!config.adminToken) {
    const { token, path, created } = ensureAdminToken(config.dataDir)
    config = { ...config, adminToken: token }
    logger.warn({ path }, `${created ? 'Generated an' : 'Using the'} admin token stored in ${path}`)
  }

  const database = await openDatabase(
    config.databaseUrl ? { url: config.databaseUrl } : { dataDir: join(config.dataDir, 'pglite') },
  )
  logger.info({ database: database.kind }, 'applying migrations')
  await migrateDatabase(database)

  const app = createApp({ db: database.db, config, logger })
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const host = info.family === 'IPv6' ? `[${info.address}]` : info.address
    logger.info({ url: `http://${host}:${info.port}` }, `Vigil is listening on http://${host}:${info.port}`)
  })

  let stopping = false
  const shutdown = (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'shutting down')
    const forced = setTimeout(() => {
      logger.error('requests still in flight at the shutdown deadline; closing anyway')
      if ('closeAllConnections' in server) server.closeAllConnections()
    }, config.shutdownTimeoutMs)
    forced.unref()
    server.close(async () => {
      clearTimeout(forced)
      try {
        await database.close()
      } catch (error) {
        logger.error({ err: error }, 'closing the database failed')
      }
      logger.info('stopped')
      logger.flush()
      process.exit(0)
    })
    // Keep-alive connections with no request in flight would otherwise hold `close` open until they time out.
    if ('closeIdleConnections' in server) server.closeIdleConnections()
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
}

main().catch((error) => {
  console.error('Vigil failed to start:', error instanceof Error ? error.message : error)
  process.exit(1)
})
