import { integerArray, textArray } from '../db/array-literals.js'
import type { Database } from '../db/client.js'
import { runStatement } from '../db/statement.js'
import type { Corpus } from '../spam/bayes/classifier.js'
import type { Policy } from '../spam/policy.js'
import type { Facts, History } from '../spam/rules/types.js'
import { nearDuplicateSketch, sketchBands, sketchSimilarity } from '../spam/sketch.js'
import {
  createLearnedCache,
  type LearnedCache,
  type LearnedRequest,
  type LearnedRows,
} from './learned-cache.js'
import { emailSubjects, reputationSubjects, SERVER_CORPUS } from './learning.js'
import type { CountedBeforeScoring } from './store-comment.js'

/** Who sent a comment and what it says, in the hashed forms the database keeps. */
export type Submission = {
  siteId: string
  articleId: string
  authorName: string
  emailHash: string | null
  /**
   * The hashes of the address's other spellings (`IdentityHasher.emailSpellings`; none for an address in ASCII):
   * the standing earlier versions stored under the address as typed then counts too.
   */
  earlierEmailHashes?: readonly string[]
  ipHash: string | null
  authorUrlHost: string | null
  contentHash: string
  /** The text's near-duplicate sketch and its bands (src/spam/sketch.ts), or null when it is too short to compare. */
  sketch: NearDuplicateSketch | null
  /**
   * A re-post counts only from the same address too, and within the duplicate window. For callers without a key:
   * otherwise "already posted" would tell anyone which e-mail wrote a published comment (resend its text under a
   * guessed address), or, once the spam it was is purged, that a comment was judged spam.
   */
  repostFromSameAddressOnly: boolean
  /**
   * An Akismet comment-check looks for the check it repeats (src/akismet/earlier-check.ts) in the same read:
   * `authorName` is the name the two must share, or null for any. Absent, nothing is looked for.
   */
  earlierCheck?: { authorName: string | null } | undefined
  now: Date
}

const NEAR_DUPLICATE_SIMILARITY = 0.8
/** Shorter texts (a "Merci !") are alike by chance: they get no sketch and are never compared. */
const NEAR_DUPLICATE_MIN_LENGTH = 20
/** How many of a site's latest comments a new one is compared with for near-duplicates. */
const NEAR_DUPLICATE_CANDIDATES = 200
const HOUR_MS = 60 * 60 * 1000

export type NearDuplicateSketch = { bins: number[]; bands: number[] }

/** The sketch a comment's text is stored and compared with, or null when it is too short to compare. */
export function sketchFor(skeleton: string): NearDuplicateSketch | null {
  if (skeleton.length < NEAR_DUPLICATE_MIN_LENGTH) return null
  const bins = nearDuplicateSketch(skeleton)
  return { bins, bands: sketchBands(bins) }
}

/** What the database knows of a submission before it is scored. */
export type SubmissionContext = {
  /**
   * The comment by which the same author already posted this very text on this article (a double submit, a bot
   * retrying, or an Akismet client checking a comment again), if there is one.
   */
  repostOf: string | null
  /** The check an Akismet client sends again (`Submission.earlierCheck`): its id, the latest if several. */
  earlierCheck: string | null
  /**
   * How busy the sender has been: its latest comment from the same IP, and from the same IP or e-mail (flood
   * control, intake.ts), and its comments from the same IP or e-mail in the last hour (`frequent-sender`).
   */
  activity: { latestFromAddress: Date | null; latestFromSender: Date | null; lastHour: number }
  /**
   * What the rules need: the reputation of the sender's e-mail, author URL host and IP, and how many comments
   * within the duplicate window say the same thing or nearly so.
   */
  facts: Omit<Facts, 'recentFromSender' | 'formToken'>
  /** The learned counts of the tokens asked about, for the site and the server. */
  learned: { site: Corpus; server: Corpus }
  /** What the store counts again before it stores (store-comment.ts): whether anything alike came meanwhile. */
  counted: CountedBeforeScoring
}

const history = (entry: History | undefined): History => entry ?? { approved: 0, spam: 0 }

type ContextRow = {
  repost_of: string | null
  earlier_check: string | null
  latest_from_address: string | Date | null
  latest_from_sender: string | Date | null
  last_hour: number | string
  identical: number | string
  /** The sketches of the candidates sharing a band with the new text, compared here. */
  band_mates: number[][] | null
  standing: { subject: string; approved: number; spam: number }[] | null
  site_tokens: LearnedRows['siteTokens'] | null
  server_tokens: LearnedRows['serverTokens'] | null
  learned_corpora: LearnedRows['corpora'] | null
}

