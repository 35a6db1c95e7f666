import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import type { AppDeps } from '../app.js'
import { type Clock, systemClock } from '../clock.js'
import { appliedMigrationCount, expectedMigrationCount } from '../db/migrate.js'
import type { AppEnv } from '../http/env.js'
import { jsonResponse } from '../http/openapi.js'
import { type Logger, safeErrorMessage } from '../logger.js'
import { withinDeadline } from '../timeouts.js'

const HealthSchema = z.object({ status: z.enum(['ok', 'unavailable']), detail: z.string().optional() })

const liveRoute = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['Operations'],
  summary: 'Liveness: the process is up',
  responses: { 200: jsonResponse(HealthSchema, 'Up.') },
})

const readyRoute = createRoute({
  method: 'get',
  path: '/readyz',
  tags: ['Operations'],
  summary:
    'Readiness: the database answers, every migration is applied, and the process is not shutting down',
  responses: {
    200: jsonResponse(HealthSchema, 'Ready to serve.'),
    503: jsonResponse(HealthSchema, 'Not ready; `detail` says why.'),
  },
})

/** A readiness probe answers within this, whatever the database does (probes commonly time out at 1 to 5 s). */
const READINESS_DEADLINE_MS = 3_000

/** While the database keeps failing readiness probes, a reminder in the log at most this often. */
const REMINDER_INTERVAL_MS = 5 * 60_000

/**
 * What the log says of readiness: the database failing, with the error, when it starts to; that it answers again
 * when it does. A probe comes every few seconds, and an outage of minutes logged a stack trace each time, burying
 * everything else: between the two, only a reminder every REMINDER_INTERVAL_MS, without the stack.
 */
function readinessLog(clock: Clock) {
  let failingSince: number | null = null
  let remindedAt = 0
  const secondsSince = (since: number) => Math.round((clock.now().getTime() - since) / 1000)
  return {
    failed(logger: Logger, error: unknown) {
      const now = clock.now().getTime()
      if (failingSince === null) {
        failingSince = remindedAt = now
        logger.warn({ err: error }, 'not ready: the database does not answer')
      } else if (now - remindedAt >= REMINDER_INTERVAL_MS) {
        remindedAt = now
        logger.warn(
          { error: safeErrorMessage(error), failingForSeconds: secondsSince(failingSince) },
          'still not ready: the database does not answer',
        )
      }
    },
    answered(logger: Logger) {
      if (failingSince === null) return
      logger.info(
        { failedForSeconds: secondsSince(failingSince) },
        'the database answers readiness probes again',
      )
      failingSince = null
    },
  }
}

export function registerHealthRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: Pick<AppDeps, 'db' | 'stopping'> & { clock?: Clock | undefined },
) {
  const expected = expectedMigrationCount()
  const log = readinessLog(deps.clock ?? systemClock)

  app.openapi(liveRoute, (c) => c.json({ status: 'ok' as const }, 200))

  app.openapi(readyRoute, async (c) => {
    c.header('Cache-Control', 'no-store')
    // A process stopping finishes what it has but should be given nothing new.
    if (deps.stopping?.())
      return c.json({ status: 'unavailable' as const, detail: 'the process is shutting down' }, 503)
    try {
      const applied = await withinDeadline(
        (async () => {
          await deps.db.execute(sql`select 1`)
          return appliedMigrationCount(deps.db)
        })(),
        READINESS_DEADLINE_MS,
      )
      log.answered(c.get('logger'))
      if (applied < expected) {
        return c.json(
          { status: 'unavailable' as const, detail: `${applied} of ${expected} migrations applied` },
          503,
        )
      }
      return c.json({ status: 'ok' as const }, 200)
    } catch (error) {
      log.failed(c.get('logger'), error)
      return c.json({ status: 'unavailable' as const, detail: 'the database does not answer' }, 503)
    }
  })
}
