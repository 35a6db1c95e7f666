import { setTimeout as sleep } from 'node:timers/promises'
import type { Clock } from '../clock.js'
import type { WebhookConfig } from '../config.js'
import type { DatabaseHandle } from '../db/client.js'
import { innermostCause, isDatabaseUnavailable, isTransientConflict } from '../errors.js'
import type { Logger } from '../logger.js'
import type { Metrics } from '../metrics/metrics.js'
import { pruneDeliveryLog } from './delivery-log.js'
import {
  type AttemptRecord,
  type AttemptRecorded,
  type ClaimedDelivery,
  claimDueDeliveries,
  type GivenUpDelivery,
  recordAttempt,
  releaseClaims,
} from './delivery-store.js'
import { createHostLookup, type HostLookup } from './host-lookup.js'
import { postWebhook } from './http-post.js'
import { WEBHOOK_CHANNEL } from './outbox.js'
import { eraseRetiredSecrets } from './retired-secrets.js'
import { nextRetryDelayMs } from './schedule.js'
import { signedHeaders } from './signing.js'

export type DispatcherOptions = {
  database: Pick<DatabaseHandle, 'db' | 'listen'>
  config: WebhookConfig
  clock: Clock
  logger: Logger
  /** Deliveries in flight at once, per process. */
  concurrency?: number
  /**
   * Deliveries one endpoint may have in flight here whatever the others need (a quarter of `concurrency` by
   * default, at least 1). Beyond it, an endpoint only borrows slots that leave as many free for the others: a
   * receiver that never answers holds a slot for the whole timeout, and would otherwise hold them all.
   */
  endpointShare?: number
  /** The fallback when a notification is missed (another process on PGlite cannot notify): how often to look. */
  pollIntervalMs?: number
  /** Counts and times the attempts (`GET /metrics`). */
  metrics?: Pick<Metrics, 'webhookAttempt' | 'webhookEndpointTurnedOff' | 'webhookDeliveryGivenUp'>
  /** Resolves receivers' hosts: the process's bounded look-up, shared with the API's URL checks; its own if left out. */
  lookupHost?: HostLookup
}

export type Dispatcher = {
  start(): Promise<void>
  /** Looks for due deliveries now instead of at the next poll. */
  wake(): void
  /** Stops claiming, and waits (at most `graceMs`) for the deliveries in flight to be recorded. */
  stop(graceMs?: number): Promise<void>
}

const DEFAULT_CONCURRENCY = 16
const DEFAULT_POLL_INTERVAL_MS = 500
// A claimed delivery comes due again after the attempt's timeout and this margin: long enough that a live
// dispatcher always records its outcome first, short enough that a dead one's deliveries resume soon.
const LEASE_MARGIN_MS = 30_000
const PRUNE_INTERVAL_MS = 60 * 60 * 1000
/** Pauses between tries to record an outcome while the database is unreachable (16 s in all, within a lease). */
const RECORD_RETRY_MS = [250, 500, 1_000, 2_000, 4_000, 8_000]
const DAY_MS = 24 * 60 * 60 * 1000

/** What the driver said: its code or message. */
const driverReason = (error: unknown) => {
  const inner = innermostCause(error) as { code?: unknown; message?: unknown } | undefined
  return String(inner?.code ?? inner?.message ?? error)
}

