import { describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config.js'
import { configErrorFor, TOKEN } from './config-errors.js'

describe('loadConfig, about ADMIN_TOKEN', () => {
  it.each([
    ['a trailing newline, as a secret file leaves', `${TOKEN}\n`],
    ['spaces', 'a token with spaces in it, long enough'],
    ['a tab', `${TOKEN}\textra`],
  ])('refuses an ADMIN_TOKEN with %s: no Authorization header could carry it', (_, token) => {
    expect(configErrorFor({ ADMIN_TOKEN: token }).message).toBe(
      'Invalid configuration: ADMIN_TOKEN must be at least 24 printable ASCII characters, without spaces or line breaks',
    )
  })

  it('does not echo a rejected secret back in the error', () => {
    expect(configErrorFor({ ADMIN_TOKEN: 'short-secret' }).message).not.toContain('short-secret')
  })

  it('requires ADMIN_TOKEN in production and says so', () => {
    expect(configErrorFor({ NODE_ENV: 'production' }).message).toBe(
      'Invalid configuration: ADMIN_TOKEN is required when NODE_ENV=production',
    )
  })

  it('counts an empty ADMIN_TOKEN as missing in production', () => {
    expect(configErrorFor({ NODE_ENV: 'production', ADMIN_TOKEN: '' }).message).toContain('ADMIN_TOKEN')
  })

  it('does not require ADMIN_TOKEN outside production', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).adminToken).toBeUndefined()
    expect(loadConfig({ NODE_ENV: 'test' }).adminToken).toBeUndefined()
  })
})
