import { analyseText } from '../../../src/spam/analysis.js'
import { defaultPolicy, type Policy } from '../../../src/spam/policy.js'
import { linkRules } from '../../../src/spam/rules/links.js'
import {
  type Facts,
  noFacts,
  type Rule,
  type RuleContext,
  type ScoringInput,
} from '../../../src/spam/rules/types.js'
import { assessComment, conclude, evaluateRules } from '../../../src/spam/score.js'

/** A comment under the reference site's article on pensions: what a test gives, the rest ordinary. */
export type Comment = {
  content: string
  name?: string
  email?: string | null
  url?: string | null
  title?: string | null
  articleUrl?: string | null
}

export const input = ({
  content,
  name = 'Camille',
  email = 'camille@exemple.fr',
  url = null,
  title = 'Retraites : ce que contient le projet de loi',
  articleUrl = 'https://www.journal.example/politique/retraites-projet-de-loi',
}: Comment): ScoringInput => ({
  content,
  author: { name, email, url },
  honeypot: null,
  article: { title, url: articleUrl, language: 'fra' },
  userAgent: 'Mozilla/5.0',
  referrer: null,
})

const asComment = (comment: Comment | string): Comment =>
  typeof comment === 'string' ? { content: comment } : comment

export function contextOf(
  comment: Comment | string,
  policy: Policy = defaultPolicy,
  facts: Facts = noFacts,
): RuleContext {
  const scoring = input(asComment(comment))
  return {
    input: scoring,
    text: analyseText(scoring.content),
    name: analyseText(scoring.author.name),
    facts,
    policy,
  }
}

/** The points a rule gives a comment, as the engine computes them (weight × factor), or null when it does not fire. */
export function points(rule: Rule, comment: Comment | string, policy: Policy = defaultPolicy): number | null {
  const finding = rule.evaluate(contextOf(comment, policy))
  return finding ? Math.round(rule.weight * (finding.factor ?? 1) * 100) / 100 : null
}

export const detail = (rule: Rule, comment: Comment | string) => rule.evaluate(contextOf(comment))?.detail

/** The verdict and score of the link rules alone, through the engine. */
export function linkVerdict(comment: Comment | string, policy: Policy = defaultPolicy) {
  const draft = evaluateRules(input(asComment(comment)), noFacts, policy, undefined, linkRules)
  return conclude(draft, null, policy)
}

/** Every rule the engine runs, end to end. */
export const assess = (comment: Comment | string, facts: Facts = noFacts, policy: Policy = defaultPolicy) =>
  assessComment(input(asComment(comment)), facts, policy)

// Real-looking sources readers cite: a French daily, Wikipedia in several scripts (percent-encoded paths), an IDN,
// a www. host without a scheme, tracking tags real readers paste along.
export const LE_MONDE =
  'https://www.lemonde.fr/politique/article/2025/01/14/retraites-ce-que-contient-le-projet_6123456_823448.html'
export const LE_MONDE_RSS =
  'https://www.lemonde.fr/economie/article/2025/02/03/inflation_6234567_3234.html?xtor=RSS-3208'
export const WIKIPEDIA_FR = 'https://fr.wikipedia.org/wiki/R%C3%A9forme_des_retraites_en_France_en_2023'
export const WIKIPEDIA_RU = 'https://ru.wikipedia.org/wiki/%D0%9F%D0%B5%D0%BD%D1%81%D0%B8%D1%8F'
export const WIKIPEDIA_KO = 'https://ko.wikipedia.org/wiki/%EA%B5%AD%EB%AF%BC%EC%97%B0%EA%B8%88'
export const WIKIPEDIA_AR =
  'https://ar.wikipedia.org/wiki/%D9%85%D8%B9%D8%A7%D8%B4_%D8%AA%D9%82%D8%A7%D8%B9%D8%AF%D9%8A'
export const IDN = 'https://пример.рф/новости/пенсии'
export const INSEE = 'www.insee.fr/fr/statistiques/2015691'
export const BBC_UTM =
  'https://www.bbc.com/news/world-europe-68123456?utm_source=twitter&utm_medium=social&utm_campaign=bbc'
