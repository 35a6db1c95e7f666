/**
 * The evaluation's independent pieces of work. Each runs on a database of its own (the learned model has a
 * server-wide corpus, so two trainings must never share one), which also lets them run in parallel processes.
 */
import { defaultPolicy } from '../src/spam/policy.js'
import { type Datasets, type LabelledComment, loadDatasets } from './datasets.js'
import { type Harness, type Outcome, openHarness, type Site } from './harness.js'
import type { Verdict } from './report.js'

export type Job =
  /** Each source posted on a fresh site of its own, with no learning: the rules alone. */
  | { kind: 'heuristics'; name: string; sources: string[] }
  /**
   * Moderators' decisions replayed on `train` (every comment held, each decided by its label), then `test`
   * posted on the same site in `auto` mode. Every decision teaches the model, including one that confirms spam
   * the rules had already flagged at intake.
   */
  | { kind: 'learned'; name: string; train: string[]; test: string }

/** What the replayed training did. */
export type TrainingNote = {
  comments: number
  refused: number
  learnedSpam: number
  learnedHam: number
  /** Spam the rules had already flagged at intake, which the moderator's "mark spam" confirmed. */
  spamFlaggedAtIntake: number
}

export type JobResult = {
  name: string
  seconds: number
  /** Verdicts by source file. */
  sets: Record<string, Verdict[]>
  training?: TrainingNote
}

const HOUR_MS = 60 * 60 * 1000

function commentsOf(datasets: Datasets, source: string): LabelledComment[] {
  const comments = source === 'newsroom' ? datasets.newsroom : datasets.videos.get(source)
  if (!comments) throw new Error(`unknown data source ${source}`)
  return comments
}

function toVerdict(outcome: Outcome): Verdict {
  const { comment } = outcome
  return {
    id: `${comment.source}:${comment.id}`,
    source: comment.source,
    label: comment.label,
    status: outcome.status,
    score: outcome.score,
    rules: outcome.reasons.map((reason) => ({ rule: reason.rule, score: reason.score })),
    excerpt: comment.content.replace(/\s+/g, ' ').slice(0, 70),
  }
}

async function postAll(
  harness: Harness,
  site: Site,
  comments: readonly LabelledComment[],
): Promise<Verdict[]> {
  const verdicts: Verdict[] = []
  for (const comment of comments) verdicts.push(toVerdict(await harness.post(site, comment)))
  return verdicts
}

async function runHeuristics(
  harness: Harness,
  job: Extract<Job, { kind: 'heuristics' }>,
  datasets: Datasets,
) {
  const sets: Record<string, Verdict[]> = {}
  for (const source of job.sources) {
    const site = await harness.createSite(`rules-${source.toLowerCase()}`)
    sets[source] = await postAll(harness, site, commentsOf(datasets, source))
  }
  return { sets }
}

async function runLearned(harness: Harness, job: Extract<Job, { kind: 'learned' }>, datasets: Datasets) {
  const site = await harness.createSite('learning')
  await harness.updateSettings(site, { moderation: 'all' })
  const note: TrainingNote = {
    comments: 0,
    refused: 0,
    learnedSpam: 0,
    learnedHam: 0,
    spamFlaggedAtIntake: 0,
  }
  for (const source of job.train) {
    for (const comment of commentsOf(datasets, source)) {
      note.comments++
      const outcome = await harness.post(site, comment)
      if (!outcome.id) {
        note.refused++
        continue
      }
      await harness.decide(site, outcome.id, comment.label)
      if (comment.label === 'ham') note.learnedHam++
      else note.learnedSpam++
      if (comment.label === 'spam' && outcome.status === 'spam') note.spamFlaggedAtIntake++
    }
  }
  // The test starts after the duplicate window, so (b) differs from (a) by what was learned, not by training
  // comments counting as duplicates of test comments.
  harness.clock.advance((defaultPolicy.duplicateWindowHours + 1) * HOUR_MS)
  await harness.updateSettings(site, { moderation: 'auto' })
  const sets = { [job.test]: await postAll(harness, site, commentsOf(datasets, job.test)) }
  return { sets, training: note }
}

export async function runJob(job: Job): Promise<JobResult> {
  const started = performance.now()
  const datasets = loadDatasets()
  const harness = await openHarness()
  try {
    const result =
      job.kind === 'heuristics'
        ? await runHeuristics(harness, job, datasets)
        : await runLearned(harness, job, datasets)
    return { name: job.name, seconds: (performance.now() - started) / 1000, ...result }
  } finally {
    await harness.close()
  }
}
