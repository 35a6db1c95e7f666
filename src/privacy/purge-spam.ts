import { and, eq, type SQL, sql } from 'drizzle-orm'
import type { Clock } from '../clock.js'
import { textArray } from '../db/array-literals.js'
import { type Database, rowsOf, type Transaction } from '../db/client.js'
import { comments } from '../db/schema.js'
import { enqueueEvents } from '../webhooks/outbox.js'
import { anonymisedComment, erasedEvent, forgetTracesOf } from './anonymise.js'
import { dropEmptyRowsNamedBy } from './forget-learning.js'
import type { Cutoffs } from './retention.js'

/**
 * Deletes the site's spam and rejected comments past their retention, or empties those that replies staying
 * still answer. Newest first, a batch per transaction: the replies to a comment are normally newer than it, so
 * they have been deleted, or kept as placeholders, by the time its batch asks what still answers it, and it is
 * kept exactly when one transaction over them all would keep it. (A reply dated before what it answers, by a
 * process whose clock runs behind, at worst leaves a placeholder that nothing answers: the next run deletes it.)
 * Each batch reads its comments where the last one stopped: the ids of every expired comment, read at once, took
 * some 100 MB per million waiting (a first run, or a site flooded by spam).
 */
export async function purgeSpam(
  db: Database,
  clock: Clock,
  siteId: string,
  { spam, batchSize, stopped }: Cutoffs,
  sharedLearning: boolean,
) {
  // Written before it was decided, a comment decided before the cutoff was created before it too: said so, the
  // walk down the queue index starts at the cutoff instead of reading every comment still kept to reach it.
  const expiredReply = sql`reply.status in ('spam', 'rejected') and reply.created_at < ${spam}::timestamptz
    and coalesce(reply.decided_at, reply.created_at) < ${spam}::timestamptz`
  // A placeholder a reply that stays still answers is left as it is: read and locked again each run, those
  // kept since the first run grew without end. One whose replies all go (or are gone) goes with them. Asked of
  // placeholders alone, by the parent index, a row at a time (a scalar subquery: an EXISTS could be planned as
  // one read of the whole table, hashed).
  const expired = sql`status in ('spam', 'rejected') and created_at < ${spam}::timestamptz
    and coalesce(decided_at, created_at) < ${spam}::timestamptz
    and (erased_at is null or (
      select 1 from comments reply
      where reply.site_id = ${siteId} and reply.parent_id = comments.id and not (${expiredReply})
      limit 1) is null)`
  let deleted = 0
  let anonymised = 0
  let before: Position | null = null
  while (!stopped()) {
    const done: SpamBatch = await db.transaction((tx) =>
      purgeSpamBatch(tx, clock, siteId, expired, { before, batchSize, sharedLearning }),
    )
    deleted += done.deleted
    anonymised += done.anonymised
    if (!done.next) break
    before = done.next
  }
  return { deleted, anonymised }
}

/** Where a batch stopped, its creation date as text: a JavaScript date would drop the microseconds. */
type Position = { createdAt: string; id: string }
type SpamBatch = { deleted: number; anonymised: number; next: Position | null }

async function purgeSpamBatch(
  tx: Transaction,
  clock: Clock,
  id: string,
  expired: SQL,
  {
    before,
    batchSize,
    sharedLearning,
  }: { before: Position | null; batchSize: number; sharedLearning: boolean },
): Promise<SpamBatch> {
  const from = before
    ? sql`and (created_at, id) < (${before.createdAt}::timestamptz, ${before.id}::uuid)`
    : sql``
  // One walk down the site's queue index per status, merged: each stops after a batch, where a single scan for
  // both statuses read every spam and rejected comment of the site, and sorted them, for each batch.
  const newest = (status: string) => sql`(
    select id, created_at from comments
    where site_id = ${id} and status = ${status} and ${expired} ${from}
    order by created_at desc, id desc limit ${batchSize})`
  const found = rowsOf<{ id: string; position: string }>(
    await tx.execute(sql`
      select id, to_json(created_at) #>> '{}' as position
      from (${newest('spam')} union all ${newest('rejected')}) as newest
      order by created_at desc, id desc limit ${batchSize}`),
  )
  const last = found.at(-1)
  // A short batch was the last: what turned expired since waits for the next run.
  const next = last && found.length === batchSize ? { createdAt: last.position, id: last.id } : null
  const done = await purgeFound(
    tx,
    clock,
    id,
    found.map((row) => row.id),
    expired,
    sharedLearning,
  )
  return { ...done, next }
}

