import { and, desc, eq, isNull } from 'drizzle-orm'
import type { Clock } from '../clock.js'
import type { Database } from '../db/client.js'
import { type ApiKeyRow, apiKeys, type KeyRole } from '../db/schema.js'
import { notFound } from '../errors.js'
import { randomToken, secretsEqual, sha256Hex } from './secrets.js'

/**
 * A server key is exactly 12 lowercase letters and digits, the form Akismet clients require (some put it in a
 * host name, which lower-cases it). Moderator and admin keys are longer and carry a prefix that says what they are.
 */
export function generateKey(role: KeyRole): string {
  if (role === 'server') return randomToken(12)
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
  input: { siteId: string | null; role: KeyRole; label?: string | undefined },
): Promise<{ key: KeyView; secret: string }> {
  const secret = generateKey(input.role)
  const [row] = await db
    .insert(apiKeys)
    .values({
      id: `key_${randomToken(16)}`,
      siteId: input.siteId,
      role: input.role,
      keyHash: sha256Hex(secret),
      label: input.label ?? null,
      createdAt: clock.now(),
    })
    .returning()
  if (!row) throw new Error('insert returned no row')
  return { key: keyView(row), secret }
}

export async function listKeys(db: Database, siteId: string | null): Promise<KeyView[]> {
  const rows = await db
    .select()
    .from(apiKeys)
    .where(siteId === null ? isNull(apiKeys.siteId) : eq(apiKeys.siteId, siteId))
    .orderBy(desc(apiKeys.createdAt))
  return rows.map(keyView)
}

/** Revoking is permanent and idempotent; the row stays for the audit trail. */
export async function revokeKey(
  db: Database,
  clock: Clock,
  siteId: string | null,
  keyId: string,
): Promise<KeyView> {
  const scope = siteId === null ? isNull(apiKeys.siteId) : eq(apiKeys.siteId, siteId)
  const [existing] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.id, keyId), scope))
  if (!existing) throw notFound('The key')
  if (existing.revokedAt) return keyView(existing)
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: clock.now() })
    .where(eq(apiKeys.id, keyId))
    .returning()
  return keyView(row ?? existing)
}

const LAST_USED_RESOLUTION_MS = 60_000

/**
 * Finds the live key a bearer token stands for. The lookup goes by hash through a unique index, and the hashes
 * are then compared in constant time as a second guard.
 */
export async function findKeyByToken(db: Database, clock: Clock, token: string): Promise<ApiKeyRow | null> {
  const hash = sha256Hex(token)
  const [row] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hash), isNull(apiKeys.revokedAt)))
  if (!row || !secretsEqual(row.keyHash, hash)) return null
  const now = clock.now()
  // Recording every use would put a write on every request; a minute's resolution is enough to spot stale keys.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.id))
  }
  return row
}
