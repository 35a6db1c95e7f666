/** The figures `npm run bench` collects, and the table it prints with the issue's targets beside them. */
import { table } from '../report.js'
import type { CpuFigures } from './cpu.js'
import type { LoadFigures } from './load.js'

export type Figures = {
  generatedAt: string
  complete: boolean
  error?: string
  machine: { availableParallelism: number; cpu: string; node: string; loadAverageAtStart: number }
  settings: Record<string, unknown>
  postgres?: {
    database: string
    seedSeconds: number
    baseline: LoadFigures
    intake: LoadFigures
    decisions: LoadFigures
    reads: Record<
      'articleFirst' | 'articleNotModified' | 'articleDeep' | 'queueFirst' | 'queueDeep',
      LoadFigures
    >
    deepPages: { article: number; queue: number }
    peakRssMb: number
    explain: { name: string; executionMs: number; indexed: boolean; rowsRead: number }[]
  }
  pglite?: { baseline: LoadFigures; intake: LoadFigures; peakRssMb: number }
  /** From bench/results/score.json. */
  scoring?: { microseconds: { median: number; p99: number }; commentsPerSecond: number }
  /** From bench/results/webhooks.json. */
  webhooks?: {
    database: string
    throughput?: { deliveriesPerSecond?: number }
    lag?: { fromCommitMs?: { p50: number; p99: number } }
  }
  /** From bench/results/akismet.json: comment-check at 32 clients (issue 5). */
  akismet?: {
    database?: string
    loaded?: {
      clients: number
      requestsPerSecond: number
      errors: number
      latencyMs: { p50: number; p99: number }
    }
  }
  /** What the table prints beside the figures, written with them (`verdictsOf`). */
  verdicts?: Verdicts
}

type ReadName = keyof NonNullable<Figures['postgres']>['reads']

/** Each target met (true), missed (false) or not measured (absent), and the intake ratios they rest on. */
export type Verdicts = {
  intakeRatio?: number
  pgliteIntakeRatio?: number
  met: {
    intake?: boolean
    pgliteIntake?: boolean
    reads: Partial<Record<ReadName, boolean>>
    peakRss?: boolean
    plans?: boolean
    scoringMedian?: boolean
    akismetP99?: boolean
  }
}

export const TARGETS = {
  akismetP99Ms: 50,
  intakeRatio: 0.4,
  intakeP99Ms: 25,
  readP99Ms: 20,
  scoringMedianUs: 100,
  peakRssMb: 250,
}

const out = (text = '') => process.stdout.write(`${text}\n`)
const verdict = (met: boolean | undefined) => (met === undefined ? '' : met ? 'PASS' : 'MISS')
const ratio = (load: LoadFigures | undefined, baseline: LoadFigures | undefined) =>
  load && baseline && baseline.perSecond > 0 ? load.perSecond / baseline.perSecond : undefined

export function verdictsOf(figures: Figures): Verdicts {
  const { postgres: pg, pglite } = figures
  const intakeRatio = ratio(pg?.intake, pg?.baseline)
  const pgliteIntakeRatio = ratio(pglite?.intake, pglite?.baseline)
  const reads: Verdicts['met']['reads'] = {}
  for (const [name, load] of Object.entries(pg?.reads ?? {}) as [ReadName, LoadFigures][])
    reads[name] = load.p99Ms <= TARGETS.readP99Ms && load.errors === 0
  const met: Verdicts['met'] = { reads }
  if (pg?.intake && intakeRatio !== undefined)
    met.intake =
      intakeRatio >= TARGETS.intakeRatio && pg.intake.p99Ms <= TARGETS.intakeP99Ms && pg.intake.errors === 0
  if (pglite?.intake && pgliteIntakeRatio !== undefined)
    met.pgliteIntake = pgliteIntakeRatio >= TARGETS.intakeRatio && pglite.intake.errors === 0
  if (pg?.peakRssMb !== undefined) met.peakRss = pg.peakRssMb <= TARGETS.peakRssMb
  if (pg?.explain?.length) met.plans = pg.explain.every((plan) => plan.indexed && plan.rowsRead <= 51)
  if (figures.scoring) met.scoringMedian = figures.scoring.microseconds.median <= TARGETS.scoringMedianUs
  const checks = figures.akismet?.loaded
  if (checks) met.akismetP99 = checks.latencyMs.p99 < TARGETS.akismetP99Ms && checks.errors === 0
  return {
    ...(intakeRatio === undefined ? {} : { intakeRatio: Math.round(intakeRatio * 1000) / 1000 }),
    ...(pgliteIntakeRatio === undefined
      ? {}
      : { pgliteIntakeRatio: Math.round(pgliteIntakeRatio * 1000) / 1000 }),
    met,
  }
}

