import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { dirname, join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

/** Who holds an embedded database: enough to tell whether it still runs. */
type Owner = { pid: number; host: string; since: string }

/** The embedded database is in use by another process: the message says which, and what to do. */
export class DataDirInUse extends Error {
  override name = 'DataDirInUse'
}

const ownerFile = (lock: string) => join(lock, 'owner.json')

/** When this process started (a little before, for the clock's grain). */
const startedAt = Date.now() - process.uptime() * 1000 - 1_000

function readOwner(lock: string): Owner | null {
  try {
    return JSON.parse(readFileSync(ownerFile(lock), 'utf8')) as Owner
  } catch {
    // Being written this very moment, or left half-written by a crash: read as nobody's.
    return null
  }
}

/** Whether `owner` is a live process other than this one, as far as this machine can tell. */
function stillRunning(owner: Owner): boolean {
  // Another machine's process (a volume shared over the network) cannot be checked: it is taken to run.
  if (owner.host !== hostname()) return true
  // This process's own pid: its own lock if taken since it started, else a lock from before a container
  // restarted, the same pid (often 1) given again.
  if (owner.pid === process.pid) return Date.parse(owner.since) >= startedAt
  try {
    process.kill(owner.pid, 0)
    return true
  } catch (error) {
    // EPERM: the pid runs, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Takes the embedded database's directory for this process alone, and returns the function that gives it back.
 * PGlite itself lets two processes open the same files, each with its own buffers, which corrupts them: a second
 * `npm start` on the same DATA_DIR, or `npm run purge` while the server runs, would. The lock is a directory made
 * atomically (`mkdir` fails when it exists) holding its owner's pid; one left by a process that died is taken
 * over, by renaming it away first, so that of two processes taking it over at once only one succeeds.
 */
export async function lockDataDir(dataDir: string): Promise<() => void> {
  // Beside the database's directory, not in it: PostgreSQL's files are its own.
  const lock = `${dataDir}.lock`
  mkdirSync(dirname(lock), { recursive: true })
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      mkdirSync(lock)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const owner = readOwner(lock)
      if (owner && stillRunning(owner)) {
        throw new DataDirInUse(
          `the embedded database in ${dataDir} is in use by another Vigil process (pid ${owner.pid} on ${owner.host}, ` +
            `since ${owner.since}): it belongs to one process at a time; stop that one first (or remove ${lock} ` +
            'if you are sure it is gone), or use DATABASE_URL',
        )
      }
      if (!owner && attempt === 0) {
        // Perhaps its owner is writing it now: look again before taking it over.
        await sleep(100)
        continue
      }
      const aside = `${lock}.stale-${process.pid}-${Date.now()}`
      try {
        renameSync(lock, aside)
      } catch {
        // Another process renamed it first; look again.
        continue
      }
      const moved = readOwner(aside)
      if (moved && owner && (moved.pid !== owner.pid || moved.since !== owner.since)) {
        // Another process took the stale lock over in between, and this one moved its fresh lock: put it back.
        try {
          renameSync(aside, lock)
          continue
        } catch {
          // A third one holds it now; the fresh lock moved aside is that process's to lose, and this one looks again.
        }
      }
      rmSync(aside, { recursive: true, force: true })
      continue
    }
    const mine: Owner = { pid: process.pid, host: hostname(), since: new Date().toISOString() }
    writeFileSync(ownerFile(lock), JSON.stringify(mine))
    return () => {
      // Only a lock still ours is removed.
      if (readOwner(lock)?.pid === mine.pid && readOwner(lock)?.since === mine.since)
        rmSync(lock, { recursive: true, force: true })
    }
  }
  throw new DataDirInUse(`could not take the embedded database in ${dataDir}: other processes keep taking it`)
}