async function purgeFound(
  tx: Transaction,
  clock: Clock,
  id: string,
  batch: string[],
  expired: SQL,
  sharedLearning: boolean,
) {
  if (batch.length === 0) return { deleted: 0, anonymised: 0 }
  // Locked first, in one order (the erasure's), so that a decision or a reply committing meanwhile is waited
  // for and seen by what follows: otherwise a comment approved between the read and the writes would be emptied
  // all the same, and a reply stored between them would lose what it answers (the foreign key sets it to null).
  // Whether each is still expired is asked again once it is locked.
  const locked = rowsOf<Locked>(
    await tx.execute(sql`
      select id, article_id, parent_id, version from comments
      where site_id = ${id} and id = any(${textArray(batch)}::uuid[]) and ${expired}
      order by id for update`),
  )
  if (locked.length === 0) return { deleted: 0, anonymised: 0 }
  const expiredIds = sql`${textArray(locked.map((row) => row.id))}::uuid[]`
  // Every one locked is deleted or emptied, its record of what it taught going with it.
  await tx.execute(recordPurgedLessons(id, expiredIds, sharedLearning))
  // A rejected comment holds no count, but an approval reversed into its rejection left rows at zero naming
  // its words: read before its text goes, they are deleted once every comment is locked (forget-learning.ts).
  const rejected = await tx
    .select()
    .from(comments)
    .where(sql`site_id = ${id} and id = any(${expiredIds}) and status = 'rejected' and erased_at is null`)
  // A reply that stays (approved, pending, decided too recently, or a placeholder itself) keeps what it answers,
  // up to the root: deleting them would cut it loose from its thread. They stay as placeholders, as after an
  // erasure. Each step goes up one level by the primary key, so a deep thread costs its depth, not its depth
  // times the number of expired comments.
  const holding = rowsOf<{ id: string; erased: boolean }>(
    await tx.execute(sql`
      with recursive holding(id) as (
        select reply.parent_id from comments reply
        where reply.site_id = ${id} and reply.parent_id = any(${expiredIds})
          and not (reply.id = any(${expiredIds}))
        union
        select parent.parent_id from holding join comments parent using (id)
        where parent.site_id = ${id} and parent.parent_id = any(${expiredIds}))
      select holding.id, comments.erased_at is not null as erased from holding join comments using (id)`),
  )
  const holdingIds = textArray(holding.map((row) => row.id))
  const toAnonymise = holding.filter((row) => !row.erased).map((row) => row.id)
  if (toAnonymise.length > 0)
    await tx
      .update(comments)
      .set(anonymisedComment(clock.now()))
      .where(and(eq(comments.siteId, id), sql`${comments.id} = any(${textArray(toAnonymise)}::uuid[])`))
  const deleted = rowsOf<{ id: string }>(
    await tx.execute(sql`
      delete from comments
      where site_id = ${id} and id = any(${expiredIds}) and not (id = any(${holdingIds}::uuid[]))
      returning id`),
  ).map((row) => row.id)
  await announceErasures(tx, clock, id, locked, { deleted, anonymised: toAnonymise })
  // Once they are gone or emptied, no erasure can find what else speaks of their authors.
  await forgetTracesOf(tx, id, [...deleted, ...toAnonymise])
  if (rejected.length > 0) await dropEmptyRowsNamedBy(tx, new Map([[id, rejected]]))
  return { deleted: deleted.length, anonymised: toAnonymise.length }
}

type Locked = { id: string; article_id: string; parent_id: string | null; version: number }

/**
 * A `comment.erased` event for each comment deleted or emptied, to the endpoints that are sent comments: a
 * receiver that kept one (from its comment.created or comment.rejected) hears that it is gone, as after a
 * reader's erasure (erasedEvent), with no actor. Queued before the earlier events go, in the order an erasure takes its locks
 * (the site's endpoints, then the deliveries of those events: src/privacy/data-subject.ts). The dispatchers find
 * them at their next look, within seconds: nothing here can ring the outbox bell after the commit.
 */
async function announceErasures(
  tx: Transaction,
  clock: Clock,
  siteId: string,
  locked: readonly Locked[],
  { deleted, anonymised }: { deleted: readonly string[]; anonymised: readonly string[] },
) {
  const modes = new Map<string, 'deleted' | 'anonymised'>([
    ...deleted.map((id) => [id, 'deleted'] as const),
    ...anonymised.map((id) => [id, 'anonymised'] as const),
  ])
  await enqueueEvents(tx, {
    siteId,
    type: 'comment.erased',
    data: locked.flatMap((row) => {
      const mode = modes.get(row.id)
      if (!mode) return []
      const comment = { id: row.id, articleId: row.article_id, parentId: row.parent_id, version: row.version }
      return [erasedEvent(siteId, comment, mode, null)]
    }),
    now: clock.now(),
  })
}

/**
 * Adds what the comments taught the server's corpus to the site's purged lessons (counted as learning counts:
 * each comment's tokens once; the totals under the empty token), so that deleting the site can still take it
 * back. A comment learned before the choice was recorded taught it when sharing is on, as reversals take it.
 */
function recordPurgedLessons(siteId: string, ids: SQL, sharedLearning: boolean): SQL {
  return sql`
    insert into purged_server_lessons (site_id, token, spam, ham)
    select ${siteId}, coalesce(named.token, ''),
      count(*) filter (where learned_as = 'spam'), count(*) filter (where learned_as = 'ham')
    from comments
      cross join lateral (
        (select distinct token from unnest(learned_tokens) as token) union all (select null)) as named
    where site_id = ${siteId} and id = any(${ids}) and learned_as is not null
      and coalesce(learned_in_server_corpus, ${sharedLearning}::boolean)
    group by named.token
    on conflict (site_id, token) do update
      set spam = purged_server_lessons.spam + excluded.spam, ham = purged_server_lessons.ham + excluded.ham`
}
