import { connect, type Socket } from 'node:net'
import { partsOf, postgresTargetOf } from './postgres-target.js'

/** Where a DATABASE_URL says the server is: hosts and ports, or a socket's file. */
type Place = { label: string; open: () => Socket }

function placesOf(url: string): Place[] {
  const { socketPath } = postgresTargetOf(url)
  if (socketPath) return [{ label: socketPath, open: () => connect(socketPath) }]
  const hosts = partsOf(url)?.hosts.split(',') ?? []
  // As postgres.js reads them: a host without a port takes the first host's, or 5432.
  const split = hosts.map((written) => {
    const match = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(written)
    return { host: (match?.[1] ?? written).replace(/^\[|\]$/g, ''), port: match?.[2] }
  })
  const defaultPort = Number(split[0]?.port ?? 5432)
  return split.map(({ host, port }) => {
    const name = decodeURIComponent(host)
    const number = port === undefined ? defaultPort : Number(port)
    return {
      label: `${name.includes(':') ? `[${name}]` : name}:${number}`,
      open: () => connect({ host: name, port: number }),
    }
  })
}

const SAID: Record<string, string> = {
  ECONNREFUSED: 'refused the connection (is PostgreSQL running there, on that port?)',
  ENOTFOUND: 'is a name DNS does not know',
  EAI_AGAIN: 'is a name DNS did not resolve in time',
  ENOENT: 'is no socket (is PostgreSQL running, with this socket directory?)',
  EACCES: 'may not be opened by this user',
  EHOSTUNREACH: 'is unreachable from here',
  ENETUNREACH: 'is on a network unreachable from here',
}

/** What connecting to one place does, within `timeoutMs`: refused, unknown, silent, or accepted. */
function probe(place: Place, timeoutMs: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = place.open()
    const done = (what: string) => {
      socket.destroy()
      resolve(`${place.label} ${what}`)
    }
    socket.setTimeout(timeoutMs, () =>
      done(`did not accept a connection within ${timeoutMs / 1000} s (a firewall dropping it?)`),
    )
    socket.once('connect', () =>
      done('accepted a connection but did not answer as PostgreSQL does (is it PostgreSQL?)'),
    )
    socket.once('error', (error: NodeJS.ErrnoException) =>
      done(SAID[error.code ?? ''] ?? `could not be reached: ${error.code ?? error.message}`),
    )
  })
}

/**
 * What each place a DATABASE_URL names does when connected to, in one sentence for a start that heard nothing
 * from any: postgres.js, given several hosts, tries them in turn for ever and keeps each one's error to itself.
 */
export async function describeHosts(url: string, timeoutMs = 2_000): Promise<string> {
  const said = await Promise.all(placesOf(url).map((place) => probe(place, timeoutMs)))
  return said.join('; ')
}
