import type { Corpus, TokenCounts } from '../spam/bayes/classifier.js'
import { SERVER_CORPUS } from './learning.js'

/**
 * Corpora kept at once (the server's and the busiest sites'), and tokens per corpus, bounding the memory used
 * (some 10 MB a corpus at most). A corpus the model knows holds tens of thousands of tokens; the tokens it does
 * not know are mostly word pairs seen once, so they are let go first.
 */
const MAX_CORPORA = 4
const MAX_KNOWN_PER_CORPUS = 60_000
const MAX_ABSENT_PER_CORPUS = 50_000

/**
 * What a process holds of one corpus at one revision: counts read, and tokens found absent. Counts are only ever
 * added to (a new revision, or a full corpus, is a new object), so a request keeps reading the counts it was
 * planned against.
 */
type CorpusCache = { revision: number | null; known: Map<string, TokenCounts>; absent: Set<string> }

/** What to read for one corpus: the revision held, and the tokens not held (all of them when none is). */
export type CorpusRequest = {
  revision: number | null
  missing: string[]
  held: CorpusCache | null
  /**
   * The counts held of each token, by its position in the request's tokens: found once, when the request is
   * planned. In a map of tens of thousands of tokens each look-up is a trip to memory (under load, about 9 % of
   * the server's CPU on a submission went to them), so none is made twice.
   */
  heldCounts: (TokenCounts | undefined)[]
}

export type LearnedRequest = {
  siteId: string
  /** Whether the server's model is read at all (SHARED_LEARNING): without it, the server's corpus is empty. */
  shared: boolean
  /** Every token the comment could be judged by: read again in full when a corpus changed since. */
  tokens: readonly string[]
  site: CorpusRequest
  server: CorpusRequest
}

/** Rows as the context statement returns them (`json_build_array`s). */
export type LearnedRows = {
  siteTokens: readonly [token: string, spam: number, ham: number][]
  serverTokens: readonly [token: string, spam: number, ham: number][]
  corpora: readonly [site: string, spamMessages: number, hamMessages: number, revision: number][]
}

/** A revision no corpus has: a request made with it reads every token. */
const NO_REVISION = -1
/** The server's part of a request when sites do not learn from one another: the statement reads no corpus. */
const NOTHING_TO_READ: CorpusRequest = { revision: null, missing: [], held: null, heldCounts: [] }

/**
 * The learned counts of the tokens comments are judged by, kept in the process so that each submission reads from
 * the database only the tokens it has not seen yet (each one an index probe, for the site and for the server: most
 * of the database's work on a submission). Correct across processes: every change to a corpus bumps its revision
 * (the decision's statement), the statement reading the context compares it with the revision held, and reads
 * every token again when they differ, in the same snapshot as the counts.
 */
export function createLearnedCache({ shared = true }: { shared?: boolean } = {}) {
  const corpora = new Map<string, CorpusCache>()

  const held = (corpusId: string): CorpusCache | undefined => {
    const corpus = corpora.get(corpusId)
    if (corpus) {
      // Most recently used last: the first one is the one to let go.
      corpora.delete(corpusId)
      corpora.set(corpusId, corpus)
    }
    return corpus
  }

  const requestFor = (corpusId: string, tokens: readonly string[]): CorpusRequest => {
    const corpus = held(corpusId)
    if (!corpus) return { revision: NO_REVISION, missing: [...tokens], held: null, heldCounts: [] }
    const { known, absent } = corpus
    const heldCounts = new Array<TokenCounts | undefined>(tokens.length)
    const missing: string[] = []
    for (let at = 0; at < tokens.length; at++) {
      const token = tokens[at] as string
      const counts = known.get(token)
      if (counts) heldCounts[at] = counts
      else if (!absent.has(token)) missing.push(token)
    }
    return { revision: corpus.revision, missing, held: corpus, heldCounts }
  }

  const keep = (corpusId: string, corpus: CorpusCache) => {
    corpora.delete(corpusId)
    corpora.set(corpusId, corpus)
    if (corpora.size > MAX_CORPORA) corpora.delete(corpora.keys().next().value as string)
  }

  /** The comment's counts in one corpus, from what was held and what was read; what was read is kept. */
  const absorb = (
    corpusId: string,
    request: CorpusRequest,
    revision: number | null,
    rows: LearnedRows['siteTokens'],
    tokens: readonly string[],
  ): Map<string, TokenCounts> => {
    const read = new Map<string, TokenCounts>(rows.map(([token, spam, ham]) => [token, { spam, ham }]))
    // The statement read only the missing tokens when the revision held was still the corpus's; every one else.
    const current = request.held !== null && request.revision === revision
    const counts = new Map<string, TokenCounts>()
    for (let at = 0; at < tokens.length; at++) {
      const token = tokens[at] as string
      // A token missing when the request was planned, and kept since by another request, was read by this one.
      const found = read.get(token) ?? (current ? request.heldCounts[at] : undefined)
      if (found) counts.set(token, found)
    }
    // Now `counts` is all there is to know of these tokens at `revision`: the rest are absent.
    const latest = corpora.get(corpusId)
    // A read that raced a newer one is used, not kept.
    if (latest && latest.revision !== null && revision !== null && revision < latest.revision) return counts
    let corpus = latest
    if (!corpus || corpus.revision !== revision || corpus.known.size > MAX_KNOWN_PER_CORPUS) {
      corpus = { revision, known: new Map(), absent: new Set() }
      keep(corpusId, corpus)
    }
    // Forgetting that tokens are absent only costs asking again: a request planned earlier is not affected.
    if (corpus.absent.size > MAX_ABSENT_PER_CORPUS) corpus.absent.clear()
    // Into the object the request was planned against, only what it lacked; into a new one, everything.
    for (const token of current && corpus === request.held ? request.missing : tokens) {
      const found = counts.get(token)
      if (found) corpus.known.set(token, found)
      else corpus.absent.add(token)
    }
    return counts
  }

  return {
    /** What the context statement must read for these tokens. */
    request(siteId: string, tokens: readonly string[]): LearnedRequest {
      return {
        siteId,
        tokens,
        shared,
        site: requestFor(siteId, tokens),
        server: shared ? requestFor(SERVER_CORPUS, tokens) : NOTHING_TO_READ,
      }
    },

    /** The site's and the server's model for the comment, from what was held and what was just read. */
    model(request: LearnedRequest, rows: LearnedRows): { site: Corpus; server: Corpus } {
      const totals = (corpusId: string) => rows.corpora.find(([id]) => id === corpusId)
      const build = (
        corpusId: string,
        corpusRequest: CorpusRequest,
        tokenRows: LearnedRows['siteTokens'],
      ) => {
        const row = totals(corpusId)
        return {
          spamMessages: row?.[1] ?? 0,
          hamMessages: row?.[2] ?? 0,
          tokens: absorb(corpusId, corpusRequest, row?.[3] ?? null, tokenRows, request.tokens),
        }
      }
      return {
        site: build(request.siteId, request.site, rows.siteTokens),
        server: request.shared
          ? build(SERVER_CORPUS, request.server, rows.serverTokens)
          : { spamMessages: 0, hamMessages: 0, tokens: new Map() },
      }
    },
  }
}

export type LearnedCache = ReturnType<typeof createLearnedCache>
