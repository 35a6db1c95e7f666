/**
 * A DATABASE_URL may name a Unix-domain socket in libpq's two ways: a `host` query parameter holding the socket's
 * directory (`postgres://vigil@/vigil?host=/var/run/postgresql`, how Cloud SQL's proxy and Debian's packages are
 * reached) or the directory percent-encoded as the host (`postgres://vigil@%2Fvar%2Frun%2Fpostgresql/vigil`).
 * postgres.js reads neither: it takes the encoded directory for a host name, and passes `host` and `port` query
 * parameters to the server as settings, which ends the session at once ("unrecognized configuration parameter").
 * Both are read here into what postgres.js takes, its `path` option, the URL keeping everything else.
 */

/** Where postgres.js connects: the URL, and the socket's file when there is one (it then ignores the URL's host). */
export type PostgresTarget = { url: string; socketPath?: string }

/** The URL's parts around its host list, cut as postgres.js cuts them. */
export type Parts = {
  scheme: string
  userinfo: string
  hosts: string
  path: string
  query: URLSearchParams
  fragment: string
}

export function partsOf(url: string): Parts | null {
  const start = url.indexOf('://')
  if (start < 0) return null
  const afterScheme = url.slice(start + 3)
  const authority = afterScheme.split(/[?/#]/)[0] ?? ''
  const at = authority.lastIndexOf('@')
  let rest = afterScheme.slice(authority.length)
  const hash = rest.indexOf('#')
  const fragment = hash < 0 ? '' : rest.slice(hash)
  if (hash >= 0) rest = rest.slice(0, hash)
  const question = rest.indexOf('?')
  return {
    scheme: url.slice(0, start),
    userinfo: authority.slice(0, at + 1),
    hosts: authority.slice(at + 1),
    path: question < 0 ? rest : rest.slice(0, question),
    query: new URLSearchParams(question < 0 ? '' : rest.slice(question + 1)),
    fragment,
  }
}

const PORT = /^\d{1,5}$/
const isPort = (value: string) => PORT.test(value) && Number(value) <= 65535

/** The socket directory a URL names (decoded), its port, and the URL without them; null when it names none. */
function socketOf(parts: Parts): { directory: string; port: string } | null {
  const parameter = parts.query.get('host')
  let directory: string | undefined
  let port = parts.query.get('port') ?? undefined
  if (parameter?.startsWith('/')) directory = parameter
  else if (/^%2f/i.test(parts.hosts) && !parts.hosts.includes(',')) {
    const colon = parts.hosts.lastIndexOf(':')
    const encoded = colon < 0 ? parts.hosts : parts.hosts.slice(0, colon)
    if (colon >= 0) port ??= parts.hosts.slice(colon + 1)
    try {
      directory = decodeURIComponent(encoded)
    } catch {
      return null
    }
  }
  if (directory === undefined) return null
  return { directory: directory.replace(/\/+$/, '') || '/', port: port || '5432' }
}

/**
 * Why postgres.js could not use what a URL says of a socket, in words for the configuration error; null when
 * it names no socket, or one it can reach.
 */
export function socketProblem(url: string): string | null {
  const parts = partsOf(url)
  if (!parts) return null
  const hostParameter = parts.query.get('host')
  if (hostParameter !== null && !hostParameter.startsWith('/'))
    return 'may have a host query parameter only for a Unix socket directory (one absolute path): put a host name after the @'
  if (parts.query.getAll('host').length > 1) return 'may have one host query parameter'
  const socket = socketOf(parts)
  const port = parts.query.get('port')
  if (port !== null && !(socket && isPort(port)))
    return socket
      ? 'must have a port query parameter from 0 to 65535'
      : 'may have a port query parameter only with a Unix socket directory: put the port after the host name'
  if (socket && !isPort(socket.port)) return 'must name the socket port as a number from 0 to 65535'
  if (socket && hostParameter !== null && parts.hosts !== '')
    return 'names both a host and a socket directory (host query parameter): leave the part after the @ empty'
  return null
}

/** What postgres.js is given to reach the server `url` names. */
export function postgresTargetOf(url: string): PostgresTarget {
  const parts = partsOf(url)
  const socket = parts && socketOf(parts)
  if (!parts || !socket) return { url }
  parts.query.delete('host')
  parts.query.delete('port')
  const query = parts.query.size > 0 ? `?${parts.query}` : ''
  // postgres.js still reads a host from the URL, and connects to `path` whatever it is.
  return {
    url: `${parts.scheme}://${parts.userinfo}localhost${parts.path}${query}${parts.fragment}`,
    socketPath: `${socket.directory === '/' ? '' : socket.directory}/.s.PGSQL.${socket.port}`,
  }
}
