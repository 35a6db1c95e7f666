import { uuidv7 } from 'uuidv7'
import type { Executor } from '../db/client.js'
import { runStatement } from '../db/statement.js'
import { type EventData, eventPayload, type WebhookEventType } from './events.js'

/** The channel the outbox bell (outbox-bell.ts) notifies so that dispatchers, in any process, wake up at once. */
export const WEBHOOK_CHANNEL = 'vigil_webhooks'

export type EnqueuedEvent = { eventId: string; deliveryIds: string[] }

/** Where, in a statement's parameters, the outbox clauses find what they need (`$n` placeholders). */
export type OutboxPlaceholders = {
  siteId: string
  type: string
  eventId: string
  /** The event's JSON body, as text. */
  payload: string
  /** The change's time, as ISO text. */
  now: string
  /** One endpoint (a test ping) whatever it subscribes to, or null for every subscribed endpoint. */
  endpointId: string
  /** A condition the event waits on, such as the change having happened (`exists (select from updated)`). */
  onlyIf?: string
}

/** The events that carry a comment's data to a receiver, as a list of SQL literals. */
const COMMENT_DATA_EVENTS = (
  ['comment.created', 'comment.approved', 'comment.rejected', 'comment.spam'] satisfies WebhookEventType[]
)
  .map((type) => `'${type}'`)
  .join(', ')

/**
 * The clauses of a `with` that record an event and one delivery per endpoint of the site that wants it, to be
 * spliced into the statement making the change, so that the change and the news of it commit together, in one
 * round trip. They define `outbox_deliveries` (the deliveries' ids): when there are any, the caller rings the
 * outbox bell once the statement's transaction has committed. With nobody listening nothing is kept: an endpoint
 * added later does not receive events from before it existed.
 */
export function outboxClauses(p: OutboxPlaceholders): string {
  return `
    outbox_endpoints as (
      select id, enabled from webhook_endpoints
      where site_id = ${p.siteId} and case
        when ${p.endpointId}::uuid is not null then id = ${p.endpointId}::uuid
        -- An endpoint Vigil turned off after failures still collects events: they wait, paused (no due
        -- time), and go out once someone turns it on again. One a person turned off collects nothing. An
        -- erasure goes to every endpoint sent comments, listed or not: a receiver holding a reader's data must
        -- hear that it is to be forgotten (GDPR art. 19), even one whose filter forgot the event.
        else (enabled or disabled_reason is not null) and (events is null or ${p.type}::text = any(events)
          or (${p.type}::text = 'comment.erased' and events && array[${COMMENT_DATA_EVENTS}]::text[]))
      end
      -- Whether a delivery starts due or paused follows the endpoint as committed, not as this statement's
      -- snapshot saw it: the lock waits for a change of it being committed (turned off or on), and the change
      -- waits for this transaction, so it sees the deliveries written here and pauses or resumes them too.
      for share),
    outbox_event as (
      insert into webhook_events (id, site_id, type, payload, created_at)
      select ${p.eventId}, ${p.siteId}, ${p.type}, ${p.payload}::jsonb, ${p.now}::timestamptz
      where exists (select from outbox_endpoints)${p.onlyIf ? ` and ${p.onlyIf}` : ''}
      returning id),
    outbox_deliveries as (
      insert into webhook_deliveries
        (id, site_id, endpoint_id, event_id, event_type, next_attempt_at, created_at, updated_at)
      -- Time-ordered ids (drizzle/0008_ordered_uuids.sql): delivery logs are listed newest first by id.
      select vigil_uuidv7(${p.now}::timestamptz), ${p.siteId}, outbox_endpoints.id, outbox_event.id, ${p.type},
        case when outbox_endpoints.enabled then ${p.now}::timestamptz end, ${p.now}::timestamptz,
        ${p.now}::timestamptz
      from outbox_event, outbox_endpoints
      returning id)`
}

/** The outbox parameters of an event: its id and its JSON body. */
export function outboxEventOf(type: WebhookEventType, data: EventData, now: Date) {
  return { eventId: `msg_${uuidv7()}`, payload: JSON.stringify(eventPayload(type, data, now)) }
}

const ENQUEUE = `
  with ${outboxClauses({ siteId: '$1', type: '$2', eventId: '$3', payload: '$4', now: '$5', endpointId: '$6' })}
  select (select array_agg(id) from outbox_deliveries) as delivery_ids`

/**
 * Records an event and one delivery per endpoint of the site that wants it, in the caller's transaction: the
 * change and the news of it commit together or not at all. The caller rings the outbox bell after the commit.
 * With `endpointId`, only that endpoint gets it (a test ping), whatever it subscribes to.
 */
export async function enqueueEvent(
  tx: Executor,
  input: { siteId: string; type: WebhookEventType; data: EventData; now: Date; endpointId?: string },
): Promise<EnqueuedEvent> {
  const { eventId, payload } = outboxEventOf(input.type, input.data, input.now)
  const [row] = await runStatement<{ delivery_ids: string[] | string | null }>(tx, ENQUEUE, [
    input.siteId,
    input.type,
    eventId,
    payload,
    input.now.toISOString(),
    input.endpointId ?? null,
  ])
  const deliveryIds = uuidList(row?.delivery_ids ?? null)
  return deliveryIds.length === 0 ? { eventId: '', deliveryIds } : { eventId, deliveryIds }
}

/** A uuid[] as the driver hands it over: parsed into an array, or (PGlite, through drizzle) as `{a,b}` text. */
function uuidList(value: string[] | string | null): string[] {
  if (value === null) return []
  if (Array.isArray(value)) return value
  const inner = value.replace(/^\{|\}$/g, '')
  return inner === '' ? [] : inner.split(',')
}
