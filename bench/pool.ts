/**
 * Runs evaluation jobs in child processes, a few at a time: PGlite runs on one thread, so separate processes are
 * how the jobs use more than one core. This file is also the children's entry point (`--job <json>`).
 */
import { type ChildProcess, fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { type Job, type JobResult, runJob } from './jobs.js'

const here = fileURLToPath(import.meta.url)
/** The job processes running now, so that a failure or the time limit can end them (and only them). */
const children = new Set<ChildProcess>()

/** Runs each job in a child process of its own (PGlite is single-threaded; cores are not). */
export async function runPool(jobs: readonly Job[], size: number): Promise<JobResult[]> {
  const results: JobResult[] = []
  let next = 0
  const runOne = (job: Job) =>
    new Promise<JobResult>((resolve, reject) => {
      const child = fork(here, ['--job', JSON.stringify(job)])
      children.add(child)
      let result: JobResult | undefined
      child.on('message', (message: { result?: JobResult; error?: string }) => {
        if (message.error) reject(new Error(`job ${job.name} failed: ${message.error}`))
        result = message.result
      })
      child.on('error', reject)
      child.on('close', (code) => {
        children.delete(child)
        if (result) resolve(result)
        else reject(new Error(`job ${job.name} exited with code ${code} and no result`))
      })
    })
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++] as Job
      results.push(await runOne(job))
    }
  }
  await Promise.all(Array.from({ length: Math.min(size, jobs.length) }, worker))
  return results
}

export function stopChildren() {
  for (const child of children) child.kill()
}

/** A child process runs one job and sends its result back (waiting until the message is out before leaving). */
async function child(job: Job) {
  let message: { result?: JobResult; error?: string }
  try {
    message = { result: await runJob(job) }
  } catch (error) {
    message = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) }
    process.exitCode = 1
  }
  await new Promise<void>((resolve) => process.send?.(message, () => resolve()) ?? resolve())
  process.disconnect?.()
}

const jobIndex = process.argv.indexOf('--job')
if (jobIndex >= 0) void child(JSON.parse(process.argv[jobIndex + 1] ?? '') as Job)
