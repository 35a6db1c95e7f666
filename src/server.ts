import type { AddressInfo } from 'node:net'
import { ensureAdminToken } from './admin-token.js'
import { createApp, createOperationsApp } from './app.js'
import { systemClock } from './clock.js'
import { type Config, ConfigError, loadConfig } from './config.js'
import type { DatabaseHandle } from './db/client.js'
import { createDatabaseClock, readDatabaseTime } from './db/database-clock.js'
import { scheduleMaintenance } from './db/maintenance.js'
import { openDatabaseForStart, StartupError } from './db/startup.js'
import { drainable, serveHttp } from './http/serve.js'
import { createLogger, exitOnCrash } from './logger.js'
import { watchWebhookBacklog } from './metrics/backlog.js'
import { createMetrics } from './metrics/metrics.js'
import { stopWhenOrphaned } from './orphan-watch.js'
import { schedulePurge } from './privacy/retention.js'
import { createDirectory } from './sites/directory.js'
import { KeyHashSecretError, upgradeKeyHashes } from './sites/key-hash-upgrade.js'
import { createDispatcher } from './webhooks/dispatcher.js'
import { createHostLookup } from './webhooks/host-lookup.js'
import { createOutboxBell, type OutboxBell } from './webhooks/outbox-bell.js'

