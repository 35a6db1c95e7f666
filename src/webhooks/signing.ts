import { randomBytes } from 'node:crypto'
import { Webhook } from 'standardwebhooks'

/** How long the secret before a rotation keeps signing, so receivers can switch over without losing events. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000

/** A new signing secret in the Standard Webhooks form: `whsec_` and 32 random bytes in base64. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`
}

export type SigningSecrets = { current: string; previous: string | null; previousExpiresAt: Date | null }

/**
 * The three Standard Webhooks headers. While a rotation overlaps, the signature header carries one signature
 * per secret (space-separated, as the scheme allows), so a receiver holding either secret verifies.
 */
export function signedHeaders(
  eventId: string,
  body: string,
  secrets: SigningSecrets,
  now: Date,
): Record<string, string> {
  const keys = [secrets.current]
  if (secrets.previous && secrets.previousExpiresAt && secrets.previousExpiresAt > now)
    keys.push(secrets.previous)
  const signatures = keys.map((key) => new Webhook(key).sign(eventId, now, body))
  return {
    'webhook-id': eventId,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  }
}