function loadRow(name: string, load: LoadFigures | undefined, target = '', met?: boolean): string[] {
  if (!load) return [name, '–', '–', '–', '–', '–', target, '']
  return [
    name,
    `${load.perSecond}/s`,
    `${load.p50Ms} ms`,
    `${load.p99Ms} ms`,
    String(load.errors),
    load.peakRssMb === undefined ? '' : `${load.peakRssMb} MB`,
    target,
    verdict(met),
  ]
}

export function printReport(figures: Figures) {
  const { machine, postgres: pg, pglite } = figures
  const { intakeRatio, pgliteIntakeRatio: pgliteRatio, met } = verdictsOf(figures)
  const checks = figures.akismet?.loaded
  out(`\nVigil benchmark, ${figures.generatedAt}${figures.complete ? '' : ' (INCOMPLETE)'}`)
  out(
    `  ${machine.availableParallelism} cores (${machine.cpu}), Node ${machine.node}, load average ${machine.loadAverageAtStart} at the start; ` +
      'server, load generator (autocannon) and database on this machine, 127.0.0.1 only',
  )
  if (figures.error) out(`  stopped early: ${figures.error}`)
  // The peak resident set of the Vigil server during each run (the baseline's is not Vigil's).
  const header = ['', 'requests/s', 'p50', 'p99', 'errors', 'peak RSS', 'target', '']
  const rows: string[][] = [header]
  if (pg) {
    rows.push([`PostgreSQL: ${pg.database}`, '', '', '', '', '', '', ''])
    rows.push(loadRow('  baseline (Hono + 1 prepared INSERT)', pg.baseline))
    rows.push(
      loadRow(
        `  intake (${intakeRatio === undefined ? '–' : `${intakeRatio.toFixed(2)} ×`} baseline)`,
        pg.intake,
        `≥ ${TARGETS.intakeRatio} ×, p99 ≤ ${TARGETS.intakeP99Ms} ms`,
        met.intake,
      ),
    )
    rows.push(loadRow('  decisions (learning + outbox)', pg.decisions))
    const reads = pg.reads ?? ({} as Partial<NonNullable<typeof pg>['reads']>)
    const readRow = (label: string, name: ReadName) =>
      loadRow(label, reads[name], `p99 ≤ ${TARGETS.readP99Ms} ms`, met.reads[name])
    rows.push(readRow('  article page, first', 'articleFirst'))
    rows.push(readRow('  article page, If-None-Match (304)', 'articleNotModified'))
    rows.push(readRow(`  article page, ${pg.deepPages?.article ?? '?'} pages deep`, 'articleDeep'))
    rows.push(readRow('  moderation queue, first', 'queueFirst'))
    rows.push(readRow(`  moderation queue, ${pg.deepPages?.queue ?? '?'} pages deep`, 'queueDeep'))
  }
  if (pglite) {
    rows.push(['PGlite (in memory)', '', '', '', '', '', '', ''])
    rows.push(loadRow('  baseline', pglite.baseline))
    rows.push(
      loadRow(
        `  intake (${pgliteRatio === undefined ? '–' : `${pgliteRatio.toFixed(2)} ×`} baseline)`,
        pglite.intake,
        `≥ ${TARGETS.intakeRatio} ×`,
        met.pgliteIntake,
      ),
    )
  }
  out(table(rows))
  const cpuRows = cpuTable([
    ['PostgreSQL: baseline', pg?.baseline],
    ['PostgreSQL: intake', pg?.intake],
    ['PostgreSQL: decisions', pg?.decisions],
    ['PostgreSQL: article page, first', pg?.reads?.articleFirst],
    ['PostgreSQL: moderation queue, first', pg?.reads?.queueFirst],
    ['PGlite: baseline', pglite?.baseline],
    ['PGlite: intake', pglite?.intake],
  ])
  if (cpuRows.length > 1) out(table(cpuRows))
  const others: string[][] = [['', 'value', 'target', '']]
  if (pg?.peakRssMb !== undefined)
    others.push([
      'peak RSS of Vigil (PostgreSQL run)',
      `${pg.peakRssMb} MB`,
      `≤ ${TARGETS.peakRssMb} MB`,
      verdict(met.peakRss),
    ])
  if (pglite) others.push(['peak RSS of Vigil (PGlite run)', `${pglite.peakRssMb} MB`, '', ''])
  if (pg?.seedSeconds !== undefined)
    others.push(['seeding (INSERT … SELECT generate_series)', `${pg.seedSeconds} s`, '', ''])
  for (const plan of pg?.explain ?? [])
    others.push([
      `plan: ${plan.name} (${plan.rowsRead} rows read)`,
      `${plan.executionMs} ms`,
      'an index, ≤ 51 rows',
      verdict(plan.indexed && plan.rowsRead <= 51),
    ])
  if (figures.scoring)
    others.push([
      'scoring alone, median (p99)',
      `${Math.round(figures.scoring.microseconds.median)} µs (${Math.round(figures.scoring.microseconds.p99)} µs)`,
      `≤ ${TARGETS.scoringMedianUs} µs`,
      verdict(met.scoringMedian),
    ])
  if (figures.webhooks) others.push(['webhook delivery', summariseWebhooks(figures.webhooks), '', ''])
  if (checks)
    others.push([
      `Akismet comment-check, ${checks.clients} clients`,
      `${Math.round(checks.requestsPerSecond)}/s, p50 ${checks.latencyMs.p50} ms, p99 ${checks.latencyMs.p99} ms, errors ${checks.errors}`,
      `p99 < ${TARGETS.akismetP99Ms} ms`,
      verdict(met.akismetP99),
    ])
  out(table(others))
}