/**
 * The process entry, where the service's configuration is read from the environment. `server.ts` migrates,
 * listens and (unless WEBHOOK_DISPATCHER=false) delivers webhooks; `server.ts worker` only delivers webhooks, for
 * scaling out on a shared PostgreSQL. On SIGTERM/SIGINT either stops taking work, lets what is in flight finish,
 * closes the database and exits 0.
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
    if (mode === 'worker' && config.metricsPort !== undefined && !config.metricsToken && !config.adminToken) {
      throw new ConfigError(
        'Invalid configuration: METRICS_PORT needs METRICS_TOKEN (or ADMIN_TOKEN) on a worker: without one, nobody could read its metrics',
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
  exitOnCrash(logger)
  /** Why the process cannot start: logged, and on stderr as well when LOG_LEVEL=silent would say nothing. */
  const cannotStart = (error: unknown, message: string) => {
    logger.fatal({ err: error }, message)
    logger.flush()
    if (!logger.isLevelEnabled('fatal')) console.error(`Vigil failed to start: ${message}`)
  }

  let stopRequested: string | null = null
  /** Whether the stop has begun: readiness probes then answer 503. */
  let stopping = false
  /** Exits whatever is still closing when the stop has taken too long (armExitDeadline). */
  let exitDeadline: NodeJS.Timeout | undefined
  /** Stops following other processes' changes to sites and keys, once the server has started to. */
  let unfollow: (() => Promise<void>) | undefined
  /** Wakes the webhook dispatchers after requests' changes; a ring still due is sent before the database closes. */
  let outbox: OutboxBell | undefined
  // A stop asked for while starting up: on a PostgreSQL server nothing has been served and the pending
  // migrations are one transaction, so the process exits at once (waiting for a server that does not answer, or for another
  // process's migrations, would ignore it); on the embedded database, whose files only this process writes, it
  // is honoured once start-up reaches a safe point.
  let exitAtOnce = Boolean(config.databaseUrl)
  let stop = (signal: string) => {
    stopRequested ??= signal
    if (!exitAtOnce) return
    logger.info({ signal }, 'stopped while starting')
    logger.flush()
    process.exit(0)
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
  stopWhenOrphaned(() => stop('parent exited'))

  if (mode === 'server' && !config.adminToken) {
    const { token, path, created } = ensureAdminToken(config.dataDir)
    config = { ...config, adminToken: token }
    logger.warn({ path }, `${created ? 'Generated an' : 'Using the'} admin token stored in ${path}`)
  }

  if (config.env === 'production' && config.webhooks.allowPrivateNetworks)
    logger.warn(
      'WEBHOOK_ALLOW_PRIVATE_NETWORKS=true: webhook endpoints may be on loopback and private networks, so whoever can register a webhook can reach the services there (README, "Configuration")',
    )

  let database: DatabaseHandle
  try {
    database = await openDatabaseForStart(config, logger, { migrate: true })
  } catch (error) {
    if (!(error instanceof StartupError)) throw error
    cannotStart(error.cause, error.message)
    process.exit(1)
  }
  exitAtOnce = false
  // From here a stop is honoured at the next safe point, and bounded like any other.
  stop = (signal: string) => {
    stopRequested ??= signal
    armExitDeadline()
  }
  if (stopRequested) {
    logger.info({ signal: stopRequested }, 'stopped before listening')
    await database.close()
    process.exit(0)
  }
  // Processes on several hosts share leases and time windows in the database: each keeps the database's time.
  const databaseClock =
    database.kind === 'postgres'
      ? await createDatabaseClock({ databaseTime: () => readDatabaseTime(database.db) }, logger)
      : null
  const clock = databaseClock?.clock ?? systemClock
  if (mode === 'server') await agreeOnKeyHashes(database)

  // One set of metrics per process, shared by its API and its dispatcher; one bounded look-up of webhook hosts too.
  const metrics = createMetrics({ processMetrics: true })
  const lookupHost = createHostLookup()
  watchWebhookBacklog(metrics, database.db, clock)
  const dispatcher =
    mode === 'worker' || config.webhooks.dispatchInProcess
      ? createDispatcher({
          database,
          config: config.webhooks,
          clock,
          logger,
          metrics,
          lookupHost,
        })
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
  const purge = schedulePurge({
    database,
    clock,
    config: config.privacy,
    sharedLearning: config.sharedLearning,
    logger,
  })
  const maintenance = scheduleMaintenance({ database, logger })
  if (stopRequested) return finish()

  if (mode === 'worker') {
    const operations =
      config.metricsPort !== undefined
        ? serveHttp(
            {
              fetch: createOperationsApp({
                db: database.db,
                config,
                metrics,
                logger,
                stopping: () => stopping,
              }).fetch,
              port: config.metricsPort,
              hostname: config.host,
            },
            (info) => logger.info({ url: urlOf(info) }, `serving /healthz and /metrics on ${urlOf(info)}`),
          )
        : null
    operations?.on('error', (error) => cannotListen(error, 'METRICS_PORT', operations.listening))
    stop = (signal: string) => {
      if (!beginStop(signal)) return
      // Scrapes and probes are short: they are not waited for.
      operations?.close()
      if (operations && 'closeAllConnections' in operations) operations.closeAllConnections()
      void finish()
    }
    return
  }

  /** Upgrades the stored key hashes to KEY_HASH_SECRET, or stops the start when they were hashed under another. */
  async function agreeOnKeyHashes(database: DatabaseHandle) {
    if (!config.keyHashSecret && config.env === 'production')
      logger.warn(
        'KEY_HASH_SECRET is not set: API keys are stored as plain SHA-256, and a server key could be guessed back from a copy of the database (README, "API key hashes")',
      )
    try {
      const upgraded = await upgradeKeyHashes(database.db, clock, config.keyHashSecret)
      if (upgraded > 0) logger.info({ keys: upgraded }, 'API key hashes now keyed with KEY_HASH_SECRET')
    } catch (error) {
      cannotStart(
        error,
        error instanceof KeyHashSecretError ? error.message : 'checking the API key hashes failed',
      )
      await database.close()
      process.exit(1)
    }
  }

  /**
   * A port taken or not allowed, or an address that is not this machine's: said in one line, naming the variable
   * to change, then the process stops as it would on SIGTERM, but exits 1. An error of a server already listening
   * (too many open files to accept a connection) is no reason to stop.
   */
  function cannotListen(error: Error, variable: string, listening: boolean) {
    if (listening) {
      logger.warn({ err: error }, `the server on ${variable} reported an error; it goes on listening`)
      return
    }
    cannotStart(
      error,
      `cannot listen on ${config.host} (${misconfiguredVariable(error, variable)}): ${error.message}`,
    )
    stopRequested ??= 'listen-error'
    stopping = true
    void finish(1)
  }

  /** Begins the stop on its first signal (false on any later one): said once, bounded in time, probes told. */
  function beginStop(signal: string): boolean {
    if (stopRequested) return false
    stopRequested = signal
    logger.info({ signal }, 'shutting down')
    armExitDeadline()
    stopping = true
    return true
  }

  /**
   * Bounds the whole stop, from its start: a purge waiting on a lock, or a database that does not answer the
   * goodbye, must not outlast the supervisor's patience (Docker and Fly send SIGKILL 10 s after SIGTERM). What is
   * cut short was transactional, and is done again later.
   */
  function armExitDeadline() {
    exitDeadline ??= setTimeout(() => {
      logger.error('the stop did not finish within SHUTDOWN_TIMEOUT_MS and its margin: exiting anyway')
      logger.flush()
      // Not 0: something was cut short, and a supervisor or an operator may want to know.
      process.exit(1)
    }, config.shutdownTimeoutMs + CLOSING_MARGIN_MS)
    exitDeadline.unref()
  }

  /** Lets the deliveries in flight be recorded, then closes the database and exits. */
  async function finish(code = 0) {
    armExitDeadline()
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
    process.exit(code)
  }

  // Sites and keys are cached per process; a change another process makes is announced on the database.
  const directory = createDirectory(database.db, clock, { keyHashSecret: config.keyHashSecret })
  unfollow = await directory.follow(database.listen)
  if (stopRequested) return finish()
  outbox = createOutboxBell({ db: database.db, logger })
  const app = createApp({
    db: database.db,
    config,
    clock,
    logger,
    directory,
    outbox,
    metrics,
    lookupHost,
    stopping: () => stopping,
  })
  const server = serveHttp({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info({ url: urlOf(info) }, `Vigil is listening on ${urlOf(info)}`)
  })
  server.on('error', (error) => cannotListen(error, 'PORT', server.listening))
  const connections = drainable(server)

  stop = (signal: string) => {
    // Readiness probes answer 503 from now on, on connections kept alive while requests drain.
    if (!beginStop(signal)) return
    connections.drain()
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

/** Listen errors that are the port's fault (taken, or privileged), and those that are the address's. */
const PORT_ERRORS = new Set(['EADDRINUSE', 'EACCES'])
const HOST_ERRORS = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EAI_NONAME',
  'EADDRNOTAVAIL',
  'EAFNOSUPPORT',
])

/** The variable(s) to change when a server cannot listen: `portVariable` (PORT or METRICS_PORT), HOST, or both. */
function misconfiguredVariable(error: NodeJS.ErrnoException, portVariable: string): string {
  if (PORT_ERRORS.has(error.code ?? '')) return portVariable
  if (HOST_ERRORS.has(error.code ?? '')) return 'HOST'
  return `HOST or ${portVariable}`
}

/** After SHUTDOWN_TIMEOUT_MS of draining requests, what closing the rest may take before the process exits anyway. */
const CLOSING_MARGIN_MS = 1_500

/** The address a server listens on, as a URL. */
const urlOf = (info: AddressInfo) =>
  `http://${info.family === 'IPv6' ? `[${info.address}]` : info.address}:${info.port}`

main().catch((error) => {
  console.error('Vigil failed to start:', error instanceof Error ? error.message : error)
  process.exit(1)
})
