import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { databaseOptionsOf, openDatabase } from '../../src/db/client.js'
import { appliedMigrationCount, expectedMigrationCount } from '../../src/db/migrate.js'
import { openDatabaseForStart, StartupError } from '../../src/db/startup.js'
import { createLogger } from '../../src/logger.js'
import { realServerUrl } from '../helpers/db.js'
import { closedPort } from '../helpers/ports.js'

/** Something listening where PostgreSQL should be, that closes every connection at once. */
let impostor: Server
const sockets = new Set<Socket>()
beforeAll(async () => {
  impostor = createServer((socket) => {
    sockets.add(socket)
    socket.on('error', () => {})
    socket.end()
  })
  await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve))
})
afterAll(async () => {
  for (const socket of sockets) socket.destroy()
  await new Promise((resolve) => impostor.close(resolve))
})

const config = (url: string) => ({ databaseUrl: url, databasePreparedStatements: true, dataDir: './unused' })

describe('opening the database at start', () => {
  it('gives up on a server that never answers, with one line saying so, instead of waiting for ever', async () => {
    const address = impostor.address()
    if (!address || typeof address === 'string') throw new Error('the impostor does not listen')
    const started = Date.now()
    const opening = openDatabaseForStart(
      config(`postgres://vigil@127.0.0.1:${address.port}/vigil`),
      createLogger('silent'),
      { migrate: true, answerDeadlineMs: 500 },
    )
    await expect(opening).rejects.toBeInstanceOf(StartupError)
    await expect(opening).rejects.toThrow(
      `the PostgreSQL server at DATABASE_URL did not answer within 500 ms: 127.0.0.1:${address.port} accepted a connection but did not answer as PostgreSQL does`,
    )
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it('says why at once when the server refuses: no one listening, or no such database', async () => {
    const refused = openDatabaseForStart(
      config(`postgres://vigil@127.0.0.1:${await closedPort()}/vigil`),
      createLogger('silent'),
      {
        migrate: true,
      },
    )
    await expect(refused).rejects.toThrow(/could not be used: .*ECONNREFUSED/)
    if (realServerUrl) {
      const missing = new URL(realServerUrl)
      missing.pathname = '/vigil_no_such_database'
      await expect(
        openDatabaseForStart(config(missing.toString()), createLogger('silent'), { migrate: true }),
      ).rejects.toThrow('database "vigil_no_such_database" does not exist')
    }
  })

  it.runIf(realServerUrl !== undefined)(
    'reaches the server through a DATABASE_URL of several hosts, the first of them down',
    async () => {
      const server = new URL(realServerUrl ?? '')
      server.searchParams.set('target_session_attrs', 'read-write')
      // Several hosts are text no URL parser takes: written in as an operator writes them.
      const url = server.toString().replace(server.host, `127.0.0.1:${await closedPort()},${server.host}`)
      const database = await openDatabaseForStart(loadConfig({ DATABASE_URL: url }), createLogger('silent'), {
        migrate: false,
      })
      await database.close()
    },
  )

  it('says in one line which database the migrations failed on, and why, and lets the database go', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vigil-startup-'))
    const embedded = { databaseUrl: undefined, databasePreparedStatements: true, dataDir }
    try {
      // Something already in the way of the first migration.
      const squatter = await openDatabase(databaseOptionsOf(embedded))
      await squatter.db.execute(sql`create type comment_status as enum ('spam')`)
      await squatter.close()
      const starting = openDatabaseForStart(embedded, createLogger('silent'), { migrate: true })
      await expect(starting).rejects.toBeInstanceOf(StartupError)
      await expect(starting).rejects.toThrow(
        'applying the migrations to the embedded database in DATA_DIR failed: type "comment_status" already exists',
      )
      const again = await openDatabase(databaseOptionsOf(embedded))
      await again.close()
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it('opens and migrates the embedded database', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vigil-startup-'))
    try {
      const database = await openDatabaseForStart(
        { databaseUrl: undefined, databasePreparedStatements: true, dataDir },
        createLogger('silent'),
        { migrate: true },
      )
      expect(await appliedMigrationCount(database.db)).toBe(expectedMigrationCount())
      await database.close()
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
