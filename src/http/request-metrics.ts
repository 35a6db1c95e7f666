import type { MiddlewareHandler } from 'hono'
import { matchedRoutes } from 'hono/route'
import type { Metrics } from '../metrics/metrics.js'
import type { AppEnv } from './env.js'

/** The label of a request no route answers (an unknown path, a CORS preflight): one series for all of them. */
export const NO_ROUTE = '(none)'

/**
 * Counts and times every answer by the pattern of the route it was for (`/v1/sites/:site/comments`), never by
 * its path: paths carry site and comment ids, which would make a series per comment. Middleware is registered
 * for every method (`ALL`); the route is the last match registered for a method of its own, whether it answered
 * or a middleware before it did (a 401, a 429).
 */
export function requestMetrics(metrics: Metrics): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now()
    try {
      await next()
    } finally {
      let route = NO_ROUTE
      const routes = matchedRoutes(c)
      for (let at = routes.length - 1; at >= 0; at--) {
        const match = routes[at]
        if (match && match.method !== 'ALL') {
          route = match.path
          break
        }
      }
      metrics.request(c.req.method, route, c.res.status, (performance.now() - started) / 1000)
    }
  }
}
