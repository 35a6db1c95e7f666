import { describe, expect, it } from 'vitest'
import type { Body } from '../helpers/app.js'
import { onRealServer } from '../helpers/db.js'
import { codePointLength } from './arbitraries.js'
import { expectCreatedOrProblem, useIntakeClient } from './intake-client.js'

const intake = useIntakeClient()
const { nextSender, send, post, commentsPath } = intake

/**
 * Regressions found while testing these properties. They fail until src/ is fixed; then delete the matching
 * exemption (readsBackAs in intake-oracle.ts).
 */
describe('regressions found by the intake properties', () => {
  // A defect of PGlite 0.5.17 (its TextDecoder drops a leading byte order mark on read), not of Vigil: the row
  // holds the U+FEFF and PostgreSQL gives it back. Expected to fail on PGlite until PGlite fixes it.
  const onEveryDriver = onRealServer ? it : it.fails
  onEveryDriver(
    'reads back text fields that start with U+FEFF (a byte order mark) exactly as sent',
    async () => {
      const sender = nextSender()
      const sent = {
        articleId: '\uFEFFarticle',
        articleTitle: '\uFEFF',
        author: { name: '\uFEFFCamille', email: sender.email },
        content: '\uFEFFBonjour à tous.',
      }
      const created = await post('public', sender, { body: sent })
      const { id } = expectCreatedOrProblem(created)
      expect(created.status).toBe(201)
      const answer = await send('GET', `${commentsPath()}/${id}`, { token: intake.site.moderatorKey })
      const stored = JSON.parse(answer.text) as Body
      expect({
        articleId: stored.articleId,
        articleTitle: stored.articleTitle,
        name: stored.author.name,
        content: stored.content,
      }).toEqual({
        articleId: sent.articleId,
        articleTitle: sent.articleTitle,
        name: sent.author.name,
        content: sent.content,
      })
    },
  )

  it.each(['.', '..'])('refuses an article id of %j, which no URL could name', async (articleId) => {
    const sender = nextSender()
    const created = await post('public', sender, {
      body: { articleId, author: { name: 'Camille', email: sender.email }, content: 'Bonjour à tous.' },
    })
    expect(created.status).toBe(400)
    expect((JSON.parse(created.text) as Body).errors.map((issue: Body) => issue.path)).toEqual(['articleId'])
  })

  // tokenize's hostTokens builds every parent domain of a link's host with slice/join: O(n²) in its labels. A
  // 20 000-character comment that is one link of 10 000 one-letter labels holds the event loop for seconds.
  it('answers a comment that is one link with a 10 000-label host (http://a.a.a…a) within 1 s of CPU', async () => {
    const sender = nextSender()
    const content = `http://${'a.'.repeat(9_996)}a`
    expect(codePointLength(content)).toBe(20_000)
    const before = process.cpuUsage()
    const answer = await post('server', sender, {
      body: {
        articleId: 'long-host',
        author: { name: 'Camille', email: sender.email },
        content,
        ip: sender.ip,
      },
    })
    const used = process.cpuUsage(before)
    const cpuMs = (used.user + used.system) / 1000
    expectCreatedOrProblem(answer)
    expect(answer.status).toBe(201)
    expect(cpuMs, `the request took ${cpuMs.toFixed(0)} ms of CPU`).toBeLessThan(1_000)
  })
})
