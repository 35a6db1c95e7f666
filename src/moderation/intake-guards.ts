/** What intake refuses before it judges: a parent on another article, and a sender posting too fast. */
import { and, eq } from 'drizzle-orm'
import type { Database } from '../db/client.js'
import { comments } from '../db/schema.js'
import { invalidField } from '../errors.js'
import type { Submission, SubmissionContext } from './facts.js'
import type { IntakeOptions } from './intake.js'

/** The refusal of a reply whose parent is no comment of the article (or none a public caller may answer). */
export const parentNotOnArticle = () => invalidField('parentId', 'does not name a comment on this article')

/**
 * The parent must be a comment of the same article. A caller without a key replies from a page that shows only
 * approved comments: any other parent is answered as one that does not exist, or the answer would tell a stranger
 * that a held, spam or rejected comment is there (and a published reply would hang under it). An Akismet check is
 * never on such a page either, even approved: the site publishes its comments itself.
 */
export async function assertParentOnArticle(
  db: Database,
  siteId: string,
  articleId: string,
  parentId: string,
  { approvedOnly }: { approvedOnly: boolean },
) {
  const [parent] = await db
    .select({ articleId: comments.articleId, status: comments.status, source: comments.source })
    .from(comments)
    .where(and(eq(comments.id, parentId), eq(comments.siteId, siteId)))
  const shownToReaders = parent?.status === 'approved' && parent.source !== 'akismet'
  if (parent?.articleId !== articleId || (approvedOnly && !shownToReaders)) throw parentNotOnArticle()
}

/**
 * The comment flood control counts from: the sender's latest from the same IP. Not by e-mail, for a public
 * caller: a refusal would tell a stranger who typed someone's e-mail that they had just posted. A keyed caller
 * naming no reader IP, which sees every comment's reasons anyway, is counted by e-mail instead of not at all.
 */
export function latestToRefuseBy(context: SubmissionContext, submission: Submission, options: IntakeOptions) {
  if (submission.ipHash) return context.activity.latestFromAddress
  return options.anonymous ? null : context.activity.latestFromSender
}

/** Seconds the sender must still wait, or 0 when their last comment is old enough (or the rule is off). */
export function floodWait(latest: Date | null, now: Date, intervalSeconds: number): number {
  if (!latest || intervalSeconds === 0) return 0
  const remainingMs = latest.getTime() + intervalSeconds * 1000 - now.getTime()
  return remainingMs > 0 ? Math.max(1, Math.ceil(remainingMs / 1000)) : 0
}
