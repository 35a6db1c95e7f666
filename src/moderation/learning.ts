import type { CommentRow, CommentStatus } from '../db/schema.js'
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

/** What a decision changes in the learned model: each token's counts, the message totals, the comment's columns. */
export type LearningChange = {
  /** The comment's new learning columns. */
  learnedAs: 'spam' | 'ham' | null
  learnedTokens: string[] | null
  /** Per token (sorted, so concurrent decisions lock rows in one order), how its spam and ham counts move. */
  tokens: string[]
  spam: number[]
  ham: number[]
  /** How the message totals move. */
  spamMessages: number
  hamMessages: number
}

/**
 * How the learned model must move for a comment to hold its new status: what it had learned from the comment under
 * another label is unlearned (a moderator reversing a decision), then the new label is learned, netted per token:
 * a reversal moves the same tokens out of one class and into the other in one row write each. Pure: the decision's
 * statement applies it to the site's and the server's counts.
 */
export function learningChange(comment: CommentRow, to: CommentStatus): LearningChange | null {
  return relearn(comment, labelFor(to))
}

/**
 * What erasing a comment's author takes from the learned model: everything learned from the comment, unlearned
 * as a reversed decision would, and nothing learned in its place (the model must not keep the person's words).
 */
export function unlearningChange(comment: CommentRow): LearningChange | null {
  return relearn(comment, null)
}

function relearn(comment: CommentRow, label: 'spam' | 'ham' | null): LearningChange | null {
  if (comment.learnedAs === label) return null
  const moves = new Map<string, { spam: number; ham: number }>()
  const totals = { spam: 0, ham: 0 }
  const move = (tokens: readonly string[], as: 'spam' | 'ham', by: 1 | -1) => {
    totals[as] += by
    for (const token of new Set(tokens)) {
      const counts = moves.get(token) ?? { spam: 0, ham: 0 }
      counts[as] += by
      moves.set(token, counts)
    }
  }
  if (comment.learnedAs && comment.learnedTokens) move(comment.learnedTokens, comment.learnedAs, -1)
  const learnedTokens = label ? learningTokensOf(comment) : null
  if (label && learnedTokens) move(learnedTokens, label, 1)
  const tokens = [...moves.keys()].sort()
  return {
    learnedAs: label,
    learnedTokens,
    tokens,
    spam: tokens.map((token) => moves.get(token)?.spam ?? 0),
    ham: tokens.map((token) => moves.get(token)?.ham ?? 0),
    spamMessages: totals.spam,
    hamMessages: totals.ham,
  }
}
