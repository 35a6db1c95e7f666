import { randomUUID } from 'node:crypto'
import {
  mkdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { hostname } from 'node:os'
import { dirname, join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { makePrivateDir } from '../data-dir.js'

/**
 * Who holds an embedded database: enough to tell whether it still runs. `pidNamespace` and `started` are absent
 * from a lock written before they were recorded.
 */
type Owner = {
  pid: number
  host: string
  pidNamespace?: string | null
  boot: string | null
  started?: string | null
  instance: string
  since: string
}

/** The embedded database is in use by another process: the message says which, and what to do. */
export class DataDirInUse extends Error {
  override name = 'DataDirInUse'
}

const ownerFile = (lock: string) => join(lock, 'owner.json')

/**
 * How often the holder touches its lock, and how long a lock from another host or PID namespace may go untouched
 * and be live.
 */
const HEARTBEAT_MS = 10_000
const UNTOUCHED_MS = 90_000
/**
 * The same, for a process of this very kernel (the same boot: every container of a machine reads one boot id)
 * in another PID namespace: its heartbeat reaches the file at once, so three missed ones say it is gone. A
 * container restarted or re-created after a crash (a new namespace, often a new host name, the volume kept) then
 * waits half a minute for its predecessor's lock rather than a minute and a half.
 */
const UNTOUCHED_ON_THIS_KERNEL_MS = 30_000

const untouchedFor = (owner: Owner, me: Owner) =>
  owner.boot !== null && owner.boot === me.boot ? UNTOUCHED_ON_THIS_KERNEL_MS : UNTOUCHED_MS
const ATTEMPTS = 5

/**
 * The locks this process holds, by instance: what tells its own live lock from an earlier process's under the
 * same pid. Process-wide by nature, like the locks themselves.
 */
const heldHere = new Set<string>()

/** This boot of the machine (Linux): no process from an earlier boot can still hold a lock. */
export function bootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()
  } catch {
    return null
  }
}

/**
 * The PID namespace this process runs in (Linux), e.g. `pid:[4026531836]`: a pid means something only within
 * it. Two containers may share a host name (`--network host`, compose's `hostname:`, the containers of one pod)
 * and each have a pid 1.
 */
export function pidNamespace(): string | null {
  try {
    return readlinkSync('/proc/self/ns/pid')
  } catch {
    return null
  }
}

/**
 * When the process `pid` started, in clock ticks since the boot (Linux): the same pid given since to another
 * process starts at another tick.
 */
export function startTicks(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The fields after the command's name, which may itself hold spaces and parentheses; the start is the 22nd.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null
  } catch {
    return null
  }
}

/**
 * Where `owner` runs when this process cannot ask the system about it (another host, another PID namespace),
 * said as in "a process …"; null when its pid can be checked here.
 */
function outOfReach(owner: Owner, me: Owner): string | null {
  if (owner.host !== me.host) return `on ${owner.host}`
  // A lock that names no namespace, on a machine that has them, may be another container's as well.
  if ((owner.pidNamespace ?? null) !== me.pidNamespace)
    return `in another PID namespace (another container named ${owner.host})`
  return null
}

function readOwner(lock: string): Owner | null {
  try {
    return JSON.parse(readFileSync(ownerFile(lock), 'utf8')) as Owner
  } catch {
    // A lock is put in place with its owner already written: without one, it is nobody's.
    return null
  }
}

const sameOwner = (a: Owner | null, b: Owner | null) => a !== null && b !== null && a.instance === b.instance

