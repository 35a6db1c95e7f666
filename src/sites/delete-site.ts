import { getTableColumns, type SQL, sql } from 'drizzle-orm'
import type { Database, Transaction } from '../db/client.js'
import { type CommentRow, comments } from '../db/schema.js'
import { runStatement } from '../db/statement.js'
import { anyCause, notFound } from '../errors.js'
import { type CorpusMove, SERVER_CORPUS, sumMoves } from '../moderation/learning.js'
import { learningTokensOf } from '../moderation/scoring-input.js'
import { dropEmptyRows, unlearnMoves } from '../privacy/forget-learning.js'
import { announceChange, type Directory } from './directory.js'

/**
 * Deletes the site's comments, and sums what those the server's corpus learned taught it, per token (each
 * comment's tokens once, as learning counts them) and as message totals (the row whose token is null). Rows
 * learned before the choice was recorded are taken to have taught it when sharing is on ($2), as reversals take
 * them (learning.ts).
 */
const DELETE_COMMENTS = `
  with gone as (
    delete from comments where site_id = $1
    returning learned_as, learned_tokens, coalesce(learned_in_server_corpus, $2::boolean) as taught_server),
  taught as (select learned_as, learned_tokens from gone where learned_as is not null and taught_server)
  select null as token,
    (count(*) filter (where learned_as = 'spam'))::integer as spam,
    (count(*) filter (where learned_as = 'ham'))::integer as ham,
    (select count(*) from gone)::integer as comments
  from taught
  union all
  select token,
    (count(*) filter (where learned_as = 'spam'))::integer,
    (count(*) filter (where learned_as = 'ham'))::integer,
    0
  from taught cross join lateral (select distinct token from unnest(learned_tokens) as token) as named
  group by token`

/** What the site's purged comments taught the server's corpus, as DELETE_COMMENTS sums it. */
const DELETE_PURGED_LESSONS = `
  delete from purged_server_lessons where site_id = $1
  returning nullif(token, '') as token, spam, ham, 0 as comments`

type TaughtRow = { token: string | null; spam: number; ham: number; comments: number }

/** Tries a deletion rolled back by a deadlock or a serialisation failure gets: each is over in a moment. */
const ATTEMPTS = 3
/**
 * Rolled back by a deadlock or serialisation failure. Not a lock or statement timeout: tried again, a deletion
 * that outlasts the operator's timeout would only outlast it again, having done all its work for nothing.
 */
const isRolledBackByConflict = (error: unknown) =>
  anyCause(error, ({ code }) => code === '40P01' || code === '40001')

/** What the deletion took away, for the log. */
export type DeletedSite = { comments: number; unlearnedFromServer: { spam: number; ham: number } }

/**
 * Deletes a site and everything Vigil holds of it, in one transaction: its comments with their audit trail,
 * reputation, keys, webhook endpoints, events and deliveries, its learned counts, and what its comments taught
 * the server's corpus (`sharedLearning`: SHARED_LEARNING), those still stored and those the retention purge
 * removed, which other sites' verdicts would otherwise go on drawing from its readers' words. Every process
 * forgets the site and its keys when this commits.
 *
 * The comments are deleted first, without the site's row, so a decision holding its comment can finish; then the
 * webhook endpoints, before their deliveries, as the dispatcher locks them; then the site's row, which stops
 * intake, and the comments that came in meanwhile. A request for the site still running then can deadlock with
 * it (intake or a decision locks the site's row last, through its foreign key): whichever PostgreSQL rolls back
 * is tried again, the request by its client (503), the deletion here.
 */
export async function deleteSite(
  db: Database,
  directory: Pick<Directory, 'forget'>,
  siteId: string,
  sharedLearning: boolean,
): Promise<DeletedSite> {
  for (let attempt = 1; ; attempt++) {
    try {
      const deleted = await db.transaction((tx) => deleteWithin(tx, siteId, sharedLearning))
      directory.forget('*')
      return deleted
    } catch (error) {
      if (attempt === ATTEMPTS || !isRolledBackByConflict(error)) throw error
    }
  }
}

