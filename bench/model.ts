/**
 * The learned model the benchmarks score with: what moderators' decisions on the training files would have put in
 * the database. Shared by bench:score (held in memory) and npm run bench (written to the database).
 */
import type { Corpus, TokenCounts } from '../src/spam/bayes/classifier.js'
import type { Policy } from '../src/spam/policy.js'
import { noFacts, type ScoringInput } from '../src/spam/rules/types.js'
import { evaluateRules } from '../src/spam/score.js'
import type { LabelledComment } from './datasets.js'

/** A French news site's view of a comment: its articles are in French (intake's `toIso6393('fr')`). */
export function inputOf(comment: Pick<LabelledComment, 'author' | 'content'>): ScoringInput {
  return {
    content: comment.content,
    author: {
      name: comment.author.name,
      email: comment.author.email ?? null,
      url: comment.author.url ?? null,
    },
    honeypot: null,
    article: { title: null, url: null, language: 'fra' },
    userAgent: null,
    referrer: null,
  }
}

/**
 * What the moderators' decisions on the training files would have put in the database: per token, the messages
 * of each class that carried it. Tokens are the ones intake judges by (and learning stores), fired rules included.
 */
export function trainCorpus(comments: readonly LabelledComment[], policy: Policy): Corpus {
  const tokens = new Map<string, TokenCounts>()
  let spamMessages = 0
  let hamMessages = 0
  for (const comment of comments) {
    const isSpam = comment.label === 'spam'
    if (isSpam) spamMessages++
    else hamMessages++
    for (const token of new Set(evaluateRules(inputOf(comment), noFacts, policy).tokens)) {
      const counts = tokens.get(token) ?? { spam: 0, ham: 0 }
      if (isSpam) counts.spam++
      else counts.ham++
      tokens.set(token, counts)
    }
  }
  return { spamMessages, hamMessages, tokens }
}
