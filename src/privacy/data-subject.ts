import { and, asc, eq, sql } from 'drizzle-orm'
import type { Config } from '../config.js'
import { textArray } from '../db/array-literals.js'
import { type Database, rowsOf } from '../db/client.js'
import { type CommentRow, comments, erasedAuthors, moderationEvents, reputation } from '../db/schema.js'
import { eventView, moderatorCommentView } from '../moderation/comment-view.js'
import type { IdentityHasher } from '../moderation/identity-hasher.js'
import { emailSubjects, reputationSubjects } from '../moderation/learning.js'
import { enqueueEvents } from '../webhooks/outbox.js'
import type { ChangeDeps } from '../webhooks/outbox-bell.js'
import { anonymisedComment, erasedEvent, forgetTracesOf } from './anonymise.js'
import { forgetLearning, takeBackStanding } from './forget-learning.js'

/** More comments than one person could write by hand: past it, the export says it is cut short. */
const EXPORT_LIMIT = 10_000
/** The comments written with any spelling of the address (`IdentityHasher.emailSpellings`). */
const byAuthor = (siteId: string, emailHashes: readonly string[]) =>
  and(eq(comments.siteId, siteId), sql`${comments.authorEmailHash} = any(${textArray(emailHashes)}::text[])`)

/**
 * What the site's Vigil holds about one e-mail address: the comments written with it as a moderator sees them
 * (IP included while it is kept), their moderation history, the reputation counted for the address, and when
 * its data was last erased.
 */
export async function exportSubject(db: Database, hasher: IdentityHasher, siteId: string, email: string) {
  const emailHashes = await hasher.emailSpellings(email)
  const rows = await db
    .select()
    .from(comments)
    .where(byAuthor(siteId, emailHashes))
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .limit(EXPORT_LIMIT + 1)
  const shown = rows.slice(0, EXPORT_LIMIT)
  const ids = shown.map((row) => row.id)
  const history =
    ids.length === 0
      ? []
      : await db
          .select()
          .from(moderationEvents)
          // One array parameter: as many as 10 000 ids, and one statement text whatever their number.
          .where(
            and(
              eq(moderationEvents.siteId, siteId),
              sql`${moderationEvents.commentId} = any(${textArray(ids)}::uuid[])`,
            ),
          )
          .orderBy(asc(moderationEvents.id))
  // Grouped once: a prolific writer's 10 000 comments, each looking through every event, took seconds.
  const historyOf = new Map<string, typeof history>()
  for (const event of history) {
    const events = historyOf.get(event.commentId)
    if (events) events.push(event)
    else historyOf.set(event.commentId, [event])
  }
  // Every count their comments take part in: the address's, and its website host's and IPs' (keyed hashes).
  const subjects = [...new Set([...emailSubjects(emailHashes), ...shown.flatMap(reputationSubjects)])].sort()
  const standings = await db
    .select({ subject: reputation.subject, approved: reputation.approved, spam: reputation.spam })
    .from(reputation)
    .where(
      and(eq(reputation.siteId, siteId), sql`${reputation.subject} = any(${textArray(subjects)}::text[])`),
    )
    .orderBy(asc(reputation.subject))
  // The address's count under each spelling it was stored in, added up.
  const spelt = new Set(emailSubjects(emailHashes))
  const own = standings
    .filter((row) => spelt.has(row.subject))
    .reduce((sum, row) => ({ approved: sum.approved + row.approved, spam: sum.spam + row.spam }), {
      approved: 0,
      spam: 0,
    })
  // The webhook events still carrying their comments (the log keeps them WEBHOOK_LOG_RETENTION_DAYS).
  const events =
    ids.length === 0
      ? []
      : rowsOf<{ id: string; type: string; created_at: string; comment_id: string }>(
          await db.execute(sql`
            select id, type, to_json(created_at) #>> '{}' as created_at, payload->'data'->'comment'->>'id' as comment_id
            from webhook_events
            where site_id = ${siteId} and payload->'data'->'comment'->>'id' = any(${textArray(ids)}::text[])
            order by created_at, id`),
        )
  // Kept once the address was erased, so that reports of its comments are not stored again.
  const [erasure] = await db
    .select({ erasedAt: erasedAuthors.erasedAt })
    .from(erasedAuthors)
    .where(and(eq(erasedAuthors.siteId, siteId), eq(erasedAuthors.emailHash, emailHashes[0] as string)))
  return {
    email,
    erasedAt: erasure?.erasedAt.toISOString() ?? null,
    comments: shown.map((row) => ({
      ...moderatorCommentView(row),
      erasedAt: row.erasedAt?.toISOString() ?? null,
      history: (historyOf.get(row.id) ?? []).map(eventView),
      // What else the row holds that a moderator's view leaves out. Keyed hashes and the near-duplicate sketch,
      // meaningless without this instance's secret, are not shown.
      stored: {
        articleLanguage: row.articleLanguage,
        authorUrlHost: row.authorUrlHost,
        facts: row.facts,
        learnedAs: row.learnedAs,
        learnedTokens: row.learnedTokens,
      },
    })),
    truncated: rows.length > EXPORT_LIMIT,
    reputation: own,
    standing: standings,
    webhookEvents: events.map((event) => ({
      id: event.id,
      type: event.type,
      commentId: event.comment_id,
      createdAt: new Date(event.created_at).toISOString(),
    })),
  }
}

