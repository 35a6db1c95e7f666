import type { CommentRow } from '../db/schema.js'
import { analyseText, type TextAnalysis } from '../spam/analysis.js'
import { tokenize } from '../spam/bayes/tokenize.js'
import { ruleIds } from '../spam/rules/catalogue.js'
import { rules } from '../spam/rules/index.js'
import type { ScoringInput } from '../spam/rules/types.js'
import { confirmingOf } from '../spam/score.js'

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

/**
 * The rules whose tokens the model judges by: all but its own reason, which intake adds once the model has judged
 * (score.ts, `conclude`), and the confirming rules, which get no token (score.ts, `evaluateRules`). Learned from
 * them, a comment would teach a token no comment is ever judged by, and at the cap on tokens one of its words
 * would make room for it.
 */
const confirmingRules = confirmingOf(rules)
const judgedRules = ruleIds.filter((rule) => rule !== 'learned' && !confirmingRules.has(rule))
const knownRules = new Set<string>(judgedRules)

/**
 * The tokens a stored comment is learned by: the same ones it was judged by, the rules that fired included
 * (read back from its reasons). The honeypot is not kept, so its token comes from the reason too.
 */
export function learningTokensOf(row: CommentRow): string[] {
  const fired = row.reasons.map((reason) => reason.rule).filter((rule) => knownRules.has(rule))
  const input = scoringInputOf(row)
  return tokenize(input, analyseText(input.content), analyseText(input.author.name), fired)
}

const NO_TEXT = analyseText('')
const NO_INPUT: ScoringInput = {
  content: '',
  author: { name: '', email: null, url: null },
  honeypot: null,
  article: { title: null, url: null, language: null },
  userAgent: null,
  referrer: null,
}
/** The tokens that stand for the rules themselves: those an empty comment gets from every rule firing. */
const RULE_TOKENS = (() => {
  const own = new Set(tokenize(NO_INPUT, NO_TEXT, NO_TEXT, []))
  return tokenize(NO_INPUT, NO_TEXT, NO_TEXT, judgedRules).filter((token) => !own.has(token))
})()

/**
 * Every token the model could judge a comment by, whichever rules fire: its tokens with no rule fired (no rule
 * token taking room under the cap, so every word and pair that could be judged), and every rule's token. Known
 * before the rules run, so their counts are read in the same statement as the rest of the comment's context.
 */
export function lookupTokensOf(
  input: ScoringInput,
  text: TextAnalysis,
  name: TextAnalysis,
): { all: string[]; unruled: string[] } {
  const unruled = tokenize(input, text, name, [])
  return { all: [...unruled, ...RULE_TOKENS], unruled }
}
