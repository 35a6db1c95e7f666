import { describe, expect, it } from 'vitest'
import { learningTokensOf, lookupTokensOf } from '../../src/moderation/scoring-input.js'
import { analyseText } from '../../src/spam/analysis.js'
import { defaultPolicy } from '../../src/spam/policy.js'
import { type Facts, noFacts, type ScoringInput } from '../../src/spam/rules/types.js'
import { evaluateRules } from '../../src/spam/score.js'

const input = (content: string, author: Partial<ScoringInput['author']> = {}): ScoringInput => ({
  content,
  author: { name: 'Lecteur', email: null, url: null, ...author },
  honeypot: null,
  article: { title: 'Sommet de Genève', url: null, language: 'fra' },
  userAgent: null,
  referrer: null,
})

const samples: ScoringInput[] = [
  input('Merci pour cet article très clair sur les négociations de Genève.'),
  input('Спасибо за статью, очень интересно про переговоры в Женеве.'),
  input('제네바 협상에 대한 좋은 기사 감사합니다.'),
  input('GREAT POST!!! visit http://bit.ly/xx and https://casino.example/win now', {
    url: 'http://seo.example',
    email: 'x@spam.example',
  }),
  input(`${'Recover your lost crypto with certified experts, WhatsApp +1 555 0100 '.repeat(40)}`),
]

/** Context that makes the history rules fire too: a sender with a spam past, duplicates, a flood. */
const busyFacts: Facts = {
  ...noFacts,
  email: { approved: 0, spam: 5 },
  ip: { approved: 0, spam: 3 },
  duplicates: { identical: 2, similar: 3 },
  recentFromSender: 20,
  formToken: { state: 'invalid' },
}

describe('the tokens whose learned counts intake reads before scoring', () => {
  it.each(samples.map((sample) => [sample.content.slice(0, 40), sample]))(
    'hold every token the comment is then judged by, whichever rules fire (%s)',
    (_, sample) => {
      const text = analyseText(sample.content)
      const { all, unruled } = lookupTokensOf(sample, text, analyseText(sample.author.name))
      const lookup = new Set(all)
      for (const facts of [noFacts, busyFacts]) {
        const { tokens } = evaluateRules(sample, facts, defaultPolicy, text)
        expect(tokens.filter((token) => !lookup.has(token))).toEqual([])
        // Made from the tokens read before scoring, they are the same, in the same order.
        expect(evaluateRules(sample, facts, defaultPolicy, text, undefined, unruled).tokens).toEqual(tokens)
      }
      // Not vacuous: with that context, rules fire, and their tokens are among those judged.
      expect(evaluateRules(sample, busyFacts, defaultPolicy, text).reasons.length).toBeGreaterThan(2)
    },
  )
})

describe('the tokens a stored comment is learned by', () => {
  // A reader's Russian comment under a French article, held for a phone number it quotes (a hospital's: an
  // embassy's would count nothing): both confirming rules fired beside the number, and were stored among its reasons.
  const row = {
    content: 'БОЛЬНИЦА ОТВЕЧАЕТ ПО НОМЕРУ +961 1 350 000 ДЛЯ ВСЕХ ГРАЖДАН, ЗАСТРЯВШИХ В БЕЙРУТЕ СЕЙЧАС.',
    authorName: 'Олег',
    authorEmail: null,
    authorUrl: null,
    articleTitle: 'Sommet de Genève',
    articleUrl: null,
    articleLanguage: 'fra',
    userAgent: null,
    referrer: null,
    reasons: [
      { rule: 'contact-number', score: 1.5, detail: 'A phone number.' },
      { rule: 'language-mismatch', score: 0.5, detail: 'Written in Russian.' },
      { rule: 'all-caps', score: 0.5, detail: 'In capitals.' },
    ],
  } as unknown as Parameters<typeof learningTokensOf>[0]

  it('name the rules that fired, but not the confirming ones: the model never learns a language as spam', () => {
    const tokens = learningTokensOf(row)
    expect(tokens).toContain('r:contact-number')
    expect(tokens).not.toContain('r:language-mismatch')
    expect(tokens).not.toContain('r:all-caps')
  })

  it('are the tokens the same comment is judged by at intake', () => {
    const sample = input(row.content, { name: row.authorName })
    const { reasons, tokens } = evaluateRules(sample, noFacts, defaultPolicy)
    expect(reasons.map((reason) => reason.rule)).toEqual(
      expect.arrayContaining(['contact-number', 'language-mismatch', 'all-caps']),
    )
    expect(tokens).not.toContain('r:language-mismatch')
    expect(new Set(tokens)).toEqual(
      new Set(learningTokensOf({ ...row, reasons } as unknown as Parameters<typeof learningTokensOf>[0])),
    )
  })
})