/**
 * Everything intake reads before scoring, in one statement with a constant text (one round trip, one prepared
 * plan): each part is a subquery on its own index (content hash, e-mail and IP hashes, the site's latest
 * comments, reputation, learned tokens). Lists are bound as one array parameter each; what a submission may lack
 * (an e-mail, a sketch) is a null the statement tests, not a different text.
 *   $1 site, $2 article, $3 content hash, $4 e-mail hash, $5 IP hash, $6 author name, $7 start of the duplicate
 *   window, $8 an hour ago, $9 sketch bands, $10 reputation subjects, $11 every token the comment could be judged
 *   by; for the site then the server, the revision of the counts the process holds and the tokens it lacks ($12,
 *   $13, $14, $15: learned-cache.ts); $16 whether a re-post must also come from the same address; $17 the
 *   server's corpus, or null when sites do not learn from one another (SHARED_LEARNING=false); $18 whether to look
 *   for the Akismet check this one repeats, $19 the author name it must share then, or null for any.
 */
const READ_CONTEXT = `
  select
    (select id from comments where site_id = $1 and content_hash = $3 and article_id = $2
      -- The same author: the same e-mail (hashed), or with no e-mail on either side, the same name. An e-mail
      -- nobody vouched for (identity_counted: a caller without a key typed it) is the same author only from the
      -- same address: anyone can type anyone's.
      and case when $4::text is not null then author_email_hash = $4::text
          and (identity_counted or ip_hash is not distinct from $5::text)
        else author_email_hash is null and author_name = $6 end
      -- For a caller without a key, only within the duplicate window: spam and rejected comments are purged
      -- after SPAM_RETENTION_DAYS, approved and held ones are not, so a re-post refused or accepted after that
      -- would tell a spammer how its comment was judged.
      and ($16::boolean is not true or (ip_hash is not distinct from $5::text and created_at > $7::timestamptz))
      limit 1) as repost_of,
    -- The same text from the same IP and e-mail (or none) on the same article, stored by the Akismet API: the
    -- check a client sends again (src/akismet/earlier-check.ts, which tells why each of these).
    (select id from comments where $18::boolean and site_id = $1 and content_hash = $3 and ip_hash = $5::text
      and source = 'akismet' and article_id = $2 and author_email_hash is not distinct from $4::text
      and ($19::text is null or author_name = $19::text)
      order by created_at desc limit 1) as earlier_check,
    sender.latest_from_address, sender.latest_from_sender, sender.last_hour,
    (select count(*) from comments where site_id = $1 and content_hash = $3
      and created_at > $7::timestamptz) as identical,
    (${bandMates('$1', '$3', '$7', '$9')}) as band_mates,
    (${standing('$1', '$10')}) as standing,
    (${learnedTokens('$1', '$12', '$13')}) as site_tokens,
    (${learnedTokens('$17::text', '$14', '$15')}) as server_tokens,
    (select json_agg(json_build_array(site_id, spam_messages, ham_messages, revision))
      from bayes_corpora where site_id in ($1, $17::text)) as learned_corpora
  from (select max(created_at) filter (where ip_hash = $5::text) as latest_from_address,
      max(created_at) as latest_from_sender, count(*) as last_hour
    from comments
    where site_id = $1 and created_at > $8::timestamptz
      -- By e-mail, only what someone vouched for: a stranger's comments under a reader's address must not make
      -- that reader a frequent sender, nor too fast. The store's claim counts again the same way (drizzle/0026):
      -- counted differently, the two never agreed and the claim never held.
      and (ip_hash = $5::text or (author_email_hash = $4::text and identity_counted))) as sender`

/**
 * The reputation rows of the sender's subjects (at most three), each read by its primary key. Written as
 * `subject = any(...)`, a generic plan estimated a handful of rows per site and read all of the site's (4 000
 * and more) to filter them.
 */
function standing(site: string, subjects: string) {
  return `select json_agg(json_build_object('subject', asked.subject, 'approved', found.approved, 'spam', found.spam))
    from unnest(${subjects}::text[]) as asked (subject),
      lateral (select approved, spam from reputation where site_id = ${site} and subject = asked.subject
        -- A subquery with a limit is not merged into a join: the primary key is probed once per subject.
        limit 1) as found`
}

/**
 * The learned counts a corpus holds of the tokens asked for: only those the process lacks while the revision it
 * holds is still the corpus's, every token of the comment otherwise.
 */
function learnedTokens(corpus: string, revision: string, missing: string) {
  return `select json_agg(json_build_array(token, spam, ham)) from bayes_tokens
    where site_id = ${corpus} and token = any(case
      when (select revision from bayes_corpora where site_id = ${corpus}) is not distinct from ${revision}::bigint
        then ${missing}::text[]
      else $11::text[] end)`
}

