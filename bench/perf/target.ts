/**
 * A server under load for `npm run bench`, in a process of its own (forked by bench/perf.ts), so the load generator
 * never shares its thread. Two kinds:
 * - `baseline`: the bare ceiling, a Hono app whose one route parses the JSON body and runs one prepared
 *   `INSERT … RETURNING` (postgres.js's tagged template, prepared by default; or PGlite's extended protocol);
 * - `vigil`: Vigil itself, `createApp` as `src/server.ts` builds it (migrated database, pool of 10), without the
 *   in-process webhook dispatcher: outbox rows are written and left for a worker, which this benchmark does not time.
 * It tells its parent the port it listens on, then serves until it is sent SIGTERM. On PGlite the learned model is
 * loaded here, through the app's own database handle, because an in-memory PGlite cannot be reached from outside.
 */
import { PGlite } from '@electric-sql/pglite'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import postgres from 'postgres'
import { createApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { openDatabase } from '../../src/db/client.js'
import { scheduleMaintenance } from '../../src/db/maintenance.js'
import { createLogger } from '../../src/logger.js'
import { loadWorkload, trainModel } from './workload.js'

export type TargetKind = 'baseline' | 'vigil'
export type TargetOptions = {
  kind: TargetKind
  databaseUrl: string | null
  adminToken: string
  /**
   * Vigil only: the site whose learned model (and the server's) is loaded from the training files first, in the
   * server's process: for an in-memory PGlite, which nothing else can reach. On PostgreSQL the parent trains it,
   * so that the server's peak resident set is its own.
   */
  trainModelFor?: string
  /** Where the labelled data sets are (the parent's `datasetsDir()`: this file runs bundled, from elsewhere). */
  datasetsDir: string
}
export type TargetReady = { port: number; pid: number }

/** Where the baseline inserts: a table with the columns a stored comment needs most. */
const BASELINE_TABLE = `create table if not exists bench_baseline (
  id bigint generated always as identity primary key,
  site_id text not null,
  article_id text not null,
  author_name text not null,
  content text not null,
  created_at timestamptz not null default now())`

type Insert = (row: { site: string; article: string; author: string; content: string }) => Promise<unknown>

async function baselineInsert(databaseUrl: string | null): Promise<Insert> {
  if (databaseUrl) {
    const sql = postgres(databaseUrl, { max: 10, onnotice: () => {} })
    await sql.unsafe(BASELINE_TABLE)
    return async (row) => {
      const [stored] = await sql`insert into bench_baseline (site_id, article_id, author_name, content)
        values (${row.site}, ${row.article}, ${row.author}, ${row.content}) returning id, created_at`
      return stored
    }
  }
  const pglite = new PGlite()
  await pglite.exec(BASELINE_TABLE)
  return async (row) => {
    const result = await pglite.query(
      `insert into bench_baseline (site_id, article_id, author_name, content) values ($1, $2, $3, $4)
       returning id, created_at`,
      [row.site, row.article, row.author, row.content],
    )
    return result.rows[0]
  }
}

async function baselineApp(databaseUrl: string | null) {
  const insert = await baselineInsert(databaseUrl)
  const app = new Hono()
  app.post('/v1/sites/:site/comments', async (c) => {
    const body = await c.req.json<{ articleId: string; author: { name: string }; content: string }>()
    const stored = await insert({
      site: c.req.param('site'),
      article: body.articleId,
      author: body.author.name,
      content: body.content,
    })
    return c.json(stored, 201)
  })
  return app
}

async function vigilApp(options: TargetOptions) {
  const database = await openDatabase(
    options.databaseUrl ? { url: options.databaseUrl } : { dataDir: undefined },
  )
  if (!options.databaseUrl) {
    // An in-memory PGlite starts empty: the parent cannot migrate it for us.
    const { migrateDatabase } = await import('../../src/db/migrate.js')
    await migrateDatabase(database)
  }
  if (options.trainModelFor) {
    await trainModel(database.db, options.trainModelFor, loadWorkload(options.datasetsDir).training)
  }
  const config = loadConfig({
    NODE_ENV: 'production',
    ADMIN_TOKEN: options.adminToken,
    // The readers' IPs keep their default limit (each sends a few comments); one moderator key does the work
    // of a whole newsroom here, so its per-key limit is lifted (the counter is still written on every request).
    RATE_LIMIT_API_PER_KEY: '1000000',
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    WEBHOOK_DISPATCHER: 'false',
    LOG_LEVEL: 'silent',
  })
  // As the server does (src/server.ts): statistics kept as tables grow (PGlite's all, a server's young ones).
  scheduleMaintenance({ database, logger: createLogger('silent') })
  return createApp({ db: database.db, config })
}

async function main() {
  const options = JSON.parse(process.argv[2] ?? '{}') as TargetOptions
  const app = options.kind === 'baseline' ? await baselineApp(options.databaseUrl) : await vigilApp(options)
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
    process.send?.({ port: info.port, pid: process.pid } satisfies TargetReady)
  })
  process.on('SIGTERM', () => {
    server.close()
    process.exit(0)
  })
}

if (process.send) {
  // The bench gone (its time limit, Ctrl-C, a crash) before it could stop this server, even while it was still
  // starting: nobody is left to.
  process.on('disconnect', () => process.exit(0))
  main().catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
