import { textArray } from '../db/array-literals.js'
import type { Executor } from '../db/client.js'
import { runStatement } from '../db/statement.js'
import type { Submission } from './facts.js'

/** The first key of the advisory locks that serialise submissions alike (`lockAlikeSubmissions`): "vgin". */
const INTAKE_LOCK_CLASS = 0x76_67_69_6e

/**
 * Takes, until the transaction ends, a lock on each thing by which another submission could change how this one
 * is judged: its text (a re-post, an identical copy), each band of its sketch (a near copy), its address and its
 * e-mail (a flood). Intake reads what is stored in a statement after these: a submission arriving at the same
 * moment as one alike waits until that one is committed, and then sees it. Without them both read before either
 * was stored, and a double click stored the comment twice, parallel requests passed flood control, and a campaign's
 * simultaneous copies were none of them a duplicate.
 *
 * The keys are taken in ascending order, so two submissions sharing several never wait on each other in a circle;
 * a hash collision only makes two unrelated submissions wait, never judges one by the other.
 */
export async function lockAlikeSubmissions(tx: Executor, submission: Submission): Promise<void> {
  const { siteId, contentHash, sketch, ipHash, emailHash } = submission
  const keys = [
    `c:${contentHash}`,
    ...(sketch?.bands ?? []).map((band) => `b:${band}`),
    ...(ipHash ? [`i:${ipHash}`] : []),
    ...(emailHash ? [`e:${emailHash}`] : []),
  ]
  await runStatement(tx, LOCK, [INTAKE_LOCK_CLASS, siteId, textArray(keys)])
}

const LOCK = `
  select pg_advisory_xact_lock($1::integer, key)
  from (select distinct hashtext($2::text || ':' || subject) as key from unnest($3::text[]) as subject
    order by key) as ordered`
