/**
 * `npx tsx bench/eval-calibrate.ts`: how the learned model's constants (src/spam/bayes/parameters.ts) and its
 * bands of points (src/spam/rules/learned.ts) were fitted, re-runnable in seconds instead of `npm run eval`'s
 * minutes. It reads the cross-validation folds of the last `npm run eval` (bench/results/eval-verdicts.json) and
 * never the held-out Youtube05: for each fold it learns, in memory, what the moderators' decisions on the other
 * training files taught (each comment's tokens, with the rules it set off in the eval's rules-only job), then
 * judges the fold's comments with the rules they set off in the eval (their learned reason left out), the
 * classifier under each candidate set of parameters, and `conclude`.
 *
 * Approximations: the rules' facts (duplicates, reputation) are the eval's own; a comment's learned tokens have
 * the rules of the rules-only job (one site per file, not the training site's shared history).
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { analyseText } from '../src/spam/analysis.js'
import {
  type BayesParameters,
  type Corpus,
  classify,
  defaultBayesParameters,
  type TokenCounts,
} from '../src/spam/bayes/classifier.js'
import { tokenize } from '../src/spam/bayes/tokenize.js'
import { defaultPolicy } from '../src/spam/policy.js'
import { learnedBands } from '../src/spam/rules/learned.js'
import { noFacts } from '../src/spam/rules/types.js'
import { conclude, evaluateRules } from '../src/spam/score.js'
import { type Label, type LabelledComment, loadDatasets, TRAINING_VIDEOS } from './datasets.js'
import { inputOf } from './model.js'
import { pct, ratio, summarize, table, type Verdict } from './report.js'

/** Reasons that are not rules the comment set off: the learned model's own, and the policy's notes. */
const NOT_RULES = new Set(['learned', 'trust-cap', 'moderation-all'])

type Judged = { comment: LabelledComment; recorded: Verdict }

const CANDIDATES: { name: string; parameters: BayesParameters }[] = [
  { name: 'defaults', parameters: defaultBayesParameters },
  {
    name: 'former (s 1, site prior 1, cut 0.1)',
    parameters: {
      ...defaultBayesParameters,
      unknownWordStrength: 1,
      priorStrength: 1,
      minProbabilityStrength: 0.1,
    },
  },
  {
    name: "SpamAssassin's (s 0.03, x 0.538, cut 0.346)",
    parameters: {
      ...defaultBayesParameters,
      unknownWordStrength: 0.03,
      unknownWordProbability: 0.538,
      minProbabilityStrength: 0.346,
    },
  },
  { name: 's 8', parameters: { ...defaultBayesParameters, unknownWordStrength: 8 } },
  { name: 'cut 0.1', parameters: { ...defaultBayesParameters, minProbabilityStrength: 0.1 } },
  { name: 'max 30 tokens', parameters: { ...defaultBayesParameters, maxTokens: 30 } },
]

function recordedVerdicts(): Record<string, Record<string, Verdict[]>> {
  const path = fileURLToPath(new URL('./results/eval-verdicts.json', import.meta.url))
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    throw new Error(`no ${path}: run npm run eval first`)
  }
}

/** The comments of `source` that the eval judged (re-posts refused are left out), with their recorded verdict. */
function judgedOf(comments: readonly LabelledComment[], recorded: readonly Verdict[] | undefined): Judged[] {
  const byId = new Map((recorded ?? []).map((verdict) => [verdict.id, verdict]))
  return comments.flatMap((comment) => {
    const verdict = byId.get(`${comment.source}:${comment.id}`)
    return verdict && verdict.status !== 'refused' ? [{ comment, recorded: verdict }] : []
  })
}

/** The rules a recorded verdict set off, and the tokens intake judges (and learns) the comment by. */
function reading({ comment, recorded }: Judged) {
  const input = inputOf(comment)
  const reasons = recorded.rules
    .filter((reason) => !NOT_RULES.has(reason.rule))
    .map((reason) => ({ ...reason, detail: '' }))
  const tokens = tokenize(
    input,
    analyseText(input.content),
    analyseText(input.author.name),
    reasons.map((reason) => reason.rule),
  )
  return { label: comment.label, input, reasons, tokens }
}

