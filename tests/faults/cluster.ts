import { execFile, execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * A throw-away PostgreSQL cluster of a test's own: its own `initdb` data directory, its own port on 127.0.0.1
 * and its own socket directory, so stopping it disturbs nothing else on the machine. initdb and pg_ctl refuse
 * to run as root: as root they run as the `postgres` OS user (runuser), in a directory it owns.
 */

type Binaries = { bin: string; runAs: string[] }

/** The newest installed server's binaries, or why there are none. */
export function findPostgres(): Binaries | { missing: string } {
  const base = '/usr/lib/postgresql'
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((version) => existsSync(join(base, version, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : []
  const version = versions[0]
  if (!version) return { missing: `no PostgreSQL server binaries (initdb, pg_ctl) under ${base}` }
  const bin = join(base, version, 'bin')
  if (process.getuid?.() !== 0) return { bin, runAs: [] }
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' })
  } catch {
    return { missing: 'running as root and there is no `postgres` OS user to run initdb and pg_ctl as' }
  }
  if (!existsSync('/usr/sbin/runuser') && !existsSync('/sbin/runuser')) {
    return { missing: 'running as root and runuser is not installed' }
  }
  return { bin, runAs: ['runuser', '-u', 'postgres', '--'] }
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  if (!address || typeof address === 'string') throw new Error('no port')
  return address.port
}

export type TempCluster = {
  port: number
  /** A URL for the `postgres` superuser on the `postgres` database (trust authentication). */
  url: string
  /** `pg_ctl start`, waiting until it accepts connections. */
  start(): Promise<void>
  /** `pg_ctl stop -m fast`: sessions are terminated (57P01), new connections refused. */
  stop(): Promise<void>
  /** Stops it (immediately) if running and removes every file it had. Never throws. */
  destroy(): Promise<void>
  log(): string
}

export async function createTempCluster(binaries: Binaries): Promise<TempCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-pg-'))
  const dataDir = join(dir, 'data')
  const socketDir = join(dir, 'sock')
  const logFile = join(dir, 'server.log')
  mkdirSync(socketDir)
  if (binaries.runAs.length > 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
    chownSync(dir, uid, gid)
    chownSync(socketDir, uid, gid)
  }
  const port = await freePort()

  const run = (tool: string, args: string[], timeoutMs: number) =>
    new Promise<string>((resolve, reject) => {
      const [command, ...prefix] = [...binaries.runAs, join(binaries.bin, tool)]
      execFile(
        command ?? '',
        [...prefix, ...args],
        { cwd: dir, timeout: timeoutMs, encoding: 'utf8' },
        (error, stdout, stderr) => {
          if (error)
            reject(new Error(`${tool} ${args.join(' ')} failed: ${error.message}\n${stdout}${stderr}`))
          else resolve(stdout)
        },
      )
    })

  const options = [
    `-p ${port}`,
    `-k ${socketDir}`,
    '-c listen_addresses=127.0.0.1',
    // Nothing here needs to survive a power cut; a clean (fast) shutdown still writes everything out.
    '-c fsync=off',
    '-c max_connections=50',
  ].join(' ')

  let running = false
  const cluster: TempCluster = {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async start() {
      await run('pg_ctl', ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '30', '-o', options], 40_000)
      running = true
    },
    async stop() {
      await run('pg_ctl', ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '30'], 40_000)
      running = false
    },
    async destroy() {
      if (running || existsSync(join(dataDir, 'postmaster.pid'))) {
        await run('pg_ctl', ['stop', '-D', dataDir, '-m', 'immediate', '-w', '-t', '20'], 25_000).catch(
          (error: unknown) => console.error(error),
        )
      }
      running = false
      rmSync(dir, { recursive: true, force: true })
    },
    log() {
      try {
        return readFileSync(logFile, 'utf8')
      } catch {
        return ''
      }
    },
  }

  try {
    await run(
      'initdb',
      ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
      60_000,
    )
  } catch (error) {
    await cluster.destroy()
    throw error
  }
  return cluster
}
