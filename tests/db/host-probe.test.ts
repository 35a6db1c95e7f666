import { type AddressInfo, createServer, type Server } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeHosts } from '../../src/db/host-probe.js'
import { openDatabaseForStart } from '../../src/db/startup.js'
import { createLogger } from '../../src/logger.js'
import { closedPort } from '../helpers/ports.js'

/** Accepts connections and says nothing: not PostgreSQL. */
let silent: Server
let silentPort: number
beforeAll(async () => {
  silent = createServer((socket) => socket.on('error', () => {}))
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
  silentPort = (silent.address() as AddressInfo).port
})
afterAll(() => new Promise((resolve) => silent.close(resolve)))

describe('what each host of a DATABASE_URL does, for a start that heard nothing', () => {
  it('tells a host that refuses from one that accepts but never answers as PostgreSQL', async () => {
    const refusing = await closedPort()
    const said = await describeHosts(`postgres://u:p@127.0.0.1:${refusing},127.0.0.1:${silentPort}/vigil`)
    expect(said).toBe(
      `127.0.0.1:${refusing} refused the connection (is PostgreSQL running there, on that port?); ` +
        `127.0.0.1:${silentPort} accepted a connection but did not answer as PostgreSQL does (is it PostgreSQL?)`,
    )
  })

  it("gives a host without a port the first host's, as postgres.js does", async () => {
    const said = await describeHosts(`postgres://u@127.0.0.1:${silentPort},localhost/vigil`)
    expect(said).toContain(`localhost:${silentPort} `)
  })

  it('names a socket file that is not there, and a name DNS does not resolve', async () => {
    expect(await describeHosts('postgres://u@/vigil?host=/nonexistent-vigil-dir')).toBe(
      '/nonexistent-vigil-dir/.s.PGSQL.5432 is no socket (is PostgreSQL running, with this socket directory?)',
    )
    expect(await describeHosts('postgres://u@no-such-host.invalid:5432/vigil')).toMatch(
      /^no-such-host\.invalid:5432 is a name DNS (does not know|did not resolve in time)$/,
    )
  })

  it('is said when a start gives up on a URL of several hosts, all of them refusing', async () => {
    // postgres.js tries them in turn for ever and keeps each one's error to itself.
    const [first, second] = [await closedPort(), await closedPort()]
    const opening = openDatabaseForStart(
      {
        databaseUrl: `postgres://vigil@127.0.0.1:${first},127.0.0.1:${second}/vigil`,
        databasePreparedStatements: true,
        dataDir: './unused',
      },
      createLogger('silent'),
      { migrate: true, answerDeadlineMs: 500 },
    )
    await expect(opening).rejects.toThrow(
      `the PostgreSQL server at DATABASE_URL did not answer within 500 ms: 127.0.0.1:${first} refused the connection`,
    )
    await expect(opening).rejects.toThrow(`127.0.0.1:${second} refused the connection`)
  })
})
