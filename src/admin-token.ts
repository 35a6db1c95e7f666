import { randomBytes } from 'node:crypto'
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { unusableDataDir } from './data-dir.js'

/**
 * The admin token to use when none is configured (development only): generated once, kept in
 * `DATA_DIR/admin-token` with mode 0600 so only the service's user can read it, and reused on later starts.
 */
export function ensureAdminToken(dataDir: string): { token: string; path: string; created: boolean } {
  try {
    return readOrCreate(dataDir)
  } catch (error) {
    throw unusableDataDir(dataDir, error)
  }
}

function readOrCreate(dataDir: string): { token: string; path: string; created: boolean } {
  const path = resolve(join(dataDir, 'admin-token'))
  try {
    const token = readFileSync(path, 'utf8').trim()
    if (token.length >= 24) return { token, path, created: false }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  mkdirSync(dataDir, { recursive: true })
  const token = `vga_${randomBytes(32).toString('base64url')}`
  writeFileSync(path, `${token}\n`, { mode: 0o600 })
  chmodSync(path, 0o600)
  return { token, path, created: true }
}
