import type { MiddlewareHandler } from 'hono'
import { cors } from 'hono/cors'
import type { Directory } from '../sites/directory.js'
import type { AppEnv } from './env.js'
import { requestSite } from './request-site.js'

/**
 * CORS for the routes article pages call from the browser: a page may call them only from one of its site's
 * `allowedOrigins`. Other origins get no CORS headers, so the browser keeps the response from them.
 */
export function siteCors(directory: Directory): MiddlewareHandler<AppEnv> {
  return cors({
    origin: async (origin, c) => {
      const siteId = c.req.param('site')
      if (!origin || !siteId) return null
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
}
