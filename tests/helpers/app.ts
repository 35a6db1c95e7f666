import { afterAll, beforeAll } from 'vitest'
import { type App, createApp } from '../../src/app.js'
import type { Clock } from '../../src/clock.js'
import { loadConfig } from '../../src/config.js'
import { webhookEvents } from '../../src/db/webhook-schema.js'
import { createTestDatabase, type TestDatabase } from './db.js'
import {
  type ApiDocument,
  conformanceChecker,
  currentChecker,
  setCurrentChecker,
} from './openapi-conformance.js'

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef'

/** A clock that stands still until a test moves it. */
export class TestClock implements Clock {
  constructor(private current = new Date('2026-11-28T12:00:00.000Z')) {}
  now() {
    return new Date(this.current)
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms)
  }
}

type RequestOptions = {
  body?: unknown
  /** A raw body, sent as is (for malformed input). */
  rawBody?: string | Uint8Array
  token?: string | null
  headers?: Record<string, string>
  /** The TCP peer address, as @hono/node-server would report it. */
  peer?: string
}

export type TestContext = {
  app: App
  database: TestDatabase
  clock: TestClock
  request(method: string, path: string, options?: RequestOptions): Promise<Response>
  /**
   * A new site with a server and a moderator key; every test uses its own, so tests never see each other.
   * `settings`, when given, are PATCHed in after the site is created.
   */
  newSite(overrides?: Record<string, unknown>): Promise<TestSite>
  /**
   * Posts `aComment(overrides)` as the site's backend (its server key), `advanceMs` after the previous comment,
   * and returns the 201 body (status, score, reasons).
   */
  submit(site: TestSite, overrides?: Record<string, unknown>, advanceMs?: number): Promise<Body>
}

export type TestSite = { id: string; serverKey: string; moderatorKey: string }

let siteCounter = 0

/** One database and one app per test file, built before the first test and torn down after the last. */
export function useTestApp(
  env: Record<string, string> = {},
  options: {
    /** Where the test clock starts; tests that run real dispatchers start it just behind real time. */
    startAt?: Date
  } = {},
): TestContext {
  const context = {} as TestContext
  beforeAll(async () => {
    const database = await createTestDatabase()
    const clock = new TestClock(options.startAt)
    const config = loadConfig({ ADMIN_TOKEN, NODE_ENV: 'test', ...env })
    const app = createApp({ db: database.db, config, clock })
    const conforms = conformanceChecker((await (await app.request('/openapi.json')).json()) as ApiDocument)
    setCurrentChecker(conforms)
    const request: TestContext['request'] = async (method, path, options = {}) => {
      const headers: Record<string, string> = { ...options.headers }
      const token = options.token === undefined ? ADMIN_TOKEN : options.token
      if (token) headers.authorization = `Bearer ${token}`
      let body = options.rawBody
      if (options.body !== undefined) {
        body = JSON.stringify(options.body)
        headers['content-type'] ??= 'application/json'
      }
      const bindings = options.peer ? { incoming: { socket: { remoteAddress: options.peer } } } : undefined
      const response = await app.request(path, { method, headers, body }, bindings)
      await conforms.response(method, path, response)
      return response
    }
    Object.assign(context, {
      app,
      database,
      clock,
      request,
      async submit(site, overrides = {}, advanceMs = 1_000) {
        clock.advance(advanceMs)
        const body = aComment(overrides)
        return json(
          expectStatus(
            request('POST', `/v1/sites/${site.id}/comments`, { body, token: site.serverKey }),
            201,
          ),
        )
      },
      async newSite({ settings, ...overrides } = {}) {
        siteCounter += 1
        const id = `site-${process.pid}-${siteCounter}-${Math.random().toString(36).slice(2, 8)}`
        await expectStatus(
          request('POST', '/v1/sites', { body: { id, name: `Site ${id}`, ...overrides } }),
          201,
        )
        // A site is created with the default settings: others are a PATCH of its settings after.
        if (settings !== undefined)
          await expectStatus(request('PATCH', `/v1/sites/${id}/settings`, { body: settings }), 200)
        const key = async (role: string) => {
          const response = await expectStatus(
            request('POST', `/v1/sites/${id}/keys`, { body: { role } }),
            201,
          )
          return ((await response.json()) as { key: string }).key
        }
        return { id, serverKey: await key('server'), moderatorKey: await key('moderator') }
      },
    } satisfies TestContext)
  })
  afterAll(async () => {
    const { database } = context
    if (!database) return
    try {
      await everyEventAsPublished(database)
    } finally {
      await database.dispose()
    }
  })
  return context
}

/**
 * Every webhook event the file's tests caused, held to the document's `webhooks`: each producer is covered, whether
 * or not a receiver got the event. A database a test left unreachable has nothing to check.
 */
async function everyEventAsPublished(database: TestDatabase) {
  const events = await database.db
    .select({ payload: webhookEvents.payload })
    .from(webhookEvents)
    .catch(() => [])
  for (const { payload } of events) currentChecker()?.webhook(payload)
}

