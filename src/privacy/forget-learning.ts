import { integerArray, textArray } from '../db/array-literals.js'
import type { Transaction } from '../db/client.js'
import type { CommentRow } from '../db/schema.js'
import { runStatement } from '../db/statement.js'
import {
  type CorpusMove,
  movesAsRows,
  reputationMoves,
  reputationSubjects,
  SERVER_CORPUS,
  sumMoves,
  unlearningChange,
} from '../moderation/learning.js'
import { learningTokensOf } from '../moderation/scoring-input.js'

/**
 * Takes the learned counts back, as a reversed decision does (src/moderation/apply-decision.ts), but only from rows
 * that exist: a token nobody holds is not created at zero, since its name would be the person's word. The insert
 * always meets its row (which holds at least this comment's count, so nothing deletes it meanwhile) and takes the
 * negative move as is (`excluded`). Rows are written in the decisions' order (corpus, then sorted token), so an
 * erasure and a decision cannot deadlock. Each corpus moves by what the comments taught it (learning.ts).
 *   $1 corpora (sorted), $5 and $6 their message totals' moves; per (corpus, token) row: $7 its corpus's position
 *   in $1, $2 the token, $3 and $4 its spam and ham moves.
 */
const UNLEARN = `
  with corpora as (
    select site_id, spam_messages, ham_messages, n
    from unnest($1::text[], $5::integer[], $6::integer[])
      with ordinality as corpus(site_id, spam_messages, ham_messages, n)),
  token_counts as (
    insert into bayes_tokens (site_id, token, spam, ham)
    select corpora.site_id, delta.token, delta.spam, delta.ham
    from unnest($7::integer[], $2::text[], $3::integer[], $4::integer[])
        with ordinality as delta(corpus_n, token, spam, ham, m)
      join corpora on corpora.n = delta.corpus_n
      join bayes_tokens as known on known.site_id = corpora.site_id and known.token = delta.token
    order by corpora.n, delta.m
    on conflict (site_id, token) do update set
      spam = greatest(0, bayes_tokens.spam + excluded.spam),
      ham = greatest(0, bayes_tokens.ham + excluded.ham))
  -- A new revision tells every process holding counts of the corpus in memory that they no longer hold.
  insert into bayes_corpora (site_id, spam_messages, ham_messages, revision)
  select corpora.site_id, 0, 0, 1 from corpora
  where corpora.spam_messages <> 0 or corpora.ham_messages <> 0
  order by corpora.n
  on conflict (site_id) do update set
    spam_messages = greatest(0, bayes_corpora.spam_messages + (
      select moved.spam_messages from corpora as moved where moved.site_id = excluded.site_id)),
    ham_messages = greatest(0, bayes_corpora.ham_messages + (
      select moved.ham_messages from corpora as moved where moved.site_id = excluded.site_id)),
    revision = bayes_corpora.revision + 1`

/**
 * A count at zero says no more than a missing row (the classifier skips a token never seen), but it still names
 * the token: a name or a pair of words only this person wrote would outlive the erasure.
 */
/** The reputation of the subjects the erasure keeps (an author URL's host, which others may share), taken back. */
const TAKE_BACK_STANDING = `
  insert into reputation (site_id, subject, approved, spam)
  select $1, delta.subject, delta.approved, delta.spam
  from unnest($2::text[], $3::integer[], $4::integer[]) with ordinality as delta(subject, approved, spam, n)
    join reputation as known on known.site_id = $1 and known.subject = delta.subject
  order by delta.n
  on conflict (site_id, subject) do update set
    approved = greatest(0, reputation.approved + excluded.approved),
    spam = greatest(0, reputation.spam + excluded.spam)`

const DROP_EMPTY_STANDING = `
  delete from reputation where site_id = $1 and subject = any($2::text[]) and approved = 0 and spam = 0`

/**
 * Takes back, inside the erasure's transaction, what the model learned from `written` (rows read under lock,
 * before they are anonymised or deleted): each comment's learned tokens and message count, from the site's corpus
 * and the server's. Rows left at zero are deleted, among them any a reversed decision left at zero for the same
 * words earlier. The erasure's last writes: a decision locks its comment, then reputation, then the corpora, and
 * an erasure that took the corpora (the server's is every site's) before reputation could deadlock with one.
 */
export async function forgetLearning(
  tx: Transaction,
  siteId: string,
  written: readonly CommentRow[],
  /** SHARED_LEARNING: what comments learned before their corpora were recorded are taken to have taught. */
  shared: boolean,
) {
  const moves: CorpusMove[] = []
  for (const row of written) moves.push(...(unlearningChange(row, shared)?.corpora ?? []))
  await unlearnMoves(tx, sumMoves(moves))
  // Both corpora: a zero row says nothing, but still names the token, whoever left it at zero.
  await dropEmptyRowsNamedBy(tx, new Map([[siteId, written]]))
}

