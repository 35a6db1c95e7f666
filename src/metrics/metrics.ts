import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'

/**
 * What a process counts for Prometheus (`GET /metrics`): its HTTP answers, the comments it takes in and their
 * verdicts, scoring time, decisions and webhook attempts. Each process keeps its own counts (Prometheus scrapes
 * every process and adds them up); what every process shares, such as the webhook backlog, is read from the
 * database when scraped (./backlog.ts). Labels only ever take values from a fixed set (route patterns, verdicts,
 * actions), never a site, an address or a comment: the series stay few, and nothing personal is exposed.
 */
/** The Akismet-compatible calls that can fail on Vigil's side (those that read the database), by name. */
export const AKISMET_ENDPOINTS = [
  'verify-key',
  'comment-check',
  'submit-spam',
  'submit-ham',
  'usage-limit',
  'key-sites',
  'get-subscription',
] as const
export type AkismetEndpoint = (typeof AKISMET_ENDPOINTS)[number]

/**
 * Why Vigil answered an Akismet call "hold the comment" (HTTP 200 all the same): its database could not be
 * reached, a deadlock or serialisation failure rolled the call back, no answer within REQUEST_TIMEOUT_MS, or
 * anything else (a bug).
 */
export type AkismetFailure = 'unreachable' | 'rolled-back' | 'timeout' | 'error'
const AKISMET_FAILURES: readonly AkismetFailure[] = ['unreachable', 'rolled-back', 'timeout', 'error']

export type Metrics = {
  readonly registry: Registry
  /** An HTTP answer: its method, the route pattern that answered (`/v1/sites/:site/comments`), its status. */
  request(method: string, route: string, status: number, seconds: number): void
  /** A comment stored, through the v1 API or the Akismet API, with the verdict it was given. */
  commentStored(source: 'api' | 'akismet', verdict: string): void
  /** Scoring one comment: every rule, the learned model and the verdict (the database reads excluded). */
  scored(seconds: number): void
  /** A decision that changed a comment (a moderator's, or an Akismet submit-spam/submit-ham). */
  decided(action: string): void
  /**
   * An Akismet-compatible call answered with the fallback instead of an answer: invisible among the HTTP answers,
   * which are all 200s.
   */
  akismetFailure(endpoint: AkismetEndpoint, reason: AkismetFailure): void
  /** A webhook attempt: delivered, to be retried, or failed for good. */
  webhookAttempt(result: 'delivered' | 'retrying' | 'failed', seconds: number): void
  /** An endpoint turned off by this process after its deliveries failed too many times in a row. */
  webhookEndpointTurnedOff(): void
  /** A delivery this process gave up when claiming it: its attempts started, their outcomes never recorded. */
  webhookDeliveryGivenUp(): void
}

export type MetricsOptions = {
  /**
   * Also collect the process's own metrics (CPU, memory, event-loop delay, garbage collection), as a server does.
   * Off by default: they watch the process from the moment they are set up and are never taken down, which suits
   * one registry per process, not one per test.
   */
  processMetrics?: boolean
}

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry()
  if (options.processMetrics) collectDefaultMetrics({ register: registry })

  const requests = new Counter({
    name: 'vigil_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  })
  const requestSeconds = new Histogram({
    name: 'vigil_http_request_duration_seconds',
    help: 'Time from a request reaching Vigil to its response being ready, by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    // Up to a minute: REQUEST_TIMEOUT_MS (30 s by default) cuts off what a frozen database holds, and those
    // answers are the ones to see; with 10 s at the top they all read as 10 s.
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  })
  const comments = new Counter({
    name: 'vigil_comments_total',
    help: 'Comments stored, by the API they came through (api, akismet) and their verdict.',
    labelNames: ['source', 'verdict'] as const,
    registers: [registry],
  })
  const scoring = new Histogram({
    name: 'vigil_scoring_duration_seconds',
    help: "Time to score one comment with every rule and the learned model (without intake's database reads).",
    buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05],
    registers: [registry],
  })
  const decisions = new Counter({
    name: 'vigil_decisions_total',
    help: 'Decisions that changed a comment, by action.',
    labelNames: ['action'] as const,
    registers: [registry],
  })
  const akismetFailures = new Counter({
    name: 'vigil_akismet_failures_total',
    help: 'Akismet-compatible calls answered "hold the comment" for a failure of Vigil\'s, by endpoint and reason.',
    labelNames: ['endpoint', 'reason'] as const,
    registers: [registry],
  })
  const webhookAttempts = new Counter({
    name: 'vigil_webhook_attempts_total',
    help: 'Webhook delivery attempts made by this process, by result (delivered, retrying, failed).',
    labelNames: ['result'] as const,
    registers: [registry],
  })
  const endpointsTurnedOff = new Counter({
    name: 'vigil_webhook_endpoints_turned_off_total',
    help: 'Webhook endpoints this process turned off after WEBHOOK_DISABLE_AFTER_FAILURES failed deliveries in a row.',
    registers: [registry],
  })
  const deliveriesGivenUp = new Counter({
    name: 'vigil_webhook_deliveries_given_up_total',
    help: 'Webhook deliveries this process gave up: claimed the most times allowed, no outcome ever recorded.',
    registers: [registry],
  })
  const webhookSeconds = new Histogram({
    name: 'vigil_webhook_attempt_duration_seconds',
    help: "Time a receiver took to answer a webhook attempt (or to fail to), the attempt's timeout at most.",
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  })
  // Series a scrape shows at zero before anything happened, so rates and alerts have a start.
  for (const result of ['delivered', 'retrying', 'failed'] as const) webhookAttempts.inc({ result }, 0)
  for (const endpoint of AKISMET_ENDPOINTS)
    for (const reason of AKISMET_FAILURES) akismetFailures.inc({ endpoint, reason }, 0)

  return {
    registry,
    request(method, route, status, seconds) {
      const knownMethod = KNOWN_METHODS.has(method) ? method : 'OTHER'
      requests.inc({ method: knownMethod, route, status: String(status) })
      requestSeconds.observe({ method: knownMethod, route }, seconds)
    },
    commentStored(source, verdict) {
      comments.inc({ source, verdict })
    },
    scored(seconds) {
      scoring.observe(seconds)
    },
    decided(action) {
      decisions.inc({ action })
    },
    akismetFailure(endpoint, reason) {
      akismetFailures.inc({ endpoint, reason })
    },
    webhookAttempt(result, seconds) {
      webhookAttempts.inc({ result })
      webhookSeconds.observe(seconds)
    },
    webhookEndpointTurnedOff() {
      endpointsTurnedOff.inc()
    },
    webhookDeliveryGivenUp() {
      deliveriesGivenUp.inc()
    },
  }
}

/**
 * A gauge whose value is read when Prometheus scrapes (the backlog, from the database). A failed read shows as
 * NaN, never as the last value (which would look current) and never as a failed scrape (which would hide the
 * process's other metrics while the database is down, when they matter most).
 */
export function scrapedGauge(
  metrics: Metrics,
  definition: { name: string; help: string },
  read: () => Promise<number>,
): void {
  new Gauge({
    ...definition,
    registers: [metrics.registry],
    async collect() {
      try {
        this.set(await read())
      } catch {
        this.set(Number.NaN)
      }
    },
  })
}
