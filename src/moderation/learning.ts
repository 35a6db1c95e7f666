import { sql } from 'drizzle-orm'
import { textArray } from '../db/array-literals.js'
import type { Executor } from '../db/client.js'
import { bayesCorpora, bayesTokens, type CommentRow, type CommentStatus, reputation } from '../db/schema.js'
import type { Corpus, TokenCounts } from '../spam/bayes/classifier.js'
import { learningTokensOf } from './scoring-input.js'

/** Server-wide learning is kept under this site id: no site id can take it (ids are a-z, 0-9 and -). */
export const SERVER_CORPUS = '*'

type Identity = Pick<CommentRow, 'authorEmailHash' | 'authorUrlHost' | 'ipHash'>

/** The reputation rows a comment counts towards: its e-mail (hashed), its author URL host and its IP (hashed). */
export function reputationSubjects(comment: Identity): string[] {
  const subjects: string[] = []
  if (comment.authorEmailHash) subjects.push(`e:${comment.authorEmailHash}`)
  if (comment.authorUrlHost) subjects.push(`h:${comment.authorUrlHost}`)
  if (comment.ipHash) subjects.push(`i:${comment.ipHash}`)
  return subjects.sort()
}

const reputationColumn = (status: CommentStatus | null) =>
  status === 'approved' ? 'approved' : status === 'spam' ? 'spam' : null

/**
 * Moves a comment's weight in its subjects' reputation from its old status to its new one. Rows are written in
 * a fixed order (sorted subjects), so two transactions touching the same subjects cannot deadlock.
 */
export async function moveReputation(
  tx: Executor,
  siteId: string,
  comment: Identity,
  from: CommentStatus | null,
  to: CommentStatus,
): Promise<void> {
  const delta = reputationDelta(from, to)
  const subjects = reputationSubjects(comment)
  if (!delta || subjects.length === 0) return
  const rows = subjects.map(
    (subject) => sql`(${siteId}, ${subject}, ${Math.max(delta.approved, 0)}, ${Math.max(delta.spam, 0)})`,
  )
  await tx.execute(sql`
    insert into ${reputation} (site_id, subject, approved, spam) values ${sql.join(rows, sql`, `)}
    on conflict (site_id, subject) do update set
      approved = greatest(0, ${reputation.approved} + ${delta.approved}),
      spam = greatest(0, ${reputation.spam} + ${delta.spam})`)
}

/** How a move from one status to another changes each reputation count, or null when it changes none. */
export function reputationDelta(
  from: CommentStatus | null,
  to: CommentStatus,
): { approved: number; spam: number } | null {
  const before = reputationColumn(from)
  const after = reputationColumn(to)
  if (before === after) return null
  const delta = (column: 'approved' | 'spam') => (after === column ? 1 : 0) - (before === column ? 1 : 0)
  return { approved: delta('approved'), spam: delta('spam') }
}

export type LearnedTokenRow = [site: string, token: string, spam: number, ham: number]
export type LearnedCorpusRow = [site: string, spamMessages: number, hamMessages: number]

/** The site's and the server's learned model from their rows, as `json_build_array`s (one parse for them all). */
export function bayesModelOf(
  siteId: string,
  tokens: readonly LearnedTokenRow[],
  corpora: readonly LearnedCorpusRow[],
): { site: Corpus; server: Corpus } {
  const site = { spamMessages: 0, hamMessages: 0, tokens: new Map<string, TokenCounts>() }
  const server = { spamMessages: 0, hamMessages: 0, tokens: new Map<string, TokenCounts>() }
  const corpusOf = (id: string) => (id === SERVER_CORPUS ? server : id === siteId ? site : null)
  for (const [id, spamMessages, hamMessages] of corpora) {
    const corpus = corpusOf(id)
    if (corpus) Object.assign(corpus, { spamMessages, hamMessages })
  }
  for (const [id, token, spam, ham] of tokens) corpusOf(id)?.tokens.set(token, { spam, ham })
  return { site, server }
}

/** What the model should hold for a comment in this status: approval teaches ham, spam teaches spam, a reject nothing. */
export const labelFor = (status: CommentStatus): 'spam' | 'ham' | null =>
  status === 'approved' ? 'ham' : status === 'spam' ? 'spam' : null

/**
 * Adds (`direction` 1) or removes (-1) one message's tokens under a label, for the site and the server, inside
 * the caller's transaction. Rows are written sorted so concurrent decisions take their locks in one order.
 */
export async function adjustCounts(
  tx: Executor,
  siteId: string,
  label: 'spam' | 'ham',
  tokens: readonly string[],
  direction: 1 | -1,
): Promise<void> {
  const spam = label === 'spam' ? direction : 0
  const ham = label === 'ham' ? direction : 0
  const corpora = [SERVER_CORPUS, siteId].sort()
  if (tokens.length > 0) {
    const sorted = [...new Set(tokens)].sort()
    // Both lists bound as one parameter each, so this is one statement whatever the number of tokens; the rows
    // go in (corpus, token) order, as sorted here.
    await tx.execute(sql`
      insert into ${bayesTokens} (site_id, token, spam, ham)
      select corpus.site_id, token.value, ${Math.max(spam, 0)}, ${Math.max(ham, 0)}
        from unnest(${textArray(corpora)}::text[]) with ordinality as corpus(site_id, n)
        cross join unnest(${textArray(sorted)}::text[]) with ordinality as token(value, m)
        order by corpus.n, token.m
      on conflict (site_id, token) do update set
        spam = greatest(0, ${bayesTokens.spam} + ${spam}),
        ham = greatest(0, ${bayesTokens.ham} + ${ham})`)
  }
  const totals = corpora.map((corpus) => sql`(${corpus}, ${Math.max(spam, 0)}, ${Math.max(ham, 0)})`)
  await tx.execute(sql`
    insert into ${bayesCorpora} (site_id, spam_messages, ham_messages) values ${sql.join(totals, sql`, `)}
    on conflict (site_id) do update set
      spam_messages = greatest(0, ${bayesCorpora.spamMessages} + ${spam}),
      ham_messages = greatest(0, ${bayesCorpora.hamMessages} + ${ham})`)
}

/**
 * Brings the learned model in line with a comment's new status, inside the decision's transaction: what it had
 * learned from the comment under another label is unlearned first (a moderator reversing a decision), then the
 * new label is learned. Returns the comment's new learning columns.
 */
export async function relearn(
  tx: Executor,
  comment: CommentRow,
  to: CommentStatus,
): Promise<Pick<CommentRow, 'learnedAs' | 'learnedTokens'>> {
  const label = labelFor(to)
  if (comment.learnedAs === label)
    return { learnedAs: comment.learnedAs, learnedTokens: comment.learnedTokens }
  if (comment.learnedAs && comment.learnedTokens) {
    await adjustCounts(tx, comment.siteId, comment.learnedAs, comment.learnedTokens, -1)
  }
  if (!label) return { learnedAs: null, learnedTokens: null }
  const tokens = learningTokensOf(comment)
  await adjustCounts(tx, comment.siteId, label, tokens, 1)
  return { learnedAs: label, learnedTokens: tokens }
}
