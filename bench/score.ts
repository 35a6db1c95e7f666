/**
 * `npm run bench:score`: how long scoring one comment takes, without the database: every rule, plus a model
 * trained in memory on the training files, called exactly as intake calls them (analyseText, evaluateRules,
 * classify, conclude). Intake's database round trips (facts, token counts, the insert) come on top.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { analyseText } from '../src/spam/analysis.js'
import { classify } from '../src/spam/bayes/classifier.js'
import { resolvePolicy } from '../src/spam/policy.js'
import { noFacts, type ScoringInput } from '../src/spam/rules/types.js'
import { conclude, evaluateRules } from '../src/spam/score.js'
import { type LabelledComment, loadDatasets, TRAINING_VIDEOS } from './datasets.js'
import { percentile } from './lifecycle.js'
import { inputOf, trainCorpus } from './model.js'
import { table } from './report.js'

const TARGET_MEDIAN_US = 100
const SAMPLE_BYTES = 1024
const SAMPLES_PER_POOL = 40
// A server scores comments for hours: the figure is the steady state. After a thousand comments some of the
// engine's functions are still in V8's early tiers or re-optimising (the median read up to 10 % higher), so the
// warm-up is long enough (a few seconds) for the compiler to have settled.
const WARM_UP = 20_000
const ITERATIONS = 5_000
const out = (text = '') => process.stdout.write(`${text}\n`)

const utf8Length = (text: string) => Buffer.byteLength(text, 'utf8')

/** Cuts at the last space that keeps the text within `bytes`, so no word (or character) is split. */
function cutTo(text: string, bytes: number): string {
  let cut = text
  while (utf8Length(cut) > bytes) cut = cut.slice(0, cut.lastIndexOf(' ', cut.length - 2))
  return cut
}

/**
 * 1 KB comments made of real ones run together: French and English newsroom comments (ham and spam, some with
 * links, with their authors) and English YouTube comments, each sample keeping to one language.
 */
function samples(newsroom: readonly LabelledComment[], youtube: readonly LabelledComment[]): ScoringInput[] {
  const pools = [
    newsroom.filter((c) => c.language === 'fr'),
    newsroom.filter((c) => c.language === 'en'),
    youtube,
  ]
  const result: ScoringInput[] = []
  for (const pool of pools) {
    // Each comment starts a sample once, the pool's next ones filling it up; at most 40 per pool keeps the mix.
    for (let start = 0; start < Math.min(pool.length, SAMPLES_PER_POOL); start++) {
      let content = ''
      for (let i = start; utf8Length(content) < SAMPLE_BYTES; i++) {
        content += `${pool[i % pool.length]?.content ?? ''} `
      }
      const first = pool[start] as LabelledComment
      result.push(inputOf({ author: first.author, content: cutTo(content.trim(), SAMPLE_BYTES) }))
    }
  }
  return result
}

function main() {
  const datasets = loadDatasets()
  const policy = resolvePolicy({})
  const youtube = TRAINING_VIDEOS.flatMap((name) => datasets.videos.get(name) ?? [])
  const corpus = trainCorpus([...youtube, ...datasets.newsroom], policy)
  // The site's corpus and the server's hold the same decisions on a one-site server.
  const model = { site: corpus, server: corpus }
  const inputs = samples(datasets.newsroom, youtube)

  const phases = {
    analyse: [] as number[],
    rules: [] as number[],
    classify: [] as number[],
    conclude: [] as number[],
  }
  const totals: number[] = []
  let sink = 0
  for (let i = 0; i < WARM_UP + ITERATIONS; i++) {
    const input = inputs[i % inputs.length] as ScoringInput
    const t0 = process.hrtime.bigint()
    const text = analyseText(input.content)
    const t1 = process.hrtime.bigint()
    const draft = evaluateRules(input, noFacts, policy, text)
    const t2 = process.hrtime.bigint()
    const bayes = classify(draft.tokens, model, { minMessages: policy.learningMinMessages })
    const t3 = process.hrtime.bigint()
    const assessment = conclude(draft, bayes, policy)
    const t4 = process.hrtime.bigint()
    sink += assessment.score // keeps the work observable, so none of it can be optimised away
    if (i < WARM_UP) continue
    phases.analyse.push(Number(t1 - t0) / 1000)
    phases.rules.push(Number(t2 - t1) / 1000)
    phases.classify.push(Number(t3 - t2) / 1000)
    phases.conclude.push(Number(t4 - t3) / 1000)
    totals.push(Number(t4 - t0) / 1000)
  }

  const sorted = (values: number[]) => [...values].sort((a, b) => a - b)
  const all = sorted(totals)
  const mean = totals.reduce((sum, value) => sum + value, 0) / totals.length
  const median = percentile(all, 0.5)
  const figures = {
    generatedAt: new Date().toISOString(),
    samples: inputs.length,
    sampleBytes: SAMPLE_BYTES,
    samplesWithLinks: inputs.filter((input) => analyseText(input.content).links.length > 0).length,
    model: { spam: corpus.spamMessages, ham: corpus.hamMessages, tokens: corpus.tokens.size },
    iterations: ITERATIONS,
    microseconds: {
      median,
      p90: percentile(all, 0.9),
      p99: percentile(all, 0.99),
      mean,
      max: all.at(-1) ?? 0,
    },
    phaseMedians: Object.fromEntries(
      Object.entries(phases).map(([name, v]) => [name, percentile(sorted(v), 0.5)]),
    ),
    commentsPerSecond: Math.round(1e6 / mean),
    target: { medianMicroseconds: TARGET_MEDIAN_US, met: median <= TARGET_MEDIAN_US },
  }

  const us = (value: number) => `${value.toFixed(1)} µs`
  out('Vigil scoring speed: all rules + learned model, no database, one core')
  out(
    `  ${figures.samples} comments of ≤ ${SAMPLE_BYTES} bytes (French and English, ${figures.samplesWithLinks} ` +
      `with links); model trained on ${corpus.spamMessages} spam + ${corpus.hamMessages} ham, ` +
      `${corpus.tokens.size} tokens; ${WARM_UP} warm-up, ${ITERATIONS} timed`,
  )
  out(
    table([
      ['figure', 'value', 'target', ''],
      ['median', us(median), `≤ ${TARGET_MEDIAN_US} µs`, figures.target.met ? 'PASS' : 'MISS'],
      ['p90', us(figures.microseconds.p90), '', ''],
      ['p99', us(figures.microseconds.p99), '', ''],
      ['mean', us(mean), '', ''],
      ['comments per second (1 / mean)', String(figures.commentsPerSecond), '', ''],
      ...Object.entries(figures.phaseMedians).map(([name, value]) => [
        `  median of ${name}`,
        us(value),
        '',
        '',
      ]),
    ]),
  )
  const dir = fileURLToPath(new URL('./results/', import.meta.url))
  mkdirSync(dir, { recursive: true })
  writeFileSync(`${dir}score.json`, `${JSON.stringify(figures, null, 2)}\n`)
  out(`Figures written to bench/results/score.json. (checksum ${sink.toFixed(1)})`)
}

try {
  main()
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}
