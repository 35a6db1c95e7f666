import { randomBytes } from 'node:crypto'
import { and, desc, eq, isNull, sql } from 'drizzle-orm'
import type { Clock } from '../clock.js'
import type { Database } from '../db/client.js'
import { type ApiKeyRow, apiKeys, type KeyRole } from '../db/schema.js'
import { notFound } from '../errors.js'
import { type Cursor, decodeCursor, encodeCursor } from '../moderation/cursor.js'
import { announceChange, type Directory } from './directory.js'
import { randomToken } from './secrets.js'

/**
 * A server key is exactly 12 lowercase hex digits, the form of Akismet's own keys: the WordPress plugin strips
 * every other character from a key typed into its settings screen, then refuses one that is not 12 long, and
 * some clients put the key in a host name, which lower-cases it. Moderator and admin keys are longer and carry a
 * prefix that says what they are.
 */
export function generateKey(role: KeyRole): string {
  if (role === 'server') return randomBytes(6).toString('hex')
  return `${role === 'admin' ? 'vga' : 'vgm'}_${randomToken(40)}`
}

export type KeyView = {
  id: string
  siteId: string | null
  role: KeyRole
  label: string | null
  createdAt: string
  lastUsedAt: string | null
  revokedAt: string | null
}

export const keyView = (row: ApiKeyRow): KeyView => ({
  id: row.id,
  siteId: row.siteId,
  role: row.role,
  label: row.label,
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
})

export async function createKey(
  db: Database,
  clock: Clock,
  directory: Pick<Directory, 'keyHashes'>,
  input: { siteId: string | null; role: KeyRole; label?: string | undefined },
): Promise<{ key: KeyView; secret: string }> {
  const secret = generateKey(input.role)
  const [row] = await db
    .insert(apiKeys)
    .values({
      id: `key_${randomToken(16)}`,
      siteId: input.siteId,
      role: input.role,
      keyHash: directory.keyHashes.stored(secret),
      label: input.label ?? null,
      createdAt: clock.now(),
    })
    .returning()
  if (!row) throw new Error('insert returned no row')
  return { key: keyView(row), secret }
}

/** The ids createKey gives: a cursor naming anything else was not issued by a key list. */
const isKeyId = (value: string) => /^key_[a-z0-9]{16}$/.test(value)

/**
 * A scope's keys (a site's, or the admin keys: no site), newest first, from strictly after `after`. The order is
 * total, (created_at, id), so keys made in the same millisecond are neither repeated nor skipped across pages. A
 * site's keys are read in that order from `api_keys_site_idx` (site_id, created_at, id); the admin keys from the
 * partial `api_keys_admin_idx`, since `site_id is null` is no equality and the site index cannot order them.
 */
export function keyPageQuery(db: Database, siteId: string | null, rows: number, after?: Cursor) {
  return db
    .select()
    .from(apiKeys)
    .where(
      and(
        siteId === null ? isNull(apiKeys.siteId) : eq(apiKeys.siteId, siteId),
        after
          ? sql`(${apiKeys.createdAt}, ${apiKeys.id}) < (${after.createdAt.toISOString()}::timestamptz, ${after.id})`
          : undefined,
      ),
    )
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
    .limit(rows)
}

/**
 * One page of a scope's keys, revoked ones included (they stay for the audit trail), and the cursor of the next
 * page, null on the last.
 */
export async function listKeys(
  db: Database,
  siteId: string | null,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ items: KeyView[]; nextCursor: string | null }> {
  const after = page.cursor ? decodeCursor(page.cursor, isKeyId) : undefined
  const rows = await keyPageQuery(db, siteId, page.limit + 1, after)
  const shown = rows.slice(0, page.limit)
  const last = shown.at(-1)
  return {
    items: shown.map(keyView),
    nextCursor: rows.length > page.limit && last ? encodeCursor(last) : null,
  }
}

/**
 * Revoking is permanent and idempotent; the row stays for the audit trail. Every process stops accepting the key
 * at once: this one forgets it, the others hear of it when the revocation commits.
 */
export async function revokeKey(
  db: Database,
  clock: Clock,
  directory: Directory,
  siteId: string | null,
  keyId: string,
): Promise<KeyView> {
  const scope = siteId === null ? isNull(apiKeys.siteId) : eq(apiKeys.siteId, siteId)
  const [existing] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.id, keyId), scope))
  if (!existing) throw notFound('The key')
  if (existing.revokedAt) {
    // Its announcement may never have reached this process (a lost LISTEN, a pooler): an admin revoking again
    // is told it is revoked, so it must be refused here from now on too.
    directory.forget(`key:${keyId}`)
    return keyView(existing)
  }
  const row = await db.transaction(async (tx) => {
    // Only a live key: a revocation made since the read above (another admin, another process) keeps its time.
    const [revoked] = await tx
      .update(apiKeys)
      .set({ revokedAt: clock.now() })
      .where(and(eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)))
      .returning()
    if (!revoked) return (await tx.select().from(apiKeys).where(eq(apiKeys.id, keyId)))[0]
    await announceChange(tx, `key:${keyId}`)
    return revoked
  })
  directory.forget(`key:${keyId}`)
  return keyView(row ?? existing)
}
