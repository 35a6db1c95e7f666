/** `npm run bench`'s sections: Vigil against the bare ceiling on PostgreSQL (with the reads), then on PGlite. */
import { writeFileSync } from 'node:fs'
import { openDatabase } from '../../src/db/client.js'
import { explainHotReads, explainReport } from './explain.js'
import type { LoadSpec } from './load.js'
import { createScratchDatabase } from './processes.js'
import type { Figures } from './report.js'
import { BIG_ARTICLE, readSiteId, seedPending, seedReadCorpus } from './seed.js'
import { ADMIN_TOKEN, type Settings, SITE } from './settings.js'
import {
  type Cleanup,
  call,
  deepCursor,
  intakeLoad,
  measure,
  measureBaseline,
  peakOf,
  setUpSite,
  started,
} from './site.js'
import { trainModel, type Workload } from './workload.js'

const out = (text = '') => process.stdout.write(`${text}\n`)

export async function postgresSection(
  settings: Settings,
  workload: Workload,
  figures: Figures,
  cleanup: Cleanup,
) {
  const database = await createScratchDatabase(settings.serverUrl, cleanup)
  figures.postgres = { database: database.label, explain: [] } as unknown as Figures['postgres']
  const section = figures.postgres as NonNullable<Figures['postgres']>
  out(`\nPostgreSQL (${database.label}): seeding ${settings.comments} comments over 100 sites…`)
  const seedStart = performance.now()
  await seedReadCorpus(database.sql, settings.comments, (done) => out(`    ${done}`))
  section.seedSeconds = Math.round((performance.now() - seedStart) / 1000)

  const baseline = await started({ kind: 'baseline', databaseUrl: database.url }, cleanup)
  section.baseline = await measureBaseline(settings, baseline, workload)
  await baseline.stop()

  // Trained from here, not in the server: the server's peak resident set is Vigil's own, not the training's.
  const trainer = await openDatabase({ url: database.url, poolSize: 2 })
  await trainModel(trainer.db, SITE, workload.training)
  await trainer.close()
  const vigil = await started({ kind: 'vigil', databaseUrl: database.url }, cleanup)
  const { serverKey, moderatorKey } = await setUpSite(vigil)
  const startPeakRssMb = vigil.peakRssMb()
  section.intake = await measure(
    'intake',
    intakeLoad(settings, vigil, workload, serverKey),
    settings.warmUpS,
    vigil,
  )

  const pending = await seedPending(database.sql, SITE, settings.decisions)
  section.decisions = await measure(
    `decisions (${pending.length}, approve and reject in turn)`,
    {
      origin: vigil.origin,
      method: 'POST',
      path: (n) => `/v1/sites/${SITE}/comments/${pending[n]}/${n % 2 === 0 ? 'approve' : 'reject'}`,
      body: () => '{}',
      headers: { authorization: `Bearer ${moderatorKey}` },
      expect: [200],
      connections: settings.connections,
      durationS: settings.durationS,
      amount: pending.length,
    },
    0,
    vigil,
  )

  const readSite = readSiteId(0)
  const readKey = (
    await call<{ key: string }>(vigil, 'POST', `/v1/sites/${readSite}/keys`, ADMIN_TOKEN, {
      role: 'moderator',
    })
  ).body.key
  const articlePath = `/v1/sites/${readSite}/articles/${BIG_ARTICLE}/comments?limit=50`
  const queuePath = `/v1/sites/${readSite}/queue?limit=50`
  const { etag } = await call(vigil, 'GET', articlePath, readKey)
  const deepArticle = await deepCursor(vigil, articlePath, readKey, 100)
  const deepQueue = await deepCursor(vigil, queuePath, readKey, 30)
  const read = (path: string, headers: Record<string, string>, expect: number[]): LoadSpec => ({
    origin: vigil.origin,
    method: 'GET',
    path: () => path,
    headers,
    expect,
    connections: settings.connections,
    durationS: settings.durationS,
  })
  const moderator = { authorization: `Bearer ${readKey}` }
  section.reads = {
    articleFirst: await measure('article page, first', read(articlePath, {}, [200]), settings.warmUpS, vigil),
    articleNotModified: await measure(
      'article page, If-None-Match',
      read(articlePath, { 'if-none-match': etag ?? '' }, [304]),
      settings.warmUpS,
      vigil,
    ),
    articleDeep: await measure(
      `article page, ${deepArticle.depth} pages deep`,
      read(`${articlePath}&cursor=${deepArticle.cursor}`, {}, [200]),
      settings.warmUpS,
      vigil,
    ),
    queueFirst: await measure(
      'moderation queue, first',
      read(queuePath, moderator, [200]),
      settings.warmUpS,
      vigil,
    ),
    queueDeep: await measure(
      `moderation queue, ${deepQueue.depth} pages deep`,
      read(`${queuePath}&cursor=${deepQueue.cursor}`, moderator, [200]),
      settings.warmUpS,
      vigil,
    ),
  }
  section.deepPages = { article: deepArticle.depth, queue: deepQueue.depth }
  section.peakRssMb = peakOf(startPeakRssMb, [
    section.intake,
    section.decisions,
    ...Object.values(section.reads),
  ])
  await vigil.stop()
  const plans = await explainHotReads(database.url, {
    siteId: readSite,
    articleId: BIG_ARTICLE,
    deepArticleCursor: deepArticle.cursor,
    deepQueueCursor: deepQueue.cursor,
  })
  writeFileSync(new URL('../results/explain.txt', import.meta.url), explainReport(plans))
  section.explain = plans.map(({ name, executionMs, indexed, rowsRead }) => ({
    name,
    executionMs,
    indexed,
    rowsRead,
  }))
}

export async function pgliteSection(
  settings: Settings,
  workload: Workload,
  figures: Figures,
  cleanup: Cleanup,
) {
  out('\nPGlite (in memory, in the server process):')
  const baseline = await started({ kind: 'baseline', databaseUrl: null }, cleanup)
  const baselineFigures = await measureBaseline(settings, baseline, workload)
  await baseline.stop()
  const vigil = await started({ kind: 'vigil', databaseUrl: null, trainModelFor: SITE }, cleanup)
  const { serverKey } = await setUpSite(vigil)
  // The model was trained inside this server (an in-memory PGlite is reachable from nowhere else): its peak is
  // the training's, not Vigil's under load, as on PostgreSQL where the parent trains. What it keeps, it holds now.
  vigil.resetPeakRss()
  const startPeakRssMb = vigil.peakRssMb()
  const intake = await measure(
    'intake',
    intakeLoad(settings, vigil, workload, serverKey),
    settings.warmUpS,
    vigil,
  )
  figures.pglite = { baseline: baselineFigures, intake, peakRssMb: peakOf(startPeakRssMb, [intake]) }
  await vigil.stop()
}
