import { OpenAPIHono } from '@hono/zod-openapi'
import { requestId } from 'hono/request-id'
import { secureHeaders } from 'hono/secure-headers'
import { type Clock, systemClock } from './clock.js'
import type { Config } from './config.js'
import type { Database } from './db/client.js'
import { authenticate } from './http/auth.js'
import { type AuthFailures, createAuthFailures } from './http/auth-failures.js'
import { jsonBodyGuard } from './http/body.js'
import { requestDeadline } from './http/deadline.js'
import type { AppEnv } from './http/env.js'
import { notFoundOrMethodNotAllowed } from './http/method-not-allowed.js'
import { withCommonAnswers } from './http/openapi-document.js'
import { privateResponses } from './http/private-responses.js'
import { handleError, validationHook } from './http/problem.js'
import { apiRateLimit, createRateLimiter, type RateLimiter } from './http/rate-limit.js'
import { requestLog } from './http/request-log.js'
import { requestMetrics } from './http/request-metrics.js'
import { siteCors } from './http/site-cors.js'
import { createLogger, type Logger } from './logger.js'
import { watchWebhookBacklog } from './metrics/backlog.js'
import { createMetrics, type Metrics } from './metrics/metrics.js'
import { createFormTokens, type FormTokens } from './moderation/form-tokens.js'
import { createIdentityHasher, type IdentityHasher } from './moderation/identity-hasher.js'
import { createLearnedCache, type LearnedCache } from './moderation/learned-cache.js'
import { registerAdminKeyRoutes } from './routes/admin-keys.js'
import { registerAkismetRoutes } from './routes/akismet.js'
import { registerCommentRoutes } from './routes/comments.js'
import { registerDocsRoute } from './routes/docs.js'
import { registerHealthRoutes } from './routes/health.js'
import { registerMetricsRoute } from './routes/metrics.js'
import { registerModerationRoutes } from './routes/moderation.js'
import { registerPolicyRoutes } from './routes/policy.js'
import { registerPrivacyRoutes } from './routes/privacy.js'
import { registerSiteRoutes } from './routes/sites.js'
import { registerWebhookRoutes } from './routes/webhooks.js'
import { createDirectory, type Directory } from './sites/directory.js'
import { createHostLookup, type HostLookup } from './webhooks/host-lookup.js'
import { createOutboxBell, type OutboxBell } from './webhooks/outbox-bell.js'

export type AppOptions = {
  db: Database
  config: Config
  clock?: Clock
  logger?: Logger
  /**
   * The sites and keys requests use, cached (src/sites/directory.ts). A server shares one that follows the
   * changes other processes announce; left out, the app makes its own, which only hears of its own changes.
   */
  directory?: Directory
  /**
   * The bell waking the webhook dispatchers after a change (src/webhooks/outbox-bell.ts): the server's own, which it
   * stops before closing the database; left out, the app makes its own.
   */
  outbox?: OutboxBell
  /**
   * What `GET /metrics` reports (src/metrics/metrics.ts): the server's, shared with its webhook dispatcher; left
   * out, the app makes its own.
   */
  metrics?: Metrics
  /** Whether the process has begun to stop: readiness then answers 503 (left out: never). */
  stopping?: () => boolean
  /**
   * Resolves webhook hosts when an endpoint is saved (src/webhooks/host-lookup.ts): the server's, shared with its
   * dispatcher so that together they hold a bounded share of libuv's threads; left out, the app makes its own.
   */
  lookupHost?: HostLookup
}

/** Everything a route may use, built once per app: tests get a whole new set per app. */
export type AppDeps = {
  db: Database
  config: Config
  clock: Clock
  logger: Logger
  hasher: IdentityHasher
  formTokens: FormTokens
  /** Counters shared through the database by every process (src/http/rate-limit.ts). */
  rateLimiter: RateLimiter
  /** Failed authentications per caller address, and the addresses refused for them (src/http/auth-failures.ts). */
  authFailures: AuthFailures
  directory: Directory
  /** The learned counts intake has read, kept while their corpus is unchanged (src/moderation/learned-cache.ts). */
  learned: LearnedCache
  /** Wakes the webhook dispatchers, in every process, after a change queued deliveries (src/webhooks/outbox-bell.ts). */
  outbox: OutboxBell
  metrics: Metrics
  stopping?: () => boolean
  lookupHost: HostLookup
}

/**
 * The endpoints article pages call from the browser: CORS (site-cors.ts) on these alone, so a preflight to any
 * other path is answered as any request to it (404, or 405 with its Allow), never 204.
 */
