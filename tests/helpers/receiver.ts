import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Webhook } from 'standardwebhooks'
import { currentChecker } from './openapi-conformance.js'

export type ReceivedWebhook = {
  headers: IncomingHttpHeaders
  body: string
  // biome-ignore lint/suspicious/noExplicitAny: payloads are checked by assertions
  payload: any
  /** Which of the receiver's secrets verified the signature, or null when none did. */
  verifiedWith: string | null
}

/** What the receiver answers a request with: a status, and optionally headers and a delay. */
export type Reply = { status: number; headers?: Record<string, string>; delayMs?: number }

/**
 * A site's webhook receiver on 127.0.0.1: verifies every request with the `standardwebhooks` library (as a
 * site would), records it, and answers as the test scripted (200 once the script runs out).
 */
export class TestReceiver {
  readonly received: ReceivedWebhook[] = []
  readonly secrets: string[] = []
  private replies: Reply[] = []
  private answering = true
  private waiters: { count: number; resolve: () => void }[] = []
  private server: Server | null = null
  /** Bodies the published document's `webhooks` refuse: waitFor fails with them. */
  private readonly nonConforming: string[] = []
  port = 0
  /** Requests not yet answered, and the most there were at once. */
  open = 0
  mostOpenAtOnce = 0
  /** Requests the sender gave up on (closed) before they were answered. */
  abandoned = 0

  get url() {
    return `http://127.0.0.1:${this.port}/hooks`
  }

  /** The next requests get these answers, in order. */
  reply(...replies: Reply[]) {
    this.replies.push(...replies)
  }

  /** From now on, accepts requests and never answers them, as a stalled receiver does. */
  stopAnswering() {
    this.answering = false
  }

  async start(port = 0): Promise<this> {
    this.server = createServer((request, response) => {
      this.open++
      this.mostOpenAtOnce = Math.max(this.mostOpenAtOnce, this.open)
      response.on('close', () => {
        this.open--
        if (!response.writableFinished) this.abandoned++
      })
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        if (!this.answering) return
        const body = Buffer.concat(chunks).toString('utf8')
        const reply = this.replies.shift() ?? { status: 200 }
        const answer = () => {
          this.record(request.headers, body)
          response.writeHead(reply.status, reply.headers).end('ok')
        }
        if (reply.delayMs) setTimeout(answer, reply.delayMs)
        else answer()
      })
    })
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve))
    this.port = (this.server.address() as AddressInfo).port
    return this
  }

  async stop(): Promise<void> {
    const server = this.server
    this.server = null
    if (!server) return
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  /** Resolves once `count` requests in all have arrived, or fails after `timeoutMs`. */
  waitFor(count: number, timeoutMs = 5_000): Promise<ReceivedWebhook[]> {
    const received = () =>
      this.nonConforming.length > 0
        ? Promise.reject(new Error(this.nonConforming.join('\n')))
        : Promise.resolve(this.received)
    if (this.received.length >= count) return received()
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`expected ${count} webhooks, received ${this.received.length}`)),
        timeoutMs,
      )
      this.waiters.push({
        count,
        resolve: () => {
          clearTimeout(timer)
          resolve()
        },
      })
    }).then(received)
  }

  private record(headers: IncomingHttpHeaders, body: string) {
    const verifiedWith =
      this.secrets.find((secret) => {
        try {
          new Webhook(secret).verify(body, headers as Record<string, string>)
          return true
        } catch {
          return false
        }
      }) ?? null
    const payload = JSON.parse(body)
    try {
      currentChecker()?.webhook(payload)
    } catch (error) {
      this.nonConforming.push((error as Error).message)
    }
    this.received.push({ headers, body, payload, verifiedWith })
    this.waiters = this.waiters.filter((waiter) => {
      if (this.received.length < waiter.count) return true
      waiter.resolve()
      return false
    })
  }
}
