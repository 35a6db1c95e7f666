import { sql } from 'drizzle-orm'
import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { sites } from './schema.js'

const at = () => timestamp({ withTimezone: true, mode: 'date' })

/** A signing secret replaced by a rotation, and when it stops signing (an ISO 8601 instant). */
export type RetiredSecret = { secret: string; expiresAt: string }

/** A site's receiver of events. */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid().primaryKey(),
    siteId: text()
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    url: text().notNull(),
    description: text(),
    /** The event types it receives; null means all of them, including types added later. */
    events: text().array(),
    enabled: boolean().notNull().default(true),
    /** Why Vigil turned the endpoint off (null when a person did, or when it is on). */
    disabledReason: text(),
    /**
     * The signing secret (`whsec_…`). Stored as it is, not hashed: Vigil must sign with it. It is shown once,
     * at creation or rotation, and never returned by the API afterwards.
     */
    secret: text().notNull(),
    /** The secret before the last rotation, which still signs until `previousSecretExpiresAt`. */
    previousSecret: text(),
    previousSecretExpiresAt: at(),
    /**
     * Secrets of rotations before the last that still sign (each for 24 hours from its own rotation), newest first:
     * two rotations within a day leave receivers holding the first secret verifying until it expires.
     */
    olderSecrets: jsonb().notNull().default(sql`'[]'::jsonb`).$type<RetiredSecret[]>(),
    /** Deliveries in a row that used up every attempt; reset by any success. */
    consecutiveFailures: integer().notNull().default(0),
    createdAt: at().notNull(),
    updatedAt: at().notNull(),
  },
  (t) => [index('webhook_endpoints_site_idx').on(t.siteId, t.id)],
)

/** One event, as every endpoint receives it: the payload is fixed when the change commits. */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    /** The `webhook-id` receivers deduplicate by: the same for every attempt and every redelivery. */
    id: text().primaryKey(),
    siteId: text()
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    type: text().notNull(),
    payload: jsonb().notNull().$type<Record<string, unknown>>(),
    createdAt: at().notNull(),
  },
  (t) => [
    index('webhook_events_site_idx').on(t.siteId, t.createdAt),
    // Pruning the log past its retention, across sites.
    index('webhook_events_created_idx').on(t.createdAt),
    // The events that carried a comment, which its erasure and the retention purge delete (anonymise.ts).
    index('webhook_events_comment_idx').on(t.siteId, sql`(${t.payload}->'data'->'comment'->>'id')`),
  ],
)

export const deliveryState = pgEnum('webhook_delivery_state', ['pending', 'succeeded', 'failed'])

/**
 * The outbox: one row per event and endpoint, written in the transaction of the change it reports. A
 * dispatcher claims a due row by moving `nextAttemptAt` past a lease, so a process that dies mid-delivery
 * leaves the row to be claimed again when the lease runs out: nothing is lost, at the price of a possible
 * repeat (receivers deduplicate by the event id).
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid().primaryKey(),
    siteId: text()
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    endpointId: uuid()
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    eventId: text()
      .notNull()
      .references(() => webhookEvents.id, { onDelete: 'cascade' }),
    eventType: text().notNull(),
    state: deliveryState().notNull().default('pending'),
    /** Attempts started so far. */
    attempts: integer().notNull().default(0),
    /**
     * When a pending delivery is next due; while an attempt runs, when its lease runs out; null while its endpoint
     * is turned off (paused: out of the dispatchers' index until the endpoint is turned on again).
     */
    nextAttemptAt: at(),
    lastStatusCode: integer(),
    lastLatencyMs: integer(),
    lastError: text(),
    createdAt: at().notNull(),
    updatedAt: at().notNull(),
    completedAt: at(),
  },
  (t) => [
    // The dispatchers' claim: due pending rows, oldest due first (across sites: one dispatcher serves them all).
    index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`${t.state} = 'pending'`),
    // An endpoint's delivery log, newest first.
    index('webhook_deliveries_endpoint_idx').on(t.siteId, t.endpointId, t.id),
    // Deleting an endpoint cascades to its deliveries by endpoint alone, which the index above cannot serve.
    index('webhook_deliveries_endpoint_fk_idx').on(t.endpointId),
    // An event's deliveries (is any still pending, before the event is pruned).
    index('webhook_deliveries_event_idx').on(t.eventId),
  ],
)

/** Every attempt of a delivery, for the log. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: uuid().primaryKey(),
    siteId: text().notNull(),
    deliveryId: uuid()
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attempt: integer().notNull(),
    startedAt: at().notNull(),
    statusCode: integer(),
    latencyMs: integer().notNull(),
    error: text(),
    /** The first few hundred bytes the receiver answered, to help whoever debugs it. */
    responseExcerpt: text(),
    /** When the next attempt was scheduled by this one's outcome, or null when there is none. */
    nextAttemptAt: at(),
  },
  // A delivery's attempts in order (the site is checked on the row). Led by the delivery, so that deleting
  // deliveries (pruning, deleting an endpoint or a site) finds their attempts without reading the whole table.
  (t) => [index('webhook_attempts_delivery_attempt_idx').on(t.deliveryId, t.attempt)],
)

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect
export type WebhookEventRow = typeof webhookEvents.$inferSelect
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect
export type WebhookAttemptRow = typeof webhookAttempts.$inferSelect
