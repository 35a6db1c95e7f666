import { type TestSite, useTestApp } from '../helpers/app.js'

/** Past the flood interval: the same reader may post again. */
export const FLOOD_GAP_MS = 20_000

/** The app with its retention periods set and webhooks allowed to 127.0.0.1, and its privacy requests. */
export function usePrivacyApp() {
  const ctx = useTestApp({
    IP_RETENTION_DAYS: '14',
    SPAM_RETENTION_DAYS: '45',
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
  })
  return {
    ctx,
    exportOf: (site: TestSite, email: string, token: string | null = site.serverKey) =>
      ctx.request('GET', `/v1/sites/${site.id}/privacy/export?email=${encodeURIComponent(email)}`, { token }),
    erase: (site: TestSite, email: string, token = site.serverKey) =>
      ctx.request('POST', `/v1/sites/${site.id}/privacy/erase`, { token, body: { email } }),
    comment: (site: TestSite, id: string) =>
      ctx.request('GET', `/v1/sites/${site.id}/comments/${id}`, { token: site.moderatorKey }),
  }
}
