import type { ClientRequest, IncomingMessage } from 'node:http'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { ADDRESS_REFUSED, checkWebhookUrlSyntax, guardedLookup } from './address-guard.js'
import type { HostLookup } from './host-lookup.js'

export type WebhookPostRequest = {
  url: string
  body: string
  headers: Record<string, string>
  timeoutMs: number
  allowPrivateNetworks: boolean
  /** How the receiver's host is resolved: the dispatcher's bounded look-up (host-lookup.ts); the system's if left out. */
  lookupHost?: HostLookup
  /** How much of the response body is read before the connection is dropped; 64 KiB by default. */
  maxResponseBytes?: number
}

/**
 * What one delivery attempt came to. `retryable` follows Standard Webhooks / Svix practice: every failure is
 * retried (any non-2xx status, 3xx, 4xx including 410 Gone, and 5xx alike, timeouts, connection and DNS errors),
 * because receivers often answer 4xx while they are being deployed or misconfigured, and giving up on an endpoint
 * is the retry schedule's decision, not one attempt's. The exception is an address the SSRF guard refused: asking
 * again cannot change that answer.
 */
export type PostOutcome = {
  ok: boolean
  statusCode: number | null
  latencyMs: number
  error: string | null
  retryAfterMs: number | null
  responseExcerpt: string | null
  retryable: boolean
}

const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024
const EXCERPT_CHARS = 1024
// Enough bytes for EXCERPT_CHARS characters of UTF-8, which is at most 4 bytes a character.
const EXCERPT_BYTES = EXCERPT_CHARS * 4
const USER_AGENT = 'Vigil-Webhooks/1'

/** POSTs `request.body` once. Never throws: every failure is an outcome, for the delivery log. */
export function postWebhook(request: WebhookPostRequest): Promise<PostOutcome> {
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  const checked = checkWebhookUrlSyntax(request.url, { allowPrivateNetworks: request.allowPrivateNetworks })
  if (!checked.ok) return Promise.resolve(failure(elapsed(), `address refused: ${checked.reason}`, false))
  const url = checked.url
  const maxResponseBytes = request.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES

  return new Promise((resolve) => {
    let settled = false
    let timer: NodeJS.Timeout | undefined
    let answered: { response: IncomingMessage; excerpt: ResponseExcerpt } | null = null
    // Aborted once the attempt is over, so that a look-up still waiting its turn is dropped.
    const attempt = new AbortController()
    const settle = (outcome: PostOutcome) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      attempt.abort()
      resolve(outcome)
    }
    const settleWithStatus = () => {
      if (answered) settle(statusOutcome(answered.response, answered.excerpt.text(), elapsed()))
    }

    const send = url.protocol === 'https:' ? httpsRequest : httpRequest
    let outgoing: ClientRequest
    try {
      outgoing = send(url, {
        method: 'POST',
        headers: {
          ...lowercaseKeys(request.headers),
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(request.body)),
          'user-agent': USER_AGENT,
        },
        // A fresh connection per attempt: a pooled socket would skip the guarded lookup.
        agent: false,
        lookup: guardedLookup(request.allowPrivateNetworks, request.lookupHost, attempt.signal),
      })
    } catch (error) {
      // Node checks header names and values as the request is built; a bad one is the caller's, not the network's.
      return settle(failure(elapsed(), `request not sent: ${(error as Error).message}`, false))
    }

    // One deadline for lookup, connect, TLS, and waiting for the status line. Once the receiver has answered,
    // running out of time while reading its body only cuts the excerpt short: the answer stands.
    timer = setTimeout(() => {
      if (answered) settleWithStatus()
      else settle(failure(elapsed(), `timed out after ${request.timeoutMs} ms`, true))
      outgoing.destroy()
    }, request.timeoutMs)

    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (answered) return settleWithStatus()
      const code = errorCode(error)
      if (code === ADDRESS_REFUSED)
        return settle(failure(elapsed(), `address refused: ${error.message}`, false))
      settle(failure(elapsed(), describeConnectionError(code, error), true))
    })

    outgoing.on('response', (response) => {
      const excerpt = new ResponseExcerpt()
      answered = { response, excerpt }
      let received = 0
      response.on('data', (chunk: Buffer) => {
        const wanted = chunk.subarray(0, maxResponseBytes - received)
        received += wanted.length
        excerpt.add(wanted)
        if (received >= maxResponseBytes) {
          // The rest is not worth the bandwidth: a receiver could stream for as long as it likes.
          settleWithStatus()
          outgoing.destroy()
        }
      })
      response.on('end', settleWithStatus)
      // A connection dropped mid-body: the status line was still the receiver's answer.
      response.on('error', settleWithStatus)
      response.on('close', settleWithStatus)
    })

    outgoing.end(request.body)
  })
}

