import { analyseText } from '../../../src/spam/analysis.js'
import { defaultPolicy, type Policy } from '../../../src/spam/policy.js'
import {
  type Facts,
  noFacts,
  type Rule,
  type RuleContext,
  type ScoringInput,
} from '../../../src/spam/rules/types.js'

/** A comment by Gérard with only what a situation says differs, and what the history rules make of it. */

const ORDINARY = 'Travailler jusqu’à 64 ans quand on a commencé à 17 ans sur un chantier, c’est inhumain.'

export const input = (
  overrides: Partial<ScoringInput> = {},
  author: Partial<ScoringInput['author']> = {},
): ScoringInput => ({
  content: ORDINARY,
  author: { name: 'Gérard', email: 'gerard.b@orange.fr', url: null, ...author },
  honeypot: null,
  article: { title: 'Retraites', url: 'https://www.journal.example/retraites', language: 'fra' },
  userAgent: 'Mozilla/5.0',
  referrer: null,
  ...overrides,
})

export type Situation = {
  facts?: Partial<Facts>
  content?: string
  url?: string | null
  policy?: Policy
}

export function contextOf({
  facts = {},
  content = ORDINARY,
  url = null,
  policy = defaultPolicy,
}: Situation): RuleContext {
  const scoring = input({ content }, { url })
  return {
    input: scoring,
    text: analyseText(scoring.content),
    name: analyseText(scoring.author.name),
    facts: { ...noFacts, ...facts },
    policy,
  }
}

/** The points a rule gives (weight × factor), or null when it does not fire. */
export function points(rule: Rule, situation: Situation): number | null {
  const finding = rule.evaluate(contextOf(situation))
  return finding ? Math.round(rule.weight * (finding.factor ?? 1) * 100) / 100 : null
}

export const detail = (rule: Rule, situation: Situation) => rule.evaluate(contextOf(situation))?.detail
export const history = (approved: number, spam: number) => ({ approved, spam })
