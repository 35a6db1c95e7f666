import type { SiteRow } from '../db/schema.js'
import type { Logger } from '../logger.js'

/** Who is calling: the instance admin, a key of one site, or nobody (public routes). */
export type Principal =
  | { kind: 'admin'; actor: string }
  | { kind: 'site-key'; role: 'moderator' | 'server'; siteId: string; actor: string }

export type AppEnv = {
  Variables: {
    requestId: string
    logger: Logger
    principal: Principal | null
    /** The site the request names, once a middleware or handler has read it (see request-site.ts). */
    site?: SiteRow
    /** Set while the body guard waits for the request's body: a deadline passing then is the client's delay. */
    awaitingBody?: boolean
    /** Set by the body guard when a JSON body is not UTF-8: refused once the caller may use the route (body.ts). */
    unreadableBody?: Error
    /** Set by the CORS of the routes article pages call: every answer varies by Origin, the deadline's too. */
    variesByOrigin?: boolean
  }
}
