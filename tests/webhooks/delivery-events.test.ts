import { Webhook } from 'standardwebhooks'
import { describe, expect, it } from 'vitest'
import { expectStatus, json } from '../helpers/app.js'
import { useDeliveryTests } from './delivery-setup.js'

/** What a receiver gets: every kind of event, signed with every live secret, only what it subscribes to, redeliveries. */

const { ctx, startDispatcher, newReceiver, subscribe, decide, deliveriesOf } = useDeliveryTests()

describe('webhook delivery', () => {
  it('delivers every kind of event, signed so that a Standard Webhooks library verifies it', async () => {
    const receiver = await newReceiver()
    const { site, endpoint } = await subscribe(receiver)
    await startDispatcher()

    const first = await ctx.submit(site)
    const second = await ctx.submit(site)
    const third = await ctx.submit(site)
    await decide(site, first.id, 'approve')
    await decide(site, second.id, 'reject')
    await decide(site, third.id, 'spam')
    await expectStatus(ctx.request('POST', `/v1/sites/${site.id}/webhooks/${endpoint.id}/test`), 202)

    const received = await receiver.waitFor(7)
    expect(received.every((hook) => hook.verifiedWith === endpoint.secret)).toBe(true)
    const types = received.map((hook) => hook.payload.type).sort()
    expect(types).toEqual([
      'comment.approved',
      'comment.created',
      'comment.created',
      'comment.created',
      'comment.rejected',
      'comment.spam',
      'ping',
    ])
    for (const hook of received) {
      expect(hook.headers['webhook-id']).toMatch(/^msg_/)
      expect(hook.payload).toMatchObject({ schemaVersion: 1, data: { siteId: site.id } })
      expect(Date.parse(hook.payload.timestamp)).not.toBeNaN()
    }
    const created = received.find((hook) => hook.payload.data.comment?.id === first.id)
    expect(created?.payload.data.comment).toMatchObject({ id: first.id, status: 'approved' })
    expect(created?.payload.data.comment).not.toHaveProperty('ip')
    const spam = received.find((hook) => hook.payload.type === 'comment.spam')
    expect(spam?.payload.data).toMatchObject({ previousStatus: 'approved', comment: { status: 'spam' } })
    expect(spam?.payload.data.actor).toEqual(expect.any(String))
    expect(spam?.payload.data.reasons).toEqual(expect.any(Array))
  })

  it('signs with both secrets for a day after a rotation', async () => {
    const receiver = await newReceiver()
    const { site, endpoint } = await subscribe(receiver, { events: ['ping'] })
    const oldSecret = endpoint.secret
    const rotated = await json(
      expectStatus(ctx.request('POST', `/v1/sites/${site.id}/webhooks/${endpoint.id}/rotate-secret`), 200),
    )
    expect(rotated.secret).not.toBe(oldSecret)
    expect(Date.parse(rotated.previousSecretExpiresAt) - ctx.clock.now().getTime()).toBe(24 * 3_600_000)
    receiver.secrets.splice(0, receiver.secrets.length, rotated.secret)
    await startDispatcher()
    await expectStatus(ctx.request('POST', `/v1/sites/${site.id}/webhooks/${endpoint.id}/test`), 202)
    const [hook] = await receiver.waitFor(1)
    expect(hook?.verifiedWith).toBe(rotated.secret)
    expect(String(hook?.headers['webhook-signature']).split(' ')).toHaveLength(2)
    // A receiver still holding the old secret verifies the same request.
    const headers = hook?.headers as Record<string, string>
    expect(new Webhook(oldSecret).verify(hook?.body ?? '', headers)).toEqual(hook?.payload)
  })

  it('signs with every secret rotated out within the day, so a second rotation strands no receiver', async () => {
    const receiver = await newReceiver()
    const { site, endpoint } = await subscribe(receiver, { events: ['ping'] })
    const rotate = () =>
      json(
        expectStatus(ctx.request('POST', `/v1/sites/${site.id}/webhooks/${endpoint.id}/rotate-secret`), 200),
      )
    const first = endpoint.secret as string
    const second = (await rotate()).secret as string
    ctx.clock.advance(60_000)
    const third = (await rotate()).secret as string
    receiver.secrets.splice(0, receiver.secrets.length, third)
    await startDispatcher()
    await expectStatus(ctx.request('POST', `/v1/sites/${site.id}/webhooks/${endpoint.id}/test`), 202)
    const [hook] = await receiver.waitFor(1)
    const headers = hook?.headers as Record<string, string>
    expect(headers['webhook-signature']?.split(' ')).toHaveLength(3)
    // Receivers still holding the first or the second secret verify the same request.
    for (const secret of [first, second])
      expect(new Webhook(secret).verify(hook?.body ?? '', headers)).toEqual(hook?.payload)
  })

  it('sends an event only to the endpoints subscribed to it', async () => {
    const spamOnly = await newReceiver()
    const everything = await newReceiver()
    const { site } = await subscribe(spamOnly, { events: ['comment.spam'] })
    await subscribe(everything, {}, site)
    await startDispatcher()
    const comment = await ctx.submit(site)
    await decide(site, comment.id, 'spam')
    await everything.waitFor(2)
    const [spam] = await spamOnly.waitFor(1)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(spamOnly.received).toHaveLength(1)
    expect(spam?.payload.type).toBe('comment.spam')
  })

  it('records no event for a decision that did not happen', async () => {
    const receiver = await newReceiver()
    const { site, endpoint } = await subscribe(receiver, { events: ['comment.approved'] })
    const comment = await ctx.submit(site)
    await expectStatus(
      ctx.request('POST', `/v1/sites/${site.id}/comments/${comment.id}/approve`, {
        token: site.moderatorKey,
        headers: { 'if-match': '"99"' },
      }),
      412,
    )
    expect(await deliveriesOf(site, endpoint.id)).toEqual([])
  })

  it('redelivers an event under the same id', async () => {
    const receiver = await newReceiver()
    const { site, endpoint } = await subscribe(receiver, { events: ['ping'] })
    await startDispatcher()
    const { deliveryId } = await json(
      expectStatus(ctx.request('POST', `/v1/sites/${site.id}/webhooks/${endpoint.id}/test`), 202),
    )
    await receiver.waitFor(1)
    const again = await json(
      expectStatus(ctx.request('POST', `/v1/sites/${site.id}/deliveries/${deliveryId}/redeliver`), 202),
    )
    expect(again).toMatchObject({ state: 'pending', attempts: 0, event: 'ping' })
    const [first, second] = await receiver.waitFor(2)
    expect(second?.headers['webhook-id']).toBe(first?.headers['webhook-id'])
  })
})
