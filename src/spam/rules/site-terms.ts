import { findTerms } from '../terms.js'
import type { Rule, RuleContext } from './types.js'
import { defaultWeights } from './weights.js'

const quote = (terms: string[]) => terms.map((term) => `“${term}”`).join(', ')

/** The author's name and the text, with disguised spellings undone, is where a site's terms are looked for. */
const searchable = ({ name, text }: RuleContext) => `${name.skeleton}\n${text.skeleton}`

export const blockedTerm: Rule = {
  id: 'blocked-term',
  weight: defaultWeights['blocked-term'],
  summary: "Contains a word or phrase on the site's blocked list.",
  evaluate(context) {
    const found = findTerms(searchable(context), context.policy.blockedTerms)
    if (found.length === 0) return null
    const what = found.length === 1 ? 'a blocked term' : 'blocked terms'
    return { detail: `Contains ${what}: ${quote(found)}.`, floor: 'spam' }
  },
}

export const heldTerm: Rule = {
  id: 'held-term',
  weight: defaultWeights['held-term'],
  summary: 'Contains a word or phrase the site reviews by hand.',
  evaluate(context) {
    const found = findTerms(searchable(context), context.policy.heldTerms)
    if (found.length === 0) return null
    const what = found.length === 1 ? 'a term' : 'terms'
    return { detail: `Contains ${what} this site reviews by hand: ${quote(found)}.`, floor: 'pending' }
  },
}

export const siteTermRules: readonly Rule[] = [blockedTerm, heldTerm]
