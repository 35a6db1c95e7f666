import { and, count, desc, eq, gt, isNull, max, ne, or, type SQL, sql } from 'drizzle-orm'
import type { Database } from '../db/client.js'
import { comments } from '../db/schema.js'
import type { Policy } from '../spam/policy.js'
import type { Facts, History } from '../spam/rules/types.js'
import { loadReputation, reputationSubjects } from './learning.js'

/** Who sent a comment and what it says, in the hashed forms the database keeps. */
export type Submission = {
  siteId: string
  articleId: string
  authorName: string
  emailHash: string | null
  ipHash: string | null
  authorUrlHost: string | null
  contentHash: string
  matchText: string
  now: Date
}

const NEAR_DUPLICATE_SIMILARITY = 0.8
const NEAR_DUPLICATE_MIN_LENGTH = 20
/** How many of a site's latest comments a new one is compared with for near-duplicates. */
const NEAR_DUPLICATE_CANDIDATES = 200
/** Texts are compared on their first 2 000 characters: `similarity()` rebuilds both trigram sets per row. */
const NEAR_DUPLICATE_CHARS = 2000
const HOUR_MS = 60 * 60 * 1000

/**
 * The comment by which the same author already posted this very text on this article (a double submit, a bot
 * retrying, or an Akismet client checking a comment again), if there is one.
 */
export async function findRepost(db: Database, submission: Submission): Promise<string | null> {
  const sameAuthor = submission.emailHash
    ? eq(comments.authorEmailHash, submission.emailHash)
    : and(isNull(comments.authorEmailHash), eq(comments.authorName, submission.authorName))
  const rows = await db
    .select({ id: comments.id })
    .from(comments)
    .where(
      and(
        eq(comments.siteId, submission.siteId),
        eq(comments.contentHash, submission.contentHash),
        eq(comments.articleId, submission.articleId),
        sameAuthor,
      ),
    )
    .limit(1)
  return rows[0]?.id ?? null
}

/**
 * How busy the sender (same IP or same e-mail) has been: when they last posted, and how many comments they
 * posted in the last hour. One query over the two sender indexes.
 */
export async function senderActivity(
  db: Database,
  submission: Submission,
): Promise<{ latest: Date | null; lastHour: number }> {
  const sameSender: SQL[] = []
  if (submission.ipHash) sameSender.push(eq(comments.ipHash, submission.ipHash))
  if (submission.emailHash) sameSender.push(eq(comments.authorEmailHash, submission.emailHash))
  if (sameSender.length === 0) return { latest: null, lastHour: 0 }
  const [row] = await db
    .select({ latest: max(comments.createdAt), lastHour: count() })
    .from(comments)
    .where(
      and(
        eq(comments.siteId, submission.siteId),
        gt(comments.createdAt, new Date(submission.now.getTime() - HOUR_MS)),
        or(...sameSender),
      ),
    )
  return { latest: row?.latest ? new Date(row.latest) : null, lastHour: Number(row?.lastHour ?? 0) }
}

const history = (entry: History | undefined): History => entry ?? { approved: 0, spam: 0 }

/**
 * What the rules need to know from the database: the reputation of the sender's e-mail, author URL host and
 * IP, and how many comments within the duplicate window say the same thing or nearly so.
 */
export async function gatherFacts(
  db: Database,
  submission: Submission,
  policy: Policy,
): Promise<Omit<Facts, 'recentFromSender' | 'formToken'>> {
  const subjects = reputationSubjects({
    authorEmailHash: submission.emailHash,
    authorUrlHost: submission.authorUrlHost,
    ipHash: submission.ipHash,
  })
  const windowStart = new Date(submission.now.getTime() - policy.duplicateWindowHours * HOUR_MS)
  const [standing, identical, similar] = await Promise.all([
    loadReputation(db, submission.siteId, subjects),
    db
      .select({ count: count() })
      .from(comments)
      .where(
        and(
          eq(comments.siteId, submission.siteId),
          eq(comments.contentHash, submission.contentHash),
          gt(comments.createdAt, windowStart),
        ),
      ),
    submission.matchText.length >= NEAR_DUPLICATE_MIN_LENGTH ? countSimilar(db, submission, windowStart) : 0,
  ])
  return {
    email: history(standing.get(`e:${submission.emailHash}`)),
    authorHost: history(standing.get(`h:${submission.authorUrlHost}`)),
    ip: history(standing.get(`i:${submission.ipHash}`)),
    duplicates: { identical: Number(identical[0]?.count ?? 0), similar },
  }
}

/**
 * How many of the site's latest comments within the window have a text at least 80 % similar by trigrams
 * (pg_trgm's `similarity()`), but not identical. Only the latest `NEAR_DUPLICATE_CANDIDATES` are compared: a
 * campaign's copies arrive together, and comparing everything within the window cost a scan of the whole day's
 * comments on every submission (75 ms at 1 000 comments on PostgreSQL, growing with traffic), which the trigram
 * index could not avoid since it cannot be scoped by site. Backed by `comments_recent_idx`.
 */
async function countSimilar(db: Database, submission: Submission, windowStart: Date): Promise<number> {
  const latest = db
    .select({ matchText: comments.matchText, contentHash: comments.contentHash })
    .from(comments)
    .where(and(eq(comments.siteId, submission.siteId), gt(comments.createdAt, windowStart)))
    .orderBy(desc(comments.createdAt))
    .limit(NEAR_DUPLICATE_CANDIDATES)
    .as('latest')
  const [row] = await db
    .select({ count: count() })
    .from(latest)
    .where(
      and(
        ne(latest.contentHash, submission.contentHash),
        sql`similarity(left(${latest.matchText}, ${NEAR_DUPLICATE_CHARS}), ${submission.matchText.slice(0, NEAR_DUPLICATE_CHARS)}) >= ${NEAR_DUPLICATE_SIMILARITY}`,
      ),
    )
  return Number(row?.count ?? 0)
}
