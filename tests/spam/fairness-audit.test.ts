import { describe, expect, it } from 'vitest'
import { defaultPolicy } from '../../src/spam/policy.js'
import { noFacts } from '../../src/spam/rules/types.js'
import { assessComment } from '../../src/spam/score.js'
import { genuine1 } from './fixtures/genuine-comments-1.js'
import { genuine2 } from './fixtures/genuine-comments-2.js'
import { genuine3 } from './fixtures/genuine-comments-3.js'
import { genuine4 } from './fixtures/genuine-comments-4.js'
import { genuine5 } from './fixtures/genuine-comments-5.js'
import { genuine6 } from './fixtures/genuine-comments-6.js'
import { genuine7 } from './fixtures/genuine-comments-7.js'
import { genuine8 } from './fixtures/genuine-comments-8.js'
import { genuineNames } from './fixtures/genuine-names.js'
import { genuineSigned } from './fixtures/genuine-signed.js'
import { assessReaderComment, readerComment } from './reader-comment.js'

/**
 * The fairness audit's genuine comments, scored as the reference site would: default policy, no learned model,
 * articles in French. Losing a real reader's comment is the worst error this engine can make, and holding one is
 * a cost too: none of them may be held, nor carry a reason against it but the half point of one cited link.
 */
const assess = (content: string, name = 'Lecteur') => assessReaderComment(content, name)

const comments = [genuine1, genuine2, genuine3, genuine4, genuine5, genuine6, genuine7, genuine8]
  .flatMap((part) => Object.entries(part))
  .flatMap(([language, texts]) => texts.map((text) => [language, text] as const))
const LINK = /https?:\/\//g

/** The reasons that count against a comment, but the one a single cited source earns. */
function against(content: string, name?: string) {
  const { verdict, reasons } = assess(content, name)
  const cited = (content.match(LINK)?.length ?? 0) === 1
  const counted = reasons.filter((reason) => reason.score > 0 && !(cited && reason.rule === 'links'))
  return { verdict, reasons: counted.map((reason) => `${reason.rule}: ${reason.detail}`) }
}

describe('the fairness audit: genuine comments in many languages are approved with nothing against them', () => {
  it('has the whole corpus', () => {
    expect(comments.length).toBeGreaterThanOrEqual(300)
    expect(new Set(comments.map(([language]) => language)).size).toBeGreaterThanOrEqual(20)
  })

  it.each(comments)('[%s] %s', (_, content) => {
    expect(against(content)).toEqual({ verdict: 'approved', reasons: [] })
  })

  it.each(genuineNames.map(({ name, text }) => [name, text] as const))('by %s: %s', (name, content) => {
    expect(against(content, name)).toEqual({ verdict: 'approved', reasons: [] })
  })

  it.each(genuineSigned.map((comment) => [comment.name, comment.url, comment.content, comment] as const))(
    'by %s, signed %s: %s',
    (_, __, ___, { name, email, url, title, content }) => {
      const input = readerComment(content, name)
      const { verdict, reasons } = assessComment(
        { ...input, author: { name, email, url }, article: { ...input.article, title } },
        noFacts,
        defaultPolicy,
      )
      const cited = (content.match(LINK)?.length ?? 0) === 1
      const counted = reasons.filter((reason) => reason.score > 0 && !(cited && reason.rule === 'links'))
      expect({ verdict, reasons: counted.map((reason) => `${reason.rule}: ${reason.detail}`) }).toEqual({
        verdict: 'approved',
        reasons: [],
      })
    },
  )

  it('reports a real phone number a reader quotes, and still approves the comment', () => {
    const content =
      "Le centre de crise du Quai d'Orsay répond au +33 1 53 59 11 00 pour les Français bloqués au Liban."
    const { verdict, reasons } = assess(content)
    expect(verdict).toBe('approved')
    expect(reasons.map((reason) => reason.rule)).toEqual(['contact-number'])
  })
})
