import { randomBytes } from 'node:crypto'
import { chmodSync, linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { BEARER_TOKEN } from './config.js'
import { makePrivateDir, unusableDataDir } from './data-dir.js'

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

/**
 * The token in the file, null when there is no file, or '' when what it holds cannot be one (too short, or with
 * spaces or characters no `Authorization: Bearer` header carries: kept, it would lock the administrator out with
 * nothing said; replaced, the start-up log says where the new one is).
 */
function readToken(path: string): string | null {
  try {
    const token = readFileSync(path, 'utf8').trim()
    return BEARER_TOKEN.test(token) ? token : ''
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    return null
  }
}

function readOrCreate(dataDir: string): { token: string; path: string; created: boolean } {
  const path = resolve(join(dataDir, 'admin-token'))
  const found = readToken(path)
  if (found) return { token: found, path, created: false }
  makePrivateDir(dataDir)
  const token = `vga_${randomBytes(32).toString('base64url')}`
  // Written whole under a name of its own, then put in place: processes started together on a shared DATA_DIR
  // (with DATABASE_URL) would each write their own token, and all but the last would accept one nobody can read.
  const draft = `${path}.new-${randomBytes(8).toString('hex')}`
  try {
    writeFileSync(draft, `${token}\n`, { mode: 0o600 })
    chmodSync(draft, 0o600)
    try {
      // A link fails where a file is already. A file too short to be a token is removed first, unless another
      // process starting beside this one has put its token there meanwhile: then the link fails, and that one is
      // used, rather than replaced by a token of this process's that the other would not know it lost.
      if (found === '' && readToken(path) === '') rmSync(path, { force: true })
      linkSync(draft, path)
      return { token, path, created: true }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        // A file system without hard links: put in place as before, the last one started winning.
        renameSync(draft, path)
        return { token, path, created: true }
      }
    }
    // Another process put its token in place first: that is the one to use.
    const theirs = readToken(path)
    if (!theirs) throw new Error(`${path} was written meanwhile and holds no token`)
    return { token: theirs, path, created: false }
  } finally {
    rmSync(draft, { force: true })
  }
}
