import { defaultPolicy } from '../../src/spam/policy.js'
import { noFacts, type ScoringInput } from '../../src/spam/rules/types.js'
import { assessComment } from '../../src/spam/score.js'

/** A reader's comment on the reference site's French article: only a name, no e-mail, URL, title or history. */
export const readerComment = (content: string, name = 'Lecteur'): ScoringInput => ({
  content,
  author: { name, email: null, url: null },
  honeypot: null,
  article: { title: null, url: null, language: 'fra' },
  userAgent: null,
  referrer: null,
})

/** Its assessment under the default policy, with no learned model. */
export const assessReaderComment = (content: string, name?: string) =>
  assessComment(readerComment(content, name), noFacts, defaultPolicy)
