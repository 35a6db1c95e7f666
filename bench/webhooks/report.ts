/** `bench:webhooks`'s report: a table of both phases against the target, and the figures file. */
import { out, writeFigures } from '../lifecycle.js'
import { table } from '../report.js'
import { type Figures, TARGET_P99_LAG_MS } from './figures.js'
import type { Receiver } from './receiver.js'

export function report(figures: Figures, receiver: Receiver) {
  figures.receiver = {
    requests: receiver.requests,
    distinctWebhookIds: receiver.webhookIds.size,
    duplicates: receiver.requests - receiver.webhookIds.size,
    signatureFailures: receiver.signatureFailures,
  }
  const { throughput: t, lag, settings } = figures
  const ms = (value: number | undefined) => (value === undefined ? '—' : `${value.toFixed(1)} ms`)
  const rate = (value: number | undefined) => (value === undefined ? '—' : value.toFixed(0))
  const expectedAttempts = settings.comments + 2 * settings.decisions
  const mark = (ok: boolean | null | undefined) =>
    ok === null || ok === undefined ? '' : ok ? 'PASS' : 'MISS'
  out()
  out(
    `Vigil webhook delivery: one process (app, dispatcher, receiver${figures.database.startsWith('PGlite') ? ', database' : ''})`,
  )
  out(
    `  ${figures.machine.availableParallelism} cores available (${figures.machine.cpu}), load average ` +
      `${figures.machine.loadAverageAtStart} at the start, Node ${figures.machine.node}; dispatcher concurrency ` +
      `${settings.concurrency}, receiver on 127.0.0.1 answering 200 at once`,
  )
  out(
    '  Everything shares this machine: the app, the dispatcher and the receiver one Node thread, the database ' +
      '(PGlite: that thread too) the rest; other load moves these figures a lot.',
  )
  out(
    table([
      ['figure', 'value', 'target', ''],
      ['database', figures.database, '', ''],
      ['comments queued, then drained', String(settings.comments), '', ''],
      ['  posting them (intake + enqueue), per second', rate(t?.commentsPostedPerSecond), '', ''],
      ['  deliveries/s, to the receiver', rate(t?.deliveriesPerSecond), '', ''],
      ['  deliveries/s, attempts recorded', rate(t?.recordedPerSecond), '', ''],
      [
        'comments approved, one at a time',
        lag ? `${lag.decisions} at ${rate(lag.decisionsPerSecond)}/s` : '—',
        '',
        '',
      ],
      [
        '  decision request, p50 / p99',
        lag?.decisionRequestMs ? `${ms(lag.decisionRequestMs.p50)} / ${ms(lag.decisionRequestMs.p99)}` : '—',
        '',
        '',
      ],
      ['lag, decision sent → webhook received: p50', ms(lag?.fromRequestMs?.p50), '', ''],
      ['  p90', ms(lag?.fromRequestMs?.p90), '', ''],
      ['  p99', ms(lag?.fromRequestMs?.p99), `≤ ${TARGET_P99_LAG_MS} ms`, mark(figures.target.met)],
      ['  max', ms(lag?.fromRequestMs?.max), '', ''],
      [
        'lag from the commit (response), p50 / p99 / max',
        lag?.fromCommitMs
          ? `${ms(lag.fromCommitMs.p50)} / ${ms(lag.fromCommitMs.p99)} / ${ms(lag.fromCommitMs.max)}`
          : '—',
        '',
        '',
      ],
      [
        '  attempts recorded after the drain',
        t?.attemptsRecorded === undefined ? '—' : String(t.attemptsRecorded),
        `= ${settings.comments}`,
        t?.attemptsRecorded === undefined ? '' : mark(t.attemptsRecorded === settings.comments),
      ],
      [
        'attempts recorded in all (N + 2 M)',
        figures.attemptsRecorded === undefined ? '—' : String(figures.attemptsRecorded),
        `= ${expectedAttempts}`,
        figures.attemptsRecorded === undefined ? '' : mark(figures.attemptsRecorded === expectedAttempts),
      ],
      [
        '  of which failed, to be retried',
        figures.failedAttempts === undefined
          ? '—'
          : String(figures.failedAttempts.reduce((sum, failed) => sum + failed.attempts, 0)),
        '0',
        figures.failedAttempts === undefined ? '' : mark(figures.failedAttempts.length === 0),
      ],
      ...(figures.failedAttempts ?? []).map((failed) => [
        `    ${failed.error}`,
        String(failed.attempts),
        '',
        '',
      ]),
      [
        'duplicates (requests − distinct webhook-id)',
        String(figures.receiver.duplicates),
        '0',
        mark(figures.receiver.duplicates === 0),
      ],
      [
        'signature failures',
        String(figures.receiver.signatureFailures),
        '0',
        mark(figures.receiver.signatureFailures === 0),
      ],
    ]),
  )
  writeFigures('webhooks', figures)
}