/**
 * Delivers the outbox. Woken by the NOTIFY the outbox bell sends after enqueuing commits (outbox-bell.ts, from this
 * process or another on the same PostgreSQL), and by a short poll in case a notification was missed; claims due
 * deliveries with SKIP LOCKED, so any number of dispatchers can share one database and each attempt is made once.
 */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { database, config, clock, logger } = options
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY
  const share = options.endpointShare ?? Math.max(1, Math.floor(concurrency / 4))
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS
  const lookupHost = options.lookupHost ?? createHostLookup()
  const leaseMs = config.timeoutMs + LEASE_MARGIN_MS
  // The schedule's attempts, and one more for a last attempt whose dispatcher died before recording it.
  const maxAttempts = config.retryDelaysMs.length + 2
  const inFlight = new Set<Promise<void>>()
  const inFlightByEndpoint = new Map<string, number>()
  let running = false
  let filling = false
  let fillAgain = false
  let poll: NodeJS.Timeout | undefined
  let pruning: NodeJS.Timeout | undefined
  let unlisten: (() => Promise<void>) | undefined
  /** Whether the last claim failed because the database could not be reached. */
  let unreachable = false
  /** When the grace of a stop under way ends (`performance.now()`), or null while running. */
  let graceEnds: number | null = null
  /** Whether work that must be waited `waitMs` for can still be done: running, or within a stop's grace. */
  const mayWait = (waitMs: number) =>
    running || (graceEnds !== null && performance.now() + waitMs < graceEnds)

  async function deliver(delivery: ClaimedDelivery): Promise<void> {
    const startedAt = clock.now()
    const started = performance.now()
    const body = JSON.stringify(delivery.payload)
    const headers = signedHeaders(
      delivery.eventId,
      body,
      {
        current: delivery.secret,
        previous: delivery.previousSecret,
        previousExpiresAt: delivery.previousSecretExpiresAt,
        older: delivery.olderSecrets,
      },
      startedAt,
    )
    const outcome = await postWebhook({
      url: delivery.url,
      body,
      headers,
      timeoutMs: config.timeoutMs,
      allowPrivateNetworks: config.allowPrivateNetworks,
      lookupHost,
    })
    const finishedAt = clock.now()
    const seconds = (performance.now() - started) / 1000
    const delay = outcome.ok
      ? null
      : outcome.retryable
        ? nextRetryDelayMs(config.retryDelaysMs, delivery.attempt, outcome.retryAfterMs)
        : null
    options.metrics?.webhookAttempt(
      outcome.ok ? 'delivered' : delay === null ? 'failed' : 'retrying',
      seconds,
    )
    const recorded = await recordPatiently({
      delivery,
      outcome,
      startedAt,
      finishedAt,
      nextAttemptAt: delay === null ? null : new Date(finishedAt.getTime() + delay),
      disableAfterFailures: config.disableAfterFailures,
    })
    const log = {
      site: delivery.siteId,
      endpoint: delivery.endpointId,
      delivery: delivery.id,
      event: delivery.eventId,
      attempt: delivery.attempt,
    }
    if (outcome.ok) logger.debug({ ...log, status: outcome.statusCode }, 'webhook delivered')
    else
      logger.info(
        { ...log, status: outcome.statusCode, error: outcome.error, retryInMs: delay },
        'webhook attempt failed',
      )
    // Its deliveries wait, out of the backlog gauges, and go once the log's retention passes: said where an
    // operator looks, not only in the endpoint's disabledReason.
    if (recorded.endpointTurnedOff) {
      options.metrics?.webhookEndpointTurnedOff()
      logger.warn(
        { site: delivery.siteId, endpoint: delivery.endpointId, failures: config.disableAfterFailures },
        'webhook endpoint turned off: deliveries failed every attempt too many times in a row; its deliveries wait until it is turned on again',
      )
    }
  }

  /**
   * A delivery the claim gave up: its attempts kept starting and never had an outcome recorded (a dispatcher that
   * kept dying mid-send, an outcome the database kept refusing). It is failed for good, and the site is told
   * nothing else would: an operator can redeliver it once the cause is found.
   */
  function reportGivenUp(delivery: GivenUpDelivery) {
    options.metrics?.webhookDeliveryGivenUp()
    logger.warn(
      {
        site: delivery.siteId,
        endpoint: delivery.endpointId,
        delivery: delivery.id,
        event: delivery.eventId,
        attempts: delivery.attempts,
      },
      'webhook delivery given up: its attempts were started but their outcomes never recorded; redeliver it once the cause is found',
    )
  }

  /**
   * Records an outcome, trying again while the database is unreachable (a restart, a failover) or after a deadlock
   * rolled it back: an outcome lost would send the event again when the lease ends, and leave the attempt that
   * reached the receiver out of the log. Bounded by the lease (a record arriving after another claim is ignored
   * anyway) and, once stopping, by the stop's grace: that grace is there for the outcomes of sends under way.
   */
  function recordPatiently(record: AttemptRecord): Promise<AttemptRecorded> {
    const leaseEnds = record.startedAt.getTime() + leaseMs
    return patiently(
      () => recordAttempt(database.db, record),
      (waitMs) => clock.now().getTime() + waitMs < leaseEnds,
    )
  }

  /** `write`, tried again after an outage or a deadlock while `mayWait` and `worthIt` allow the pause. */
  async function patiently<T>(write: () => Promise<T>, worthIt: (waitMs: number) => boolean): Promise<T> {
    for (let tries = 0; ; tries++) {
      try {
        return await write()
      } catch (error) {
        const wait = RECORD_RETRY_MS[tries]
        const givingUp =
          wait === undefined ||
          !mayWait(wait) ||
          !(isDatabaseUnavailable(error) || isTransientConflict(error)) ||
          !worthIt(wait)
        if (givingUp) throw error
        await sleep(wait)
      }
    }
  }

  function countInFlight(endpointId: string, change: number) {
    const count = (inFlightByEndpoint.get(endpointId) ?? 0) + change
    if (count > 0) inFlightByEndpoint.set(endpointId, count)
    else inFlightByEndpoint.delete(endpointId)
  }

  /** The claiming in progress, if any: a stop waits for it, so that its claims are started or handed back. */
  let claiming: Promise<void> = Promise.resolve()

  /** Claims as many due deliveries as there is room for, and again while each claim fills the room. */
  function fill(): Promise<void> {
    if (filling) {
      fillAgain = true
      return claiming
    }
    filling = true
    claiming = claimWhileThereIsRoom()
    return claiming
  }

  async function claimWhileThereIsRoom(): Promise<void> {
    try {
      do {
        fillAgain = false
        const room = concurrency - inFlight.size
        if (!running || room <= 0) break
        const { claimed, givenUp } = await claimDueDeliveries(
          database.db,
          clock.now(),
          room,
          leaseMs,
          maxAttempts,
          { share, inFlight: inFlightByEndpoint },
        )
        for (const delivery of givenUp) reportGivenUp(delivery)
        if (!running) {
          // Stopped while claiming: hand the claims back rather than start sends the shutdown would abandon.
          // Tried again within the grace: claims not handed back wait out their lease, an attempt used up each.
          await patiently(
            () => releaseClaims(database.db, claimed, clock.now()),
            () => true,
          )
          break
        }
        for (const delivery of claimed) {
          countInFlight(delivery.endpointId, +1)
          const task = deliver(delivery)
            .catch((error) =>
              logger.error({ err: error, delivery: delivery.id }, 'recording a webhook attempt failed'),
            )
            .finally(() => {
              inFlight.delete(task)
              countInFlight(delivery.endpointId, -1)
              wake()
            })
          inFlight.add(task)
        }
        // Fewer: nothing else is due, or the shares held the rest back; what they hid behind a backlog is found at
        // the next wake (an attempt ending, a notification, the poll), rather than by reading past it again now.
        // Given-up rows took slots of the claim too: a full claim, whatever it held, may have left more behind.
        if (claimed.length + givenUp.length === room) fillAgain = true
      } while (fillAgain)
      if (unreachable) {
        unreachable = false
        logger.info('the database answers again: webhook deliveries resume')
      }
    } catch (error) {
      // An outage fails every poll: said once, not twice a second with the whole statement each time.
      if (!isDatabaseUnavailable(error))
        logger.error({ err: error }, 'claiming webhook deliveries failed; trying again at the next poll')
      else if (!unreachable) {
        unreachable = true
        logger.warn(
          { reason: driverReason(error) },
          'the database is unreachable: webhook deliveries wait until it answers again',
        )
      }
    } finally {
      filling = false
    }
  }

  let wakeScheduled = false
  /** Deliveries finishing together (and notifications arriving together) make one claim, not one each. */
  function wake() {
    if (!running || wakeScheduled) return
    wakeScheduled = true
    setImmediate(() => {
      wakeScheduled = false
      void fill()
    })
  }

  /**
   * Every dispatcher prunes the log and erases the signing secrets that stopped signing; with several, the deletes
   * of one simply find less to do for the others.
   */
  async function prune() {
    try {
      const erased = await eraseRetiredSecrets(database.db, clock.now())
      if (erased > 0) logger.info({ endpoints: erased }, 'erased the signing secrets that stopped signing')
    } catch (error) {
      logger.error({ err: error }, 'erasing the retired signing secrets failed')
    }
    try {
      const before = new Date(clock.now().getTime() - config.logRetentionDays * DAY_MS)
      let pruned = 0
      for (let batch = await pruneDeliveryLog(database.db, before); batch > 0 && running; ) {
        pruned += batch
        batch = await pruneDeliveryLog(database.db, before)
      }
      if (pruned > 0) logger.info({ events: pruned }, 'pruned the webhook delivery log')
    } catch (error) {
      logger.error({ err: error }, 'pruning the webhook delivery log failed')
    }
  }

  return {
    async start() {
      if (running) return
      running = true
      graceEnds = null
      unlisten = await database.listen(WEBHOOK_CHANNEL, wake)
      poll = setInterval(wake, pollIntervalMs)
      poll.unref()
      pruning = setInterval(() => void prune(), PRUNE_INTERVAL_MS)
      pruning.unref()
      wake()
      void prune()
    },
    wake,
    async stop(graceMs = 10_000) {
      graceEnds = performance.now() + graceMs
      running = false
      clearInterval(poll)
      clearInterval(pruning)
      await unlisten?.().catch(() => {})
      unlisten = undefined
      await claiming
      if (inFlight.size === 0) return
      // What is still in flight at the deadline is abandoned; its lease makes it due again for whoever runs next.
      let deadline: NodeJS.Timeout | undefined
      await Promise.race([
        Promise.allSettled([...inFlight]),
        new Promise((resolve) => {
          deadline = setTimeout(resolve, graceMs)
        }),
      ])
      clearTimeout(deadline)
    },
  }
}
