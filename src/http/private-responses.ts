import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './env.js'

/**
 * Answers to a keyed caller (the moderation queue, a comment's detail, sites, keys, webhooks) carry e-mails, IPs
 * and verdicts: no shared cache may keep them, and a browser only as long as the page is open. A route that sets
 * its own `Cache-Control` (the public list, the privacy export) keeps it.
 */
export function privateResponses(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next()
    if (c.get('principal') && !c.res.headers.has('cache-control'))
      c.res.headers.set('cache-control', 'private, no-store')
  }
}
