import { and, eq, isNotNull, or, sql } from 'drizzle-orm'
import { uuidv7 } from 'uuidv7'
import type { Executor } from '../db/client.js'
import { webhookDeliveries, webhookEndpoints, webhookEvents } from '../db/webhook-schema.js'
import { type EventData, eventPayload, type WebhookEventType } from './events.js'

/** The channel a commit notifies so that dispatchers, in this process or another, wake up at once. */
export const WEBHOOK_CHANNEL = 'vigil_webhooks'

export type EnqueuedEvent = { eventId: string; deliveryIds: string[] }

/**
 * Records an event and one delivery per endpoint of the site that wants it, in the caller's transaction: the
 * change and the news of it commit together or not at all. With `endpointId`, only that endpoint gets it
 * (a test ping), whatever it subscribes to.
 */
export async function enqueueEvent(
  tx: Executor,
  input: { siteId: string; type: WebhookEventType; data: EventData; now: Date; endpointId?: string },
): Promise<EnqueuedEvent> {
  const subscribed = input.endpointId
    ? eq(webhookEndpoints.id, input.endpointId)
    : and(
        // An endpoint Vigil turned off after failures still collects events: they wait, and go out once someone
        // turns it on again. One a person turned off collects nothing.
        or(eq(webhookEndpoints.enabled, true), isNotNull(webhookEndpoints.disabledReason)),
        sql`(${webhookEndpoints.events} is null or ${input.type} = any(${webhookEndpoints.events}))`,
      )
  const endpoints = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.siteId, input.siteId), subscribed))
  // Nobody listening: nothing to keep. An endpoint added later does not receive events from before it existed.
  if (endpoints.length === 0) return { eventId: '', deliveryIds: [] }
  const eventId = `msg_${uuidv7()}`
  await tx.insert(webhookEvents).values({
    id: eventId,
    siteId: input.siteId,
    type: input.type,
    payload: eventPayload(input.type, input.data, input.now),
    createdAt: input.now,
  })
  const deliveries = endpoints.map((endpoint) => ({
    id: uuidv7(),
    siteId: input.siteId,
    endpointId: endpoint.id,
    eventId,
    eventType: input.type,
    nextAttemptAt: input.now,
    createdAt: input.now,
    updatedAt: input.now,
  }))
  await tx.insert(webhookDeliveries).values(deliveries)
  // Delivered by PostgreSQL when (and only if) the transaction commits.
  await tx.execute(sql`select pg_notify(${WEBHOOK_CHANNEL}, ${input.siteId})`)
  return { eventId, deliveryIds: deliveries.map((delivery) => delivery.id) }
}
