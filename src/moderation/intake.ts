import { and, eq, gt, isNull, max, or, type SQL } from 'drizzle-orm'
import { uuidv7 } from 'uuidv7'
import type { Clock } from '../clock.js'
import type { Database } from '../db/client.js'
import { type CommentRow, comments, moderationEvents, type SiteRow } from '../db/schema.js'
import { DomainError, invalidField } from '../errors.js'
import { contentFingerprint } from '../spam/normalize.js'
import { resolvePolicy } from '../spam/policy.js'
import { type Assessment, assessComment } from '../spam/score.js'
import { type IdentityHasher, normalizeEmail } from './identity-hasher.js'

export type NewComment = {
  articleId: string
  articleUrl?: string | undefined
  articleTitle?: string | undefined
  parentId?: string | undefined
  author: { name: string; email?: string | undefined; url?: string | undefined }
  content: string
  honeypot?: string | undefined
  ip: string | null
  userAgent: string | null
  referrer: string | null
}

export type IntakeDeps = { db: Database; clock: Clock; hasher: IdentityHasher }

/**
 * Takes a comment in: refuses exact re-posts (409) and floods (429), scores it, and stores the comment with
 * its audit row in one transaction. Returns the stored row and the assessment that decided its status.
 */
export async function submitComment(
  deps: IntakeDeps,
  site: SiteRow,
  input: NewComment,
  actor: string | null,
): Promise<{ comment: CommentRow; assessment: Assessment }> {
  const { db, clock, hasher } = deps
  const policy = resolvePolicy(site.settings)
  const now = clock.now()
  const contentHash = contentFingerprint(input.content)
  const emailHash = input.author.email ? await hasher.hash('email', normalizeEmail(input.author.email)) : null
  const ipHash = input.ip ? await hasher.hash('ip', input.ip) : null

  if (input.parentId) await assertParentOnArticle(db, site.id, input.articleId, input.parentId)

  const sameAuthor = emailHash
    ? eq(comments.authorEmailHash, emailHash)
    : and(isNull(comments.authorEmailHash), eq(comments.authorName, input.author.name))
  const [duplicate] = await db
    .select({ id: comments.id })
    .from(comments)
    .where(
      and(
        eq(comments.siteId, site.id),
        eq(comments.contentHash, contentHash),
        eq(comments.articleId, input.articleId),
        sameAuthor,
      ),
    )
    .limit(1)
  if (duplicate) {
    throw new DomainError('duplicate-comment', 'The same author already posted this comment on this article.')
  }

  if (policy.floodIntervalSeconds > 0) {
    const retryAfterSeconds = await floodWait(
      db,
      site.id,
      now,
      policy.floodIntervalSeconds,
      ipHash,
      emailHash,
    )
    if (retryAfterSeconds > 0) {
      throw new DomainError('rate-limited', 'Comments from the same address are arriving too fast.', {
        retryAfterSeconds,
      })
    }
  }

  const authorHasApprovedComment = emailHash ? await hasApprovedComment(db, site.id, emailHash) : false
  const assessment = assessComment(
    {
      content: input.content,
      authorName: input.author.name,
      authorEmail: input.author.email ?? null,
      authorUrl: input.author.url ?? null,
      honeypot: input.honeypot ?? null,
    },
    { authorHasApprovedComment },
    policy,
  )

  const comment = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(comments)
      .values({
        id: uuidv7(),
        siteId: site.id,
        articleId: input.articleId,
        articleUrl: input.articleUrl ?? null,
        articleTitle: input.articleTitle ?? null,
        parentId: input.parentId ?? null,
        authorName: input.author.name,
        authorEmail: input.author.email ?? null,
        authorEmailHash: emailHash,
        authorUrl: input.author.url ?? null,
        content: input.content,
        contentHash,
        status: assessment.verdict,
        score: assessment.score,
        reasons: assessment.reasons,
        ip: input.ip,
        ipHash,
        userAgent: input.userAgent,
        referrer: input.referrer,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
    if (!row) throw new Error('insert returned no row')
    await tx.insert(moderationEvents).values({
      siteId: site.id,
      commentId: row.id,
      actor,
      action: 'submit',
      fromStatus: null,
      toStatus: row.status,
      createdAt: now,
    })
    return row
  })
  return { comment, assessment }
}

async function assertParentOnArticle(db: Database, siteId: string, articleId: string, parentId: string) {
  const [parent] = await db
    .select({ articleId: comments.articleId })
    .from(comments)
    .where(and(eq(comments.id, parentId), eq(comments.siteId, siteId)))
  if (parent?.articleId !== articleId)
    throw invalidField('parentId', 'does not name a comment on this article')
}

/** Seconds the sender must still wait, or 0 when nothing from the same IP or e-mail is that recent. */
async function floodWait(
  db: Database,
  siteId: string,
  now: Date,
  intervalSeconds: number,
  ipHash: string | null,
  emailHash: string | null,
): Promise<number> {
  const sameSender: SQL[] = []
  if (ipHash) sameSender.push(eq(comments.ipHash, ipHash))
  if (emailHash) sameSender.push(eq(comments.authorEmailHash, emailHash))
  if (sameSender.length === 0) return 0
  const windowStart = new Date(now.getTime() - intervalSeconds * 1000)
  const [latest] = await db
    .select({ at: max(comments.createdAt) })
    .from(comments)
    .where(and(eq(comments.siteId, siteId), gt(comments.createdAt, windowStart), or(...sameSender)))
  if (!latest?.at) return 0
  const remainingMs = new Date(latest.at).getTime() + intervalSeconds * 1000 - now.getTime()
  return Math.max(1, Math.ceil(remainingMs / 1000))
}

async function hasApprovedComment(db: Database, siteId: string, emailHash: string): Promise<boolean> {
  const rows = await db
    .select({ id: comments.id })
    .from(comments)
    .where(
      and(
        eq(comments.siteId, siteId),
        eq(comments.authorEmailHash, emailHash),
        eq(comments.status, 'approved'),
      ),
    )
    .limit(1)
  return rows.length > 0
}
