import type { SiteRow } from '../db/schema.js'
import { bareHost, isHostOf } from '../spam/rules/link-lists.js'

/**
 * The article address a caller without a key (a reader's browser) may give: one on the site's own origins. The
 * address decides which links in the comment are the site's own and count for nothing, and moderators and
 * webhooks show it; sent from anywhere, `https://com/` made every `.com` link the site's own. A caller with a key
 * speaks for the site and is taken at its word.
 */
export function vouchedArticleUrl(site: Pick<SiteRow, 'allowedOrigins'>, url: string | null): string | null {
  const host = bareHost(url)
  if (!host) return null
  const onOrigin = site.allowedOrigins.some((origin) => {
    const own = bareHost(origin)
    return !!own && isHostOf(host, own)
  })
  return onOrigin ? url : null
}
