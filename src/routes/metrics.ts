import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { Config } from '../config.js'
import { DomainError } from '../errors.js'
import type { AppEnv } from '../http/env.js'
import { bearerAuth, problemResponses } from '../http/openapi.js'
import type { Metrics } from '../metrics/metrics.js'
import { secretsEqual } from '../sites/secrets.js'

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
    ...problemResponses(401),
  },
})

const BEARER = /^Bearer ([^\s]+)$/i

/** Whether the request carries the admin token or the metrics token: only those read the metrics. */
function mayReadMetrics(c: Context, config: Pick<Config, 'adminToken' | 'metricsToken'>): boolean {
  const token = BEARER.exec(c.req.header('authorization') ?? '')?.[1]
  if (!token) return false
  // Both compared, whatever the first gives: the time taken says nothing of which one matched.
  const admin = config.adminToken !== undefined && secretsEqual(token, config.adminToken)
  const metrics = config.metricsToken !== undefined && secretsEqual(token, config.metricsToken)
  return admin || metrics
}

/**
 * `GET /metrics`. Outside `/v1`, so the API's keys and limits do not apply: a Prometheus server holds one token
 * of its own, which can read nothing but these figures (no site, comment, address or e-mail is among them).
 */
export function registerMetricsRoute(
  app: OpenAPIHono<AppEnv>,
  deps: { config: Pick<Config, 'adminToken' | 'metricsToken'>; metrics: Metrics },
) {
  app.openapi(metricsRoute, async (c) => {
    if (!mayReadMetrics(c, deps.config))
      throw new DomainError('unauthorized', 'The metrics need the admin token or METRICS_TOKEN.')
    const body = await deps.metrics.registry.metrics()
    return c.text(body, 200, {
      'Content-Type': deps.metrics.registry.contentType,
      'Cache-Control': 'no-store',
    })
  })
}
