import { describe, expect, it } from 'vitest'
import { authorAnchor, onlyALink, praiseWithLink } from '../../../src/spam/rules/links.js'
import {
  detail,
  LE_MONDE,
  linkVerdict,
  points,
  WIKIPEDIA_AR,
  WIKIPEDIA_FR,
  WIKIPEDIA_KO,
  WIKIPEDIA_RU,
} from './link-comments.js'

// Comments that are only a pretext for a link: the author's name signing it, the link alone, generic praise.

describe('author-anchor (D3)', () => {
  it.each([
    [
      'an anchor whose text is the name',
      { content: 'Great post! <a href="https://cheap-seo.example">John Smith</a>', name: 'John Smith' },
    ],
    [
      'a BBCode link whose text is the name',
      { content: 'Nice. [url=https://shop.example]Shoe Shop[/url]', name: 'shoe shop' },
    ],
    [
      'the name and a URL',
      { content: 'Very useful, thanks. John Smith https://john-smith.example', name: 'John Smith' },
    ],
    [
      'the name, a separator and a www. host',
      { content: 'Bon courage à tous. Marc — www.marc-immo.example', name: 'Marc' },
    ],
    [
      'trailing punctuation and emoji',
      { content: 'Super ! Marc https://marc-immo.example 😉', name: 'Marc' },
    ],
    ['a name in Cyrillic', { content: 'Отличная статья. Ольга https://olga-shop.example', name: 'Ольга' }],
    [
      'an anchor whose text is a name with the Turkish capital İ',
      { content: 'Harika yazı! <a href="https://seo.example">İlker Yılmaz</a>', name: 'İlker Yılmaz' },
    ],
    [
      'a name and a URL, both with the Turkish capital İ',
      { content: 'Teşekkürler. İlker https://İlker.example', name: 'İlker' },
    ],
  ])('fires on %s', (_, comment) => {
    expect(points(authorAnchor, comment)).toBe(3)
  })

  it('quotes the signature', () => {
    expect(
      detail(authorAnchor, { content: 'Thanks. John Smith https://john.example', name: 'John Smith' }),
    ).toBe(
      'Ends with the author’s name and a link, “John Smith https://john.example”, like a signature for the link.',
    )
  })

  it.each([
    ['a link after ordinary words', { content: `Le rapport : ${LE_MONDE}`, name: 'Camille' }],
    [
      'the name in the middle, text after the link',
      { content: `Camille ${LE_MONDE} le dit bien.`, name: 'Camille' },
    ],
    ['the name inside a longer word', { content: 'Read the Atom https://atom.example', name: 'Tom' }],
    [
      'an anchor whose text is another name',
      { content: '<a href="https://a.example">Le Monde</a>', name: 'Camille' },
    ],
    ['a one-letter name', { content: 'Voir b https://b.example', name: 'B' }],
    ['a Russian comment ending with a source', { content: `Вот источник: ${WIKIPEDIA_RU}`, name: 'Ольга' }],
    [
      'a Korean comment ending with a source',
      { content: `자세한 내용은 여기: ${WIKIPEDIA_KO}`, name: '민준' },
    ],
    ['an Arabic comment ending with a source', { content: `المصدر: ${WIKIPEDIA_AR}`, name: 'يوسف' }],
  ])('does not fire on %s', (_, comment) => {
    expect(points(authorAnchor, comment)).toBeNull()
  })
})

describe('only-a-link (D8)', () => {
  it.each([
    ['a bare URL', 'http://www.twitch.tv/zxlightsoutxz'],
    [
      'a URL between arrows and emoji',
      '-----&gt;&gt;&gt;&gt; 👉 https://www.facebook.com/video.php?v=1 👈 &lt;-----',
    ],
    ['a www. host', '  www.marketglory.com/strategygame/lordviperas  '],
    ['a URL followed by an invisible character', 'http://binbox.io/1FIRo#123\uFEFF'],
  ])('fires on %s', (_, content) => {
    expect(points(onlyALink, content)).toBe(3)
  })

  it.each([
    ['a link and words', `Le rapport : ${LE_MONDE}`],
    ['a link with a one-word comment', 'http://tankionline.com great'],
    ['two links', `${LE_MONDE} ${WIKIPEDIA_FR}`],
    ['a BBCode link (scored by bbcode-link)', `[url=${LE_MONDE}]${LE_MONDE}[/url]`],
    ['an HTML link (scored by html-link)', `<a href="${LE_MONDE}">${LE_MONDE}</a>`],
    ['a link to the site itself', 'https://www.journal.example/economie/autre-article'],
    // A host may end with the root's dot: the same host.
    [
      'a link to the site itself, its host ending with a dot',
      'https://www.journal.example./economie/autre-article',
    ],
    ['a Korean word and a link', `출처 ${WIKIPEDIA_KO}`],
    ['no link', 'Nul.'],
  ])('does not fire on %s', (_, content) => {
    expect(points(onlyALink, content)).toBeNull()
  })

  it('holds a reader who answers with only a source (3 + 0.5 = 3.5), not spam', () => {
    expect(linkVerdict(LE_MONDE)).toMatchObject({ verdict: 'pending', score: 3.5 })
  })

  it('marks a body that is only a shortened link as spam (3 + 0.5 + 1.5 = 5)', () => {
    expect(linkVerdict('https://bit.ly/3xYz9')).toMatchObject({ verdict: 'spam', score: 5 })
  })
})

