import { analyseText } from '../../../src/spam/analysis.js'
import { defaultPolicy } from '../../../src/spam/policy.js'
import { phraseFamilies } from '../../../src/spam/rules/content/spam-phrases/index.js'
import { spamPhrases } from '../../../src/spam/rules/content/spam-phrases.js'
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

/** What spam-phrases finds in a comment with nothing else known (null: nothing). */
export const phrasesOf = (content: string) => spamPhrases.evaluate(contextOf(content))

/** How a family of phrases is named in the rule's detail, the id itself for an unknown one. */
export const familyLabel = (id: string) => phraseFamilies.find((family) => family.id === id)?.label ?? id
