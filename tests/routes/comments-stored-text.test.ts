import { describe, expect, it } from 'vitest'
import { aComment, type Body, expectStatus, json } from '../helpers/app.js'
import { useCommentRequests } from './comment-requests.js'

const { ctx, request, post } = useCommentRequests()

describe('text is stored exactly as sent', () => {
  const samples = [
    {
      label: 'French with accents, ligatures and typographic quotes',
      name: 'Françoise Lefèvre-Œhlenschläger',
      url: 'https://exemple.fr/été/cœur?q=à#ancre',
      content: '« Très intéressant ! » L’œuvre de Françoise Héritier, à l’été 2026 — ça dépasse tout…',
    },
    {
      label: 'Russian',
      name: 'Дмитрий Ёлкин',
      url: 'https://пример.рф/статья',
      content: 'Спасибо за статью! Ёжик в тумане, щётка и съёмка.',
    },
    { label: 'Korean', name: '김민준', url: null, content: '정말 좋은 기사입니다. 다음 편도 기대할게요!' },
    {
      label: 'Arabic, right to left, with bidi marks and embeddings',
      name: 'محمد عبد الله',
      url: null,
      content: '\u200Fشكراً جزيلاً على هذا المقال الرائع! 2026 \u202Bنص مضمن\u202C \u200E(Vigil)',
    },
    {
      label: 'emoji ZWJ sequences, skin tones, flags and keycaps',
      name: '👩🏽‍💻 Ada',
      url: null,
      content: '👨‍👩‍👧‍👦 ❤️‍🔥 🏳️‍🌈 🇫🇷 👍🏿 1️⃣ 🧑🏻‍🤝‍🧑🏿',
    },
    {
      label: 'combining marks, left decomposed and stacked',
      name: 'Zoe\u0308 A\u030Angstro\u0308m',
      url: null,
      content:
        'cafe\u0301 cre\u0300me — Z\u0335\u0321a\u0336l\u0337g\u0334o\u0358 — \u0915\u094D\u0937 — ผู้ใหญ่',
    },
    {
      label: 'HTML and script tags, never escaped or stripped',
      name: '<b>Bob</b> & "Alice"',
      url: null,
      content: `<script>alert(1)</script> <img src=x onerror="alert('x')"> &amp; &lt;b&gt; \\n \\u0041`,
    },
    {
      label: 'whitespace, tabs and line breaks',
      name: ' Espacé ',
      url: null,
      content: '  Premier paragraphe.\r\n\r\n\tSecond\u00A0paragraphe,\u2009fin.  ',
    },
  ]

  it.each(samples)('$label: round-trips through the moderator and the public view', async (sample) => {
    const site = await ctx.newSite()
    const articleId = 'round-trip'
    const author = {
      name: sample.name,
      email: aComment().author.email,
      ...(sample.url ? { url: sample.url } : {}),
    }
    const submitted = { articleId, author, content: sample.content }
    const { id, status } = await json(expectStatus(post(site.id, submitted), 201))
    expect(status).toBe('approved')

    const moderatorView = await json(
      request('GET', `/v1/sites/${site.id}/comments/${id}`, { token: site.moderatorKey }),
    )
    expect(moderatorView.content).toBe(sample.content)
    expect(moderatorView.author).toEqual({ name: sample.name, email: author.email, url: sample.url })
    expect(Buffer.from(moderatorView.content, 'utf8').equals(Buffer.from(sample.content, 'utf8'))).toBe(true)

    const publicResponse = await expectStatus(
      request('GET', `/v1/sites/${site.id}/articles/${articleId}/comments`, { token: null }),
      200,
    )
    const publicText = await publicResponse.text()
    const page = JSON.parse(publicText) as Body
    expect(page.items).toEqual([
      {
        id,
        parentId: null,
        author: { name: sample.name, url: sample.url },
        content: sample.content,
        createdAt: expect.any(String),
      },
    ])
    expect(publicText).not.toContain(author.email)
  })

  it('keeps decomposed text decomposed: nothing is normalised on the way in or out', async () => {
    const site = await ctx.newSite()
    const content = 'cafe\u0301'
    const { id } = await json(expectStatus(post(site.id, aComment({ content })), 201))
    const stored = await json(request('GET', `/v1/sites/${site.id}/comments/${id}`))
    expect(stored.content).toBe(content)
    expect(stored.content).not.toBe(content.normalize('NFC'))
  })

  it('serves an article whose id is in any script, with reserved URL characters', async () => {
    const site = await ctx.newSite()
    const articleId = 'été-2026/débat ? 討論'
    const { id } = await json(expectStatus(post(site.id, aComment({ articleId })), 201))
    const page = await json(
      request('GET', `/v1/sites/${site.id}/articles/${encodeURIComponent(articleId)}/comments`, {
        token: null,
      }),
    )
    expect(page.items.map((item: Body) => item.id)).toEqual([id])
  })

  it('never shows an e-mail, an IP, a score or a verdict in the public view', async () => {
    const site = await ctx.newSite()
    const comment = aComment({
      ip: '203.0.113.77',
      userAgent: 'Reader/1.0',
      referrer: 'https://ref.example/',
    })
    await expectStatus(post(site.id, comment, site.serverKey), 201)
    const response = await request('GET', `/v1/sites/${site.id}/articles/${comment.articleId}/comments`, {
      token: null,
    })
    const text = await response.text()
    const [item] = (JSON.parse(text) as Body).items as Body[]
    expect(Object.keys(item ?? {}).sort()).toEqual(['author', 'content', 'createdAt', 'id', 'parentId'])
    expect(Object.keys(item?.author ?? {}).sort()).toEqual(['name', 'url'])
    for (const secret of [comment.author.email, '203.0.113.77', 'Reader/1.0', 'ref.example']) {
      expect(text).not.toContain(secret)
    }
  })

  it.each(['用户@例子.广告', 'josé@exemple.fr', 'иван@пример.рф', 'θσερ@εχαμπλε.ψομ', 'अजय@डाटा.भारत'])(
    'accepts the internationalised e-mail address %s and stores it as sent',
    async (email) => {
      const site = await ctx.newSite()
      const { id } = await json(
        expectStatus(post(site.id, aComment({ author: { name: 'Lecteur', email } })), 201),
      )
      const stored = await json(request('GET', `/v1/sites/${site.id}/comments/${id}`))
      expect(stored.author.email).toBe(email)
    },
  )
})
