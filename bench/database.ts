/**
 * The benchmarks' database: an in-memory PGlite by default, or with BENCH_DATABASE_URL a fresh database of its own
 * on that PostgreSQL server (`vigil_bench_<random>`, as tests/helpers/db.ts does), migrated, and dropped again by
 * `dispose()`, which the scripts call on every way out (success, error, time limit). PGlite gets the maintenance
 * the server schedules for it (src/db/maintenance.ts).
 */
import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import postgres from 'postgres'
import { type DatabaseHandle, openDatabase, rowsOf } from '../src/db/client.js'
import { scheduleMaintenance } from '../src/db/maintenance.js'
import { migrateDatabase } from '../src/db/migrate.js'
import { createLogger } from '../src/logger.js'

export type BenchDatabase = {
  handle: DatabaseHandle
  /** For the report: `PGlite (in memory, in process)` or `PostgreSQL 16.4 at host:port (pool N)`. */
  label: string
  dispose(): Promise<void>
}

/** `poolSize`: the PostgreSQL connections the app gets (what `openDatabase` gives the server: 10). */
export async function openBenchDatabase(poolSize = 10): Promise<BenchDatabase> {
  const serverUrl = process.env.BENCH_DATABASE_URL || undefined
  if (!serverUrl) {
    const handle = await openDatabase({ dataDir: undefined })
    await migrateDatabase(handle)
    // As the server does (src/server.ts): the statistics autovacuum would keep on a PostgreSQL server.
    const maintenance = scheduleMaintenance({ database: handle, logger: createLogger('silent') })
    const dispose = async () => {
      await maintenance.stop()
      await handle.close()
    }
    return { handle, label: 'PGlite (in memory, in process)', dispose }
  }
  const name = `vigil_bench_${randomBytes(6).toString('hex')}`
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${name}`)
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  let handle: DatabaseHandle | null = null
  let maintenance: ReturnType<typeof scheduleMaintenance> | null = null
  const dispose = async () => {
    await maintenance?.stop()
    await handle?.close()
    await admin.unsafe(`drop database if exists ${name} with (force)`)
    await admin.end()
  }
  try {
    handle = await openDatabase({ url: url.toString(), poolSize })
    await migrateDatabase(handle)
    // As the server does: a young table's statistics kept as it grows (src/db/maintenance.ts).
    maintenance = scheduleMaintenance({ database: handle, logger: createLogger('silent') })
    const [row] = rowsOf<{ server_version: string }>(await handle.db.execute(sql`show server_version`))
    const where = `${url.hostname}:${url.port || '5432'}`
    return {
      handle,
      label: `PostgreSQL ${row?.server_version.split(' ')[0] ?? '?'} at ${where} (pool ${poolSize})`,
      dispose,
    }
  } catch (error) {
    await dispose().catch(() => {})
    throw error
  }
}
