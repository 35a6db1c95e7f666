/**
 * Drives a real Vigil app in-process, as a site's backend and its moderators would: a fresh in-memory PGlite,
 * the committed migrations, `createApp`, and nothing but HTTP requests through `app.request`. The evaluation
 * therefore measures the intake path itself (facts from the database, rules, learned model, bands).
 */
import { randomBytes } from 'node:crypto'
import { type App, createApp } from '../src/app.js'
import type { Clock } from '../src/clock.js'
import { loadConfig } from '../src/config.js'
import { type DatabaseHandle, openDatabase } from '../src/db/client.js'
import { migrateDatabase } from '../src/db/migrate.js'
import { createLogger } from '../src/logger.js'
import type { Label, LabelledComment } from './datasets.js'

export type Reason = { rule: string; score: number; detail: string }
export type Status = 'approved' | 'pending' | 'spam'

/** What the server-key response said about one comment; `refused` is a 409 (the same author re-posting). */
export type Outcome = {
  comment: LabelledComment
  status: Status | 'refused'
  score: number
  reasons: Reason[]
}

/** Time under the evaluation's control: it only moves when told to. */
class SteppedClock implements Clock {
  private current = new Date('2026-01-05T08:00:00.000Z')
  now() {
    return new Date(this.current)
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms)
  }
}

export type Site = { id: string; serverKey: string; moderatorKey: string }

export type Harness = {
  clock: SteppedClock
  createSite(id: string): Promise<Site>
  updateSettings(site: Site, patch: Record<string, unknown>): Promise<void>
  /** Posts one comment with the site's server key, then lets a minute pass (flood control never interferes). */
  post(site: Site, comment: LabelledComment): Promise<Outcome & { id: string | null }>
  /** A moderator's decision by the comment's label: spam → "mark spam", ham → "approve". */
  decide(site: Site, commentId: string, label: Label): Promise<void>
  close(): Promise<void>
}

const MINUTE_MS = 60_000

export async function openHarness(): Promise<Harness> {
  const handle: DatabaseHandle = await openDatabase({ dataDir: undefined })
  await migrateDatabase(handle)
  const adminToken = randomBytes(24).toString('hex')
  const clock = new SteppedClock()
  const config = loadConfig({ ADMIN_TOKEN: adminToken, NODE_ENV: 'test' })
  // Errors only, on stderr: a 500 then comes with its stack instead of a bare request id.
  const logger = createLogger('error', process.stderr)
  const app: App = createApp({ db: handle.db, config, clock, logger })

  async function call(method: string, path: string, token: string, body: unknown, expected: number[]) {
    const response = await app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    if (!expected.includes(response.status)) {
      throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`)
    }
    return { status: response.status, body: (await response.json()) as Record<string, unknown> }
  }

  return {
    clock,
    async createSite(id) {
      await call('POST', '/v1/sites', adminToken, { id, name: `Evaluation ${id}` }, [201])
      const key = async (role: string) =>
        String((await call('POST', `/v1/sites/${id}/keys`, adminToken, { role }, [201])).body.key)
      return { id, serverKey: await key('server'), moderatorKey: await key('moderator') }
    },
    async updateSettings(site, patch) {
      await call('PATCH', `/v1/sites/${site.id}/settings`, adminToken, patch, [200])
    },
    async post(site, comment) {
      const body = {
        articleId: comment.articleId,
        // The newsroom is a French site: its articles are in French whatever the comment's language.
        ...(comment.source === 'newsroom' ? { articleLanguage: 'fr' } : {}),
        author: comment.author,
        content: comment.content,
      }
      const response = await call('POST', `/v1/sites/${site.id}/comments`, site.serverKey, body, [201, 409])
      clock.advance(MINUTE_MS)
      if (response.status === 409) return { id: null, comment, status: 'refused', score: 0, reasons: [] }
      const verdict = response.body as { id: string; status: Status; score: number; reasons: Reason[] }
      return {
        id: verdict.id,
        comment,
        status: verdict.status,
        score: verdict.score,
        reasons: verdict.reasons,
      }
    },
    async decide(site, commentId, label) {
      const action = label === 'spam' ? 'spam' : 'approve'
      await call('POST', `/v1/sites/${site.id}/comments/${commentId}/${action}`, site.moderatorKey, {}, [200])
    },
    close: () => handle.close(),
  }
}
