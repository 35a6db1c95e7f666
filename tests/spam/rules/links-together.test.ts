import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Link, TextAnalysis } from '../../../src/spam/analysis.js'
import { defaultPolicy, resolvePolicy } from '../../../src/spam/policy.js'
import { formRules } from '../../../src/spam/rules/form.js'
import { historyRules } from '../../../src/spam/rules/history.js'
import { authorAnchor, linkRules } from '../../../src/spam/rules/links.js'
import { noFacts, type RuleContext, type ScoringInput } from '../../../src/spam/rules/types.js'
import { conclude, evaluateRules } from '../../../src/spam/score.js'
import {
  assess,
  BBC_UTM,
  contextOf,
  IDN,
  INSEE,
  input,
  LE_MONDE,
  LE_MONDE_RSS,
  linkVerdict,
  WIKIPEDIA_AR,
  WIKIPEDIA_FR,
  WIKIPEDIA_KO,
  WIKIPEDIA_RU,
} from './link-comments.js'

// The link rules as a set: on comments citing real sources, on the newsroom data set, and on adversarial input.

const LEGITIMATE_SOURCES = [
  LE_MONDE,
  LE_MONDE_RSS,
  WIKIPEDIA_FR,
  WIKIPEDIA_RU,
  WIKIPEDIA_KO,
  WIKIPEDIA_AR,
  IDN,
  INSEE,
  BBC_UTM,
]

/** Ordinary comments, in the languages the reference site's readers write, that cite sources. */
const citing = (sources: string[]) => [
  `Le rapport est consultable ici : ${sources.join(' et ')} — les projections sont moins alarmistes qu'annoncé.`,
  `Merci pour cet article ! Sources : ${sources.join(', ')}`,
  `Пенсионная реформа обсуждается давно, см. ${sources.join(' и ')} — там есть все цифры.`,
  `연금 개혁에 대한 자세한 내용은 ${sources.join(', ')} 에서 확인할 수 있습니다.`,
  `للمزيد من المعلومات حول إصلاح نظام التقاعد: ${sources.join(' و ')} شكراً على المقال.`,
  `@Gérard voir ${sources.map((source) => `<a href="${source.startsWith('www.') ? `https://${source}` : source}">ici</a>`).join(', ')}`,
]

describe('link rules together', () => {
  const authors = [
    {},
    { url: 'https://cinephile-valerie.fr' },
    { url: 'https://www.facebook.com/camille.d' },
    { url: null, email: null, name: 'Ольга' },
  ]
  const cases = [1, 2, 3].flatMap((count) =>
    LEGITIMATE_SOURCES.flatMap((_, start) => {
      const sources = Array.from(
        { length: count },
        (_, i) => LEGITIMATE_SOURCES[(start + i) % LEGITIMATE_SOURCES.length] ?? '',
      )
      return citing(sources).flatMap((content) => authors.map((author) => ({ ...author, content })))
    }),
  )

  it(`never mark as spam a comment that cites 1 to 3 legitimate sources (${cases.length} combinations)`, () => {
    const spam = cases.filter((comment) => linkVerdict(comment).verdict === 'spam')
    expect(spam).toEqual([])
  })

  it('nor do all the engine’s rules, end to end', () => {
    const spam = cases
      .map((comment) => ({ comment, assessment: assess(comment) }))
      .filter(({ assessment }) => assessment.verdict === 'spam')
      .map(({ comment, assessment }) => ({ content: comment.content, reasons: assessment.reasons }))
    expect(spam).toEqual([])
  })

  it('approve a comment citing one source', () => {
    expect(
      assess(`Le rapport est consultable ici : ${LE_MONDE} — les projections sont moins alarmistes.`),
    ).toMatchObject({
      verdict: 'approved',
    })
  })

  it('list the reasons in catalogue order with their points', () => {
    const assessment = linkVerdict({
      content: 'Great post! Seo Agency <a href="https://bit.ly/x?ref=123456">Seo Agency</a>',
      name: 'Seo Agency',
      url: 'https://guestpost-agency.net',
    })
    expect(assessment.reasons.map(({ rule, score }) => [rule, score])).toEqual([
      ['links', 0.5],
      ['html-link', 1.5],
      ['author-anchor', 3],
      ['shortener', 1.5],
      ['referral-link', 3],
      ['praise-with-link', 0.5],
    ])
    expect(assessment.verdict).toBe('spam')
  })

  it('take a site’s own weights', () => {
    const policy = resolvePolicy({ weights: { 'bbcode-link': 10 } })
    expect(linkVerdict('[url=https://a.example]a[/url]', policy)).toMatchObject({
      verdict: 'spam',
      score: 10.5,
    })
  })
})

