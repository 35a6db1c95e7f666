/**
 * What `npm run bench` sends and what it trains: realistic, nearly all distinct comments (French and English newsroom
 * comments and English YouTube ones, spam and ham, many with links), each from a reader of its own with an IP
 * of its own, and a learned model built from the training files with the tokens intake learns by.
 */
import { sql } from 'drizzle-orm'
import type { Database } from '../../src/db/client.js'
import { SERVER_CORPUS } from '../../src/moderation/learning.js'
import { resolvePolicy } from '../../src/spam/policy.js'
import { datasetsDir, type LabelledComment, loadDatasets, TRAINING_VIDEOS } from '../datasets.js'
import { trainCorpus } from '../model.js'

export type Workload = {
  /** The JSON body of the n-th submission, as a site's backend posts it with its server key. */
  submission(n: number): string
  training: readonly LabelledComment[]
}

const MAX_CHARS = 1500

/** The n-th reader's IPv4 address, in 10.0.0.0/8 with the last octet 1–250: 16 million before one repeats. */
function readerIp(n: number): string {
  const host = (n % 250) + 1
  const rest = Math.floor(n / 250)
  return `10.${Math.floor(rest / 256) % 256}.${rest % 256}.${host}`
}

export function loadWorkload(dir = datasetsDir()): Workload {
  const datasets = loadDatasets(dir)
  const youtube = TRAINING_VIDEOS.flatMap((name) => datasets.videos.get(name) ?? [])
  const pool = [...datasets.newsroom, ...youtube]
  return {
    training: pool,
    submission(n) {
      // Two comments run together, so texts hardly repeat within a run: n = q·L + r (L the pool's size) pairs
      // comment r with the one an offset away that grows with q, never 0 and never the same twice for q < L − 1.
      // 4 821 distinct texts in 5 000, 52 615 in 60 000 (the data sets repeat some spam word for word); a pairing
      // by n alone repeated every L requests: 1 641 texts, each sent ~35 times in a run.
      const size = pool.length
      const round = Math.floor(n / size)
      const first = pool[n % size] as LabelledComment
      const offset = 1 + ((round + Math.floor(size / 2)) % (size - 1))
      const second = pool[((n % size) + offset) % size] as LabelledComment
      const french = first.language === 'fr'
      return JSON.stringify({
        articleId: `article-${n % 200}`,
        articleLanguage: french ? 'fr' : 'en',
        author: {
          name: first.author.name || `Lecteur ${n}`,
          email: `reader${n}@example.org`,
          ...(first.author.url ? { url: first.author.url } : {}),
        },
        content: `${first.content} ${second.content}`.slice(0, MAX_CHARS),
        ip: readerIp(n),
        userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0',
      })
    },
  }
}

/**
 * Puts into the database what moderators' decisions on the training files would have taught: per token, the
 * messages of each class carrying it, for the site and for the server-wide corpus (multi-row upserts of 1 000),
 * then the tables' statistics.
 */
export async function trainModel(db: Database, siteId: string, training: readonly LabelledComment[]) {
  const corpus = trainCorpus(training, resolvePolicy({}))
  const entries = [...corpus.tokens.entries()]
  for (const site of [siteId, SERVER_CORPUS]) {
    for (let start = 0; start < entries.length; start += 1000) {
      const rows = entries
        .slice(start, start + 1000)
        .map(([token, { spam, ham }]) => sql`(${site}, ${token}, ${spam}, ${ham})`)
      await db.execute(sql`insert into bayes_tokens (site_id, token, spam, ham)
        values ${sql.join(rows, sql`, `)} on conflict do nothing`)
    }
    await db.execute(sql`insert into bayes_corpora (site_id, spam_messages, ham_messages)
      values (${site}, ${corpus.spamMessages}, ${corpus.hamMessages}) on conflict do nothing`)
  }
  // A model grown decision by decision has had its statistics kept current by autovacuum; one loaded in a few
  // seconds has not, and the planner, still believing the table nearly empty, would read every token of the
  // site to find a comment's few (10 ms instead of 0.2).
  await db.execute(sql`analyze bayes_tokens, bayes_corpora`)
  return { tokens: entries.length, spamMessages: corpus.spamMessages, hamMessages: corpus.hamMessages }
}
