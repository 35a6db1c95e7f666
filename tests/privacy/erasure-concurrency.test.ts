import { describe, expect, it } from 'vitest'
import { aComment, type Body, json, type TestSite, useTestApp } from '../helpers/app.js'
import { onRealServer } from '../helpers/db.js'
import { withLocksHeld } from '../helpers/locks.js'

/**
 * An erasure and new comments of the same people, at the same moment: each waits for the other and neither
 * fails. They once deadlocked (one of them a 500): intake locked the sender's reputation rows and then, by the
 * foreign key, the parent; the erasure locked the parent, then reputation rows, one kind (hosts) before the
 * others (e-mails, IPs) that intake had locked first.
 */
const ctx = useTestApp()

const submit = (site: TestSite, body: Record<string, unknown>) =>
  ctx.request('POST', `/v1/sites/${site.id}/comments`, { body: aComment(body), token: site.serverKey })

/** Starts the erasure of `email`, held on the reputation row of `heldSubject`, then `meanwhile`; both answers. */
function erasingWhile(
  site: TestSite,
  email: string,
  heldSubject: string,
  meanwhile: () => Promise<Response>,
) {
  return withLocksHeld(
    ctx.database.url ?? '',
    (tx) => tx`select 1 from reputation where site_id = ${site.id} and subject = ${heldSubject} for update`,
    async (waitForBlocked) => {
      const erasing = ctx.request('POST', `/v1/sites/${site.id}/privacy/erase`, {
        token: site.serverKey,
        body: { email },
      })
      await waitForBlocked(1)
      const other = meanwhile()
      await waitForBlocked(2)
      return { pending: Promise.all([erasing, other]) }
    },
  )
}

const statusAndType = async (response: Response) => {
  const body = (await response.json()) as Body
  return [response.status, body.type ?? null]
}

describe.runIf(onRealServer)('an erasure while the same people comment', () => {
  it('refuses a reply to the erased comment from the same IP as a reply to nothing, without a deadlock', async () => {
    const site = await ctx.newSite()
    const xavier = { name: 'Xavier', email: 'xavier@example.org', url: 'https://xavier-blog.example/' }
    ctx.clock.advance(60_000)
    const parent = await json(submit(site, { author: xavier, ip: '198.51.100.20' }))
    ctx.clock.advance(60_000)
    // A household or an office: another reader on the same IP replies while Xavier's data is erased.
    const [erased, replied] = await erasingWhile(site, xavier.email, 'h:xavier-blog.example', () =>
      submit(site, {
        author: { name: 'Yvonne', email: 'yvonne@example.org' },
        ip: '198.51.100.20',
        parentId: parent.id,
      }),
    )
    expect(await statusAndType(erased)).toEqual([200, null])
    expect(await statusAndType(replied)).toEqual([400, 'urn:vigil:problem:invalid-input'])
  })

  it('stores a comment the person sends during their erasure, after it', async () => {
    const site = await ctx.newSite()
    const xena = { name: 'Xena', email: 'xena@example.org', url: 'https://xena-blog.example/' }
    ctx.clock.advance(60_000)
    await submit(site, { author: xena })
    ctx.clock.advance(60_000)
    const [erased, posted] = await erasingWhile(site, xena.email, 'h:xena-blog.example', () =>
      submit(site, { author: xena, content: 'Encore une remarque sur le budget municipal.' }),
    )
    expect(await statusAndType(erased)).toEqual([200, null])
    expect(await statusAndType(posted)).toEqual([201, null])
  })
})
