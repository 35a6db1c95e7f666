import type { Context, MiddlewareHandler } from 'hono'
import type { ApiKeyRow } from '../db/schema.js'
import { DomainError } from '../errors.js'
import type { Directory } from '../sites/directory.js'
import { secretsEqual, sha256Hex } from '../sites/secrets.js'
import type { AuthFailures } from './auth-failures.js'
import { refuseUnreadableBody } from './body.js'
import { clientIp, type ProxyTrust } from './client-ip.js'
import type { AppEnv, Principal } from './env.js'

/** `Authorization: Bearer <token>`, the token captured: how every credential of Vigil's own is sent. */
export const BEARER = /^Bearer\s+(\S+)\s*$/i

type AuthenticateDeps = {
  directory: Directory
  adminToken: string
  authFailures: AuthFailures
  proxy: ProxyTrust
}

/**
 * Resolves the caller from `Authorization: Bearer …`. No header means an anonymous (public) caller; a header
 * that names no live key is refused outright rather than treated as anonymous. An address that keeps failing
 * is refused (429) for the rest of the window (auth-failures.ts), but for a key it has used successfully: a
 * client sharing the address (a NAT, a shared host) keeps working, and no guess costs a database read.
 */
export function authenticate(deps: AuthenticateDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization')
    // Only no header at all is a public caller: an empty one (or blanks, which Node trims away) is malformed.
    if (header === undefined) {
      c.set('principal', null)
      return next()
    }
    const token = BEARER.exec(header)?.[1]
    const address = clientIp(c, deps.proxy)
    const hash = token === undefined ? null : sha256Hex(token)
    const proven = hash !== null && deps.authFailures.succeededBefore(address, hash)
    const identify = () => identifyCaller(deps, { address, token, hash, proven })
    // A key this address has used is tried at once; any other waits for the address's earlier tries to end.
    c.set('principal', proven ? await identify() : await deps.authFailures.inTurn(address, identify))
    return next()
  }
}

async function identifyCaller(
  deps: AuthenticateDeps,
  attempt: { address: string | null; token: string | undefined; hash: string | null; proven: boolean },
): Promise<Principal> {
  const { address, token, hash, proven } = attempt
  const blockedFor = deps.authFailures.blockedFor(address)
  if (blockedFor > 0) {
    // The admin token is remembered like a key (as /metrics does), or the operator's tools would be locked out
    // by whoever shares their address.
    if (proven && token !== undefined && hash !== null && secretsEqual(token, deps.adminToken)) {
      deps.authFailures.succeeded(address, hash)
      return { kind: 'admin', actor: 'admin-token' }
    }
    // Read again, so that a key revoked since is refused.
    const key = proven && token !== undefined ? await deps.directory.keyByToken(token) : null
    if (!key || hash === null) throw blocked(blockedFor)
    // A use through the block is a success too: a neighbour's guesses renewing the block every window must not
    // outlast the hour the key is remembered for, as the Akismet API and /metrics already do.
    const principal = principalOf(key)
    // The token's own hash, as the check above reads it: not the key's stored hash, keyed under KEY_HASH_SECRET.
    deps.authFailures.succeeded(address, hash)
    return principal
  }
  try {
    if (!token) throw new DomainError('unauthorized', 'The Authorization header must be "Bearer <key>".')
    return await resolvePrincipal(deps, address, token)
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'unauthorized') {
      const nowBlockedFor = await deps.authFailures.record(address)
      if (nowBlockedFor > 0) throw blocked(nowBlockedFor)
    }
    throw error
  }
}

export const blocked = (retryAfterSeconds: number) =>
  new DomainError(
    'rate-limited',
    `Too many failed authentications from this address. Try again in ${retryAfterSeconds} s.`,
    { retryAfterSeconds },
  )

async function resolvePrincipal(
  deps: AuthenticateDeps,
  address: string | null,
  token: string,
): Promise<Principal> {
  if (secretsEqual(token, deps.adminToken)) {
    deps.authFailures.succeeded(address, sha256Hex(token))
    return { kind: 'admin', actor: 'admin-token' }
  }
  const key = await deps.directory.keyByToken(token)
  if (!key) throw new DomainError('unauthorized', 'This key is unknown or has been revoked.')
  const principal = principalOf(key)
  // Remembered by the token's own hash, as it is looked for: the stored hash is keyed under KEY_HASH_SECRET.
  deps.authFailures.succeeded(address, sha256Hex(token))
  return principal
}

function principalOf(key: ApiKeyRow): Principal {
  if (key.role === 'admin') return { kind: 'admin', actor: key.id }
  // A moderator or server key speaks for one site: without one it may do nothing, and is certainly not the admin.
  if (key.siteId === null)
    throw new DomainError('unauthorized', 'This key belongs to no site and is not an admin key.')
  return { kind: 'site-key', role: key.role, siteId: key.siteId, actor: key.id }
}

const missingCredentials = () => new DomainError('unauthorized', 'This endpoint needs an API key.')

/**
 * Route middleware (`createRoute({ middleware })`), so that it runs before the route's validators: a caller who
 * may not use the route is told 401 or 403 whatever it sent, never 400 about a request it had no right to make.
 * Only then is a body that is not UTF-8 refused (body.ts).
 */
export function requireAdmin(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = c.get('principal')
    if (!principal) throw missingCredentials()
    if (principal.kind !== 'admin')
      throw new DomainError('forbidden', 'This endpoint needs the admin token or an admin key.')
    refuseUnreadableBody(c)
    return next()
  }
}

/**
 * Lets the admin, or a key of the path's site with one of `roles`, through. A key of another site is refused
 * with the same answer whether or not the site exists, so keys cannot be used to probe for sites. The site is
 * the path's as sent, not yet validated: a key's site is always a valid id, so an invalid one is another site.
 */
export function requireSiteRole(roles: readonly ('moderator' | 'server')[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = c.get('principal')
    if (!principal) throw missingCredentials()
    if (
      principal.kind !== 'admin' &&
      (principal.siteId !== c.req.param('site') || !roles.includes(principal.role))
    )
      throw new DomainError('forbidden', 'This key may not do that on this site.')
    refuseUnreadableBody(c)
    return next()
  }
}

/**
 * For a route open to the public and to keys: a key of another site is refused before anything is read of the
 * request, as `requireSiteRole` refuses it; a caller without a key goes on.
 */
export function refuseOtherSitesKey(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = c.get('principal')
    if (principal && principal.kind !== 'admin' && principal.siteId !== c.req.param('site'))
      throw new DomainError('forbidden', 'This key may not do that on this site.')
    return next()
  }
}

/** Who a route's `requireAdmin()` or `requireSiteRole()` let through, for a handler that records who acted. */
export function callerOf(c: Context<AppEnv>): Principal {
  const principal = c.get('principal')
  // Unreachable behind either middleware; refused rather than asserted, should a route lose its middleware.
  if (!principal) throw missingCredentials()
  return principal
}
