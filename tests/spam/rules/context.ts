import { analyseText } from '../../../src/spam/analysis.js'
import { defaultPolicy } from '../../../src/spam/policy.js'
import { noFacts, type RuleContext } from '../../../src/spam/rules/types.js'

/** What a rule sees for a comment by `name` with nothing else known: no e-mail, URL, article or history. */
export const contextOf = (content: string, name = 'Camille'): RuleContext => ({
  input: {
    content,
    author: { name, email: null, url: null },
    honeypot: null,
    article: { title: null, url: null, language: null },
    userAgent: null,
    referrer: null,
  },
  text: analyseText(content),
  name: analyseText(name),
  facts: noFacts,
  policy: defaultPolicy,
})