const msPerRequest = (ms: number, requests: number) => (requests > 0 ? (ms / requests).toFixed(2) : '–')
const shareOf = (ms: number, cpu: CpuFigures) =>
  `${Math.round((100 * ms) / Math.max(cpu.wallMs * cpu.cores, 1))} %`

/** One line: each party's CPU per answered request, and how busy (and how starved) the machine was. */
export function describeCpu(cpu: CpuFigures, requests: number): string {
  const other = cpu.machineBusyMs - cpu.serverMs - cpu.postgresMs - cpu.loadGeneratorMs
  return (
    `CPU per request: server ${msPerRequest(cpu.serverMs, requests)} ms ` +
    `(${msPerRequest(cpu.serverSystemMs, requests)} of it in the kernel), PostgreSQL ${msPerRequest(cpu.postgresMs, requests)} ms, ` +
    `load generator ${msPerRequest(cpu.loadGeneratorMs, requests)} ms, the rest ${msPerRequest(Math.max(other, 0), requests)} ms; ` +
    `machine ${shareOf(cpu.machineBusyMs, cpu)} busy, ${shareOf(cpu.machineStealMs, cpu)} stolen by the hypervisor`
  )
}

/** Where each run's CPU went, per answered request: what a ratio to the baseline is made of. */
function cpuTable(runs: readonly [string, LoadFigures | undefined][]): string[][] {
  const rows = [['CPU ms per request', 'server', 'PostgreSQL', 'autocannon', 'machine busy', 'stolen']]
  for (const [name, load] of runs) {
    const cpu = load?.cpu
    if (!load || !cpu) continue
    rows.push([
      name,
      msPerRequest(cpu.serverMs, load.requests),
      msPerRequest(cpu.postgresMs, load.requests),
      msPerRequest(cpu.loadGeneratorMs, load.requests),
      shareOf(cpu.machineBusyMs, cpu),
      shareOf(cpu.machineStealMs, cpu),
    ])
  }
  return rows
}

function summariseWebhooks(webhooks: NonNullable<Figures['webhooks']>): string {
  const perSecond = webhooks.throughput?.deliveriesPerSecond
  const lag = webhooks.lag?.fromCommitMs
  const ms = (value: number | undefined) => (value === undefined ? '?' : `${value.toFixed(1)} ms`)
  return (
    `${perSecond === undefined ? '?' : Math.round(perSecond)} deliveries/s; ` +
    `commit → delivery p50 ${ms(lag?.p50)}, p99 ${ms(lag?.p99)}`
  )
}
