import { integerArray, textArray } from '../db/array-literals.js'
import type { Database } from '../db/client.js'
import type { CommentRow, CommentStatus } from '../db/schema.js'
import { runStatement } from '../db/statement.js'
import { decisionEventType, webhookCommentView } from '../webhooks/events.js'
import { outboxClauses, outboxEventOf } from '../webhooks/outbox.js'
import { identityCountedAfter, type LearningChange, movesAsRows, reputationMoves } from './learning.js'

/**
 * A decision in one statement, on the condition that the comment is still at the version it was read at (`$7`):
 * the new status, what the model learns (per token and in total, for the site and the server), the sender's
 * reputation, the audit row and the webhook outbox rows. Every part reads `updated`, so when another decision got
 * there first nothing at all is written, and the caller reads the comment again. One round trip, atomic as a
 * transaction, with no row lock held across round trips.
 *
 * Each corpus moves by its own deltas (learning.ts: the server's only by what the comment taught it), and a
 * token's counts by its own (a reversal moves it out of one class and into the other). A row that exists takes
 * the delta as is (`excluded`); one that does not is created with the delta's positive part, since there is
 * nothing to unlearn from it. The same holds for a corpus's message totals.
 */
const APPLY = `
  with updated as (
    update comments set status = $3::comment_status, version = version + 1, updated_at = $4::timestamptz,
      decided_at = $4::timestamptz, learned_as = $5, learned_tokens = $6::text[],
      learned_in_server_corpus = $25::boolean, identity_counted = $26::boolean
    -- An erasure moves the version on too; this says why a decision can never land on what it left.
    where id = $1::uuid and site_id = $2 and version = $7 and erased_at is null
    returning id),
  corpora as (
    select site_id, spam_messages, ham_messages, n
    from unnest($8::text[], $12::integer[], $13::integer[])
      with ordinality as corpus(site_id, spam_messages, ham_messages, n)),
  token_counts as (
    insert into bayes_tokens (site_id, token, spam, ham)
    select corpora.site_id, delta.token,
      case when known.token is null then greatest(delta.spam, 0) else delta.spam end,
      case when known.token is null then greatest(delta.ham, 0) else delta.ham end
    from updated
      cross join unnest($24::integer[], $9::text[], $10::integer[], $11::integer[])
        with ordinality as delta(corpus_n, token, spam, ham, m)
      join corpora on corpora.n = delta.corpus_n
      left join bayes_tokens as known on known.site_id = corpora.site_id and known.token = delta.token
    -- In one order for every decision, so two of them touching the same tokens cannot deadlock.
    order by corpora.n, delta.m
    on conflict (site_id, token) do update set
      spam = greatest(0, bayes_tokens.spam + excluded.spam),
      ham = greatest(0, bayes_tokens.ham + excluded.ham)),
  corpus_counts as (
    -- A new revision tells every process holding counts of the corpus in memory that they no longer hold.
    insert into bayes_corpora (site_id, spam_messages, ham_messages, revision)
    select corpora.site_id,
      case when known.site_id is null then greatest(corpora.spam_messages, 0) else corpora.spam_messages end,
      case when known.site_id is null then greatest(corpora.ham_messages, 0) else corpora.ham_messages end, 1
    from updated cross join corpora
      left join bayes_corpora as known on known.site_id = corpora.site_id
    where corpora.spam_messages <> 0 or corpora.ham_messages <> 0
    order by corpora.n
    on conflict (site_id) do update set
      spam_messages = greatest(0, bayes_corpora.spam_messages + excluded.spam_messages),
      ham_messages = greatest(0, bayes_corpora.ham_messages + excluded.ham_messages),
      revision = bayes_corpora.revision + 1),
  moves as (
    select subject, approved, spam, n
    from unnest($14::text[], $15::integer[], $16::integer[]) with ordinality as move(subject, approved, spam, n)),
  standing as (
    -- Each row by its own move (learning.ts, reputationMoves), in sorted order like every writer of them. A row
    -- that exists takes the move as is, one that does not only its positive part. Which of the two is decided by
    -- the conflict, not by this statement's snapshot: a row an erasure deleted since then is created, not added to.
    insert into reputation (site_id, subject, approved, spam)
    select $2, moves.subject, greatest(moves.approved, 0), greatest(moves.spam, 0)
    from updated cross join moves
    order by moves.n
    on conflict (site_id, subject) do update set
      approved = greatest(0, reputation.approved
        + (select moves.approved from moves where moves.subject = excluded.subject)),
      spam = greatest(0, reputation.spam + (select moves.spam from moves where moves.subject = excluded.subject))),
  audit as (
    insert into moderation_events (site_id, comment_id, actor, action, from_status, to_status, reason, created_at)
    select $2, updated.id, $17, $18, $19::comment_status, $3::comment_status, $20, $4::timestamptz from updated),
  ${outboxClauses({
    siteId: '$2',
    type: '$21::text',
    eventId: '$22',
    payload: '$23',
    now: '$4',
    endpointId: 'null',
    onlyIf: 'exists (select from updated)',
  })}
  select (select count(*) from updated) as updated, (select count(*) from outbox_deliveries) as deliveries`

