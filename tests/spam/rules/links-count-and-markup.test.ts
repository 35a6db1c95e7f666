import { describe, expect, it } from 'vitest'
import { resolvePolicy } from '../../../src/spam/policy.js'
import { bbcodeLink, htmlLink, links } from '../../../src/spam/rules/links.js'
import {
  assess,
  contextOf,
  detail,
  IDN,
  INSEE,
  LE_MONDE,
  linkVerdict,
  points,
  WIKIPEDIA_FR,
} from './link-comments.js'

// How many links a comment has, and links written in BBCode or HTML markup.

describe('links (D1)', () => {
  it.each([
    ['one link', `Source : ${LE_MONDE}`, 0.5],
    ['two links', `Voir ${LE_MONDE} et ${WIKIPEDIA_FR}`, 1.5],
    ['three links', `Voir ${LE_MONDE}, ${WIKIPEDIA_FR} et ${INSEE}`, 3],
    ['four links', `${LE_MONDE} ${WIKIPEDIA_FR} ${INSEE} ${IDN}`, 4],
    ['ten links, capped below the spam threshold', Array(10).fill('https://a.example/x').join(' '), 4],
  ])('grades the count: %s', (_, content, expected) => {
    expect(points(links, content)).toBe(expected)
  })

  it('holds a comment at the site’s maxLinks and names the hosts', () => {
    const finding = links.evaluate(contextOf(`Voir ${LE_MONDE} et ${WIKIPEDIA_FR}`))
    expect(finding).toEqual({
      detail:
        'Contains 2 links (to “www.lemonde.fr”, “fr.wikipedia.org”); this site holds comments with 2 or more.',
      factor: 1.5,
      floor: 'pending',
    })
  })

  it('shows an internationalised host as readers see it', () => {
    expect(detail(links, `Voir ${IDN}`)).toBe('Contains a link to “пример.рф”.')
  })

  it('sets no floor below maxLinks, or when the site turned the limit off', () => {
    expect(links.evaluate(contextOf(`Source : ${LE_MONDE}`))?.floor).toBeUndefined()
    const noLimit = resolvePolicy({ maxLinks: 0 })
    expect(links.evaluate(contextOf(`${LE_MONDE} ${WIKIPEDIA_FR} ${INSEE}`, noLimit))?.floor).toBeUndefined()
  })

  it('holds a single link when the site allows none', () => {
    expect(links.evaluate(contextOf(`Source : ${LE_MONDE}`, resolvePolicy({ maxLinks: 1 })))?.floor).toBe(
      'pending',
    )
  })

  it.each([
    ['an anchor whose text is its own address', `<a href="${LE_MONDE}">${LE_MONDE}</a>`],
    ['a BBCode link whose text is its own address', `[url=${LE_MONDE}]${LE_MONDE}[/url]`],
    ['a www. anchor text', '<a href="https://www.insee.fr/fr">www.insee.fr/fr</a>'],
  ])('counts %s once', (_, content) => {
    expect(points(links, content)).toBe(0.5)
  })

  it('counts an anchor showing another address than its target as two links', () => {
    expect(points(links, '<a href="https://a.example">https://b.example</a>')).toBe(1.5)
  })

  it('does not count links to the site itself', () => {
    const comment = {
      content:
        'Voir aussi https://www.journal.example/economie/autre-article et https://abonnes.journal.example/x',
    }
    expect(points(links, comment)).toBeNull()
    expect(points(links, { content: `${comment.content} et ${LE_MONDE}` })).toBe(0.5)
  })

  it.each([
    ['plain prose', 'Merci pour cet article, je le partagerai.'],
    ['e-mail addresses', 'Écrivez à marie@exemple.fr ou à bob@www.example.com.'],
    ['Russian, Korean, Arabic and Chinese', 'Спасибо... 감사합니다. 谢谢。شكراً.'],
  ])('finds no link in %s', (_, content) => {
    expect(points(links, content)).toBeNull()
  })
})

