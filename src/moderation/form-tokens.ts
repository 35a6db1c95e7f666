import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Clock } from '../clock.js'
import type { Database } from '../db/client.js'
import { instanceSecret } from '../db/instance-secrets.js'
import type { Facts } from '../spam/rules/types.js'

/** A token older than this is treated as absent, not invalid: a page left open overnight is not a bot. */
const MAX_AGE_MS = 24 * 60 * 60 * 1000

export type FormTokens = {
  /** A token for a comment form shown now: the issue time, signed for this site. */
  issue(siteId: string): Promise<{ token: string; expiresAt: Date }>
  /** How a submitted token stands: when its form was shown, or why it cannot be used. */
  check(siteId: string, token: string | undefined): Promise<Facts['formToken']>
}

export function createFormTokens(db: Database, clock: Clock): FormTokens {
  const key = instanceSecret(db, clock, 'form-token-key')
  const sign = async (siteId: string, issuedAt: string) =>
    createHmac('sha256', await key())
      .update(`${siteId}\n${issuedAt}`)
      .digest('base64url')
  return {
    async issue(siteId) {
      const issued = clock.now().getTime()
      const issuedAt = issued.toString(36)
      return {
        token: `${issuedAt}.${await sign(siteId, issuedAt)}`,
        expiresAt: new Date(issued + MAX_AGE_MS),
      }
    },
    async check(siteId, token) {
      if (!token) return { state: 'absent' }
      const [issuedAt, signature, ...more] = token.split('.')
      if (!issuedAt || !signature || more.length > 0 || !/^[0-9a-z]{1,12}$/.test(issuedAt))
        return { state: 'invalid' }
      const expected = Buffer.from(await sign(siteId, issuedAt))
      const given = Buffer.from(signature)
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { state: 'invalid' }
      // A negative age is the clocks of two processes (or one stepped back) disagreeing, not a forgery: only the
      // key signs a time. It stays valid, and too-fast leaves such an age unscored.
      const ageMs = clock.now().getTime() - Number.parseInt(issuedAt, 36)
      return ageMs > MAX_AGE_MS ? { state: 'absent' } : { state: 'valid', ageMs }
    },
  }
}