export type DecisionToApply = {
  /** The comment as it was read, and the status it is to take. */
  current: CommentRow
  to: Exclude<CommentStatus, 'pending'>
  /** What the model learns, or null when it already holds the comment under the right label. */
  learning: LearningChange | null
  now: Date
  actor: string | null
  /** How the audit trail names it. */
  action: string
  reason: string | null
}

/**
 * Applies a decision: the comment as it now stands and the number of webhook deliveries queued, or null when the
 * comment moved on since it was read.
 */
export async function applyDecision(
  db: Database,
  decision: DecisionToApply,
): Promise<{ comment: CommentRow; deliveries: number } | null> {
  const { current, to, learning, now } = decision
  const updated: CommentRow = {
    ...current,
    status: to,
    identityCounted: identityCountedAfter(current, to),
    version: current.version + 1,
    updatedAt: now,
    decidedAt: now,
    ...(learning
      ? {
          learnedAs: learning.learnedAs,
          learnedTokens: learning.learnedTokens,
          learnedInServerCorpus: learning.learnedInServerCorpus,
        }
      : {}),
  }
  const reputation = reputationMoves(current, to)
  const moves = movesAsRows(learning?.corpora ?? [])
  const event = outboxEventOf(
    decisionEventType[to],
    {
      siteId: current.siteId,
      comment: webhookCommentView(updated),
      previousStatus: current.status,
      actor: decision.actor,
      ...(to === 'spam' ? { reasons: updated.reasons } : {}),
    },
    now,
  )
  const [row] = await runStatement<{ updated: number | string; deliveries: number | string }>(db, APPLY, [
    current.id,
    current.siteId,
    to,
    now.toISOString(),
    updated.learnedAs,
    updated.learnedTokens === null ? null : textArray(updated.learnedTokens),
    current.version,
    textArray(moves.corpora),
    textArray(moves.tokens),
    integerArray(moves.spam),
    integerArray(moves.ham),
    integerArray(moves.spamMessages),
    integerArray(moves.hamMessages),
    textArray(reputation.map((move) => move.subject)),
    integerArray(reputation.map((move) => move.approved)),
    integerArray(reputation.map((move) => move.spam)),
    decision.actor,
    decision.action,
    current.status,
    decision.reason,
    decisionEventType[to],
    event.eventId,
    event.payload,
    integerArray(moves.corpusOf),
    updated.learnedInServerCorpus,
    updated.identityCounted,
  ])
  return Number(row?.updated ?? 0) === 1
    ? { comment: updated, deliveries: Number(row?.deliveries ?? 0) }
    : null
}
