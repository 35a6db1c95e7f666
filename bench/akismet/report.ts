/** `bench:akismet`'s report: a table of both runs against the target, and the figures file. */
import { out, writeFigures } from '../lifecycle.js'
import { table } from '../report.js'
import { type Figures, type RunFigures, TARGET_P99_MS } from './figures.js'

export function report(figures: Figures) {
  const { baseline: one, loaded: many, settings } = figures
  const ms = (value: number | undefined) => (value === undefined ? '—' : `${value.toFixed(1)} ms`)
  const cell = (run: RunFigures | undefined, value: (run: RunFigures) => string) => (run ? value(run) : '—')
  const pct = (value: number) => `${(value * 100).toFixed(1)} %`
  const met = figures.target.met
  out()
  out('Vigil Akismet API: POST /1.1/comment-check over keep-alive HTTP on 127.0.0.1')
  out(
    `  ${figures.machine.availableParallelism} cores available (${figures.machine.cpu}), load average ` +
      `${figures.machine.loadAverageAtStart} at the start, Node ${figures.machine.node}`,
  )
  out(
    `  ${figures.database}; server${figures.database.startsWith('PGlite') ? ' and database' : ''} in one Node ` +
      'process, clients in a child process, all on this machine',
  )
  if (figures.comments)
    out(
      `  Comments: ${figures.comments.pool} from the data sets (${figures.comments.spam} spam, ` +
        `${figures.comments.ham} ham), shuffled; each check with a sender of its own; ${settings.warmup} checks ` +
        'of warm-up first, not counted',
    )
  out(
    table([
      ['figure', '1 client', `${settings.clients} clients`, 'target', ''],
      ['checks', cell(one, (r) => String(r.requests)), cell(many, (r) => String(r.requests)), '', ''],
      [
        '  stopped by',
        cell(one, (r) => r.stoppedBy),
        cell(many, (r) => (r.stoppedBy === 'time' ? `time (${settings.durationS} s)` : r.stoppedBy)),
        '',
        '',
      ],
      [
        'errors (not 200, or not true/false)',
        cell(one, (r) => String(r.errors)),
        cell(many, (r) => String(r.errors)),
        '0',
        many ? (many.errors === 0 && (one?.errors ?? 0) === 0 ? 'PASS' : 'MISS') : '',
      ],
      [
        'throughput',
        cell(one, (r) => `${r.requestsPerSecond.toFixed(0)}/s`),
        cell(many, (r) => `${r.requestsPerSecond.toFixed(0)}/s`),
        '',
        '',
      ],
      ['latency p50', ms(one?.latencyMs.p50), ms(many?.latencyMs.p50), '', ''],
      ['  p90', ms(one?.latencyMs.p90), ms(many?.latencyMs.p90), '', ''],
      [
        '  p99',
        ms(one?.latencyMs.p99),
        ms(many?.latencyMs.p99),
        `< ${TARGET_P99_MS} ms at ${figures.target.clients}`,
        met === null ? '' : met ? 'PASS' : 'MISS',
      ],
      ['  max', ms(one?.latencyMs.max), ms(many?.latencyMs.max), '', ''],
      ['  mean', ms(one?.latencyMs.mean), ms(many?.latencyMs.mean), '', ''],
      [
        'answered true (spam)',
        cell(one, (r) => pct(r.answeredTrue)),
        cell(many, (r) => pct(r.answeredTrue)),
        '',
        '',
      ],
      [
        'server thread busy (event loop)',
        cell(one, (r) => pct(r.serverThreadBusy)),
        cell(many, (r) => pct(r.serverThreadBusy)),
        '',
        '',
      ],
      [
        'server process CPU, in cores',
        cell(one, (r) => r.serverProcessCores.toFixed(2)),
        cell(many, (r) => r.serverProcessCores.toFixed(2)),
        '',
        '',
      ],
      [
        'connections opened during the run',
        cell(one, (r) => String(r.connectionsOpened)),
        cell(many, (r) => String(r.connectionsOpened)),
        '',
        '',
      ],
      [
        'checks stored / answered',
        figures.stored ? `${figures.stored.comments} / ${figures.stored.answered}` : '—',
        '',
        '',
        '',
      ],
    ]),
  )
  if (one && many) {
    const alone = one.latencyMs.p99
    const waiting = Math.max(0, many.latencyMs.p99 - alone)
    out(
      `  Of the ${settings.clients}-client p99 (${ms(many.latencyMs.p99)}), about ${ms(alone)} is a check on its ` +
        `own (1-client p99) and ${ms(waiting)} waiting behind others (${pct(waiting / Math.max(1, many.latencyMs.p99))}). ` +
        `${settings.clients} clients at ${many.requestsPerSecond.toFixed(0)}/s make a mean of ` +
        `${ms((settings.clients / many.requestsPerSecond) * 1000)} (Little's law).`,
    )
  }
  for (const [name, run] of [
    ['1 client', one],
    [`${settings.clients} clients`, many],
  ] as const) {
    for (const example of run?.errorExamples ?? []) out(`  ${name}, failed check: ${example}`)
  }
  writeFigures('akismet', figures)
}