/**
 * Applies summed moves that take counts back (sumMoves: in the order decisions lock rows) to the rows that exist.
 * Rows left at zero stay for the caller to delete.
 */
export async function unlearnMoves(tx: Transaction, summed: readonly CorpusMove[]) {
  const rows = movesAsRows(summed)
  if (rows.corpora.length > 0) {
    await runStatement(tx, UNLEARN, [
      textArray(rows.corpora),
      textArray(rows.tokens),
      integerArray(rows.spam),
      integerArray(rows.ham),
      integerArray(rows.spamMessages),
      integerArray(rows.hamMessages),
      integerArray(rows.corpusOf),
    ])
  }
}

/**
 * Takes back what the statuses of `written` added to their author URL hosts' reputation (a host others may share,
 * so it is kept); the e-mail's and the IPs' rows are deleted whole by the caller, after these (rows in sorted
 * order, as decisions lock them).
 */
export async function takeBackStanding(tx: Transaction, siteId: string, written: readonly CommentRow[]) {
  const hosts = new Map<string, { approved: number; spam: number }>()
  for (const row of written) {
    // Every host named is looked at, one that counts nothing now included: a comment approved then rejected left
    // its host's row at zero, and that row, named after the reader's website, is theirs to be forgotten too.
    const moves = new Map(reputationMoves(row, null).map((move) => [move.subject, move]))
    for (const subject of reputationSubjects(row).filter((subject) => subject.startsWith('h:'))) {
      const counts = hosts.get(subject) ?? { approved: 0, spam: 0 }
      counts.approved += moves.get(subject)?.approved ?? 0
      counts.spam += moves.get(subject)?.spam ?? 0
      hosts.set(subject, counts)
    }
  }
  const subjects = [...hosts.keys()].sort()
  if (subjects.length === 0) return
  await runStatement(tx, TAKE_BACK_STANDING, [
    siteId,
    textArray(subjects),
    integerArray(subjects.map((subject) => hosts.get(subject)?.approved ?? 0)),
    integerArray(subjects.map((subject) => hosts.get(subject)?.spam ?? 0)),
  ])
  await runStatement(tx, DROP_EMPTY_STANDING, [siteId, textArray(subjects)])
}

/**
 * The tokens a comment's words may have left rows of: those it is learned by (its record of them), and those it
 * would be learned by now, since an earlier reversal may have left them at zero, unrecorded.
 */
function tokensNamedBy(row: CommentRow): string[] {
  return [...(row.learnedTokens ?? []), ...learningTokensOf(row)]
}

/**
 * Deletes the learned rows at zero naming the words of these comments, in their site's corpus and the server's:
 * $1 the corpora, $2 the tokens, pairs sorted by corpus then token. Locked first, in the decisions' order: some of
 * these rows were not among the ones just unlearned.
 */
const DROP_EMPTY_PAIRS = `
  delete from bayes_tokens
  where spam = 0 and ham = 0 and (site_id, token) in (
    select held.site_id, held.token
    from unnest($1::text[], $2::text[]) with ordinality as named(site_id, token, n)
      join bayes_tokens as held on held.site_id = named.site_id and held.token = named.token
    where held.spam = 0 and held.ham = 0
    order by named.n
    for update of held)`

/**
 * The rows at zero that the words of each site's comments left, in the site's corpus and the server's: an
 * approval reversed into a rejection leaves them, and they still name the words. An erasure's last writes, and
 * the retention purge's (which unlearns nothing: rejected comments hold no count, and once they are gone no
 * erasure of their author can find these rows), after every comment it locked.
 */
export async function dropEmptyRowsNamedBy(
  tx: Transaction,
  commentsBySite: ReadonlyMap<string, readonly CommentRow[]>,
) {
  const named = new Map<string, Set<string>>()
  const name = (corpus: string, token: string) => {
    const tokens = named.get(corpus) ?? new Set<string>()
    tokens.add(token)
    named.set(corpus, tokens)
  }
  for (const [siteId, rows] of commentsBySite) {
    for (const row of rows) {
      for (const token of tokensNamedBy(row)) {
        name(SERVER_CORPUS, token)
        name(siteId, token)
      }
    }
  }
  await dropEmptyRows(tx, named)
}

/** Deletes the rows at zero among the tokens named per corpus. */
export async function dropEmptyRows(tx: Transaction, named: ReadonlyMap<string, ReadonlySet<string>>) {
  const corpora: string[] = []
  const tokens: string[] = []
  for (const corpus of [...named.keys()].sort()) {
    for (const token of [...(named.get(corpus) ?? [])].sort()) {
      corpora.push(corpus)
      tokens.push(token)
    }
  }
  if (tokens.length > 0) await runStatement(tx, DROP_EMPTY_PAIRS, [textArray(corpora), textArray(tokens)])
}