describe('newsroom comments', () => {
  const file = new URL('../../../../shared/datasets/newsroom/comments.jsonl', import.meta.url)
  const rows = existsSync(file)
    ? readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map(
          (line) =>
            JSON.parse(line) as {
              label: 'spam' | 'ham'
              name: string
              email: string
              url: string
              content: string
            },
        )
    : []
  const judged = rows.map((row) => {
    const scoring: ScoringInput = {
      content: row.content,
      author: { name: row.name, email: row.email || null, url: row.url || null },
      honeypot: null,
      article: { title: null, url: null, language: null },
      userAgent: null,
      referrer: null,
    }
    const rules = [...formRules, ...linkRules, ...historyRules]
    const draft = evaluateRules(scoring, noFacts, defaultPolicy, undefined, rules)
    return { label: row.label, content: row.content, verdict: conclude(draft, null, defaultPolicy).verdict }
  })

  it.skipIf(rows.length === 0)('are never marked spam by these rules when they are genuine', () => {
    expect(judged.filter(({ label, verdict }) => label === 'ham' && verdict === 'spam')).toEqual([])
  })

  // Measured: 6 of the 25 spam lines (link stuffing, BBCode, an HTML anchor, SEO praise with an author URL, a
  // shortened author URL). The rest carry no link these rules can see; they are for the content rules.
  it.skipIf(rows.length === 0)('are held or marked spam when they are spam with links', () => {
    const caught = judged.filter(({ label, verdict }) => label === 'spam' && verdict !== 'approved')
    expect(caught.length).toBeGreaterThanOrEqual(6)
  })
})

describe('cost', () => {
  const N = 20_000
  const link = (target: string, kind: Link['kind'] = 'url', text: string | null = null): Link => ({
    kind,
    target,
    host: target.replace(/^\w+:\/\//, '').split('/')[0] ?? null,
    displayHost: target.replace(/^\w+:\/\//, '').split('/')[0] ?? null,
    text,
  })
  // Built by hand, so the rules' own patterns are what is measured, whatever the analysis does with such input.
  const analysis = (raw: string, found: Link[] = []): TextAnalysis => ({
    raw,
    visible: raw,
    normalized: raw.toLowerCase(),
    skeleton: raw.toLowerCase(),
    words: [],
    disguisedWords: [],
    invisible: { total: 0, insideWords: 0 },
    links: found,
  })
  const adversarial: [string, TextAnalysis][] = [
    ['unclosed anchors', analysis('<a '.repeat(N / 3))],
    ['anchors without a closing quote', analysis('<a href="x'.repeat(N / 10))],
    ['one anchor and a long attribute', analysis(`<a href="${'x'.repeat(N)}`)],
    ['BBCode openings', analysis('[url='.repeat(N / 5))],
    ['dots', analysis(`http://a.example${'.'.repeat(N)}x`, [link(`http://a.example${'.'.repeat(N)}x`)])],
    ['a host of many labels', analysis('', [link(`http://${'a.'.repeat(N / 2)}bit.ly`)])],
    ['a punycode host of many labels', analysis('', [link(`http://${'xn--80ak6aa92e.'.repeat(N / 15)}com`)])],
    ['www. repeated', analysis('www.'.repeat(N / 4), [link('www.'.repeat(N / 4), 'www')])],
    ['parameters', analysis('', [link(`http://x.example/register?${'ref=1&'.repeat(N / 6)}`)])],
    ['path segments', analysis('', [link(`http://x.example/${'join/'.repeat(N / 5)}`)])],
    ['a fragment', analysis('', [link(`http://x.example/#${'friend=abc123&'.repeat(N / 14)}`)])],
    ['trailing punctuation', analysis(`tom ${'.'.repeat(N)}`)],
    [
      'separators before a link',
      analysis(`tom ${'-'.repeat(N)} https://tom.example`, [link('https://tom.example')]),
    ],
    ['emoji', analysis('😀'.repeat(N / 2))],
    ['spaces', analysis(`${' '.repeat(N)}x`)],
    ['praise', analysis('great post '.repeat(N / 11))],
    ['short words', analysis('a '.repeat(N / 2))],
    [
      'many links',
      analysis(
        'x',
        Array.from({ length: N / 20 }, (_, i) => link(`https://a${i}.example/?ref=${i}`)),
      ),
    ],
    [
      'many anchors named like the author',
      analysis(
        'tom',
        Array.from({ length: N / 20 }, () => link('https://tom.example', 'anchor', 'tom')),
      ),
    ],
  ]

  it.each(adversarial)('every link rule returns on 20 000 characters of %s', (_, text) => {
    const context: RuleContext = {
      input: input({ content: text.raw, name: 'tom', url: `http://${'a.'.repeat(N / 4)}bit.ly/?ref=123456` }),
      text,
      name: analysis('tom'),
      facts: noFacts,
      policy: defaultPolicy,
    }
    for (const rule of linkRules) expect(() => rule.evaluate(context)).not.toThrow()
  })

  it('every link rule returns on a 20 000-character name signing a 20 000-character comment', () => {
    const name = 'jean '.repeat(N / 5).trim()
    const content = `${name} https://jean.example`
    const context: RuleContext = {
      input: input({ content, name }),
      text: analysis(content.toLowerCase(), [link('https://jean.example')]),
      name: analysis(name),
      facts: noFacts,
      policy: defaultPolicy,
    }
    expect(authorAnchor.evaluate(context)).not.toBeNull()
    for (const rule of linkRules) expect(() => rule.evaluate(context)).not.toThrow()
  })

  it('every link rule returns on 20 000 characters of links, as the analysis reads them', () => {
    const context = contextOf({
      content: 'https://a.example/register?ref=12345 www.b.example '.repeat(N / 50),
    })
    for (const rule of linkRules) expect(() => rule.evaluate(context)).not.toThrow()
  })
})
