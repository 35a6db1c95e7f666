import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import type { AppDeps } from '../app.js'
import { appliedMigrationCount, expectedMigrationCount } from '../db/migrate.js'
import type { AppEnv } from '../http/env.js'
import { jsonResponse } from '../http/openapi.js'
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

export function registerHealthRoutes(app: OpenAPIHono<AppEnv>, deps: Pick<AppDeps, 'db' | 'stopping'>) {
  const expected = expectedMigrationCount()

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
      if (applied < expected) {
        return c.json(
          { status: 'unavailable' as const, detail: `${applied} of ${expected} migrations applied` },
          503,
        )
      }
      return c.json({ status: 'ok' as const }, 200)
    } catch (error) {
      c.get('logger').warn({ err: error }, 'readiness check failed')
      return c.json({ status: 'unavailable' as const, detail: 'the database does not answer' }, 503)
    }
  })
}
