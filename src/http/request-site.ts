import type { Context } from 'hono'
import type { Database } from '../db/client.js'
import type { SiteRow } from '../db/schema.js'
import { getSite } from '../sites/sites.js'
import type { AppEnv } from './env.js'

/**
 * The site a request names, read once per request: the CORS check and the route handler of a browser's call
 * both need it, and the second asks the context instead of the database.
 */
export async function requestSite(c: Context<AppEnv>, db: Database, siteId: string): Promise<SiteRow> {
  const known = c.get('site')
  if (known?.id === siteId) return known
  const site = await getSite(db, siteId)
  c.set('site', site)
  return site
}
