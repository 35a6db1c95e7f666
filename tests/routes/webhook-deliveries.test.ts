import { describe, expect, it } from 'vitest'
import { type Body, expectStatus, json } from '../helpers/app.js'
import { expectFieldProblem, hooks, useWebhookRequests } from './webhook-requests.js'

/** What an endpoint is sent: test pings, redeliveries and comment events, each in its delivery log. */

const { ctx, addEndpoint, patch, redelivery, ping, deliveriesOf } = useWebhookRequests()

describe('test pings and the delivery log', () => {
  it('queue a ping (202 with eventId and deliveryId), whatever the endpoint subscribes to', async () => {
    const site = await ctx.newSite()
    const endpoint = await addEndpoint(site, { events: ['comment.spam'] })
    const queued = await ping(site, endpoint.id)
    expect(queued).toEqual({ eventId: expect.stringMatching(/^msg_/), deliveryId: expect.any(String) })
    expect((await deliveriesOf(site, endpoint.id)).items).toEqual([
      expect.objectContaining({
        id: queued.deliveryId,
        endpointId: endpoint.id,
        eventId: queued.eventId,
        event: 'ping',
        state: 'pending',
        attempts: 0,
        history: [],
      }),
    ])
  })

  it('refuse to ping an endpoint a person turned off, with 409', async () => {
    const site = await ctx.newSite()
    const endpoint = await addEndpoint(site)
    await expectStatus(patch(site, endpoint.id, { enabled: false }), 200)
    const refused = await expectStatus(ctx.request('POST', `${hooks(site)}/${endpoint.id}/test`), 409)
    expect((await json(refused)).type).toBe('urn:vigil:problem:conflict')
  })

  it('page the log newest first with limit and nextCursor, and refuse a bad cursor', async () => {
    const site = await ctx.newSite()
    const endpoint = await addEndpoint(site)
    const queued: string[] = []
    for (let n = 0; n < 5; n++) queued.push((await ping(site, endpoint.id)).deliveryId)
    const seen: string[][] = []
    let cursor: string | null = ''
    while (cursor !== null) {
      const page: Body = await deliveriesOf(site, endpoint.id, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      seen.push(page.items.map((delivery: Body) => delivery.id))
      cursor = page.nextCursor
    }
    expect(seen.map((page) => page.length)).toEqual([2, 2, 1])
    expect(seen.flat()).toEqual([...queued].reverse())
    const url = `${hooks(site)}/${endpoint.id}/deliveries`
    await expectFieldProblem(ctx.request('GET', `${url}?cursor=not-a-cursor`), 'cursor')
    await expectFieldProblem(ctx.request('GET', `${url}?limit=0`), 'limit')
  })

  it('read a blank cursor (`cursor=`) as none, as every other list does: the first page', async () => {
    const site = await ctx.newSite()
    const endpoint = await addEndpoint(site)
    const { deliveryId } = await ping(site, endpoint.id)
    const page = await deliveriesOf(site, endpoint.id, '?limit=&cursor=')
    expect(page.items.map((delivery: Body) => delivery.id)).toEqual([deliveryId])
  })
})

describe('redelivery', () => {
  it('queues the same event again as a new delivery (202)', async () => {
    const site = await ctx.newSite()
    const endpoint = await addEndpoint(site)
    const original = await ping(site, endpoint.id)
    const again = await json(expectStatus(redelivery(site, original.deliveryId), 202))
    expect(again).toMatchObject({ endpointId: endpoint.id, eventId: original.eventId, state: 'pending' })
    expect(again.id).not.toBe(original.deliveryId)
    const { items } = await deliveriesOf(site, endpoint.id)
    expect(items.map((delivery: Body) => delivery.id)).toEqual([again.id, original.deliveryId])
  })

  it('reads the delivery id in capitals too, as the endpoint routes read theirs', async () => {
    const site = await ctx.newSite()
    const endpoint = await addEndpoint(site)
    const original = await ping(site, endpoint.id)
    const again = await json(expectStatus(redelivery(site, original.deliveryId.toUpperCase()), 202))
    expect(again).toMatchObject({ endpointId: endpoint.id, eventId: original.eventId })
  })

  it("answers 404 for an unknown delivery and for another site's", async () => {
    const [site, other] = [await ctx.newSite(), await ctx.newSite()]
    const theirs = await ping(other, (await addEndpoint(other)).id)
    await expectStatus(redelivery(site, crypto.randomUUID()), 404)
    await expectStatus(redelivery(site, theirs.deliveryId), 404)
  })
})

describe('events from comment intake', () => {
  it('a new comment queues comment.created for a subscribed endpoint, and nothing for others', async () => {
    const site = await ctx.newSite()
    const everything = await addEndpoint(site)
    const created = await addEndpoint(site, { events: ['comment.created'] })
    const spamOnly = await addEndpoint(site, { events: ['comment.spam'] })
    const off = await addEndpoint(site)
    await expectStatus(patch(site, off.id, { enabled: false }), 200)
    await ctx.submit(site)
    for (const endpoint of [everything, created]) {
      expect((await deliveriesOf(site, endpoint.id)).items).toEqual([
        expect.objectContaining({ event: 'comment.created', state: 'pending', attempts: 0 }),
      ])
    }
    expect((await deliveriesOf(site, spamOnly.id)).items).toEqual([])
    expect((await deliveriesOf(site, off.id)).items).toEqual([])
  })
})