async function deleteWithin(tx: Transaction, siteId: string, sharedLearning: boolean): Promise<DeletedSite> {
  const reversedWords = await wordsOfReversedApprovals(tx, siteId)
  const taught = await runStatement<TaughtRow>(tx, DELETE_COMMENTS, [siteId, sharedLearning])
  await runStatement(tx, 'delete from webhook_endpoints where site_id = $1', [siteId])
  const [site] = await runStatement<{ id: string }>(tx, 'select id from sites where id = $1 for update', [
    siteId,
  ])
  if (!site) throw notFound('The site')
  taught.push(...(await runStatement<TaughtRow>(tx, DELETE_COMMENTS, [siteId, sharedLearning])))
  taught.push(...(await runStatement<TaughtRow>(tx, DELETE_PURGED_LESSONS, [siteId])))
  // The rest goes with the site's row: keys, reputation, the audit trail, webhook events.
  await runStatement(tx, 'delete from sites where id = $1', [siteId])

  const serverMove = sumMoves(taught.map(asServerMove))
  await unlearnMoves(tx, serverMove)
  // A count at zero says nothing but still names the word.
  await dropEmptyRows(
    tx,
    new Map([[SERVER_CORPUS, new Set([...(serverMove[0]?.tokens ?? []), ...reversedWords])]]),
  )
  await runStatement(tx, 'delete from bayes_tokens where site_id = $1', [siteId])
  // The corpus row stays, emptied: its revision goes on rising, so a process holding counts read under an earlier
  // one never takes them for those of a site later created under the same id.
  await runStatement(
    tx,
    `update bayes_corpora set spam_messages = 0, ham_messages = 0, revision = revision + 1 where site_id = $1`,
    [siteId],
  )
  // The keys' ids are not at hand: every process forgets every site and key it holds, which a rare change affords.
  await announceChange(tx, '*')
  const totals = taught.filter((row) => row.token === null)
  const sum = (count: (row: TaughtRow) => number) => totals.reduce((total, row) => total + count(row), 0)
  return {
    comments: sum((row) => row.comments),
    unlearnedFromServer: { spam: sum((row) => row.spam), ham: sum((row) => row.ham) },
  }
}

/** Rejected comments tokenised at a time: their rows are read whole, and a site may hold a great many. */
const REVERSED_BATCH = 500

/**
 * The words of the site's comments a moderator approved or marked spam, then rejected: the reversal took their
 * counts back and left the rows at zero, in the server's corpus too, recording nothing on the comment. Read a
 * batch at a time down the queue index; each word once. (A reversal committing after this read leaves its rows.)
 */
async function wordsOfReversedApprovals(tx: Transaction, siteId: string): Promise<Set<string>> {
  const words = new Set<string>()
  // Where the last batch stopped, its creation date as text: a JavaScript date would drop the microseconds.
  let after: { position: string; id: string } | null = null
  for (;;) {
    const from: SQL = after
      ? sql`and (${comments.createdAt}, ${comments.id}) > (${after.position}::timestamptz, ${after.id}::uuid)`
      : sql``
    const batch: (CommentRow & { position: string })[] = await tx
      .select({
        ...getTableColumns(comments),
        position: sql<string>`to_json(${comments.createdAt}) #>> '{}'`,
      })
      .from(comments)
      .where(sql`${comments.siteId} = ${siteId} and ${comments.status} = 'rejected' ${from}
        and ${comments.erasedAt} is null and exists (
          select 1 from moderation_events as event
          where event.site_id = ${siteId} and event.comment_id = ${comments.id} and event.action <> 'submit'
            and event.to_status in ('approved', 'spam'))`)
      .orderBy(comments.createdAt, comments.id)
      .limit(REVERSED_BATCH)
    for (const row of batch) for (const word of learningTokensOf(row)) words.add(word)
    const last = batch.at(-1)
    if (!last || batch.length < REVERSED_BATCH) return words
    after = { position: last.position, id: last.id }
  }
}

/** A row of DELETE_COMMENTS as what the server's corpus gives back. */
function asServerMove(row: TaughtRow): CorpusMove {
  if (row.token === null) {
    return {
      corpus: SERVER_CORPUS,
      tokens: [],
      spam: [],
      ham: [],
      spamMessages: -row.spam,
      hamMessages: -row.ham,
    }
  }
  return {
    corpus: SERVER_CORPUS,
    tokens: [row.token],
    spam: [-row.spam],
    ham: [-row.ham],
    spamMessages: 0,
    hamMessages: 0,
  }
}
