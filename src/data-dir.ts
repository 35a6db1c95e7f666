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

/**
 * The same errors as the embedded database's own file system throws them: Emscripten's `ErrnoError`, not an
 * Error, with no message and its own numbers (WASI's).
 */
const EMSCRIPTEN_ERRNO: Readonly<Record<number, string>> = {
  2: 'EACCES',
  20: 'EEXIST',
  51: 'ENOSPC',
  54: 'ENOTDIR',
  63: 'EPERM',
  69: 'EROFS',
}

function codeOf(error: unknown): string | undefined {
  const thrown = error as { code?: unknown; name?: unknown; errno?: unknown } | null
  if (typeof thrown?.code === 'string') return thrown.code
  if (thrown?.name === 'ErrnoError' && typeof thrown.errno === 'number') return EMSCRIPTEN_ERRNO[thrown.errno]
  return undefined
}

/** `error` said in one line naming DATA_DIR when it is one of those, else `error` itself. */
export function unusableDataDir(dataDir: string, error: unknown): unknown {
  const code = codeOf(error)
  if (!code || !UNUSABLE.has(code)) return error
  const user = process.getuid ? `uid ${process.getuid()}, ` : ''
  const hint =
    code === 'EACCES' || code === 'EPERM'
      ? `: give ${user}the user Vigil runs as, write access to it`
      : code === 'ENOTDIR' || code === 'EEXIST'
        ? ': a file is in the way of the directory'
        : ''
  const message = error instanceof Error && error.message ? error.message : code
  return new Error(`DATA_DIR ${dataDir} cannot be used (${message})${hint}`, { cause: error })
}

/**
 * A failure to open the embedded database's files in `databaseDir` (DATA_DIR/pglite), said in one line naming
 * it: PGlite says "PGlite failed to initialize properly", "Aborted()" or an error number, never which folder.
 */
export function unopenableDatabase(dataDir: string, databaseDir: string, error: unknown): Error {
  const unusable = unusableDataDir(dataDir, error)
  if (unusable !== error && unusable instanceof Error) return unusable
  const errno = (error as { errno?: unknown } | null)?.errno
  const reason =
    error instanceof Error
      ? error.message.split('\n')[0]
      : (codeOf(error) ?? (typeof errno === 'number' ? `file-system error ${errno}` : String(error)))
  return new Error(
    `the embedded database in DATA_DIR ${dataDir} (${databaseDir}) could not be opened (${reason}): its ` +
      'files may belong to another user, be damaged (a copy taken while Vigil ran) or come from another ' +
      "PostgreSQL release; give Vigil's user access to them, or restore a backup taken with Vigil stopped",
    { cause: error },
  )
}
