import * as fs from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'

/**
 * What another process does between this one finding no token and writing its own: `writeFileSync` runs the
 * hook once, before its first write.
 */
const meanwhile = vi.hoisted(() => ({ beforeWrite: null as null | (() => void) }))

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>()
  return {
    ...actual,
    writeFileSync: (...args: Parameters<typeof actual.writeFileSync>) => {
      const hook = meanwhile.beforeWrite
      meanwhile.beforeWrite = null
      hook?.()
      return actual.writeFileSync(...args)
    },
  }
})

const { ensureAdminToken } = await import('../src/admin-token.js')

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
})

const dataDir = () => {
  const dir = fs.mkdtempSync(join(tmpdir(), 'vigil-admin-token-'))
  dirs.push(dir)
  return dir
}

describe('the admin token generated when none is configured', () => {
  it('is the one another process starting at the same moment wrote first, not a second one replacing it', () => {
    const dir = dataDir()
    const theirs = `vga_${'t'.repeat(43)}`
    meanwhile.beforeWrite = () => fs.writeFileSync(join(dir, 'admin-token'), `${theirs}\n`, { mode: 0o600 })
    const mine = ensureAdminToken(dir)
    // The other process accepts only its own token: both must hold the one the file gives the developer.
    expect(mine).toMatchObject({ token: theirs, created: false })
    expect(fs.readFileSync(join(dir, 'admin-token'), 'utf8').trim()).toBe(theirs)
  })

  it('is written once, private, and read back on the next start', () => {
    const dir = dataDir()
    const first = ensureAdminToken(dir)
    expect(first.created).toBe(true)
    expect(fs.statSync(first.path).mode & 0o777).toBe(0o600)
    expect(ensureAdminToken(dir)).toEqual({ ...first, created: false })
    expect(fs.readdirSync(dir)).toEqual(['admin-token'])
  })

  it('replaces a file too short to be a token', () => {
    const dir = dataDir()
    fs.writeFileSync(join(dir, 'admin-token'), 'short\n')
    const replaced = ensureAdminToken(dir)
    expect(replaced.created).toBe(true)
    expect(fs.readFileSync(replaced.path, 'utf8').trim()).toBe(replaced.token)
    expect(fs.statSync(replaced.path).mode & 0o777).toBe(0o600)
  })

  it.each([
    ['a space inside', 'my admin token with spaces in it'],
    ['a line break inside', 'first-half-of-the-token\nsecond-half-of-it'],
    ['letters no header can carry', 'jeton-d’administration-très-secret'],
  ])('replaces a file holding %s, which no Authorization header could ever match', (_case, contents) => {
    const dir = dataDir()
    fs.writeFileSync(join(dir, 'admin-token'), `${contents}\n`)
    const replaced = ensureAdminToken(dir)
    expect(replaced.created).toBe(true)
    expect(replaced.token).toMatch(/^vga_[\w-]{43}$/)
    expect(fs.readFileSync(replaced.path, 'utf8').trim()).toBe(replaced.token)
  })
})
