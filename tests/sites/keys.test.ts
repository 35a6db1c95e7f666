import { describe, expect, it } from 'vitest'
import { generateKey } from '../../src/sites/keys.js'

describe('generateKey', () => {
  it('makes server keys of 12 hex digits, which every Akismet client keeps whole', () => {
    // The WordPress plugin strips all but [a-f0-9] from a key typed into its settings screen.
    const keys = Array.from({ length: 200 }, () => generateKey('server'))
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{12}$/)
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('prefixes moderator and admin keys with what they are', () => {
    expect(generateKey('moderator')).toMatch(/^vgm_[a-z0-9]{40}$/)
    expect(generateKey('admin')).toMatch(/^vga_[a-z0-9]{40}$/)
  })
})
