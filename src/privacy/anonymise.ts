import { sql } from 'drizzle-orm'
import { textArray } from '../db/array-literals.js'
import type { Transaction } from '../db/client.js'
import { comments } from '../db/schema.js'

const ERASED = '[erased]'
/**
 * Stands for the content hash, which cannot be null and must not stay (it would still recognise the text): not
 * hexadecimal, so no submission's SHA-256 ever equals it.
 */
const ERASED_CONTENT_HASH = 'erased'
/** What a reason of an anonymised comment says instead of its detail, which may quote the text or its links. */
const ERASED_REASON_DETAIL = 'Detail removed when the comment was erased.'

/**
 * What is left of a comment erased while replies hang from it (an author's erasure, or the retention period of
 * spam): a placeholder that holds its place in the thread, with nothing that names its author or rebuilds its
 * text. Such a comment can no longer be decided (src/moderation/decisions.ts).
 */
export const anonymisedComment = (now: Date) => ({
  authorName: ERASED,
  authorEmail: null,
  authorEmailHash: null,
  authorUrl: null,
  authorUrlHost: null,
  content: ERASED,
  contentHash: ERASED_CONTENT_HASH,
  // Rule ids and scores say why it was held; the details may name its links or quote its words.
  reasons: sql`(
    select coalesce(
      jsonb_agg(jsonb_set(reason, '{detail}', to_jsonb(${ERASED_REASON_DETAIL}::text)) order by n),
      '[]'::jsonb)
    from jsonb_array_elements(${comments.reasons}) with ordinality as listed(reason, n))`,
  // The tokens (names, hosts, pairs of words) would let the text be rebuilt; the counts learned from them stay
  // unless the caller unlearns them first, as an erasure does.
  learnedAs: null,
  learnedTokens: null,
  nearDuplicateSketch: null,
  nearDuplicateBands: null,
  ip: null,
  ipHash: null,
  userAgent: null,
  referrer: null,
  extra: null,
  facts: null,
  erasedAt: now,
  updatedAt: now,
  version: sql`${comments.version} + 1`,
})

/**
 * The `comment.erased` event of a comment erased (deleted, or emptied as a placeholder): by a reader's request, its
 * actor the key that asked, or by the retention purge, no actor. Its version is above every version the comment's
 * other events carried (the placeholder's own: anonymisedComment bumps it), so that a receiver keeping the highest
 * keeps this one.
 */
export const erasedEvent = (
  siteId: string,
  comment: { id: string; articleId: string; parentId: string | null; version: number },
  mode: 'deleted' | 'anonymised',
  actor: string | null,
) => ({
  siteId,
  erased: {
    id: comment.id,
    articleId: comment.articleId,
    parentId: comment.parentId,
    mode,
    version: comment.version + 1,
  },
  actor,
})

/**
 * What outlives comments that were erased or purged and still speaks of their authors: the webhook events that
 * carried them (name, e-mail, text), which a longer webhook log would keep, and the moderators' free-text reasons
 * in their audit rows ("the same troll as yesterday, J. Dupont"), which stay without them.
 */
export async function forgetTracesOf(tx: Transaction, siteId: string, commentIds: readonly string[]) {
  if (commentIds.length === 0) return
  const ids = textArray(commentIds)
  await tx.execute(sql`
    delete from webhook_events
    where site_id = ${siteId} and payload->'data'->'comment'->>'id' = any(${ids}::text[])`)
  await tx.execute(sql`
    update moderation_events set reason = null
    where site_id = ${siteId} and comment_id = any(${ids}::uuid[]) and reason is not null`)
}
