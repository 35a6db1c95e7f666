/**
 * Where a load run's CPU went, read from Linux's /proc: the server under test, PostgreSQL's processes, this process
 * (autocannon's), and the machine as a whole, with the time the hypervisor gave to other guests (steal). On a
 * machine whose cores the server, the database and the load generator share, throughput is CPU per request: this
 * says whose, and whether the VM itself was starved.
 */
import { readdirSync, readFileSync } from 'node:fs'

/** CPU time, in ms, of each party over one measured run. */
export type CpuFigures = {
  wallMs: number
  serverMs: number
  /** The part of `serverMs` spent in the kernel: system calls (sockets to the client and to PostgreSQL). */
  serverSystemMs: number
  /** Every `postgres` process of the machine (on PGlite runs the database is in the server's own process). */
  postgresMs: number
  loadGeneratorMs: number
  /** All cores together: busy (everything but idle and I/O wait), and stolen by the hypervisor. */
  machineBusyMs: number
  machineStealMs: number
  /** Cores the machine has, for reading the figures above as shares of it. */
  cores: number
}

type Snapshot = {
  at: number
  server: number
  serverSystem: number
  postgres: Map<number, number>
  loadGenerator: number
  busy: number
  steal: number
  cores: number
}

// Linux counts CPU time in clock ticks of 1/100 s (USER_HZ) in /proc, whatever the kernel's own rate.
const MS_PER_TICK = 10

/**
 * utime + stime of a process, and stime alone, in ms, and the same of its children that have exited (cutime +
 * cstime); null when it has gone.
 */
function processCpuMs(
  pid: number,
): { name: string; ms: number; systemMs: number; exitedChildrenMs: number } | null {
  let stat: string
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return null
  }
  // The name is in parentheses and may hold spaces: the fields are counted from its closing one.
  const close = stat.lastIndexOf(')')
  const fields = stat.slice(close + 2).split(' ')
  // After the name: state (0), ..., utime (11), stime (12), cutime (13), cstime (14).
  return {
    name: stat.slice(stat.indexOf('(') + 1, close),
    ms: (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK,
    systemMs: Number(fields[12]) * MS_PER_TICK,
    exitedChildrenMs: (Number(fields[13]) + Number(fields[14])) * MS_PER_TICK,
  }
}

function postgresProcesses(): Map<number, number> {
  const found = new Map<number, number>()
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry)
    if (!Number.isInteger(pid)) continue
    const cpu = processCpuMs(pid)
    // A backend or worker that exits (autovacuum's, say) hands its time to the postmaster's exited children.
    if (cpu?.name === 'postgres') found.set(pid, cpu.ms + cpu.exitedChildrenMs)
  }
  return found
}

/** The machine's busy and stolen time, in ms over all cores, from the first line of /proc/stat. */
function machineCpu(): { busy: number; steal: number; cores: number } {
  const lines = readFileSync('/proc/stat', 'utf8').split('\n')
  // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest time is inside user already)
  const [user, nice, system, , , irq, softirq, steal] = (lines[0] ?? '')
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number)
  const cores = lines.filter((line) => /^cpu\d/.test(line)).length
  const ticks = (user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0)
  return { busy: ticks * MS_PER_TICK, steal: (steal ?? 0) * MS_PER_TICK, cores }
}

function snapshot(serverPid: number, withPostgres: boolean): Snapshot {
  const usage = process.cpuUsage()
  const machine = machineCpu()
  const server = processCpuMs(serverPid)
  return {
    at: performance.now(),
    server: server?.ms ?? 0,
    serverSystem: server?.systemMs ?? 0,
    postgres: withPostgres ? postgresProcesses() : new Map(),
    loadGenerator: (usage.user + usage.system) / 1000,
    busy: machine.busy,
    steal: machine.steal,
    cores: machine.cores,
  }
}

/**
 * Starts measuring; `stop` gives the CPU spent since. A PostgreSQL process that started during the run counts
 * from zero; one that ended counts through the postmaster's exited children, its whole life (the benchmark's
 * pools keep their connections for the whole run, so those are autovacuum's workers and the like). Every
 * `postgres` process of the machine counts: on a machine that serves other databases, their work counts too.
 */
export function startCpuMeter(serverPid: number, withPostgres: boolean) {
  const before = snapshot(serverPid, withPostgres)
  return {
    stop(): CpuFigures {
      const after = snapshot(serverPid, withPostgres)
      let postgresMs = 0
      for (const [pid, ms] of after.postgres) postgresMs += ms - (before.postgres.get(pid) ?? 0)
      return {
        wallMs: Math.round(after.at - before.at),
        serverMs: after.server - before.server,
        serverSystemMs: after.serverSystem - before.serverSystem,
        postgresMs,
        loadGeneratorMs: Math.round(after.loadGenerator - before.loadGenerator),
        machineBusyMs: after.busy - before.busy,
        machineStealMs: after.steal - before.steal,
        cores: after.cores,
      }
    },
  }
}
