import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { Clock } from '../clock.js'
import type { Database, DatabaseHandle, Executor } from '../db/client.js'
import { type ApiKeyRow, apiKeys, type SiteRow, sites } from '../db/schema.js'
import { type KeyHashes, keyHashes } from './key-hashes.js'
import { secretsEqual, sha256Hex } from './secrets.js'

/** The channel on which a change to a site or a key is announced to every Vigil process on the database. */
export const DIRECTORY_CHANNEL = 'vigil_directory'
/**
 * How long an entry is served without asking the database again. Changes are announced (NOTIFY) and forgotten
 * at once; this bounds how stale an entry can be should an announcement be missed anyway.
 */
const ENTRY_TTL_MS = 10_000
const MAX_ENTRIES = 10_000
/** Recording every use would put a write on every request; a minute's resolution is enough to spot stale keys. */
const LAST_USED_RESOLUTION_MS = 60_000

/** What changed, as announced: a site (by id), a key (by id), or everything. */
export type DirectoryChange = `site:${string}` | `key:${string}` | '*'

/**
 * The sites and live API keys requests are made for and with, kept for a few seconds in the process: nearly every
 * request needs both, and reading them was two of the five statements of a comment's intake. A change is
 * forgotten at once in the process that makes it (`forget`) and, through `announceChange` in the change's own
 * transaction, in every other process listening on the database (`follow`).
 */
export type Directory = {
  /** The site, or null when there is none. */
  site(siteId: string): Promise<SiteRow | null>
  /** The live key a bearer token stands for, or null; records its use (to the minute). */
  keyByToken(token: string): Promise<ApiKeyRow | null>
  /** How keys are stored and found (KEY_HASH_SECRET): a new key's row is written with `stored`. */
  keyHashes: KeyHashes
  forget(change: DirectoryChange): void
  /** Listens for changes announced by other processes; resolves to a function that stops listening. */
  follow(listen: DatabaseHandle['listen']): Promise<() => Promise<void>>
}

type Entry = { value: SiteRow | ApiKeyRow; expiresAt: number }

export function createDirectory(
  db: Database,
  clock: Clock,
  options: { keyHashSecret?: string | undefined } = {},
): Directory {
  const hashes = keyHashes(options.keyHashSecret)
  const entries = new Map<string, Entry>()
  // Bumped by every forget: a read that started before one may hold what was just changed, and is not kept.
  let generation = 0

  const cached = (cacheKey: string) => {
    const entry = entries.get(cacheKey)
    if (!entry) return null
    if (entry.expiresAt > clock.now().getTime()) return entry.value
    entries.delete(cacheKey)
    return null
  }
  const keep = (cacheKey: string, value: SiteRow | ApiKeyRow, readAt: number) => {
    if (readAt !== generation) return
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string)
    entries.set(cacheKey, { value, expiresAt: clock.now().getTime() + ENTRY_TTL_MS })
  }

  const forget = (change: DirectoryChange) => {
    generation++
    if (change === '*') return entries.clear()
    if (change.startsWith('site:')) return void entries.delete(change)
    const keyId = change.slice('key:'.length)
    for (const [cacheKey, entry] of entries) {
      if (cacheKey.startsWith('key:') && (entry.value as ApiKeyRow).id === keyId) entries.delete(cacheKey)
    }
  }

  return {
    async site(siteId) {
      const cacheKey = `site:${siteId}`
      const known = cached(cacheKey)
      if (known) return known as SiteRow
      const readAt = generation
      const [row] = await db.select().from(sites).where(eq(sites.id, siteId))
      if (row) keep(cacheKey, row, readAt)
      return row ?? null
    },

    async keyByToken(token) {
      const cacheKey = `key:${sha256Hex(token)}`
      let row = cached(cacheKey) as ApiKeyRow | null
      if (!row) {
        const readAt = generation
        const candidates = hashes.candidates(token)
        ;[row = null] = await db
          .select()
          .from(apiKeys)
          .where(and(inArray(apiKeys.keyHash, candidates), isNull(apiKeys.revokedAt)))
        // The index found the row by hash; the hashes are compared again in constant time as a second guard.
        const storedHash = row?.keyHash
        if (!row || !candidates.some((hash) => storedHash !== undefined && secretsEqual(storedHash, hash)))
          return null
        keep(cacheKey, row, readAt)
      }
      const now = clock.now()
      if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
        row.lastUsedAt = now
        await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.id))
      }
      return row
    },

    keyHashes: hashes,

    forget,

    async follow(listen) {
      return listen(DIRECTORY_CHANNEL, (payload) => forget(isChange(payload) ? payload : '*'))
    },
  }
}

const isChange = (payload: string | undefined): payload is DirectoryChange =>
  payload === '*' || /^(site|key):.+/.test(payload ?? '')

/**
 * Tells every process to forget a site or key, when (and only if) the caller's transaction commits. The process
 * making the change also calls its directory's `forget` itself: the announcement reaches it a moment later.
 */
export async function announceChange(executor: Executor, change: DirectoryChange): Promise<void> {
  await executor.execute(sql`select pg_notify(${DIRECTORY_CHANNEL}, ${change})`)
}