export type ErasureReport = { deleted: string[]; anonymised: string[] }

/**
 * Erases one person's data on a site, in one transaction: their comments are deleted, or anonymised (author,
 * e-mail, URL, IP, user agent, text, content hash, learned tokens and the details of the reasons removed) where
 * replies hang from them; what the model and the reputation counts learned from them is unlearned; the reputation
 * kept for their e-mail and IPs goes; the webhook events that carried their comments are deleted; each comment
 * leaves an audit row without personal data and a `comment.erased` event. An anonymised comment can no longer be
 * decided (src/moderation/decisions.ts). The address's keyed hash is kept as erased (`erasedAuthors`), so that
 * reports of its comments are not stored again.
 */
export async function eraseSubject(
  { db, clock, outbox, config }: ChangeDeps & { config: Pick<Config, 'sharedLearning'> },
  hasher: IdentityHasher,
  input: { siteId: string; email: string; actor: string | null },
): Promise<ErasureReport> {
  const emailHashes = await hasher.emailSpellings(input.email)
  const now = clock.now()
  const { siteId } = input
  const { report, queued } = await db.transaction(async (tx) => {
    // Locked in id order, as the retention purge locks expired comments: the two meeting on one person's comments
    // queue instead of deadlocking.
    const written = await tx
      .select()
      .from(comments)
      .where(byAuthor(siteId, emailHashes))
      .orderBy(asc(comments.id))
      .for('update')
    // Kept even when nothing is found: the site's Akismet client may still report the comments it holds. Under
    // the canonical spelling's hash (`emailSpellings` gives it first), as intake hashes the address of a report.
    await tx
      .insert(erasedAuthors)
      .values({ siteId, emailHash: emailHashes[0] as string, erasedAt: now })
      .onConflictDoUpdate({
        target: [erasedAuthors.siteId, erasedAuthors.emailHash],
        set: { erasedAt: now },
      })
    if (written.length === 0) {
      // Its comments may be gone already (the retention purge): the reputation kept for the address is not.
      await tx
        .delete(reputation)
        .where(
          and(
            eq(reputation.siteId, siteId),
            sql`${reputation.subject} = any(${textArray(emailSubjects(emailHashes))}::text[])`,
          ),
        )
      return { report: { deleted: [], anonymised: [] }, queued: 0 }
    }
    const ids = written.map((row) => row.id)
    // Every list is bound as one array parameter: a statement takes at most 65 535 parameters, and a reader who
    // commented for years on a busy site can have written more comments than that allows (an audit row takes 8).
    const idList = sql`${textArray(ids)}::uuid[]`
    const repliedTo = new Set(
      (
        await tx
          .select({ parentId: comments.parentId })
          .from(comments)
          .where(
            and(
              eq(comments.siteId, siteId),
              sql`${comments.parentId} = any(${idList})`,
              sql`not (${comments.id} = any(${idList}))`,
            ),
          )
      ).map((row) => row.parentId),
    )
    // Only replies by others keep a comment (anonymised): the person's own replies go with it, unless one is kept
    // itself, in which case what it answers stays too (deleting it would cut the kept reply loose from its thread).
    const kept = new Set(written.filter((row) => repliedTo.has(row.id)).map((row) => row.id))
    const parentOf = new Map(written.map((row) => [row.id, row.parentId]))
    for (const id of [...kept]) {
      for (let parent = parentOf.get(id); parent && parentOf.has(parent) && !kept.has(parent); ) {
        kept.add(parent)
        parent = parentOf.get(parent)
      }
    }
    const anonymised = ids.filter((id) => kept.has(id))
    const deleted = ids.filter((id) => !kept.has(id))

    // Locks in the order decisions and intake take them (comments, reputation rows by sorted subject, then the
    // learned counts), so that an erasure and a decision or a new comment sharing an e-mail, a host or an IP
    // cannot deadlock: every reputation row it changes is locked at once, before any is changed.
    const subjects = [...emailSubjects(emailHashes), ...ipSubjects(written)]
    const touched = [...new Set([...subjects, ...written.flatMap(reputationSubjects)])].sort()
    await tx.execute(sql`
      select from reputation where site_id = ${siteId} and subject = any(${textArray(touched)}::text[])
      order by subject for update`)
    await takeBackStanding(tx, siteId, written)
    await tx
      .delete(reputation)
      .where(
        and(eq(reputation.siteId, siteId), sql`${reputation.subject} = any(${textArray(subjects)}::text[])`),
      )
    if (anonymised.length > 0) {
      await tx
        .update(comments)
        .set({
          ...anonymisedComment(now),
          // Held for moderation, it has nothing left to decide (a decision is refused: comment-erased) and would
          // stay in the queue for good: it leaves it rejected, and retention deletes it once no reply holds it.
          status: sql`case when ${comments.status} = 'pending' then 'rejected'::comment_status
            else ${comments.status} end`,
          decidedAt: sql`case when ${comments.status} = 'pending' then ${now.toISOString()}::timestamptz
            else ${comments.decidedAt} end`,
        })
        .where(and(eq(comments.siteId, siteId), sql`${comments.id} = any(${textArray(anonymised)}::uuid[])`))
    }
    if (deleted.length > 0)
      await tx
        .delete(comments)
        .where(and(eq(comments.siteId, siteId), sql`${comments.id} = any(${textArray(deleted)}::uuid[])`))

    // Before the earlier events go: queueing locks the site's endpoints, and a delivery's outcome is recorded
    // endpoint first, then delivery (src/webhooks/delivery-store.ts), so deleting the deliveries of those events
    // first could deadlock with it. (These events name the comment as `erased`, which forgetTracesOf leaves.)
    const queued = await enqueueEvents(tx, {
      siteId,
      type: 'comment.erased',
      data: written.map((row) =>
        erasedEvent(siteId, row, kept.has(row.id) ? 'anonymised' : 'deleted', input.actor),
      ),
      now,
    })
    await forgetTracesOf(tx, siteId, ids)
    await tx.execute(sql`
      insert into moderation_events (site_id, comment_id, actor, action, from_status, to_status, reason, created_at)
      select ${siteId}, erased.id, ${input.actor}, 'erase', erased.status::comment_status,
        case when erased.anonymised and erased.status = 'pending' then 'rejected'
          else erased.status end::comment_status,
        case when erased.anonymised then 'anonymised: replies depend on it' else 'deleted' end,
        ${now.toISOString()}::timestamptz
      from unnest(${idList}, ${textArray(written.map((row) => row.status))}::text[],
        ${`{${written.map((row) => kept.has(row.id)).join(',')}}`}::boolean[])
        with ordinality as erased(id, status, anonymised, n)
      order by erased.n
    `)
    // Last: the server's corpus row is every site's decisions' too, and is held from here to the commit.
    await forgetLearning(tx, siteId, written, config.sharedLearning)
    return { report: { deleted, anonymised }, queued }
  })
  if (queued > 0) outbox.ring()
  return report
}

const ipSubjects = (rows: CommentRow[]) => [
  ...new Set(rows.flatMap((row) => (row.ipHash ? [`i:${row.ipHash}`] : []))),
]