export async function expectStatus(pending: Promise<Response> | Response, status: number): Promise<Response> {
  const response = await pending
  if (response.status !== status) {
    throw new Error(`expected HTTP ${status}, got ${response.status}: ${await response.text()}`)
  }
  return response
}

/** A response body, loosely typed: tests assert its shape with `expect`, which is where the checking happens. */
// biome-ignore lint/suspicious/noExplicitAny: test bodies are checked by assertions, not by the compiler
export type Body = Record<string, any>

export async function json<T = Body>(pending: Promise<Response> | Response): Promise<T> {
  return (await (await pending).json()) as T
}

let authorCounter = 0

/**
 * Ordinary comments that share no phrasing, so that comments a test posts on one site are never taken for
 * duplicates or near-duplicates of each other.
 */
export const ordinaryComments = [
  'Les retraités de ma commune attendent toujours une réponse claire sur la revalorisation.',
  "L'article oublie de préciser le calendrier du vote au Sénat, pourtant décisif.",
  'Merci pour ce reportage, on comprend enfin ce qui se joue à Bruxelles cette semaine.',
  'I lived in Lyon for years and the tram extension really changed daily life there.',
  'Это решение парламента вызовет споры среди экономистов и профсоюзов.',
  '기사 잘 읽었습니다. 지방 선거 결과에 대한 분석이 특히 흥미로웠어요.',
  'هذا التحليل مفيد جدا لفهم موقف الحكومة من الإصلاحات الجديدة.',
  'Le maire a raison de consulter les habitants avant de fermer cette école.',
  'Quelqu’un sait-il si la consultation publique est encore ouverte en ligne ?',
  'Great piece on the shipping crisis; the charts make the delays obvious.',
  'Mon grand-père racontait déjà les mêmes débats sur le nucléaire en 1975.',
  "La comparaison avec l'Allemagne me paraît un peu rapide, leurs salaires diffèrent.",
  'Ich finde den Vergleich mit der Schweiz spannend, gerade beim Wohnungsbau.',
  'Très bonne synthèse, même si la question agricole mérite un article à part.',
  'Las cifras del paro juvenil en España son todavía más preocupantes que aquí.',
  'La pluie de ce printemps a sauvé une partie des récoltes dans le Gers.',
  'Je ne suis pas d’accord : la hausse des tarifs pénalise surtout les petits commerces.',
  '这篇报道很有意思，希望能继续关注气候谈判的进展。',
  'Would love a follow-up on how the new rules affect small local newspapers.',
  'Les chiffres de fréquentation des musées parisiens ont battu un record cet été.',
]

/** Comments citing two sources each: held under the default policy (maxLinks 2), and unlike each other. */
export const citingComments = [
  'Le rapport est ici https://www.cor-retraites.fr/rapport et la synthèse là https://www.insee.fr/synthese',
  'Two useful reads: https://en.wikipedia.org/wiki/Carbon_tax and https://www.iea.org/reports/renewables',
  'Смотрите данные https://rosstat.gov.ru/folder/10705 и комментарий https://www.kommersant.ru/doc/1',
  'Les chiffres de la Banque mondiale https://data.worldbank.org/indicator et du FMI https://www.imf.org/en/Data',
  '관련 자료는 https://www.kostat.go.kr/portal 과 https://www.bok.or.kr/portal 에서 볼 수 있습니다',
  'Voir la décision du Conseil https://www.conseil-constitutionnel.fr/decision et son analyse https://www.vie-publique.fr/eclairage',
  'Background from https://www.bbc.com/news/world-europe and the original study https://www.nature.com/articles/s41586',
  'Le texte de loi https://www.legifrance.gouv.fr/jorf/id et le débat https://www.assemblee-nationale.fr/dyn/16/comptes-rendus',
]

/** A valid comment body; each call has its own author e-mail (flood control never links two) and its own text. */
export function aComment(overrides: Record<string, unknown> = {}) {
  const n = authorCounter++
  return {
    articleId: 'article-1',
    author: { name: `Reader ${n}`, email: `reader${n}@example.org` },
    content: ordinaryComments[n % ordinaryComments.length] ?? '',
    ...overrides,
  }
}

/**
 * A moderator's decision on a comment of a database a test built by hand (an upgrade from an earlier release):
 * an app on it, a moderator key for the site, and the decision, which must succeed.
 */
export async function decideOn(database: TestDatabase, siteId: string, commentId: string, action: string) {
  const app = createApp({
    db: database.db,
    config: loadConfig({ ADMIN_TOKEN, NODE_ENV: 'test' }),
    clock: new TestClock(),
  })
  const request = (path: string, token: string, body: unknown) =>
    app.request(path, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  const { key } = await json<{ key: string }>(
    expectStatus(request(`/v1/sites/${siteId}/keys`, ADMIN_TOKEN, { role: 'moderator' }), 201),
  )
  await expectStatus(request(`/v1/sites/${siteId}/comments/${commentId}/${action}`, key, {}), 200)
}
