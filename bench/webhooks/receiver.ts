import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Webhook } from 'standardwebhooks'

/**
 * A site's receiver on 127.0.0.1: answers 200 as soon as the body is in, then verifies the signature and notes
 * when the request arrived (`performance.now()`, the same clock as the decisions', one process).
 */
export class Receiver {
  readonly webhookIds = new Set<string>()
  /** Arrival of each comment's first `comment.approved`, by comment id. */
  readonly approvedAt = new Map<string, number>()
  readonly createdFor = new Set<string>()
  requests = 0
  signatureFailures = 0
  private verifier: Webhook | null = null
  private waiters: { check: () => boolean; resolve: () => void }[] = []
  private server: Server | null = null
  port = 0

  get url() {
    return `http://127.0.0.1:${this.port}/hooks`
  }

  set secret(secret: string) {
    this.verifier = new Webhook(secret)
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        const at = performance.now()
        response.writeHead(200).end()
        this.record(at, request.headers, Buffer.concat(chunks).toString('utf8'))
      })
    })
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve))
    this.port = (this.server.address() as AddressInfo).port
  }

  async stop(): Promise<void> {
    const server = this.server
    this.server = null
    if (!server) return
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  /** Resolves once `check` holds (checked at every arrival). */
  until(check: () => boolean): Promise<void> {
    if (check()) return Promise.resolve()
    return new Promise((resolve) => this.waiters.push({ check, resolve }))
  }

  private record(at: number, headers: IncomingHttpHeaders, body: string) {
    this.requests++
    try {
      if (!this.verifier) throw new Error('no secret yet')
      this.verifier.verify(body, headers as Record<string, string>)
    } catch {
      this.signatureFailures++
    }
    const webhookId = String(headers['webhook-id'])
    this.webhookIds.add(webhookId)
    let type = 'unreadable'
    let commentId: string | null = null
    try {
      const payload = JSON.parse(body) as { type: string; data?: { comment?: { id?: string } } }
      type = payload.type
      commentId = payload.data?.comment?.id ?? null
    } catch {}
    if (commentId && type === 'comment.created') this.createdFor.add(commentId)
    if (commentId && type === 'comment.approved' && !this.approvedAt.has(commentId))
      this.approvedAt.set(commentId, at)
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.check()) return true
      waiter.resolve()
      return false
    })
  }
}