function main() {
  const datasets = loadDatasets()
  const recorded = recordedVerdicts()
  const commentsOf = (source: string) =>
    (source === 'newsroom' ? datasets.newsroom : datasets.videos.get(source)) ?? []
  const rulesOnly = recorded['training-rules'] ?? {}
  const folds = TRAINING_VIDEOS.map((test) => {
    const trainingFiles = [...TRAINING_VIDEOS.filter((video) => video !== test), 'newsroom']
    const training = trainingFiles.flatMap((source) => judgedOf(commentsOf(source), rulesOnly[source]))
    const tested = judgedOf(commentsOf(test), recorded[`fold-${test}`]?.[test])
    return {
      test,
      training: training.map(reading),
      tested: tested.map((judged) => ({ judged, ...reading(judged) })),
    }
  })
  let bandCounts: string[][] = []
  const rows: string[][] = [
    ['parameters', 'accuracy', 'spam caught', 'spam flagged', 'ham held', 'ham marked spam'],
  ]
  for (const candidate of CANDIDATES) {
    const verdicts: Verdict[] = []
    const probabilities: { label: Label; probability: number }[] = []
    for (const fold of folds) {
      const corpus = trainCorpusOf(fold.training)
      for (const { judged, input, reasons, tokens } of fold.tested) {
        const bayes = classify(
          tokens,
          { site: corpus, server: corpus },
          {
            minMessages: defaultPolicy.learningMinMessages,
            parameters: candidate.parameters,
          },
        )
        const draft = { ...evaluateRules(input, noFacts, defaultPolicy), reasons, tokens }
        const assessment = conclude(draft, bayes, defaultPolicy)
        probabilities.push({ label: judged.comment.label, probability: bayes?.probability ?? 0.5 })
        verdicts.push({ ...judged.recorded, status: assessment.verdict, score: assessment.score })
      }
    }
    if (candidate.parameters === defaultBayesParameters) bandCounts = countByBand(probabilities)
    const s = summarize(verdicts)
    rows.push([
      candidate.name,
      ratio(s.accuracy),
      pct(s.spamCaught),
      pct(s.spamFlagged),
      pct(1 - s.hamApproved - s.hamMarkedSpam.rate),
      `${s.hamMarkedSpam.count} (${pct(s.hamMarkedSpam.rate)})`,
    ])
  }
  process.stdout.write(
    'Cross-validation on Youtube01–04 (+ newsroom in training), default policy, in memory:\n',
  )
  process.stdout.write(`${table(rows)}\n`)
  process.stdout.write(
    'The bands of src/spam/rules/learned.ts were fitted for the defaults, where the folds fall so:\n',
  )
  process.stdout.write(`${table([['probability from', 'points', 'spam', 'ham'], ...bandCounts])}\n`)
}

/** How many spam and ham comments fall in each of the learned reason's bands. */
function countByBand(probabilities: readonly { label: Label; probability: number }[]): string[][] {
  return learnedBands.map((band, index) => {
    const upper = learnedBands[index - 1]?.from ?? Number.POSITIVE_INFINITY
    const inBand = probabilities.filter((p) => p.probability >= band.from && p.probability < upper)
    const count = (label: Label) => String(inBand.filter((p) => p.label === label).length)
    return [String(band.from), String(band.points), count('spam'), count('ham')]
  })
}

/** The counts the moderators' decisions would have stored: each comment's tokens under its label. */
function trainCorpusOf(training: readonly { label: Label; tokens: readonly string[] }[]): Corpus {
  const tokens = new Map<string, TokenCounts>()
  let spamMessages = 0
  let hamMessages = 0
  for (const { label, tokens: learned } of training) {
    if (label === 'spam') spamMessages++
    else hamMessages++
    for (const token of new Set(learned)) {
      const counts = tokens.get(token) ?? { spam: 0, ham: 0 }
      counts[label === 'spam' ? 'spam' : 'ham']++
      tokens.set(token, counts)
    }
  }
  return { spamMessages, hamMessages, tokens }
}

main()
