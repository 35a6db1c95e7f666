import { eq } from 'drizzle-orm'
import postgres from 'postgres'
import { describe, expect, it } from 'vitest'
import { webhookDeliveries } from '../../src/db/webhook-schema.js'
import { aComment, type Body, expectStatus, json, type TestSite, useTestApp } from '../helpers/app.js'
import { onRealServer } from '../helpers/db.js'
import { withLocksHeld } from '../helpers/locks.js'

/**
 * An erasure and new comments of the same people, at the same moment: each waits for the other and neither
 * fails. They once deadlocked (one of them a 500): intake locked the sender's reputation rows and then, by the
 * foreign key, the parent; the erasure locked the parent, then reputation rows, one kind (hosts) before the
 * others (e-mails, IPs) that intake had locked first.
 */
const ctx = useTestApp({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' })

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

  it('erases while a delivery of their comment is being recorded, without a deadlock', async () => {
    const site = await ctx.newSite()
    const endpoint = await json(
      expectStatus(
        ctx.request('POST', `/v1/sites/${site.id}/webhooks`, { body: { url: 'http://127.0.0.1:9/hook' } }),
        201,
      ),
    )
    const email = 'zoe@example.org'
    await submit(site, { author: { name: 'Zoé', email } })
    const [delivery] = await ctx.database.db
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.siteId, site.id))
    // A dispatcher recording the outcome of that comment's comment.created: the endpoint first, then the delivery
    // (src/webhooks/delivery-store.ts, recordAttempt). The erasure, meanwhile, queues its events and deletes the
    // earlier ones: had it deleted the delivery before waiting on the endpoint, each would wait for the other.
    const side = postgres(ctx.database.url ?? '', { max: 2, onnotice: () => {} })
    try {
      let erasing: Promise<Response> | undefined
      await side.begin(async (tx) => {
        await tx`select 1 from webhook_endpoints where id = ${endpoint.id} for no key update`
        erasing = ctx.request('POST', `/v1/sites/${site.id}/privacy/erase`, {
          token: site.serverKey,
          body: { email },
        })
        for (const deadline = Date.now() + 10_000; ; ) {
          const [row] = await side`select count(*)::int as n from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock'`
          if ((row?.n ?? 0) >= 1) break
          if (Date.now() > deadline) throw new Error('the erasure never waited on the endpoint')
          await new Promise((resolve) => setTimeout(resolve, 20))
        }
        await tx`update webhook_deliveries set attempts = attempts + 1 where id = ${delivery?.id ?? ''}`
      })
      expect(await statusAndType(await (erasing as Promise<Response>))).toEqual([200, null])
    } finally {
      await side.end()
    }
  })
})
