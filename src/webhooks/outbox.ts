import { and, eq, isNotNull, or, sql } from 'drizzle-orm'
import { uuidv7 } from 'uuidv7'
import { textArray } from '../db/array-literals.js'
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
  const deliveryIds = endpoints.map(() => uuidv7())
  const payload = JSON.stringify(eventPayload(input.type, input.data, input.now))
  const now = input.now.toISOString()
  // The event, its deliveries and the wake-up call in one statement (one round trip inside the change's
  // transaction). The notification is delivered by PostgreSQL when (and only if) the transaction commits.
  await tx.execute(sql`
    with event as (
      insert into ${webhookEvents} (id, site_id, type, payload, created_at)
      values (${eventId}, ${input.siteId}, ${input.type}, ${payload}::jsonb, ${now}::timestamptz)
      returning id),
    deliveries as (
      insert into ${webhookDeliveries}
        (id, site_id, endpoint_id, event_id, event_type, next_attempt_at, created_at, updated_at)
      select delivery.id, ${input.siteId}, delivery.endpoint_id, event.id, ${input.type},
        ${now}::timestamptz, ${now}::timestamptz, ${now}::timestamptz
      from event, unnest(${textArray(deliveryIds)}::uuid[], ${textArray(endpoints.map((endpoint) => endpoint.id))}::uuid[])
        as delivery(id, endpoint_id)
      returning 1)
    select pg_notify(${WEBHOOK_CHANNEL}, ${input.siteId}), (select count(*) from deliveries) as deliveries`)
  return { eventId, deliveryIds }
}
