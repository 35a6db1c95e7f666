import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Context, MiddlewareHandler } from 'hono'
import { type ChecksInFlight, checkComment, submitFeedback } from '../akismet/checks.js'
import { readAkismetCheck } from '../akismet/comment-fields.js'
import { type AkismetForm, akismetFormOfParts, parseAkismetForm } from '../akismet/form.js'
import { type AkismetCaller, akismetCallerFor, akismetKeysOf } from '../akismet/key.js'
import { isMultipart, multipartParts } from '../akismet/multipart.js'
import { isKeySitesOrder, keySites, keySitesCsv, monthRange, usageLimit } from '../akismet/usage.js'
import type { AppDeps } from '../app.js'
import { isSiteGone, passingFailureOf } from '../errors.js'
import { bodySizeLimit } from '../http/body.js'
import { clientIp } from '../http/client-ip.js'
import { requestDeadline } from '../http/deadline.js'
import type { AppEnv } from '../http/env.js'
import { AKISMET_ENDPOINTS, type AkismetEndpoint, type AkismetFailure } from '../metrics/metrics.js'
import { sha256Hex } from '../sites/secrets.js'
import { documentAkismetRoutes, HARMLESS_PATHS, SUBSCRIPTION, THANKS } from './akismet-document.js'

/**
 * The WordPress plugin sends a comment twice (comment_content and POST_comment), each byte of a non-Latin letter
 * percent-encoded as three: its longest comment (65,525 bytes) comes to some 400 KB of form.
 */
const MAX_BODY_BYTES = 1024 * 1024

/**
 * Akismet answers with HTTP 200 and a word, whatever happens: clients decide by the body, and many treat any
 * other status as an outage. `X-akismet-debug-help` only ever accompanies a failure (some clients throw on it).
 */
function plain(c: Context<AppEnv>, body: string, debugHelp?: string) {
  if (debugHelp) c.header('X-akismet-debug-help', debugHelp)
  c.header('Content-Type', 'text/plain; charset=utf-8')
  return c.body(body, 200)
}

/**
 * The call's parameters: the body, then the query string (the spec allows `api_key` in either). The body is a
 * form whatever its Content-Type says, but for multipart/form-data (a client posting a FormData), read as such.
 */
async function formOf(c: Context<AppEnv>): Promise<AkismetForm> {
  const query = new URL(c.req.url).search.slice(1)
  const contentType = c.req.header('content-type')
  if (c.req.method !== 'POST') return parseAkismetForm('', query)
  if (contentType && isMultipart(contentType)) {
    const body = new Uint8Array(await c.req.arrayBuffer())
    c.set('awaitingBody', false)
    const parts = await multipartParts(body, contentType)
    if (parts) return akismetFormOfParts(parts, query, contentType)
    return parseAkismetForm(new TextDecoder().decode(body), query, contentType)
  }
  const body = await c.req.text()
  c.set('awaitingBody', false)
  return parseAkismetForm(body, query, contentType)
}

/** A call without a usable `user_ip`: neither true nor false, so that clients hold the comment. */
function userIpRefusal(c: Context<AppEnv>, problem: 'missing' | 'invalid' | undefined) {
  return problem === 'invalid'
    ? plain(c, 'Invalid field: user_ip.', "user_ip must be the commenter's IP address, IPv4 or IPv6.")
    : plain(c, 'Missing required field: user_ip.', "user_ip (the commenter's IP address) is required.")
}

/**
 * The site behind the call's key, or the `invalid` answer every endpoint gives for a bad key. An address that
 * keeps sending bad keys is refused until its window ends (src/http/auth-failures.ts), but for a key it has used
 * successfully.
 */
async function callerOr(
  deps: AppDeps,
  c: Context<AppEnv>,
  form: AkismetForm,
  options: { aboutKey?: boolean } = {},
): Promise<{ caller: AkismetCaller; key: string; refusal?: undefined } | { refusal: Response }> {
  const address = clientIp(c, deps.config)
  // Not `invalid`: no key was looked up, and WordPress would tell the administrator that the right key is wrong.
  // Any other answer is a failure clients retry (the plugin holds the comment, and verify-key says "failed").
  const blocked = (seconds: number) => {
    const said = `Too many calls with invalid keys from this address. Try again in ${seconds} s.`
    return { refusal: plain(c, said, said) }
  }
  const keys = akismetKeysOf(form, c.req.header('host'), options).map((key) => ({
    key,
    keyHash: sha256Hex(key.toLowerCase()),
  }))
  if (keys.length === 0)
    return {
      refusal: plain(
        c,
        'invalid',
        'No API key: send api_key (or key), or put the key first in the host name.',
      ),
    }
  const proven = keys.every(({ keyHash }) => deps.authFailures.succeededBefore(address, keyHash))
  const attempt = async () => {
    let blockedFor = deps.authFailures.blockedFor(address)
    for (const { key, keyHash } of keys) {
      // As on /v1 (src/http/auth.ts): a key this address used successfully still passes; no other is looked up.
      if (blockedFor > 0 && !deps.authFailures.succeededBefore(address, keyHash)) continue
      const caller = await akismetCallerFor(deps.directory, key)
      if (caller) {
        deps.authFailures.succeeded(address, keyHash)
        return { caller, key }
      }
      // Each key looked up is a guess: a call naming two (api_key and key) counts twice.
      if (blockedFor === 0) blockedFor = await deps.authFailures.record(address)
    }
    if (blockedFor > 0) return blocked(blockedFor)
    return {
      refusal: plain(c, 'invalid', 'The API key is not a live server key of a site on this Vigil.'),
    }
  }
  // As on /v1: keys this address has used are tried at once, others after the address's earlier tries.
  return proven ? attempt() : deps.authFailures.inTurn(address, attempt)
}

