import { sql } from 'drizzle-orm'
import { integerArray, textArray } from '../db/array-literals.js'
import { type Executor, rowsOf } from '../db/client.js'
import { comments, reputation } from '../db/schema.js'
import type { Policy } from '../spam/policy.js'
import type { Facts, History } from '../spam/rules/types.js'
import { nearDuplicateSketch, sketchBands } from '../spam/sketch.js'
import { reputationSubjects } from './learning.js'

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
  /** The text's near-duplicate sketch and its bands (src/spam/sketch.ts), or null when it is too short to compare. */
  sketch: NearDuplicateSketch | null
  now: Date
}

const NEAR_DUPLICATE_SIMILARITY = 0.8
/** Shorter texts (a "Merci !") are alike by chance: they get no sketch and are never compared. */
const NEAR_DUPLICATE_MIN_LENGTH = 20
/** How many of a site's latest comments a new one is compared with for near-duplicates. */
const NEAR_DUPLICATE_CANDIDATES = 200
const HOUR_MS = 60 * 60 * 1000

export type NearDuplicateSketch = { bins: number[]; bands: number[] }

/** The sketch a comment's text is stored and compared with, or null when it is too short to compare. */
export function sketchFor(matchText: string): NearDuplicateSketch | null {
  if (matchText.length < NEAR_DUPLICATE_MIN_LENGTH) return null
  const bins = nearDuplicateSketch(matchText)
  return { bins, bands: sketchBands(bins) }
}

/** What the database knows of a submission before it is scored. */
export type SubmissionContext = {
  /**
   * The comment by which the same author already posted this very text on this article (a double submit, a bot
   * retrying, or an Akismet client checking a comment again), if there is one.
   */
  repostOf: string | null
  /** How busy the sender (same IP or same e-mail) has been: their latest comment, and their comments in the last hour. */
  activity: { latest: Date | null; lastHour: number }
  /**
   * What the rules need: the reputation of the sender's e-mail, author URL host and IP, and how many comments
   * within the duplicate window say the same thing or nearly so.
   */
  facts: Omit<Facts, 'recentFromSender' | 'formToken'>
}

const history = (entry: History | undefined): History => entry ?? { approved: 0, spam: 0 }

type ContextRow = {
  repost_of: string | null
  latest: string | Date | null
  last_hour: number | string
  identical: number | string
  similar: number | string | null
  standing: { subject: string; approved: number; spam: number }[] | null
}

/**
 * Everything intake reads before scoring, in one statement (one round trip, one prepared plan): each part is a
 * subquery on its own index (content hash, e-mail and IP hashes, the site's latest comments, reputation).
 */
export async function readContext(
  db: Executor,
  submission: Submission,
  policy: Policy,
): Promise<SubmissionContext> {
  const { siteId, emailHash, ipHash, contentHash, sketch, now } = submission
  // As text: in a raw statement, drizzle hands a Date to postgres.js as is, which cannot bind it.
  const windowStart = new Date(now.getTime() - policy.duplicateWindowHours * HOUR_MS).toISOString()
  const hourAgo = new Date(now.getTime() - HOUR_MS).toISOString()
  const subjects = reputationSubjects({
    authorEmailHash: emailHash,
    authorUrlHost: submission.authorUrlHost,
    ipHash,
  })
  const c = comments
  // The same author: the same e-mail (hashed), or with no e-mail on either side, the same name.
  const sameAuthor = emailHash
    ? sql`${c.authorEmailHash} = ${emailHash}`
    : sql`${c.authorEmailHash} is null and ${c.authorName} = ${submission.authorName}`
  const sameSender = sql`(${c.ipHash} = ${ipHash}::text or ${c.authorEmailHash} = ${emailHash}::text)`
  const result = await db.execute(sql`
    select
      (select ${c.id} from ${c} where ${c.siteId} = ${siteId} and ${c.contentHash} = ${contentHash}
        and ${c.articleId} = ${submission.articleId} and ${sameAuthor} limit 1) as repost_of,
      sender.latest, sender.last_hour,
      (select count(*) from ${c} where ${c.siteId} = ${siteId} and ${c.contentHash} = ${contentHash}
        and ${c.createdAt} > ${windowStart}::timestamptz) as identical,
      ${sketch ? similarCount(siteId, sketch, contentHash, windowStart) : sql`0`} as similar,
      (select json_agg(json_build_object('subject', ${reputation.subject}, 'approved', ${reputation.approved},
          'spam', ${reputation.spam}))
        from ${reputation} where ${reputation.siteId} = ${siteId}
          and ${reputation.subject} = any(${textArray(subjects)}::text[])) as standing
    from (select max(${c.createdAt}) as latest, count(*) as last_hour from ${c}
      where ${c.siteId} = ${siteId} and ${c.createdAt} > ${hourAgo}::timestamptz and ${sameSender}) as sender`)
  const [row] = rowsOf<ContextRow>(result)
  const standing = new Map((row?.standing ?? []).map((entry) => [entry.subject, entry]))
  return {
    repostOf: row?.repost_of ?? null,
    activity: {
      latest: row?.latest ? new Date(row.latest) : null,
      lastHour: Number(row?.last_hour ?? 0),
    },
    facts: {
      email: history(standing.get(`e:${emailHash}`)),
      authorHost: history(standing.get(`h:${submission.authorUrlHost}`)),
      ip: history(standing.get(`i:${ipHash}`)),
      duplicates: { identical: Number(row?.identical ?? 0), similar: Number(row?.similar ?? 0) },
    },
  }
}

/**
 * How many of the site's latest comments within the window have a text at least 80 % similar by trigrams, but
 * not identical, estimated from the two texts' sketches (the share of the 64 bins either fills that hold the
 * same value; src/spam/sketch.ts). Rows sharing no band with the new text are passed over first, in C, so the
 * bin-by-bin comparison runs for near-duplicates only. Only the latest `NEAR_DUPLICATE_CANDIDATES` are compared:
 * a campaign's copies arrive together, and the comparison stays a bounded scan of `comments_recent_idx`.
 */
function similarCount(siteId: string, sketch: NearDuplicateSketch, contentHash: string, windowStart: string) {
  const c = comments
  return sql`(select count(*) from (
      select ${c.nearDuplicateSketch} as bins, ${c.nearDuplicateBands} as bands, ${c.contentHash} as content_hash
      from ${c} where ${c.siteId} = ${siteId} and ${c.createdAt} > ${windowStart}::timestamptz
      order by ${c.createdAt} desc limit ${NEAR_DUPLICATE_CANDIDATES}) as latest
    where latest.content_hash <> ${contentHash}
      and latest.bands && ${integerArray(sketch.bands)}::integer[]
      and (select count(*) filter (where bin.theirs = bin.ours and bin.ours >= 0)::real
          / nullif(count(*) filter (where bin.theirs >= 0 or bin.ours >= 0), 0)
        from unnest(latest.bins, ${integerArray(sketch.bins)}::integer[]) as bin(theirs, ours))
        >= ${NEAR_DUPLICATE_SIMILARITY})`
}
