import type { MiddlewareHandler } from 'hono'
import type { Logger } from '../logger.js'
import type { AppEnv } from './env.js'

const ROUTINE_PATHS = new Set(['/healthz', '/readyz', '/metrics'])

/**
 * One child logger per request, carrying the request id, and one line when the response is ready. Only the
 * path is logged: query strings may carry personal data (an e-mail to export, say).
 */
export function requestLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now()
    const log = logger.child({ requestId: c.get('requestId') })
    c.set('logger', log)
    await next()
    // A probe or a scrape every few seconds would drown the log: they are logged only when they fail.
    const routine = ROUTINE_PATHS.has(c.req.path) && c.res.status < 400
    log[routine ? 'debug' : 'info'](
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      },
      'request',
    )
  }
}