describe('bbcode-link (D2)', () => {
  it.each([
    ['[url=…]…[/url]', '[url=https://rayban-pas-cher.top]ray ban pas cher[/url]'],
    ['[url]…[/url]', 'Regardez [url]https://rayban-pas-cher.top[/url]'],
    ['upper case, quoted target, spanning lines', '[URL="http://pills.example"]cheap\npills[/URL]'],
  ])('fires on %s', (_, content) => {
    expect(points(bbcodeLink, content)).toBe(3.5)
  })

  it('quotes the markup and counts the links', () => {
    expect(
      detail(
        bbcodeLink,
        '[url=https://rayban-pas-cher.top]ray ban[/url] [url=https://rayban-pas-cher.top/a]aviator[/url]',
      ),
    ).toBe(
      'Writes 2 links in BBCode forum markup, such as “[url=https://rayban-pas-cher.top]ray ban[/url]”; the comment form takes plain text and link-posting software writes this.',
    )
  })

  it.each([
    ['other BBCode tags', '[b]Important[/b] : [quote]le déficit est de 13 milliards[/quote]'],
    ['a sentence about BBCode', 'Sur les forums on écrivait [url] pour faire un lien.'],
    ['square brackets in prose', 'Le taux [hors inflation] est de 3 % [source : INSEE].'],
    ['a plain link', `Source : ${LE_MONDE}`],
  ])('does not fire on %s', (_, content) => {
    expect(points(bbcodeLink, content)).toBeNull()
  })

  it('holds a single BBCode link in a comment rather than marking it spam (3.5 + 0.5 = 4)', () => {
    const comment = `D'après [url=${LE_MONDE}]Le Monde[/url], le projet sera voté en mars.`
    const verdict = linkVerdict(comment)
    expect(verdict.score).toBe(4)
    expect(verdict.verdict).toBe('pending')
    expect(assess(comment).verdict).not.toBe('spam')
  })

  it('holds a comment that is nothing but one BBCode link (only-a-link leaves markup to this rule)', () => {
    expect(linkVerdict(`[url=${LE_MONDE}]Le Monde[/url]`)).toMatchObject({ verdict: 'pending', score: 4 })
  })

  it('marks two BBCode links as spam (3.5 + 1.5 = 5)', () => {
    const comment =
      '[url=https://rayban-pas-cher.top]ray ban pas cher[/url] [url=https://rayban-pas-cher.top/aviator]ray ban aviator[/url]'
    expect(linkVerdict(comment)).toMatchObject({ verdict: 'spam', score: 5 })
  })
})

describe('html-link (D4)', () => {
  it.each([
    ['an anchor', 'Free investor kit at <a href="https://goldira-guide.info">best gold IRA companies</a>'],
    ['an anchor with attributes before href', '<a rel="nofollow" class="x" href=\'https://a.example\'>a</a>'],
    ['an anchor that is never closed', 'Voir <a href="https://a.example">ici'],
    ['an entity-encoded anchor', 'Voir &lt;a href="https://a.example"&gt;ici&lt;/a&gt;'],
  ])('fires on %s', (_, content) => {
    expect(points(htmlLink, content)).toBe(1.5)
  })

  it('quotes the tag', () => {
    expect(detail(htmlLink, 'Kit at <a href="https://goldira-guide.info">gold</a>')).toBe(
      'Contains HTML link markup, such as “<a href="https://goldira-guide.info">”, in a form that takes plain text.',
    )
  })

  it.each([
    ['other tags', 'C’est <b>inadmissible</b>, <i>vraiment</i>.'],
    ['comparisons and hearts', 'Si a < b et b > c alors… <3'],
    ['an <abbr> tag', '<abbr title="Banque centrale européenne">BCE</abbr>'],
    ['prose about anchors', 'Le lien a href ne s’affiche pas chez moi.'],
    ['a plain link', `Source : ${LE_MONDE}`],
  ])('does not fire on %s', (_, content) => {
    expect(points(htmlLink, content)).toBeNull()
  })

  it('holds one HTML link (1.5 + 0.5 = 2)', () => {
    expect(linkVerdict(`Voir <a href="${LE_MONDE}">cet article</a>.`)).toMatchObject({
      verdict: 'pending',
      score: 2,
    })
  })
})