describe('praise-with-link (D9)', () => {
  const seo = { url: 'https://guestpost-agency.net', name: 'Seo Agency' }

  it.each([
    ['English', 'I really enjoyed reading this post, keep up the good work!'],
    ['English, one word', 'Amazing.'],
    ['English thanks', 'Thanks for sharing!!'],
    ['French', 'Merci pour cet article !'],
    ['French, without accents or with', 'Très intéressant, bravo pour cet article'],
    ['French praise of the quality', 'Super article, très bien écrit.'],
  ])('gives 2 to generic praise carrying the author’s website: %s', (_, content) => {
    expect(points(praiseWithLink, { ...seo, content })).toBe(2)
  })

  it('gives 2 when the text links to the author’s own site, and quotes the praise', () => {
    const comment = {
      content: 'Nice article. https://www.solar-panels-free.co/offer',
      url: 'https://solar-panels-free.co',
    }
    expect(points(praiseWithLink, comment)).toBe(2)
    expect(detail(praiseWithLink, comment)).toBe(
      'Only a few words of generic praise, “nice article”, to carry a link to the author’s website “solar-panels-free.co”.',
    )
  })

  it('gives 2 when the link to the author’s own site ends its host with a dot, as hosts may', () => {
    const comment = {
      content: 'Nice article. https://www.solar-panels-free.co./offer',
      url: 'https://solar-panels-free.co',
    }
    expect(points(praiseWithLink, comment)).toBe(2)
    expect(
      points(praiseWithLink, {
        ...comment,
        content: 'Nice article. https://solar-panels-free.co/offer',
        url: 'https://solar-panels-free.co.',
      }),
    ).toBe(2)
  })

  it('gives 0.5 when the only link is in the text and leads elsewhere', () => {
    expect(points(praiseWithLink, 'Great post! https://cheap-pills.example')).toBe(0.5)
    expect(
      points(praiseWithLink, {
        content: `Merci pour cet article ! ${LE_MONDE}`,
        url: 'https://blog.example',
      }),
    ).toBe(0.5)
  })

  it('gives 0.5 when the author URL is a profile on a shared platform and the text links elsewhere', () => {
    const comment = { content: `Great post! ${LE_MONDE}`, url: 'https://www.facebook.com/camille.d' }
    expect(points(praiseWithLink, comment)).toBe(0.5)
  })

  it.each([
    ['praise with no link at all', { content: 'Merci pour cet article très clair.' }],
    [
      'praise from a reader whose author URL is a social profile',
      { content: 'Great post!', url: 'https://x.com/camille' },
    ],
    [
      'more than twelve words',
      {
        ...seo,
        content: 'Merci pour cet article, mais je ne suis pas d’accord avec la conclusion sur les retraites.',
      },
    ],
    [
      'praise next to two sources',
      { ...seo, content: `Merci pour cet article ! ${LE_MONDE} ${WIKIPEDIA_FR}` },
    ],
    ['a short comment that is not praise', { ...seo, content: 'Nul.' }],
    ['a short opinion', { ...seo, content: 'Le gouvernement ment, honteux !' }],
    [
      'praise that names the article’s subject',
      { ...seo, content: 'Great article on the retraites reform!' },
    ],
    [
      'Italian praise (the lexicon is English and French)',
      { ...seo, content: 'Bellissimo articolo, grazie!' },
    ],
    ['Russian thanks', { ...seo, content: 'Спасибо за статью!' }],
    ['Arabic thanks', { ...seo, content: 'مقال ممتاز، شكراً.' }],
  ])('does not fire on %s', (_, comment) => {
    expect(points(praiseWithLink, comment)).toBeNull()
  })

  it.each([
    ['a blog named after the author', { name: 'Marc Lefèvre', url: 'https://marclefevre.wordpress.com' }],
    ['a personal domain, apostrophe and all', { name: "Tom O'Brien", url: 'https://tomobrien.blog' }],
    ['an accented domain', { name: 'Zoé Lambert', url: 'https://zoélambert.fr' }],
    ['a first name alone', { name: 'Nicolas', url: 'https://nicolasr.substack.com' }],
    [
      'a research institute’s page of the author',
      { name: 'Priya Raman', url: 'https://www.chathamhouse.org/about-us/our-people/priya-raman' },
    ],
    ['a Mastodon profile on any server', { name: 'Hélène D.', url: 'https://piaille.fr/@helened' }],
    ['a home page on a university server', { name: 'J. Martin', url: 'https://www.univ.example/~jmartin/' }],
  ])('does not count a reader’s thanks signed with their own page: %s', (_, author) => {
    expect(points(praiseWithLink, { ...author, content: 'Merci pour cet article !' })).toBeNull()
    // Praise next to a link to their own post counts as praise with a link elsewhere.
    const post = `${author.url.replace(/\/$/, '')}/mon-billet`
    expect(points(praiseWithLink, { ...author, content: `Great article. My follow-up: ${post}` })).toBe(0.5)
  })

  it.each([
    ['a trade’s name matching its shop', { name: 'Seo Agency', url: 'https://seoagency.net' }],
    ['a name with digits', { name: 'Loans4u', url: 'https://loans4u.example' }],
    ['a name that is not in the address', { name: 'Emily', url: 'https://best-garden-tools.example' }],
    ['a trade’s name on a profile path', { name: 'Seo Agency', url: 'https://seoagency.net/@seo' }],
    ['a product’s name matching its shop', { name: 'Viagra Kaufen', url: 'https://viagrakaufen.example' }],
  ])('still counts praise carrying a site that is not the author’s page: %s', (_, author) => {
    expect(points(praiseWithLink, { ...author, content: 'Great post, thanks for sharing!' })).toBe(2)
  })

  it('holds SEO praise (2), and never marks it spam on its own', () => {
    expect(linkVerdict({ ...seo, content: 'Great post, thanks for sharing!' })).toMatchObject({
      verdict: 'pending',
      score: 2,
    })
  })
})
