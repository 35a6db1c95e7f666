import { describe, expect, it } from 'vitest'
import { isKeyedHash, keyedHash, keyHashes } from '../../src/sites/key-hashes.js'
import { sha256Hex } from '../../src/sites/secrets.js'

const SECRET = 'a-key-hash-secret-of-32-characters-or-more'
const KEY = '0123456789ab'

describe('how API keys are stored', () => {
  it('without KEY_HASH_SECRET, as the plain SHA-256 of the key', () => {
    const hashes = keyHashes(undefined)
    expect(hashes.stored(KEY)).toBe(sha256Hex(KEY))
    expect(hashes.candidates(KEY)).toEqual([sha256Hex(KEY)])
  })

  it('with it, as a keyed hash that neither the key nor its plain hash gives without the secret', () => {
    const stored = keyHashes(SECRET).stored(KEY)
    expect(isKeyedHash(stored)).toBe(true)
    expect(stored).toMatch(/^hmac:[0-9a-f]{64}$/)
    expect(stored).not.toContain(sha256Hex(KEY))
    expect(stored).not.toBe(keyHashes(`${SECRET}-another`).stored(KEY))
  })

  it('keys a plain hash already stored to the very value a new key of the same secret gets', () => {
    expect(keyedHash(SECRET, sha256Hex(KEY))).toBe(keyHashes(SECRET).stored(KEY))
  })

  it('with it, finds a key by its keyed hash first, then by a plain one not yet upgraded', () => {
    expect(keyHashes(SECRET).candidates(KEY)).toEqual([keyHashes(SECRET).stored(KEY), sha256Hex(KEY)])
  })
})
