import { type SQL, sql } from 'drizzle-orm'
import { type Executor, rowsOf } from '../db/client.js'
import { isUuid } from '../db/uuid.js'
import type { IntakeDeps } from '../moderation/intake.js'
import type { AkismetCheck } from './comment-fields.js'

/**
 * What an Akismet client sends again of a comment Vigil no longer holds: the site keeps its own copy and may report
 * it or check it again long after. Erased at its author's request, stored again it would bring back the name,
 * e-mail and IP the reader had forgotten; purged at the end of its retention, stored again it would be learned a
 * second time (the model keeps what the purged comment taught). These tell such calls apart, so that nothing of
 * them is stored or learned.
 */

/**
 * Whether the check a guid names is gone, erased or purged: the audit trail, which outlives it, knows the id, and
 * the comments no longer hold it.
 */
export async function forgottenCheck(
  db: Executor,
  siteId: string,
  guid: string | undefined,
): Promise<boolean> {
  if (!guid || !isUuid(guid)) return false
  return found(
    db,
    sql`select 1 from moderation_events
      where site_id = ${siteId} and comment_id = ${guid}::uuid
        and not exists (select from comments where id = ${guid}::uuid and site_id = ${siteId})
      limit 1`,
  )
}

/**
 * Whether the check's e-mail address had its data erased on the site (src/privacy/data-subject.ts). Asked only
 * when no stored check matches: a comment its author sent after the erasure is stored, and reported, as any.
 */
export async function authorErased(
  deps: Pick<IntakeDeps, 'hasher'> & { db: Executor },
  siteId: string,
  check: AkismetCheck,
): Promise<boolean> {
  const { email } = check.comment.author
  if (!email) return false
  const emailHash = await deps.hasher.email(email)
  return found(
    deps.db,
    sql`select 1 from erased_authors where site_id = ${siteId} and email_hash = ${emailHash} limit 1`,
  )
}

/** Whether a query finds a row. */
const found = async (db: Executor, query: SQL) => rowsOf(await db.execute(query)).length > 0