/** Vigil's verdict and evidence, in headers of its own that Akismet clients ignore. */
function vigilHeaders(
  c: Context<AppEnv>,
  answer: { status: string; score: number | null; reasons: { rule: string; score: number }[] },
) {
  c.header('X-Vigil-Status', answer.status)
  if (answer.score !== null) c.header('X-Vigil-Score', String(answer.score))
  if (answer.reasons.length > 0)
    c.header('X-Vigil-Reasons', answer.reasons.map((reason) => `${reason.rule}=${reason.score}`).join(', '))
}

/** The endpoint a call was for, from the fixed set a metric's label takes (the path is the caller's to choose). */
function endpointOf(path: string): AkismetEndpoint | null {
  const name = path.replace(/^\/1\.[12]\//, '')
  return (AKISMET_ENDPOINTS as readonly string[]).includes(name) ? (name as AkismetEndpoint) : null
}

export function registerAkismetRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  // The checks this app is answering, so that the same one sent again meanwhile waits for the first (checks.ts).
  const checksInFlight: ChecksInFlight = new Map()
  // Every answer is a 200: a call answered "hold the comment" is counted apart, once (one cut off by the deadline
  // may fail afterwards too).
  const failuresCounted = new WeakSet<Request>()
  const failed = (c: Context<AppEnv>, reason: AkismetFailure) => {
    const endpoint = endpointOf(c.req.path)
    if (!endpoint || failuresCounted.has(c.req.raw)) return
    failuresCounted.add(c.req.raw)
    deps.metrics.akismetFailure(endpoint, reason)
  }
  // Not `invalid` either: the key was not even read, and a client would report a good key as wrong.
  const limit = bodySizeLimit(MAX_BODY_BYTES, (c) =>
    plain(c, 'Request body too large.', 'The request body is over 1 MiB.'),
  )
  // As on /v1, an answer within REQUEST_TIMEOUT_MS whatever the database does; in Akismet's terms: hold it.
  const deadline = requestDeadline(deps.config.requestTimeoutMs, (c, cause) => {
    // A body still arriving is the client's delay (a stalled upload): neither a failure of Vigil's nor a timeout.
    if (cause === 'body')
      return plain(
        c,
        'The request body did not arrive in time.',
        'The whole request body was not received within REQUEST_TIMEOUT_MS.',
      )
    failed(c, 'timeout')
    return plain(
      c,
      'Vigil could not answer in time; hold the comment for moderation.',
      'No answer within REQUEST_TIMEOUT_MS: the database may be unreachable.',
    )
  })
  // Until formOf has the body, a deadline passing is the client's delay (deadline.ts).
  const bodyArrival: MiddlewareHandler<AppEnv> = (c, next) => {
    if (c.req.method === 'POST') c.set('awaitingBody', true)
    return next()
  }
  for (const prefix of ['/1.1/*', '/1.2/*']) {
    app.use(prefix, deadline)
    app.use(prefix, bodyArrival)
    app.use(prefix, limit)
  }

  /** A failure of Vigil's own still answers 200, with a body that is neither true nor false: hold the comment. */
  const guarded =
    (handler: (c: Context<AppEnv>) => Promise<Response>) =>
    async (c: Context<AppEnv>): Promise<Response> => {
      try {
        return await handler(c)
      } catch (error) {
        const log = c.get('logger')
        // The key's site was deleted while the call ran: what the call would have heard a moment later.
        if (isSiteGone(error)) {
          log.info({ err: error, path: c.req.path }, 'the site was deleted while the call ran')
          return plain(c, 'invalid', 'The API key is not a live server key of a site on this Vigil.')
        }
        // An outage or a deadlock rolled back is no bug of Vigil's: a warning, as on /v1 (problem.ts), lest every
        // comment a site receives during a database restart page whoever watches the errors.
        const passing = passingFailureOf(error)
        failed(c, passing === null ? 'error' : passing.kind)
        if (passing) log.warn({ err: error, path: c.req.path }, passing.logged)
        else log.error({ err: error, path: c.req.path }, 'an Akismet call failed')
        return plain(
          c,
          'Vigil could not answer; hold the comment for moderation.',
          passing === null
            ? 'Internal error; see the Vigil log.'
            : passing.kind === 'rolled-back'
              ? 'A concurrent change got in the way; send the call again.'
              : "Vigil's database cannot be reached right now; try again shortly.",
        )
      }
    }

  // POST as the specification says, and GET with the fields in the query string, as some published clients send
  // them (akismet-go): an answer other than 200 would read to them as a bad key or an outage.
  app.on(
    ['GET', 'POST'],
    '/1.1/verify-key',
    guarded(async (c) => {
      const form = await formOf(c)
      const result = await callerOr(deps, c, form, { aboutKey: true })
      return result.refusal ?? plain(c, 'valid')
    }),
  )

  app.on(
    ['GET', 'POST'],
    '/1.1/comment-check',
    guarded(async (c) => {
      const form = await formOf(c)
      const result = await callerOr(deps, c, form)
      if (result.refusal) return result.refusal
      const check = readAkismetCheck(form)
      if (check.ipProblem) return userIpRefusal(c, check.ipProblem)
      const answer = await checkComment(deps, result.caller, check, checksInFlight)
      c.header('X-akismet-guid', answer.guid)
      if (answer.discard) c.header('X-akismet-pro-tip', 'discard')
      vigilHeaders(c, answer)
      return plain(c, answer.spam ? 'true' : 'false')
    }),
  )

  for (const label of ['spam', 'ham'] as const) {
    app.on(
      ['GET', 'POST'],
      `/1.1/submit-${label}`,
      guarded(async (c) => {
        const form = await formOf(c)
        const result = await callerOr(deps, c, form)
        if (result.refusal) return result.refusal
        const check = readAkismetCheck(form)
        const outcome = await submitFeedback(deps, result.caller, check, label)
        return outcome === 'needs-user-ip' ? userIpRefusal(c, check.ipProblem) : plain(c, THANKS)
      }),
    )
  }

  app.on(
    ['GET', 'POST'],
    '/1.2/usage-limit',
    guarded(async (c) => {
      const result = await callerOr(deps, c, await formOf(c))
      if (result.refusal) return result.refusal
      return c.json(await usageLimit(deps.db, result.caller.site.id, deps.clock.now()), 200)
    }),
  )

  app.on(
    ['GET', 'POST'],
    '/1.2/key-sites',
    guarded(async (c) => {
      const form = await formOf(c)
      const result = await callerOr(deps, c, form)
      if (result.refusal) return result.refusal
      return keySitesAnswer(deps, c, form, result)
    }),
  )

  app.on(
    ['GET', 'POST'],
    '/1.1/get-subscription',
    guarded(async (c) => {
      const result = await callerOr(deps, c, await formOf(c), { aboutKey: true })
      return result.refusal ?? c.json(SUBSCRIPTION, 200)
    }),
  )
  // The plugin's connectivity check, made without a key: anything but `connected` says the servers are down.
  app.on(['GET', 'POST'], '/1.1/test', (c) => plain(c, 'connected'))
  app.post('/1.1/deactivate', (c) => plain(c, 'deactivated'))
  for (const path of HARMLESS_PATHS) app.post(`/1.1/${path}`, (c) => plain(c, ''))

  documentAkismetRoutes(app)
}

async function keySitesAnswer(
  deps: AppDeps,
  c: Context<AppEnv>,
  form: AkismetForm,
  { caller, key }: { caller: AkismetCaller; key: string },
) {
  const month = monthRange(form.get('month'), deps.clock.now())
  const order = form.get('order') || 'total'
  const limit = Number(form.get('limit') || 500)
  const offset = Number(form.get('offset') || 0)
  if (!month) return plain(c, 'Invalid field: month.', 'month must be YYYY-MM.')
  if (!isKeySitesOrder(order))
    return plain(
      c,
      'Invalid field: order.',
      'order must be total, spam, ham, missed_spam or false_positives.',
    )
  if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(offset) || offset < 0)
    return plain(
      c,
      'Invalid field: limit or offset.',
      'limit must be a positive whole number and offset a whole number from 0.',
    )
  const all = await keySites(deps.db, caller.site.id, { month, filter: form.get('filter'), order })
  const page = all.slice(offset, offset + limit)
  if (form.get('format') === 'csv') {
    c.header('Content-Type', 'text/csv; charset=utf-8')
    return c.body(keySitesCsv(key, month.label, { limit, offset, total: all.length }, page), 200)
  }
  return c.json({ [month.label]: page, limit, offset, total: all.length }, 200)
}