function statusOutcome(response: IncomingMessage, excerpt: string | null, latencyMs: number): PostOutcome {
  const statusCode = response.statusCode ?? 0
  const ok = statusCode >= 200 && statusCode < 300
  const isRedirect = statusCode >= 300 && statusCode < 400
  return {
    ok,
    statusCode,
    latencyMs,
    error: ok ? null : isRedirect ? `redirects are not followed (HTTP ${statusCode})` : `HTTP ${statusCode}`,
    retryAfterMs: parseRetryAfter(response.headers['retry-after'], Date.now()),
    responseExcerpt: excerpt,
    retryable: !ok,
  }
}

const failure = (latencyMs: number, error: string, retryable: boolean): PostOutcome => ({
  ok: false,
  statusCode: null,
  latencyMs,
  error,
  retryAfterMs: null,
  responseExcerpt: null,
  retryable,
})

/**
 * `Retry-After` in milliseconds from `now`: delta-seconds or an HTTP-date (a date in the past means now).
 * Anything else is ignored rather than guessed at.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | null {
  const trimmed = value?.trim()
  if (!trimmed) return null
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  // Every HTTP-date form (IMF-fixdate, RFC 850, asctime) starts with the day name; Date.parse alone would
  // also accept things like "7.5".
  if (!/^[A-Za-z]{3,9},? /.test(trimmed)) return null
  // HTTP-dates are always GMT; asctime leaves that unsaid, and Date.parse would read it as local time.
  const at = Date.parse(/ GMT$/.test(trimmed) ? trimmed : `${trimmed} GMT`)
  return Number.isNaN(at) ? null : Math.max(0, at - now)
}

/** Keeps the first EXCERPT_CHARS characters of a response body for the delivery log. */
class ResponseExcerpt {
  private readonly chunks: Buffer[] = []
  private kept = 0

  add(chunk: Buffer) {
    if (this.kept >= EXCERPT_BYTES) return
    const part = chunk.subarray(0, EXCERPT_BYTES - this.kept)
    this.chunks.push(part)
    this.kept += part.length
  }

  text(): string | null {
    // A character cut at the byte limit decodes as U+FFFD, but it lies past the characters kept.
    const decoded = Buffer.concat(this.chunks).toString('utf8')
    const text = Array.from(decoded).slice(0, EXCERPT_CHARS).join('')
    return text.trim() === '' ? null : text
  }
}

const lowercaseKeys = (headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]))

/** With autoSelectFamily, a host whose every address failed reports an AggregateError of the attempts. */
function errorCode(error: NodeJS.ErrnoException): string | undefined {
  if (error.code) return error.code
  const [first] = error instanceof AggregateError ? (error.errors as NodeJS.ErrnoException[]) : []
  return first?.code
}

const CONNECTION_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed while sending',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed temporarily',
}

function describeConnectionError(code: string | undefined, error: Error): string {
  if (code && CONNECTION_ERRORS[code]) return CONNECTION_ERRORS[code]
  // TLS failures (expired or self-signed certificates, name mismatches) carry their code in the message.
  return `connection failed: ${code ?? error.message}`
}
