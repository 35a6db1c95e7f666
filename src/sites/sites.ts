import { asc, eq, gt } from 'drizzle-orm'
import type { Clock } from '../clock.js'
import type { Database } from '../db/client.js'
import { type SiteRow, sites } from '../db/schema.js'
import { DomainError, notFound } from '../errors.js'
import { type PolicyPatch, patchedOverrides, type ResolvedSettings, resolveSettings } from '../spam/policy.js'
import { announceChange, type Directory } from './directory.js'

export type SiteInput = {
  id: string
  name: string
  url?: string | undefined
  allowedOrigins?: string[] | undefined
}

/** What a site's details may change to; a field left out stays as it is, a `url` of null removes it. */
export type SitePatch = {
  name?: string | undefined
  url?: string | null | undefined
  allowedOrigins?: string[] | undefined
}

/** Origins as browsers send them (scheme, host and port: a path or a trailing slash sent is dropped), once each. */
const originsOf = (urls: readonly string[]) => [...new Set(urls.map((url) => new URL(url).origin))]

export const siteView = (row: SiteRow) => ({
  id: row.id,
  name: row.name,
  url: row.url,
  allowedOrigins: row.allowedOrigins,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
})
export type SiteView = ReturnType<typeof siteView>

export async function createSite(db: Database, clock: Clock, input: SiteInput): Promise<SiteRow> {
  const now = clock.now()
  const [row] = await db
    .insert(sites)
    .values({
      id: input.id,
      name: input.name,
      url: input.url ?? null,
      allowedOrigins: originsOf(input.allowedOrigins ?? []),
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning()
  if (!row) throw new DomainError('conflict', `A site with the id "${input.id}" already exists.`)
  return row
}

export async function getSite(db: Database, siteId: string): Promise<SiteRow> {
  const [row] = await db.select().from(sites).where(eq(sites.id, siteId))
  if (!row) throw notFound('The site')
  return row
}

export async function listSites(db: Database, limit: number, after?: string): Promise<SiteRow[]> {
  return db
    .select()
    .from(sites)
    .where(after ? gt(sites.id, after) : undefined)
    .orderBy(asc(sites.id))
    .limit(limit)
}

/**
 * Changes a site's name, URL or allowed origins. Every process serving it forgets what it held of the site when
 * this commits (the origins its pages may call from, the URL intake vouches article addresses by).
 */
export async function updateSite(
  db: Database,
  clock: Clock,
  directory: Directory,
  siteId: string,
  patch: SitePatch,
): Promise<SiteRow> {
  const row = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(sites)
      .set({
        ...(patch.name === undefined ? {} : { name: patch.name }),
        ...(patch.url === undefined ? {} : { url: patch.url }),
        ...(patch.allowedOrigins === undefined ? {} : { allowedOrigins: originsOf(patch.allowedOrigins) }),
        updatedAt: clock.now(),
      })
      .where(eq(sites.id, siteId))
      .returning()
    if (!updated) throw notFound('The site')
    await announceChange(tx, `site:${siteId}`)
    return updated
  })
  directory.forget(`site:${siteId}`)
  return row
}

/** The policy in force for a site: its stored overrides over the defaults, and the overrides left out. */
export const sitePolicy = (site: SiteRow): ResolvedSettings => resolveSettings(site.settings)

/** Merges a partial policy into the site's overrides. Returns the policy now in force (as sitePolicy). */
export async function updateSitePolicy(
  db: Database,
  clock: Clock,
  directory: Directory,
  siteId: string,
  patch: PolicyPatch,
): Promise<ResolvedSettings> {
  const policy = await db.transaction(async (tx) => {
    const [site] = await tx.select().from(sites).where(eq(sites.id, siteId)).for('update')
    if (!site) throw notFound('The site')
    const overrides = patchedOverrides(site.settings, patch)
    await tx.update(sites).set({ settings: overrides, updatedAt: clock.now() }).where(eq(sites.id, siteId))
    await announceChange(tx, `site:${siteId}`)
    return resolveSettings(overrides)
  })
  // Intake in this process scores the next comment under the new policy; other processes hear of it on commit.
  directory.forget(`site:${siteId}`)
  return policy
}
