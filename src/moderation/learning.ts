import type { CommentRow, CommentStatus } from '../db/schema.js'
import { learningTokensOf } from './scoring-input.js'

/** Server-wide learning is kept under this site id: no site id can take it (ids are a-z, 0-9 and -). */
export const SERVER_CORPUS = '*'

type Identity = Pick<CommentRow, 'authorEmailHash' | 'authorUrlHost' | 'ipHash'>

/** The reputation rows of an address stored under these hashes (its spellings, `IdentityHasher.emailSpellings`). */
export const emailSubjects = (emailHashes: readonly string[]) => emailHashes.map((hash) => `e:${hash}`)

/** The reputation rows a comment counts towards: its e-mail (hashed), its author URL host and its IP (hashed). */
export function reputationSubjects(comment: Identity): string[] {
  const subjects: string[] = []
  if (comment.authorEmailHash) subjects.push(...emailSubjects([comment.authorEmailHash]))
  if (comment.authorUrlHost) subjects.push(`h:${comment.authorUrlHost}`)
  if (comment.ipHash) subjects.push(`i:${comment.ipHash}`)
  return subjects.sort()
}

/** The reputation rows a comment's status counts towards now (see `identityCounted`). */
export function countedSubjects(comment: Identity & Pick<CommentRow, 'identityCounted'>): string[] {
  const subjects = reputationSubjects(comment)
  return comment.identityCounted ? subjects : subjects.filter((subject) => subject.startsWith('i:'))
}

/** A reputation row's move: its subject and what is added to each of its counts. */
export type ReputationMove = { subject: string; approved: number; spam: number }

type Standing = Identity & Pick<CommentRow, 'status' | 'identityCounted' | 'sentWithKey'>

/**
 * Whether a comment's e-mail and website count its status once it moves to `to`. Sent with a key, always: the
 * site vouched for its author. Sent without one, only while a moderator holds it approved: marking it spam judges
 * its text, not the address anyone could have written on it, whether or not it was approved first (a reversed
 * approval takes back what the approval gave, and gives the address no spam). Not recorded (a comment stored
 * before drizzle/0029, or by an older release during a deploy), `identityCounted` says: it is false for a comment
 * sent without a key unless a moderator approved it.
 */
export const identityCountedAfter = (
  comment: Pick<CommentRow, 'sentWithKey' | 'identityCounted'>,
  to: CommentStatus | null,
) => (comment.sentWithKey ?? comment.identityCounted) || to === 'approved'

/**
 * How a comment moving from its status to `to` moves the reputation rows it counts towards, in sorted order.
 * Its IP's always counted its status; its e-mail's and website's as `identityCounted` says before the move and
 * `identityCountedAfter` after it, what stops counting being taken back and what starts being counted from
 * nothing. A move to null is the comment going away: whatever it counted is taken back.
 */
export function reputationMoves(comment: Standing, to: CommentStatus | null): ReputationMove[] {
  const counted = new Set(countedSubjects(comment))
  const countedAfter = to !== null && identityCountedAfter(comment, to)
  const moves: ReputationMove[] = []
  for (const subject of reputationSubjects(comment)) {
    const after = subject.startsWith('i:') || countedAfter ? to : null
    const delta = reputationDelta(counted.has(subject) ? comment.status : null, after)
    if (delta) moves.push({ subject, ...delta })
  }
  return moves
}

const reputationColumn = (status: CommentStatus | null) =>
  status === 'approved' ? 'approved' : status === 'spam' ? 'spam' : null

/**
 * How a move from one status to another changes each reputation count, or null when it changes none. A move to
 * null is the comment going away (its author's data erased): whatever it counted is taken back.
 */
export function reputationDelta(
  from: CommentStatus | null,
  to: CommentStatus | null,
): { approved: number; spam: number } | null {
  const before = reputationColumn(from)
  const after = reputationColumn(to)
  if (before === after) return null
  const delta = (column: 'approved' | 'spam') => (after === column ? 1 : 0) - (before === column ? 1 : 0)
  return { approved: delta('approved'), spam: delta('spam') }
}

/** What the model should hold for a comment in this status: approval teaches ham, spam teaches spam, a reject nothing. */
export const labelFor = (status: CommentStatus): 'spam' | 'ham' | null =>
  status === 'approved' ? 'ham' : status === 'spam' ? 'spam' : null

/** How one corpus's counts move: each token's (sorted, so concurrent writers lock rows in one order), and the totals. */
export type CorpusMove = {
  corpus: string
  tokens: string[]
  spam: number[]
  ham: number[]
  spamMessages: number
  hamMessages: number
}

/** What a decision changes in the learned model: the comment's learning columns, and each corpus's counts. */
export type LearningChange = {
  learnedAs: 'spam' | 'ham' | null
  learnedTokens: string[] | null
  learnedInServerCorpus: boolean | null
  /** The corpora that move, in id order (the server's `*` first), as every writer locks them. */
  corpora: CorpusMove[]
}

/**
 * How the learned model must move for a comment to hold its new status: what it had learned from the comment under
 * another label is unlearned (a moderator reversing a decision), then the new label is learned, netted per token:
 * a reversal moves the same tokens out of one class and into the other in one row write each. The site's corpus
 * moves by all of it; the server's gives back only what the comment taught it, and learns the new label only when
 * `shared` (SHARED_LEARNING), so turning sharing on or off never takes from a corpus what it was not given. Pure:
 * the decision's statement applies it.
 */
