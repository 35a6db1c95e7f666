import { randomBytes } from 'node:crypto'
import { Webhook } from 'standardwebhooks'
import type { RetiredSecret } from '../db/webhook-schema.js'

/** How long the secret before a rotation keeps signing, so receivers can switch over without losing events. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000

/** A new signing secret in the Standard Webhooks form: `whsec_` and 32 random bytes in base64. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`
}

/** At most this many secrets sign besides the current one: rotating more often within a day retires the oldest. */
export const MAX_RETIRED_SIGNING_SECRETS = 4

export type SigningSecrets = {
  current: string
  previous: string | null
  previousExpiresAt: Date | null
  /** Retired by rotations before the last, newest first. */
  older: readonly RetiredSecret[]
}

/**
 * The secrets retired before the one a rotation now retires that still sign at `now`, newest first: the one
 * that was previous, then the older ones, within the bound.
 */
export function stillSigning(secrets: Omit<SigningSecrets, 'current'>, now: Date): RetiredSecret[] {
  const previous =
    secrets.previous && secrets.previousExpiresAt
      ? [{ secret: secrets.previous, expiresAt: secrets.previousExpiresAt.toISOString() }]
      : []
  return [...previous, ...secrets.older]
    .filter((retired) => Date.parse(retired.expiresAt) > now.getTime())
    .slice(0, MAX_RETIRED_SIGNING_SECRETS)
}

/**
 * The three Standard Webhooks headers. While rotations overlap, the signature header carries one signature per
 * secret still signing (space-separated, as the scheme allows), so a receiver holding any of them verifies.
 */
export function signedHeaders(
  eventId: string,
  body: string,
  secrets: SigningSecrets,
  now: Date,
): Record<string, string> {
  const keys = [secrets.current, ...stillSigning(secrets, now).map((retired) => retired.secret)]
  const signatures = keys.map((key) => new Webhook(key).sign(eventId, now, body))
  return {
    'webhook-id': eventId,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  }
}
