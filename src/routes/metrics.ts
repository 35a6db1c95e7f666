import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { Config } from '../config.js'
import { DomainError } from '../errors.js'
import { BEARER, blocked } from '../http/auth.js'
import type { AuthFailures } from '../http/auth-failures.js'
import { clientIp } from '../http/client-ip.js'
import type { AppEnv } from '../http/env.js'
import { bearerAuth, problemResponses } from '../http/openapi.js'
import type { Metrics } from '../metrics/metrics.js'
import { secretsEqual, sha256Hex } from '../sites/secrets.js'

const metricsRoute = createRoute({
  method: 'get',
  path: '/metrics',
  tags: ['Operations'],
  summary: "This process's metrics, in Prometheus's text format",
  description:
    'With the admin token or `METRICS_TOKEN` (which opens nothing else). Requests, comments by verdict, ' +
    'scoring time, decisions, webhook attempts and backlog, and the process (CPU, memory, event-loop delay). ' +
    'Each process answers for itself: scrape every one.',
  security: bearerAuth,
  responses: {
    200: {
      description: 'The metrics.',
      content: { 'text/plain': { schema: z.string() } },
    },
    ...problemResponses(401, 429),
  },
})

type MetricsDeps = {
  config: Pick<Config, 'adminToken' | 'metricsToken' | 'trustProxy' | 'clientIpHeader'>
  metrics: Metrics
  authFailures: AuthFailures
}

/** Whether `token` is the admin token or the metrics token: only those read the metrics. */
function mayReadMetrics(token: string, config: MetricsDeps['config']): boolean {
  // Both compared, whatever the first gives: the time taken says nothing of which one matched.
  const admin = config.adminToken !== undefined && secretsEqual(token, config.adminToken)
  const metrics = config.metricsToken !== undefined && secretsEqual(token, config.metricsToken)
  return admin || metrics
}

/**
 * Refuses the caller unless it holds a token that reads the metrics. A wrong token counts as a failed
 * authentication of its address, as on `/v1`: the admin token must not be guessable here at leisure.
 */
async function authorise(c: Context<AppEnv>, deps: MetricsDeps): Promise<void> {
  const header = c.req.header('authorization')
  const token = BEARER.exec(header ?? '')?.[1]
  const address = clientIp(c, deps.config)
  const tokenHash = token === undefined ? null : sha256Hex(token)
  const proven = tokenHash !== null && deps.authFailures.succeededBefore(address, tokenHash)
  const unauthorized = () =>
    new DomainError('unauthorized', 'The metrics need the admin token or METRICS_TOKEN.')
  // No header guesses nothing (a scraper not yet given its token, a curious browser), as a public call to /v1:
  // told what it lacks even from a blocked address, and not counted.
  if (header === undefined) throw unauthorized()
  const attempt = async () => {
    const blockedFor = deps.authFailures.blockedFor(address)
    if (blockedFor > 0 && !proven) throw blocked(blockedFor)
    if (token !== undefined && tokenHash !== null && mayReadMetrics(token, deps.config)) {
      deps.authFailures.succeeded(address, tokenHash)
      return
    }
    // A header that is wrong, empty or malformed is a failed authentication.
    const nowBlockedFor = await deps.authFailures.record(address)
    if (nowBlockedFor > 0) throw blocked(nowBlockedFor)
    throw unauthorized()
  }
  // As on /v1: a token this address has used is tried at once, any other after the address's earlier tries.
  await (proven ? attempt() : deps.authFailures.inTurn(address, attempt))
}

/**
 * `GET /metrics`. Outside `/v1`, so the API's keys and per-key limits do not apply: a Prometheus server holds a
 * token of its own, which can read nothing but these figures (no site, comment, address or e-mail is among them).
 */
export function registerMetricsRoute(app: OpenAPIHono<AppEnv>, deps: MetricsDeps) {
  app.openapi(metricsRoute, async (c) => {
    await authorise(c, deps)
    const body = await deps.metrics.registry.metrics()
    return c.text(body, 200, {
      'Content-Type': deps.metrics.registry.contentType,
      'Cache-Control': 'no-store',
    })
  })
}