/**
 * What the database knows of a submission before it is scored, read in one statement: see READ_CONTEXT. The
 * learned counts of the tokens `learned` asks for come with it, merged into what its cache holds.
 */
export async function readContext(
  db: Database,
  submission: Submission,
  policy: Policy,
  learned: { cache: LearnedCache; request: LearnedRequest } = noLearning(submission.siteId),
): Promise<SubmissionContext> {
  const { request } = learned
  const { siteId, emailHash, ipHash, contentHash, sketch, now } = submission
  const windowStart = new Date(now.getTime() - policy.duplicateWindowHours * HOUR_MS).toISOString()
  const hourAgo = new Date(now.getTime() - HOUR_MS).toISOString()
  const earlierEmails = emailSubjects(submission.earlierEmailHashes ?? [])
  const subjects = reputationSubjects({
    authorEmailHash: emailHash,
    authorUrlHost: submission.authorUrlHost,
    ipHash,
  }).concat(earlierEmails)
  const [row] = await runStatement<ContextRow>(db, READ_CONTEXT, [
    siteId,
    submission.articleId,
    contentHash,
    emailHash,
    ipHash,
    submission.authorName,
    windowStart,
    hourAgo,
    sketch ? integerArray(sketch.bands) : null,
    textArray(subjects),
    textArray(request.tokens),
    request.site.revision,
    textArray(request.site.missing),
    request.server.revision,
    textArray(request.server.missing),
    submission.repostFromSameAddressOnly,
    request.shared ? SERVER_CORPUS : null,
    submission.earlierCheck !== undefined,
    submission.earlierCheck?.authorName ?? null,
  ])
  const standing = new Map((row?.standing ?? []).map((entry) => [entry.subject, entry]))
  const identical = Number(row?.identical ?? 0)
  const lastHour = Number(row?.last_hour ?? 0)
  return {
    repostOf: row?.repost_of ?? null,
    earlierCheck: row?.earlier_check ?? null,
    activity: {
      latestFromAddress: row?.latest_from_address ? new Date(row.latest_from_address) : null,
      latestFromSender: row?.latest_from_sender ? new Date(row.latest_from_sender) : null,
      lastHour,
    },
    facts: {
      email: [...emailSubjects(emailHash ? [emailHash] : []), ...earlierEmails].reduce<History>(
        (sum, subject) => {
          const found = history(standing.get(subject))
          return { approved: sum.approved + found.approved, spam: sum.spam + found.spam }
        },
        { approved: 0, spam: 0 },
      ),
      authorHost: history(standing.get(`h:${submission.authorUrlHost}`)),
      ip: history(standing.get(`i:${ipHash}`)),
      duplicates: {
        identical,
        similar: sketch ? nearDuplicatesAmong(sketch.bins, row?.band_mates ?? []) : 0,
      },
    },
    learned: learned.cache.model(request, {
      siteTokens: row?.site_tokens ?? [],
      serverTokens: row?.server_tokens ?? [],
      corpora: row?.learned_corpora ?? [],
    }),
    counted: { identicalSince: windowStart, identical, fromSenderSince: hourAgo, fromSender: lastHour },
  }
}

/**
 * The sketches of the site's latest comments within the window that share a band with the new text but not its
 * exact content (src/spam/sketch.ts): rows sharing no band are passed over in C (`&&`, array overlap), and the few
 * left are compared bin by bin by `nearDuplicatesAmong`, in the server (in SQL, each comparison cost PostgreSQL
 * some 27 µs, a fifth of a submission's reads). Only the latest `NEAR_DUPLICATE_CANDIDATES` are looked at: a
 * campaign's copies arrive together. They are read by `vigil_near_duplicate_candidates`
 * (drizzle/0012_near_duplicate_candidates.sql), which walks comments_recent_idx newest first and stops there,
 * whatever the statistics say of the site. Null bands (a text too short to sketch) match nothing.
 */
function bandMates(site: string, contentHash: string, windowStart: string, bands: string) {
  return `select json_agg(candidate.sketch)
    from vigil_near_duplicate_candidates(${site}, ${windowStart}::timestamptz, ${NEAR_DUPLICATE_CANDIDATES},
      ${contentHash}, ${bands}::integer[]) as candidate`
}

/** How many of `candidates` are at least 80 % similar to the text sketched as `bins`, by trigrams. */
function nearDuplicatesAmong(bins: readonly number[], candidates: readonly number[][]): number {
  let similar = 0
  for (const candidate of candidates) {
    if (sketchSimilarity(candidate, bins) >= NEAR_DUPLICATE_SIMILARITY) similar++
  }
  return similar
}

/** No cache and no token: the learned part of the context is only the corpora's totals. */
function noLearning(siteId: string) {
  const cache = createLearnedCache()
  return { cache, request: cache.request(siteId, []) }
}
