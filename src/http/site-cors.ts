import type { MiddlewareHandler } from 'hono'
import { cors } from 'hono/cors'
import type { Directory } from '../sites/directory.js'
import type { AppEnv } from './env.js'
import { isSiteId } from './openapi.js'
import { requestSite } from './request-site.js'

/**
 * CORS for the routes article pages call from the browser: a page may call them only from one of its site's
 * `allowedOrigins`. Other origins get no CORS headers, so the browser keeps the response from them.
 *
 * A request without an Origin header (a site's backend, a crawler, a cache filling itself) is no CORS request:
 * unless it is an OPTIONS request (answered as before), it is passed straight on. Hono's cors middleware touches
 * the response before the route has made it, which makes every response go through a full web Response and be
 * copied (a tenth of a millisecond each). It still says `Vary: Origin`, so a shared cache never serves it to a
 * browser page in place of the answer with CORS headers.
 *
 * The request deadline (deadline.ts), which runs first, may answer while this is still waiting for the route: the
 * CORS headers already decided are on its answer, and the flag set here has it say `Vary: Origin` too.
 */
export function siteCors(directory: Directory): MiddlewareHandler<AppEnv> {
  const browserCors = cors({
    origin: async (origin, c) => {
      const siteId = c.req.param('site')
      // Runs before the route validates the id: a malformed one names no site, and must not reach a query.
      if (!origin || !siteId || !isSiteId(siteId)) return null
      try {
        const site = await requestSite(c, directory, siteId)
        return site.allowedOrigins.includes(origin) ? origin : null
      } catch {
        return null
      }
    },
    allowMethods: ['GET', 'POST'],
    allowHeaders: ['Content-Type', 'If-None-Match'],
    exposeHeaders: ['ETag', 'Retry-After', 'X-Request-Id'],
    maxAge: 600,
  })
  return async (c, next) => {
    c.set('variesByOrigin', true)
    if (c.req.method === 'OPTIONS' || c.req.header('origin') !== undefined) return browserCors(c, next)
    await next()
    c.res.headers.append('Vary', 'Origin')
  }
}
