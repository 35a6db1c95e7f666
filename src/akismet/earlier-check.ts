import { and, desc, eq, inArray, isNull, type SQL } from 'drizzle-orm'
import { decodeHTML } from 'entities'
import { type CommentRow, comments } from '../db/schema.js'
import { normalizeEmail } from '../moderation/identity-hasher.js'
import type { IntakeDeps } from '../moderation/intake.js'
import { contentFingerprint } from '../spam/normalize.js'
import type { AkismetCheck } from './comment-fields.js'

/** What else, besides the sender and the text, a call must share with the check it repeats or reports. */
export type MatchScope = {
  /** The same article. */
  article: boolean
  /** The same author name, when the call sends one. */
  name: boolean
  /** The text may come back as WordPress stores it, HTML entities encoded (`&` as `&amp;`). */
  encodedText: boolean
}

/**
 * The latest check this API stored that a call repeats (a recheck) or reports (submit-spam/ham): the same IP,
 * the same e-mail (or none on either side), the same text. Only `source: akismet` rows: a comment that came in by
 * the v1 API is neither an Akismet client's to hear again nor a server key's to decide. The IP is required: two
 * readers who say the same "Thanks!" on the same page are two comments. Null when the call has no IP.
 */
export async function findEarlierCheck(
  deps: IntakeDeps,
  siteId: string,
  check: AkismetCheck,
  scope: MatchScope,
): Promise<CommentRow | null> {
  const { comment } = check
  if (!comment.ip) return null
  const texts = new Set([comment.content])
  if (scope.encodedText) texts.add(decodeHTML(comment.content))
  const email = comment.author.email
  const conditions: SQL[] = [
    eq(comments.siteId, siteId),
    eq(comments.source, 'akismet'),
    inArray(comments.contentHash, [...texts].map(contentFingerprint)),
    eq(comments.ipHash, await deps.hasher.hash('ip', comment.ip)),
    email
      ? eq(comments.authorEmailHash, await deps.hasher.hash('email', normalizeEmail(email)))
      : isNull(comments.authorEmailHash),
  ]
  if (scope.article) conditions.push(eq(comments.articleId, comment.articleId))
  if (scope.name && check.authorNamed) conditions.push(eq(comments.authorName, comment.author.name))
  const [latest] = await deps.db
    .select()
    .from(comments)
    .where(and(...conditions))
    .orderBy(desc(comments.createdAt))
    .limit(1)
  return latest ?? null
}