const BROWSER_PATHS = [
  '/v1/sites/:site/comments',
  '/v1/sites/:site/articles/:articleId/comments',
  '/v1/sites/:site/form-token',
]

/** Builds the HTTP application from its dependencies. Reads no environment and opens nothing itself. */
export function createApp(options: AppOptions) {
  const clock = options.clock ?? systemClock
  const logger = options.logger ?? createLogger('silent')
  const { adminToken } = options.config
  if (!adminToken) throw new Error('createApp needs config.adminToken')
  const hasher = createIdentityHasher(options.db, clock)
  const rateLimiter = createRateLimiter({ db: options.db, logger })
  let metrics = options.metrics
  if (!metrics) {
    metrics = createMetrics()
    watchWebhookBacklog(metrics, options.db, clock)
  }
  const deps: AppDeps = {
    ...options,
    clock,
    logger,
    hasher,
    formTokens: createFormTokens(options.db, clock),
    rateLimiter,
    authFailures: createAuthFailures({ rateLimiter, hasher, clock, config: options.config }),
    directory:
      options.directory ??
      createDirectory(options.db, clock, { keyHashSecret: options.config.keyHashSecret }),
    learned: createLearnedCache({ shared: options.config.sharedLearning }),
    outbox: options.outbox ?? createOutboxBell({ db: options.db, logger }),
    metrics,
    lookupHost: options.lookupHost ?? createHostLookup(),
  }

  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  app.use(requestId())
  app.use(requestMetrics(metrics))
  app.use(requestLog(logger))
  app.use(secureHeaders({ crossOriginResourcePolicy: 'cross-origin' }))
  app.use('/v1/*', requestDeadline(options.config.requestTimeoutMs))
  // Before authentication, so a browser's preflight (which carries no credentials) is answered; and before the
  // body guard, so a page can read why its comment was refused (413, invalid UTF-8) rather than a network error.
  for (const path of BROWSER_PATHS) app.use(path, siteCors(deps.directory))
  app.use('/v1/*', jsonBodyGuard())
  app.use(
    '/v1/*',
    authenticate({
      directory: deps.directory,
      adminToken,
      authFailures: deps.authFailures,
      proxy: options.config,
    }),
  )
  app.use('/v1/*', privateResponses())
  // Per key, once the key is known; comment submissions are limited by their route (per reader IP and site).
  app.use('/v1/*', apiRateLimit(deps))
  app.onError(handleError)
  app.notFound(notFoundOrMethodNotAllowed(() => app.routes, BROWSER_PATHS))

  registerHealthRoutes(app, deps)
  registerMetricsRoute(app, deps)
  registerSiteRoutes(app, deps)
  registerAdminKeyRoutes(app, deps)
  registerCommentRoutes(app, deps)
  registerModerationRoutes(app, deps)
  registerPolicyRoutes(app, deps)
  registerWebhookRoutes(app, deps)
  registerAkismetRoutes(app, deps)
  registerPrivacyRoutes(app, deps)

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: "The admin token, an admin key, or a site's moderator or server key.",
  })
  // Built at the first request (every route is registered by then), rather than at every request.
  let document: object | undefined
  app.get('/openapi.json', (c) => {
    document ??= withCommonAnswers(
      app.getOpenAPI31Document({
        openapi: '3.1.0',
        info: {
          title: 'Vigil',
          version: '1',
          description:
            'Self-hosted comment moderation: explainable spam scoring, a moderation queue, decisions.',
        },
      }),
    )
    return c.json(document)
  })
  registerDocsRoute(app)
  return app
}

export type App = ReturnType<typeof createApp>

/**
 * What a worker (`npm run worker`, which serves no API) answers on METRICS_PORT: its liveness and readiness, and
 * its metrics (the webhook attempts it makes), for a Prometheus server and an orchestrator to watch it.
 */
export function createOperationsApp(options: {
  db: Database
  config: Pick<Config, 'adminToken' | 'metricsToken' | 'trustProxy' | 'clientIpHeader' | 'rateLimits'>
  metrics: Metrics
  logger: Logger
  clock?: Clock
  stopping?: () => boolean
}) {
  const { db, config, logger } = options
  const clock = options.clock ?? systemClock
  const authFailures = createAuthFailures({
    rateLimiter: createRateLimiter({ db, logger }),
    hasher: createIdentityHasher(db, clock),
    clock,
    config,
  })
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  app.use(requestId())
  app.use(requestMetrics(options.metrics))
  app.use(requestLog(options.logger))
  app.onError(handleError)
  app.notFound(notFoundOrMethodNotAllowed(() => app.routes))
  registerHealthRoutes(app, options)
  registerMetricsRoute(app, { ...options, authFailures })
  return app
}
