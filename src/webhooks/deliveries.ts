import { and, asc, desc, eq, lt, sql } from 'drizzle-orm'
import { uuidv7 } from 'uuidv7'
import { textArray } from '../db/array-literals.js'
import type { Database } from '../db/client.js'
import { isUuid } from '../db/uuid.js'
import {
  type WebhookAttemptRow,
  type WebhookDeliveryRow,
  webhookAttempts,
  webhookDeliveries,
  webhookEndpoints,
  webhookEvents,
} from '../db/webhook-schema.js'
import { DomainError, invalidField, notFound } from '../errors.js'
import type { WebhookEventType } from './events.js'
import type { ChangeDeps } from './outbox-bell.js'

const iso = (date: Date | null) => date?.toISOString() ?? null

export const attemptView = (row: WebhookAttemptRow) => ({
  attempt: row.attempt,
  startedAt: row.startedAt.toISOString(),
  statusCode: row.statusCode,
  latencyMs: row.latencyMs,
  error: row.error,
  responseExcerpt: row.responseExcerpt,
  nextAttemptAt: iso(row.nextAttemptAt),
})

export const deliveryView = (row: WebhookDeliveryRow, attempts: WebhookAttemptRow[]) => ({
  id: row.id,
  endpointId: row.endpointId,
  eventId: row.eventId,
  event: row.eventType as WebhookEventType,
  state: row.state,
  attempts: row.attempts,
  lastStatusCode: row.lastStatusCode,
  lastLatencyMs: row.lastLatencyMs,
  lastError: row.lastError,
  nextAttemptAt: row.state === 'pending' ? iso(row.nextAttemptAt) : null,
  createdAt: row.createdAt.toISOString(),
  completedAt: iso(row.completedAt),
  history: attempts.map(attemptView),
})

/**
 * An endpoint's deliveries, newest first, each with every attempt. Ids are UUIDv7, ordered by creation, so the
 * last id of a page is the cursor of the next.
 */
export async function listDeliveries(
  db: Database,
  siteId: string,
  endpointId: string,
  page: { limit: number; cursor?: string | undefined },
) {
  // A blank cursor (`cursor=`) is none, as in every other list: the first page.
  if (page.cursor && !isUuid(page.cursor))
    throw invalidField('cursor', 'is not a cursor this service returned')
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.siteId, siteId),
        eq(webhookDeliveries.endpointId, endpointId),
        page.cursor ? lt(webhookDeliveries.id, page.cursor) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.id))
    .limit(page.limit + 1)
  const shown = rows.slice(0, page.limit)
  const attempts =
    shown.length === 0
      ? []
      : await db
          .select()
          .from(webhookAttempts)
          .where(
            and(
              eq(webhookAttempts.siteId, siteId),
              // One array parameter: the statement's text stays the same whatever the page's length.
              sql`${webhookAttempts.deliveryId} = any(${textArray(shown.map((row) => row.id))}::uuid[])`,
            ),
          )
          .orderBy(asc(webhookAttempts.attempt))
  const items = shown.map((row) =>
    deliveryView(
      row,
      attempts.filter((attempt) => attempt.deliveryId === row.id),
    ),
  )
  return { items, nextCursor: rows.length > page.limit ? (shown.at(-1)?.id ?? null) : null }
}

/**
 * Sends a delivery's event to its endpoint again, as a new delivery with a fresh schedule. The event keeps its
 * id, so a receiver that already has it recognises the repeat.
 */
export async function redeliver({ db, clock, outbox }: ChangeDeps, siteId: string, deliveryId: string) {
  // The route reads a UUID in either case, as PostgreSQL does; isUuid knows only the lower-case form it prints.
  if (!isUuid(deliveryId.toLowerCase())) throw notFound('The delivery')
  const now = clock.now()
  const delivery = await db.transaction(async (tx) => {
    const [original] = await tx
      .select({ delivery: webhookDeliveries })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.siteId, siteId), eq(webhookDeliveries.id, deliveryId)))
    if (!original) throw notFound('The delivery')
    // Read as committed and held until the new delivery commits, as the outbox does: an endpoint turned off
    // meanwhile would otherwise pause what it has without seeing this delivery, which then stays due on it.
    const [endpoint] = await tx
      .select({ enabled: webhookEndpoints.enabled })
      .from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.siteId, siteId), eq(webhookEndpoints.id, original.delivery.endpointId)))
      .for('share')
    if (!endpoint) throw notFound('The delivery')
    if (!endpoint.enabled)
      throw new DomainError('conflict', 'The endpoint is turned off; turn it on (PATCH enabled: true) first.')
    // Locked until the new delivery commits, so a prune of the log cannot delete the event (and the delivery with
    // it) in between; an event the prune already took is gone.
    const [event] = await tx
      .select({ id: webhookEvents.id })
      .from(webhookEvents)
      .where(and(eq(webhookEvents.siteId, siteId), eq(webhookEvents.id, original.delivery.eventId)))
      .for('key share')
    if (!event) throw notFound('The delivery’s event')
    const [row] = await tx
      .insert(webhookDeliveries)
      .values({
        id: uuidv7(),
        siteId,
        endpointId: original.delivery.endpointId,
        eventId: original.delivery.eventId,
        eventType: original.delivery.eventType,
        nextAttemptAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
    if (!row) throw new Error('insert returned no row')
    return deliveryView(row, [])
  })
  outbox.ring()
  return delivery
}