export function learningChange(
  comment: CommentRow,
  to: CommentStatus,
  shared: boolean,
): LearningChange | null {
  return relearn(comment, labelFor(to), shared)
}

/**
 * What erasing a comment's author takes from the learned model: everything learned from the comment, unlearned
 * as a reversed decision would, and nothing learned in its place (the model must not keep the person's words).
 * `shared` (SHARED_LEARNING) stands for what a comment learned before the choice was recorded did.
 */
export function unlearningChange(comment: CommentRow, shared: boolean): LearningChange | null {
  return relearn(comment, null, shared)
}

type Lesson = { label: 'spam' | 'ham'; tokens: readonly string[] } | null

function relearn(comment: CommentRow, label: 'spam' | 'ham' | null, shared: boolean): LearningChange | null {
  if (comment.learnedAs === label) return null
  const before: Lesson =
    comment.learnedAs && comment.learnedTokens
      ? { label: comment.learnedAs, tokens: comment.learnedTokens }
      : null
  const learnedTokens = label ? learningTokensOf(comment) : null
  const after: Lesson = label && learnedTokens ? { label, tokens: learnedTokens } : null
  // Rows learned before the choice was recorded taught the server's corpus if sharing was on, as it then was
  // unless the setting changed since: the setting at hand is the best guess, and the one earlier releases made.
  const serverWasTaught = comment.learnedAs !== null && (comment.learnedInServerCorpus ?? shared)
  const corpora = [
    corpusMove(SERVER_CORPUS, serverWasTaught ? before : null, shared ? after : null),
    corpusMove(comment.siteId, before, after),
  ].filter((move): move is CorpusMove => move !== null)
  return {
    learnedAs: label,
    learnedTokens,
    learnedInServerCorpus: label ? shared : null,
    corpora: corpora.sort((a, b) => (a.corpus < b.corpus ? -1 : a.corpus > b.corpus ? 1 : 0)),
  }
}

/** Counts moving in one corpus: each token's, and the message totals. */
type Tally = { tokens: Map<string, { spam: number; ham: number }>; spam: number; ham: number }

const newTally = (): Tally => ({ tokens: new Map(), spam: 0, ham: 0 })

function tallyToken(tally: Tally, token: string, spam: number, ham: number) {
  const counts = tally.tokens.get(token) ?? { spam: 0, ham: 0 }
  counts.spam += spam
  counts.ham += ham
  tally.tokens.set(token, counts)
}

/** A tally as a corpus move, its tokens sorted: concurrent writers lock rows in one order. */
function moveOf(corpus: string, tally: Tally): CorpusMove {
  const tokens = [...tally.tokens.keys()].sort()
  return {
    corpus,
    tokens,
    spam: tokens.map((token) => tally.tokens.get(token)?.spam ?? 0),
    ham: tokens.map((token) => tally.tokens.get(token)?.ham ?? 0),
    spamMessages: tally.spam,
    hamMessages: tally.ham,
  }
}

/** One corpus's move from holding `before` to holding `after`, or null when it does not move. */
function corpusMove(corpus: string, before: Lesson, after: Lesson): CorpusMove | null {
  if (!before && !after) return null
  const tally = newTally()
  const learn = (lesson: NonNullable<Lesson>, by: 1 | -1) => {
    tally[lesson.label] += by
    const [spam, ham] = lesson.label === 'spam' ? [by, 0] : [0, by]
    for (const token of new Set(lesson.tokens)) tallyToken(tally, token, spam, ham)
  }
  if (before) learn(before, -1)
  if (after) learn(after, 1)
  return moveOf(corpus, tally)
}

/**
 * Corpus moves as the array parameters the learning statements take: the corpora with their totals' moves, and
 * one row per (corpus, token) naming its corpus by position (1-based), in the corpora's then the tokens' order.
 */
export function movesAsRows(moves: readonly CorpusMove[]) {
  const rows = { corpusOf: [] as number[], tokens: [] as string[], spam: [] as number[], ham: [] as number[] }
  moves.forEach((move, index) => {
    for (let i = 0; i < move.tokens.length; i++) {
      rows.corpusOf.push(index + 1)
      rows.tokens.push(move.tokens[i] as string)
      rows.spam.push(move.spam[i] ?? 0)
      rows.ham.push(move.ham[i] ?? 0)
    }
  })
  return {
    corpora: moves.map((move) => move.corpus),
    spamMessages: moves.map((move) => move.spamMessages),
    hamMessages: moves.map((move) => move.hamMessages),
    ...rows,
  }
}

/** Several comments' moves summed per corpus and per token, in the order every writer locks them. */
export function sumMoves(moves: readonly CorpusMove[]): CorpusMove[] {
  const byCorpus = new Map<string, Tally>()
  for (const move of moves) {
    const tally = byCorpus.get(move.corpus) ?? newTally()
    tally.spam += move.spamMessages
    tally.ham += move.hamMessages
    move.tokens.forEach((token, index) => {
      tallyToken(tally, token, move.spam[index] ?? 0, move.ham[index] ?? 0)
    })
    byCorpus.set(move.corpus, tally)
  }
  return [...byCorpus.keys()].sort().map((corpus) => moveOf(corpus, byCorpus.get(corpus) as Tally))
}
