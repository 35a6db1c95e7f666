import { existsSync } from 'node:fs'
import { sql } from 'drizzle-orm'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DatabaseHandle, openDatabase, rowsOf } from '../../src/db/client.js'
import { postgresTargetOf, socketProblem } from '../../src/db/postgres-target.js'
import { createTestDatabase, onRealServer, type TestDatabase } from '../helpers/db.js'

describe('a DATABASE_URL naming a Unix socket, as libpq reads one', () => {
  it('takes the directory of a host query parameter, the port 5432 unless a port parameter says otherwise', () => {
    expect(postgresTargetOf('postgres://vigil@/vigil?host=/var/run/postgresql')).toEqual({
      url: 'postgres://vigil@localhost/vigil',
      socketPath: '/var/run/postgresql/.s.PGSQL.5432',
    })
    expect(postgresTargetOf('postgresql:///vigil?host=/tmp/&port=6432')).toEqual({
      url: 'postgresql://localhost/vigil',
      socketPath: '/tmp/.s.PGSQL.6432',
    })
  })

  it('takes a percent-encoded directory in place of the host, with its port', () => {
    expect(postgresTargetOf('postgres://vigil:s%40cret@%2Fvar%2Frun%2Fpostgresql:5433/vigil')).toEqual({
      url: 'postgres://vigil:s%40cret@localhost/vigil',
      socketPath: '/var/run/postgresql/.s.PGSQL.5433',
    })
  })

  it("keeps the other query parameters for the driver, and none of the socket's for the server", () => {
    // Cloud SQL's proxy names its socket after the instance, colons included.
    const target = postgresTargetOf(
      'postgres://vigil@/vigil?host=/cloudsql/project:europe-west1:db&target_session_attrs=read-write&sslmode=disable',
    )
    expect(target.socketPath).toBe('/cloudsql/project:europe-west1:db/.s.PGSQL.5432')
    const kept = new URL(target.url).searchParams
    expect([...kept.keys()]).toEqual(['target_session_attrs', 'sslmode'])
  })

  it('leaves a URL naming hosts as it is', () => {
    for (const url of [
      'postgres://vigil:secret@db.internal:5432/vigil',
      'postgres://vigil:secret@db1:5432,db2:5432/vigil?target_session_attrs=read-write',
    ]) {
      expect(postgresTargetOf(url)).toEqual({ url })
      expect(socketProblem(url)).toBeNull()
    }
  })

  it('says what is wrong with host and port parameters postgres.js would send the server as settings', () => {
    expect(socketProblem('postgres://u@/vigil?host=db.internal')).toMatch(/only for a Unix socket directory/)
    expect(socketProblem('postgres://u@db.internal/vigil?port=5433')).toMatch(/put the port after the host/)
    expect(socketProblem('postgres://u@/vigil?host=/run/pg&port=abc')).toMatch(/port query parameter from 0/)
    expect(socketProblem('postgres://u@/vigil?host=/run/pg&port=70000')).toMatch(
      /port query parameter from 0/,
    )
    expect(socketProblem('postgres://u@db/vigil?host=/run/pg')).toMatch(/both a host and a socket/)
    expect(socketProblem('postgres://u@/vigil?host=/a&host=/b')).toMatch(/one host query parameter/)
    expect(socketProblem('postgres://u@%2Frun%2Fpg:99999/vigil')).toMatch(/socket port/)
    expect(socketProblem('postgres://u@/vigil?host=/run/postgresql&port=5433')).toBeNull()
  })
})

/** On the machine the test server runs on, Vigil reaches it through its socket as through TCP. */
describe.skipIf(!onRealServer)('a PostgreSQL server reached through its Unix socket', () => {
  let database: TestDatabase
  let socketUrl: string | undefined
  beforeAll(async () => {
    database = await createTestDatabase({ migrated: false })
    const admin = postgres(database.url as string, { max: 1, onnotice: () => {} })
    const [settings] = await admin<{ directories: string; port: string }[]>`
      select current_setting('unix_socket_directories') as directories, current_setting('port') as port`
    await admin.end()
    const directory = settings?.directories.split(',')[0]?.trim() ?? ''
    const url = new URL(database.url as string)
    const local = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
    if (local && directory.startsWith('/') && existsSync(`${directory}/.s.PGSQL.${settings?.port}`)) {
      const user = encodeURIComponent(decodeURIComponent(url.username))
      socketUrl = `postgres://${user}@${url.pathname}?host=${directory}&port=${settings?.port}`
    }
  })
  afterAll(() => database.dispose())

  it('answers over the socket, not over TCP', async (context) => {
    if (!socketUrl) return context.skip()
    const handle: DatabaseHandle = await openDatabase({ url: socketUrl, poolSize: 1 })
    try {
      const [row] = rowsOf<{ address: string | null; database: string }>(
        await handle.db.execute(sql`select inet_server_addr() as address, current_database() as database`),
      )
      expect(row).toEqual({ address: null, database: new URL(database.url as string).pathname.slice(1) })
    } finally {
      await handle.close()
    }
  })
})
