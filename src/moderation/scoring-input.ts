import type { CommentRow } from '../db/schema.js'
import { analyseText } from '../spam/analysis.js'
import { tokenize } from '../spam/bayes/tokenize.js'
import { ruleIds } from '../spam/rules/catalogue.js'
import type { ScoringInput } from '../spam/rules/types.js'

/** A stored comment as the engine reads it, to replay its verdict or to learn from it. */
export function scoringInputOf(row: CommentRow): ScoringInput {
  return {
    content: row.content,
    author: { name: row.authorName, email: row.authorEmail, url: row.authorUrl },
    honeypot: null,
    article: { title: row.articleTitle, url: row.articleUrl, language: row.articleLanguage },
    userAgent: row.userAgent,
    referrer: row.referrer,
  }
}

const knownRules = new Set<string>(ruleIds)

/**
 * The tokens a stored comment is learned by: the same ones it was judged by, the rules that fired included
 * (read back from its reasons). The honeypot is not kept, so its token comes from the reason too.
 */
export function learningTokensOf(row: CommentRow): string[] {
  const fired = row.reasons.map((reason) => reason.rule).filter((rule) => knownRules.has(rule))
  const input = scoringInputOf(row)
  return tokenize(input, analyseText(input.content), analyseText(input.author.name), fired)
}