/** Whether `owner` is a live process other than this one, as far as this machine can tell. */
function stillRunning(owner: Owner, lock: string, me: Owner): boolean {
  if (outOfReach(owner, me)) {
    // Another host's or container's process cannot be asked: a container re-created since (a new container has a
    // new host name or PID namespace, the volume stays), one beside this one under the same host name, or one on a
    // volume shared over the network. It is live while it touches its lock.
    try {
      return Date.now() - statSync(ownerFile(lock)).mtimeMs < untouchedFor(owner, me)
    } catch {
      return false
    }
  }
  // The machine has restarted since: nothing from before runs.
  if (owner.boot && me.boot && owner.boot !== me.boot) return false
  // This process's own pid: a lock it holds now, or an earlier process's that was given the same pid.
  if (owner.pid === me.pid) return heldHere.has(owner.instance)
  // The pid given since, in this boot, to another process (the holder killed, by SIGKILL or the OOM killer): a
  // running program that is not Vigil would otherwise keep the database shut until someone removed the lock.
  const started = owner.started ? startTicks(owner.pid) : null
  if (started !== null && started !== owner.started) return false
  try {
    process.kill(owner.pid, 0)
    return true
  } catch (error) {
    // EPERM: the pid runs, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function inUse(dataDir: string, lock: string, owner: Owner, me: Owner): DataDirInUse {
  const where = outOfReach(owner, me)
  const elsewhere = where
    ? ` This host cannot check a process ${where}; its lock is taken over once untouched for ` +
      `${untouchedFor(owner, me) / 1000} s.`
    : ''
  return new DataDirInUse(
    `the embedded database in ${dataDir} is in use by another Vigil process (pid ${owner.pid} on ${owner.host}, ` +
      `since ${owner.since}): it belongs to one process at a time; stop that one first (or remove ${lock} if ` +
      `you are sure it is gone), or use DATABASE_URL.${elsewhere}`,
  )
}

/**
 * Takes the embedded database's directory for this process alone, and returns the function that gives it back.
 * PGlite itself lets two processes open the same files, each with its own buffers, which corrupts them: a second
 * `npm start` on the same DATA_DIR, or `npm run purge` while the server runs, would.
 *
 * The lock is a directory beside the database's, put in place whole: made under a name of its own with its
 * owner written in it, then renamed to the lock's name, which fails while a lock is there. The owner touches it
 * every ten seconds (`heartbeatMs`), from a thread of its own, and it is given back when the process exits,
 * however it exits. A lock whose process is gone (dead, from before the machine restarted, its pid given since to
 * another process or instance, or on another host or in another PID namespace and untouched for a while) is taken
 * over: renamed aside first, so that of two processes taking it over at once one wins, and put back if what was
 * moved turns out to be another's fresh lock.
 */
export function lockDataDir(dataDir: string, options: { heartbeatMs?: number } = {}): () => void {
  const lock = `${dataDir}.lock`
  makePrivateDir(dirname(lock))
  const me: Owner = {
    pid: process.pid,
    host: hostname(),
    pidNamespace: pidNamespace(),
    boot: bootId(),
    started: startTicks(process.pid),
    instance: randomUUID(),
    since: new Date().toISOString(),
  }
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const draft = `${lock}.new-${me.instance}`
    mkdirSync(draft)
    try {
      writeFileSync(ownerFile(draft), JSON.stringify(me))
    } catch (error) {
      // A full disk: a restart policy trying again must not leave a folder behind at each attempt.
      rmSync(draft, { recursive: true, force: true })
      throw error
    }
    try {
      renameSync(draft, lock)
      return holding(lock, me, options.heartbeatMs ?? HEARTBEAT_MS)
    } catch (error) {
      rmSync(draft, { recursive: true, force: true })
      const code = (error as NodeJS.ErrnoException).code
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error
    }
    const owner = readOwner(lock)
    if (owner && stillRunning(owner, lock, me)) throw inUse(dataDir, lock, owner, me)
    const aside = `${lock}.stale-${me.instance}`
    try {
      renameSync(lock, aside)
    } catch (error) {
      // Another process moved it first: look again. Anything else (no right to move it) is for a person.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue
      throw new DataDirInUse(
        `cannot take over the lock ${lock} (${(error as Error).message}): remove it by hand`,
      )
    }
    const moved = readOwner(aside)
    // An ownerless lock stays ownerless: one that has an owner now is another's, even when the stale one had none.
    if (moved && !sameOwner(owner, moved)) {
      // Another process took the stale lock over in between, and this one moved its fresh lock: put it back.
      try {
        renameSync(aside, lock)
      } catch {
        // A third one holds the lock now. The moved one is left aside, never deleted: its owner's to lose.
      }
      continue
    }
    rmSync(aside, { recursive: true, force: true })
  }
  throw new DataDirInUse(`could not take the embedded database in ${dataDir}: other processes keep taking it`)
}

/**
 * Touches the lock every `everyMs` (workerData), from a thread of its own: PGlite runs each statement in the main
 * thread, which creating a database held for 10 s at a stretch, and a migration's index on a large table or a full
 * vacuum may hold for longer than a lock may go untouched; another container would then take over the lock of a
 * process still writing the files. Plain JavaScript: a worker's code is not compiled.
 */
const TOUCHING = `
const { utimesSync } = require('node:fs')
const { workerData } = require('node:worker_threads')
setInterval(() => {
  try {
    const now = new Date()
    utimesSync(workerData.file, now, now)
  } catch {
    // Removed by hand: nothing to touch.
  }
}, workerData.everyMs)`

/** Keeps `lock` touched while it is held, and gives it back on release or when the process exits. */
function holding(lock: string, me: Owner, heartbeatMs: number): () => void {
  heldHere.add(me.instance)
  const heartbeat = new Worker(TOUCHING, {
    eval: true,
    workerData: { file: ownerFile(lock), everyMs: heartbeatMs },
  })
  heartbeat.unref()
  // A thread that could not start (no memory left): touched from the main thread, as best it can be.
  let fallback: NodeJS.Timeout | undefined
  heartbeat.on('error', () => {
    fallback ??= setInterval(() => {
      try {
        const now = new Date()
        utimesSync(ownerFile(lock), now, now)
      } catch {
        // Removed by hand: nothing to touch.
      }
    }, heartbeatMs)
    fallback.unref()
  })
  const release = () => {
    void heartbeat.terminate()
    clearInterval(fallback)
    heldHere.delete(me.instance)
    process.removeListener('exit', release)
    // Only a lock still this instance's is removed.
    if (sameOwner(readOwner(lock), me)) rmSync(lock, { recursive: true, force: true })
  }
  // A process.exit() on any path (a deadline, a failed start) gives it back too; a crash or SIGKILL leaves it,
  // for the next process to find stale.
  process.once('exit', release)
  return release
}
