import type { Context } from 'hono'
import type { SiteRow } from '../db/schema.js'
import { notFound } from '../errors.js'
import type { Directory } from '../sites/directory.js'
import type { AppEnv } from './env.js'

/**
 * The site a request names, read once per request: the CORS check and the route handler of a browser's call
 * both need it, and the second asks the context instead of the database.
 */
export async function requestSite(
  c: Context<AppEnv>,
  directory: Directory,
  siteId: string,
): Promise<SiteRow> {
  const known = c.get('site')
  if (known?.id === siteId) return known
  const site = await directory.site(siteId)
  if (!site) throw notFound('The site')
  c.set('site', site)
  return site
}
