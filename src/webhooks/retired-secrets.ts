import { sql } from 'drizzle-orm'
import { type Database, rowsOf } from '../db/client.js'

/**
 * Erases the secrets rotations retired that no longer sign at `now` (see `stillSigning`): the previous one with its
 * expiry, and the expired entries of the older ones. A secret that signs nothing has no use left, and kept it would
 * stay readable in every backup for ever. One statement across sites, hourly: endpoints are few (at most 50 a site),
 * so a scan of their table costs less than an index would to keep; the list is unnested only where it is not empty,
 * and only the endpoints holding such a secret are written. A rotation meanwhile waits on the row's lock, or this
 * does and re-reads the row the rotation wrote. `updated_at` stays: nobody changed the endpoint. Returns how many
 * endpoints it changed.
 */
export async function eraseRetiredSecrets(db: Database, now: Date): Promise<number> {
  const at = now.toISOString()
  const expired = sql`previous_secret_expires_at <= ${at}::timestamptz`
  const result = await db.execute(sql`
    update webhook_endpoints
    set previous_secret = case when ${expired} then null else previous_secret end,
      previous_secret_expires_at = case when ${expired} then null else previous_secret_expires_at end,
      older_secrets = coalesce(
        (select jsonb_agg(retired order by position)
         from jsonb_array_elements(older_secrets) with ordinality as list(retired, position)
         where (retired->>'expiresAt')::timestamptz > ${at}::timestamptz),
        '[]'::jsonb)
    where ${expired}
      or (older_secrets <> '[]'::jsonb and exists (
        select 1 from jsonb_array_elements(older_secrets) as list(retired)
        where (retired->>'expiresAt')::timestamptz <= ${at}::timestamptz))
    returning id
  `)
  return rowsOf(result).length
}
