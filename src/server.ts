import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { ensureAdminToken } from './admin-token.js'
import { createApp, createOperationsApp } from './app.js'
import { systemClock } from './clock.js'
import { type Config, ConfigError, loadConfig } from './config.js'
import { databaseOptionsOf, openDatabase } from './db/client.js'
import { scheduleMaintenance } from './db/maintenance.js'
import { migrateDatabase } from './db/migrate.js'
import { createLogger } from './logger.js'
import { watchWebhookBacklog } from './metrics/backlog.js'
import { createMetrics } from './metrics/metrics.js'
import { schedulePurge } from './privacy/retention.js'
import { createDirectory } from './sites/directory.js'
import { createDispatcher } from './webhooks/dispatcher.js'
import { createOutboxBell, type OutboxBell } from './webhooks/outbox-bell.js'

/**
 * The process entry: the only place that reads the environment. `server.ts` migrates, listens and (unless
 * WEBHOOK_DISPATCHER=false) delivers webhooks; `server.ts worker` only delivers webhooks, for scaling out on a
 * shared PostgreSQL. On SIGTERM/SIGINT either stops taking work, lets what is in flight finish, closes the
 * database and exits 0.
 */
async function main() {
  const mode = process.argv[2] === 'worker' ? 'worker' : 'server'
  let config: Config
  try {
    config = loadConfig(process.env, { servesRequests: mode === 'server' })
    if (mode === 'worker' && !config.databaseUrl) {
      throw new ConfigError(
        'Invalid configuration: DATABASE_URL is required by the worker (the embedded database belongs to one process)',
      )
    }
    if (mode === 'server' && !config.databaseUrl && !config.webhooks.dispatchInProcess) {
      throw new ConfigError(
        'Invalid configuration: WEBHOOK_DISPATCHER=false needs DATABASE_URL (on the embedded database no worker can deliver webhooks, so none would ever go out)',
      )
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      process.exit(1)
    }
    throw error
  }
  const logger = createLogger(config.logLevel)

  // A stop asked for while starting up is honoured once start-up reaches a safe point.
  let stopRequested: string | null = null
  /** Stops following other processes' changes to sites and keys, once the server has started to. */
  let unfollow: (() => Promise<void>) | undefined
  /** Wakes the webhook dispatchers after requests' changes; a ring still due is sent before the database closes. */
  let outbox: OutboxBell | undefined
  let stop = (signal: string) => {
    stopRequested ??= signal
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))

  if (mode === 'server' && !config.adminToken) {
    const { token, path, created } = ensureAdminToken(config.dataDir)
    config = { ...config, adminToken: token }
    logger.warn({ path }, `${created ? 'Generated an' : 'Using the'} admin token stored in ${path}`)
  }

  const database = await openDatabase(databaseOptionsOf(config))
  logger.info({ database: database.kind }, 'applying migrations')
  await migrateDatabase(database)
  if (stopRequested) {
    logger.info({ signal: stopRequested }, 'stopped before listening')
    await database.close()
    process.exit(0)
  }

  // One set of metrics per process, shared by its API and its dispatcher.
  const metrics = createMetrics({ processMetrics: true })
  watchWebhookBacklog(metrics, database.db, systemClock)
  const dispatcher =
    mode === 'worker' || config.webhooks.dispatchInProcess
      ? createDispatcher({ database, config: config.webhooks, clock: systemClock, logger, metrics })
      : null
  await dispatcher?.start()
  /** Stops claiming deliveries and lets those in flight be recorded; asked for once, when the stop begins. */
  let dispatcherStopped: Promise<void> | undefined
  const stopDispatcher = () => {
    dispatcherStopped ??= dispatcher?.stop(config.shutdownTimeoutMs)
    return dispatcherStopped
  }
  if (dispatcher) logger.info({ mode }, 'delivering webhooks')
  // Every process schedules it; the advisory lock makes one of them do it.
  const purge = schedulePurge({ db: database.db, clock: systemClock, config: config.privacy, logger })
  const maintenance = scheduleMaintenance({ database, logger })
  if (stopRequested) return finish()

  if (mode === 'worker') {
    const operations =
      config.metricsPort !== undefined
        ? serve(
            {
              fetch: createOperationsApp({ db: database.db, config, metrics, logger }).fetch,
              port: config.metricsPort,
              hostname: config.host,
            },
            (info) => logger.info({ url: urlOf(info) }, `serving /healthz and /metrics on ${urlOf(info)}`),
          )
        : null
    stop = (signal: string) => {
      if (stopRequested) return
      stopRequested = signal
      logger.info({ signal }, 'shutting down')
      // Scrapes and probes are short: they are not waited for.
      operations?.close()
      if (operations && 'closeAllConnections' in operations) operations.closeAllConnections()
      void finish()
    }
    return
  }

  /** Lets the deliveries in flight be recorded, then closes the database and exits. */
  async function finish() {
    try {
      await outbox?.stop()
      await stopDispatcher()
      await purge.stop()
      await maintenance.stop()
      await unfollow?.()
      await database.close()
    } catch (error) {
      logger.error({ err: error }, 'closing the database failed')
    }
    logger.info('stopped')
    logger.flush()
    process.exit(0)
  }

  // Sites and keys are cached per process; a change another process makes is announced on the database.
  const directory = createDirectory(database.db, systemClock)
  unfollow = await directory.follow(database.listen)
  outbox = createOutboxBell({ db: database.db, logger })
  const app = createApp({ db: database.db, config, logger, directory, outbox, metrics })
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info({ url: urlOf(info) }, `Vigil is listening on ${urlOf(info)}`)
  })

  stop = (signal: string) => {
    if (stopRequested) return
    stopRequested = signal
    logger.info({ signal }, 'shutting down')
    // The dispatcher stops while requests drain, not after: both fit in one SHUTDOWN_TIMEOUT_MS (what the
    // requests still enqueue waits in the outbox for the next process).
    void stopDispatcher()
    const forced = setTimeout(() => {
      logger.error('requests still in flight at the shutdown deadline; closing anyway')
      if ('closeAllConnections' in server) server.closeAllConnections()
    }, config.shutdownTimeoutMs)
    forced.unref()
    // A keep-alive connection becomes idle as soon as its last response is sent; closing idle connections
    // again and again lets those go at once instead of after the keep-alive timeout.
    const sweep = setInterval(() => {
      if ('closeIdleConnections' in server) server.closeIdleConnections()
    }, 50)
    sweep.unref()
    server.close(async () => {
      clearTimeout(forced)
      clearInterval(sweep)
      await finish()
    })
    if ('closeIdleConnections' in server) server.closeIdleConnections()
  }
}

/** The address a server listens on, as a URL. */
const urlOf = (info: AddressInfo) =>
  `http://${info.family === 'IPv6' ? `[${info.address}]` : info.address}:${info.port}`

main().catch((error) => {
  console.error('Vigil failed to start:', error instanceof Error ? error.message : error)
  process.exit(1)
})
