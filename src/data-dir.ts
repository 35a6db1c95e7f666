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
