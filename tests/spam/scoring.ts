import { defaultPolicy, type Policy } from '../../src/spam/policy.js'
import { rules } from '../../src/spam/rules/index.js'
import { type Facts, noFacts, type ScoringInput } from '../../src/spam/rules/types.js'
import type { Assessment } from '../../src/spam/score.js'

/** The default policy with a site's overrides. */
export const policy = (overrides: Partial<Policy> = {}): Policy => ({ ...defaultPolicy, ...overrides })
/** A comment with only what a test says differs from an ordinary one by Camille. */
export const input = (
  overrides: Partial<Omit<ScoringInput, 'author' | 'article'>> & {
    author?: Partial<ScoringInput['author']>
    article?: Partial<ScoringInput['article']>
  } = {},
): ScoringInput => ({
  content: 'Merci pour cet article très clair.',
  honeypot: null,
  userAgent: null,
  referrer: null,
  ...overrides,
  author: { name: 'Camille', email: 'camille@exemple.fr', url: null, ...overrides.author },
  article: { title: null, url: null, language: null, ...overrides.article },
})
/** The rules an assessment gives as reasons, in order. */
export const ruleIds = (assessment: Assessment) => assessment.reasons.map((reason) => reason.rule)
/** An approval with nothing to explain. */
export const approvedWithout = { verdict: 'approved', score: 0, reasons: [], blatant: false }
/** An author with one approved comment on the site (and no spam). */
export const regular: Facts = { ...noFacts, email: { approved: 1, spam: 0 } }
/** A rule's default weight, read from the registry so the specification follows the catalogue. */
export const weightOf = (id: string) => {
  const rule = rules.find((candidate) => candidate.id === id)
  if (!rule) throw new Error(`no rule ${id}`)
  return rule.weight
}
export const twoLinks = 'Voir https://a.example et https://b.example'
