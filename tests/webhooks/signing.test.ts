import { Webhook } from 'standardwebhooks'
import { describe, expect, it } from 'vitest'
import {
  MAX_RETIRED_SIGNING_SECRETS,
  newSigningSecret,
  signedHeaders,
  stillSigning,
} from '../../src/webhooks/signing.js'

const HOUR = 3_600_000
const now = new Date('2026-11-30T12:00:00.000Z')
const inHours = (hours: number) => new Date(now.getTime() + hours * HOUR)
const retired = (hours: number) => ({ secret: newSigningSecret(), expiresAt: inHours(hours).toISOString() })

describe('the secrets rotations retired', () => {
  it('sign until their own 24 hours are up, the newest first', () => {
    const [older, expired] = [retired(2), retired(-1)]
    const previous = { previous: newSigningSecret(), previousExpiresAt: inHours(20) }
    expect(stillSigning({ ...previous, older: [older, expired] }, now)).toEqual([
      { secret: previous.previous, expiresAt: inHours(20).toISOString() },
      older,
    ])
    expect(stillSigning({ ...previous, older: [older] }, inHours(3))).toEqual([
      { secret: previous.previous, expiresAt: inHours(20).toISOString() },
    ])
  })

  it(`are at most ${MAX_RETIRED_SIGNING_SECRETS}, the oldest left out`, () => {
    const older = Array.from({ length: MAX_RETIRED_SIGNING_SECRETS + 2 }, (_, i) => retired(20 - i))
    const signing = stillSigning({ previous: null, previousExpiresAt: null, older }, now)
    expect(signing).toEqual(older.slice(0, MAX_RETIRED_SIGNING_SECRETS))
  })

  it('each add a signature a receiver holding it verifies, beside the current one', () => {
    const current = newSigningSecret()
    const previous = newSigningSecret()
    const older = retired(5)
    const body = JSON.stringify({ type: 'ping' })
    const headers = signedHeaders(
      'msg_1',
      body,
      { current, previous, previousExpiresAt: inHours(23), older: [older, retired(-2)] },
      now,
    )
    const signatures = headers['webhook-signature']?.split(' ')
    expect(signatures).toHaveLength(3)
    for (const secret of [current, previous, older.secret])
      expect(signatures).toContain(new Webhook(secret).sign('msg_1', now, body))
  })
})
