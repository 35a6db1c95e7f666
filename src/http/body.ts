import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { every } from 'hono/combine'
import { DomainError } from '../errors.js'
import type { AppEnv } from './env.js'
import { problem } from './problem.js'

export const MAX_BODY_BYTES = 64 * 1024

/**
 * A comment may hold 20 000 characters of any script, which a client escaping everything but ASCII in its JSON
 * (PHP's json_encode, WordPress's wp_json_encode) sends as six bytes each (`\u0436`): 120 000 bytes of Russian or
 * Korean where French takes 20 000. Its body is allowed room for that, and for its other fields so escaped.
 */
export const MAX_COMMENT_BODY_BYTES = 256 * 1024
const COMMENT_SUBMISSION = /^\/v1\/sites\/[^/]+\/comments$/

/**
 * A site's settings may hold two term lists of 2 000 terms of up to 100 characters: of Korean or Chinese, 1.2 MB
 * in UTF-8, and 2.4 MB as PHP's json_encode and Python's json.dumps send them by default (six bytes a character,
 * `\uCE74`). The routes that take them (the admin's) are allowed 4 MiB.
 */
export const MAX_SETTINGS_BODY_BYTES = 4 * 1024 * 1024
const SETTINGS_CHANGE = /^\/v1\/sites\/[^/]+\/(?:settings|policy\/preview)$/

const JSON_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i
/** What the routes' media type gate (@hono/zod-openapi) takes for JSON: no whitespace before a parameter's ';'. */
const GATED_JSON_TYPE = /^application\/([a-z-.]+\+)?json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i
const DECIMAL = /^\d+$/
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })

/**
 * Caps request bodies at `maxSize` bytes, answering `onError` above it. A body that states its length (what
 * browsers, site backends and Akismet clients send) is judged by that header, which Node's HTTP parser holds the
 * body to, and is left for the route to read straight from the socket. Only a body of unknown length (chunked)
 * is counted as it streams in, by Hono's bodyLimit: that middleware turns every request into a full web Request
 * with a stream over the socket, which cost intake about a tenth of its CPU when done for every body.
 */
export function bodySizeLimit(
  maxSize: number,
  onError: (c: Context<AppEnv>) => Response | Promise<Response>,
): MiddlewareHandler<AppEnv> {
  const streamed = bodyLimit({ maxSize, onError: (c) => onError(c as Context<AppEnv>) })
  return async (c, next) => {
    // A GET or HEAD request's body, if any, is never read.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next()
    const length = c.req.header('content-length')
    if (length === undefined || c.req.header('transfer-encoding') !== undefined || !DECIMAL.test(length))
      return streamed(c, next)
    return Number(length) > maxSize ? onError(c) : next()
  }
}

/**
 * Caps request bodies at 64 KiB, a comment's at 256 KiB and a site's settings at 4 MiB (413), and refuses JSON
 * that is not valid UTF-8 (400). Without this a malformed byte would be replaced silently by U+FFFD and stored as
 * if the reader had written it. The size is judged before
 * the caller is known (a stranger may not make the server read a large body); the UTF-8 refusal waits for the
 * route's authorisation (refuseUnreadableBody), so a caller who may not use the route learns nothing of it.
 */
export function jsonBodyGuard(): MiddlewareHandler<AppEnv> {
  const limitTo = (maxSize: number) =>
    bodySizeLimit(maxSize, (c) =>
      problem(c, { kind: 'payload-too-large', detail: `Request bodies are limited to ${maxSize} bytes.` }),
    )
  const strictJson: MiddlewareHandler<AppEnv> = async (c, next) => {
    const contentType = c.req.header('content-type') ?? ''
    if (!JSON_TYPE.test(contentType)) {
      c.set('awaitingBody', false)
      return next()
    }
    if (!GATED_JSON_TYPE.test(contentType)) acceptAsWritten(c, contentType)
    const bytes = await c.req.arrayBuffer()
    c.set('awaitingBody', false)
    // Hand the validated text to the route's JSON validator instead of decoding a second time.
    // (Hono keeps pending body reads in this cache; its type names the resolved values.)
    const cache = c.req.bodyCache as Record<string, unknown>
    try {
      cache.text = Promise.resolve(strictUtf8.decode(bytes))
    } catch {
      const refusal = new DomainError('invalid-input', 'The request body is not valid UTF-8.')
      c.set('unreadableBody', refusal)
      // Should a route lack the refusal, reading its body fails (400) rather than yielding U+FFFD.
      const unreadable = Promise.reject(refusal)
      unreadable.catch(() => {})
      cache.text = unreadable
    }
    return next()
  }
  const guarded = every(limitTo(MAX_BODY_BYTES), strictJson)
  const guardedComment = every(limitTo(MAX_COMMENT_BODY_BYTES), strictJson)
  const guardedSettings = every(limitTo(MAX_SETTINGS_BODY_BYTES), strictJson)
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return next()
    // Until the body is in (the size limit reads a chunked one whole, the UTF-8 check any JSON one), a deadline
    // passing is the client's delay (deadline.ts).
    c.set('awaitingBody', true)
    if (c.req.method === 'POST' && COMMENT_SUBMISSION.test(c.req.path)) return guardedComment(c, next)
    if (SETTINGS_CHANGE.test(c.req.path)) return guardedSettings(c, next)
    return guarded(c, next)
  }
}

/**
 * Refuses (400) a body jsonBodyGuard found not to be UTF-8. Run once the caller is known to be allowed the route:
 * by requireAdmin and requireSiteRole, and by public routes that read a body, as their own middleware.
 */
export function refuseUnreadableBody(c: Context<AppEnv>): void {
  const refusal = c.get('unreadableBody')
  if (refusal) throw refusal
}

/** refuseUnreadableBody as a route's middleware, for a public route whose body anyone may send. */
export function readableBody(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    refuseUnreadableBody(c)
    return next()
  }
}

/**
 * RFC 9110 allows whitespace on either side of a parameter's ';' (`application/json ;charset=utf-8`), which the
 * routes' media type gate refuses with 415: the header is handed on without it. Only such rare headers are rewritten.
 */
function acceptAsWritten(c: Context<AppEnv>, contentType: string) {
  const tidy = contentType
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join('; ')
  try {
    c.req.raw.headers.set('content-type', tidy)
  } catch {
    // Headers that cannot be changed: the gate answers 415, as it did before.
  }
}

/**
 * For a route whose JSON body is optional: an empty body sent with a JSON content type (what client libraries
 * that set it on every request send) is read as no body, `{}`, instead of being refused as malformed JSON.
 */
export function emptyJsonAsNone(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (JSON_TYPE.test(c.req.header('content-type') ?? '') && (await c.req.text()) === '')
      (c.req.bodyCache as Record<string, unknown>).text = Promise.resolve('{}')
    return next()
  }
}
