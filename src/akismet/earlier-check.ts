import { decodeHTML } from 'entities'
import { textArray } from '../db/array-literals.js'
import type { CommentRow } from '../db/schema.js'
import { runStatement } from '../db/statement.js'
import { readComment } from '../moderation/comment-rows.js'
import type { IntakeDeps } from '../moderation/intake.js'
import { contentFingerprint } from '../spam/normalize.js'
import type { AkismetCheck } from './comment-fields.js'
import { withoutWordpressRel } from './wordpress-rel.js'

/** What else, besides the sender and the text, a call must share with the check it repeats or reports. */
export type MatchScope = {
  /** The same article. */
  article: boolean
  /** The same author name, when the call sends one. */
  name: boolean
  /** The text may come back as WordPress stores it: HTML entities encoded (`&` as `&amp;`), links given a rel. */
  encodedText: boolean
}

/** The text as WordPress stored it, and as it was before its filters: links without their rel, entities decoded. */
function wordpressOriginals(stored: string): string[] {
  const unlinked = withoutWordpressRel(stored)
  return [decodeHTML(stored), unlinked, decodeHTML(unlinked)]
}

/**
 * The id of the latest check a call matches, in one statement with a constant text (prepared once per
 * connection: every comment-check runs it, and nearly always finds nothing). What a call may lack is a null the
 * statement tests: no e-mail matches a check without one; no article or name, any.
 *   $1 site, $2 the text's fingerprints, $3 IP hash, $4 e-mail hash or null, $5 article or null, $6 name or null.
 */
const EARLIER_CHECK = `
  select id from comments
  where site_id = $1 and ip_hash = $3 and content_hash = any($2::text[]) and source = 'akismet'
    and author_email_hash is not distinct from $4::text
    and ($5::text is null or article_id = $5::text)
    and ($6::text is null or author_name = $6::text)
  order by created_at desc
  limit 1`

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
  const texts = new Set([comment.content, ...(scope.encodedText ? wordpressOriginals(comment.content) : [])])
  const email = comment.author.email
  const [found] = await runStatement<{ id: string }>(deps.db, EARLIER_CHECK, [
    siteId,
    textArray([...texts].map(contentFingerprint)),
    await deps.hasher.address(comment.ip),
    email ? await deps.hasher.email(email) : null,
    scope.article ? comment.articleId : null,
    scope.name && check.authorNamed ? comment.author.name : null,
  ])
  if (!found) return null
  return readComment(deps.db, siteId, found.id)
}
