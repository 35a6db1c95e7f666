import { uuidv7 } from 'uuidv7'
import { textArray } from '../db/array-literals.js'
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
 * The clause of a `with` that finds, and locks, the endpoints of the site that want an event of the type:
 * `outbox_endpoints`. With nobody listening nothing is kept: an endpoint added later does not receive events from
 * before it existed.
 */
function subscribedEndpoints(p: Pick<OutboxPlaceholders, 'siteId' | 'type' | 'endpointId'>): string {
  return `
    outbox_endpoints as (
      select id, enabled from webhook_endpoints
      where site_id = ${p.siteId} and case
        -- A test ping goes to an endpoint that is on, as committed: one turned off since its caller read it
        -- would keep the ping paused, accepted and never sent.
        when ${p.endpointId}::uuid is not null then id = ${p.endpointId}::uuid and enabled
        -- An endpoint Vigil turned off after failures still collects events: they wait, paused (no due
        -- time), and go out once someone turns it on again. One a person turned off collects nothing but
        -- erasures. An erasure goes to every endpoint sent comments, listed or not, on or off: a receiver
        -- holding a reader's data must hear that it is to be forgotten (GDPR art. 19), even one whose filter
        -- forgot the event, or that is turned on again later.
        else (enabled or disabled_reason is not null or ${p.type}::text = 'comment.erased')
          and (events is null or ${p.type}::text = any(events)
          or (${p.type}::text = 'comment.erased' and events && array[${COMMENT_DATA_EVENTS}]::text[]))
      end
      -- Whether a delivery starts due or paused follows the endpoint as committed, not as this statement's
      -- snapshot saw it: the lock waits for a change of it being committed (turned off or on), and the change
      -- waits for this transaction, so it sees the deliveries written here and pauses or resumes them too.
      for share)`
}

/** The clause inserting one delivery per event of `events` (a clause's name) and endpoint of `outbox_endpoints`. */
const deliveriesOf = (events: string, siteId: string, type: string, now: string) => `
    outbox_deliveries as (
      insert into webhook_deliveries
        (id, site_id, endpoint_id, event_id, event_type, next_attempt_at, created_at, updated_at)
      -- Time-ordered ids (drizzle/0008_ordered_uuids.sql): delivery logs are listed newest first by id.
      select vigil_uuidv7(${now}::timestamptz), ${siteId}, outbox_endpoints.id, ${events}.id, ${type},
        case when outbox_endpoints.enabled then ${now}::timestamptz end, ${now}::timestamptz,
        ${now}::timestamptz
      from ${events}, outbox_endpoints
      returning id)`

/**
 * The clauses of a `with` that record an event and one delivery per endpoint of the site that wants it, to be
 * spliced into the statement making the change, so that the change and the news of it commit together, in one
 * round trip. They define `outbox_deliveries` (the deliveries' ids): when there are any, the caller rings the
 * outbox bell once the statement's transaction has committed.
 */
export function outboxClauses(p: OutboxPlaceholders): string {
  return `${subscribedEndpoints(p)},
    outbox_event as (
      insert into webhook_events (id, site_id, type, payload, created_at)
      select ${p.eventId}, ${p.siteId}, ${p.type}, ${p.payload}::jsonb, ${p.now}::timestamptz
      where exists (select from outbox_endpoints)${p.onlyIf ? ` and ${p.onlyIf}` : ''}
      returning id),${deliveriesOf('outbox_event', p.siteId, p.type, p.now)}`
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

const ENQUEUE_MANY = `
  with ${subscribedEndpoints({ siteId: '$1', type: '$2', endpointId: 'null' })},
    outbox_events as (
      insert into webhook_events (id, site_id, type, payload, created_at)
      select event.id, $1, $2, event.payload::jsonb, $5::timestamptz
      from unnest($3::text[], $4::text[]) as event(id, payload)
      where exists (select from outbox_endpoints)
      returning id),${deliveriesOf('outbox_events', '$1', '$2', '$5')}
  select count(*)::int as deliveries from outbox_deliveries`

/**
 * Records events of one type (an erasure's, one per comment) and their deliveries in one statement, however many:
 * a round trip each kept the site's endpoints locked, and the outcomes of deliveries waiting to be recorded, for
 * seconds on a reader with thousands of comments. Returns how many deliveries were queued.
 */
export async function enqueueEvents(
  tx: Executor,
  input: { siteId: string; type: WebhookEventType; data: readonly EventData[]; now: Date },
): Promise<number> {
  if (input.data.length === 0) return 0
  const events = input.data.map((data) => outboxEventOf(input.type, data, input.now))
  const [row] = await runStatement<{ deliveries: number }>(tx, ENQUEUE_MANY, [
    input.siteId,
    input.type,
    textArray(events.map((event) => event.eventId)),
    textArray(events.map((event) => event.payload)),
    input.now.toISOString(),
  ])
  return Number(row?.deliveries ?? 0)
}

/** A uuid[] as the driver hands it over: parsed into an array, or (PGlite, through drizzle) as `{a,b}` text. */
function uuidList(value: string[] | string | null): string[] {
  if (value === null) return []
  if (Array.isArray(value)) return value
  const inner = value.replace(/^\{|\}$/g, '')
  return inner === '' ? [] : inner.split(',')
}
