import { chmodSync, mkdirSync } from 'node:fs'
/**
 * Creates `path` (and its missing parents) readable by this process's user alone: the embedded database's files
 * hold readers' e-mails and IPs, key hashes, webhook secrets and the keys behind the IP and e-mail hashes, and
 * PGlite writes them readable and writable by everyone (0666, whatever the umask), so only their directory keeps
 * other local accounts out. `owned` directories, Vigil's own, are also narrowed when they already exist (installs
 * from before); DATA_DIR itself keeps what its operator gave it.
 */
export function makePrivateDir(path: string, options: { owned?: boolean } = {}): void {
  mkdirSync(path, { recursive: true, mode: 0o700 })
  if (!options.owned) return
  try {
    chmodSync(path, 0o700)
  } catch (error) {
    // A directory of another user's (a volume mounted for root): what may read it is theirs to decide.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error
  }
}

/**
 * File-system errors that say DATA_DIR itself is unusable: not writable by this process's user (a volume mounted
 * for root, the image running as `node`), on a read-only or full file system, or a file where the directory
 * should be. The system's message names a path inside it, never the variable to change.
 */
const UNUSABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'ENOTDIR', 'EEXIST'])

/** `error` said in one line naming DATA_DIR when it is one of those, else `error` itself. */
export function unusableDataDir(dataDir: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code
  if (!code || !UNUSABLE.has(code)) return error
  const user = process.getuid ? `uid ${process.getuid()}, ` : ''
  const hint =
    code === 'EACCES' || code === 'EPERM'
      ? `: give ${user}the user Vigil runs as, write access to it`
      : code === 'ENOTDIR' || code === 'EEXIST'
        ? ': a file is in the way of the directory'
        : ''
  return new Error(`DATA_DIR ${dataDir} cannot be used (${(error as Error).message})${hint}`, {
    cause: error,
  })
}
