import { setTimeout as sleep } from 'node:timers/promises'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { rowsOf } from '../../src/db/client.js'
import { ADMIN_TOKEN, useTestApp } from '../helpers/app.js'

const ctx = useTestApp()

describe('a submit-spam about a comment Vigil never checked', () => {
  it('is stored and learned even as the first request of a process that hashes an address', async () => {
    const site = await ctx.newSite()
    // A process just started: its identity-hash key is read from the database on first use, and here the first
    // use comes inside the transaction that looks the reported comment up, which on PGlite holds the only
    // connection there is.
    const app = createApp({
      db: ctx.database.db,
      config: loadConfig({ ADMIN_TOKEN, NODE_ENV: 'test' }),
      clock: ctx.clock,
    })
    const form = new URLSearchParams({
      api_key: site.serverKey,
      blog: 'https://blog.example',
      user_ip: '203.0.113.19',
      comment_author: 'Promo',
      comment_content: 'Achetez vos montres de luxe à prix cassés sur notre boutique en ligne',
    })
    const answer = Promise.resolve(
      app.request('/1.1/submit-spam', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      }),
    ).then((response) => response.text())
    const outcome = await Promise.race([answer, sleep(5_000).then(() => 'no answer within 5 s')])
    expect(outcome).toBe('Thanks for making the web a better place.')
    const queue = await ctx.request('GET', `/v1/sites/${site.id}/queue?status=spam`)
    expect(((await queue.json()) as { items: { source: string }[] }).items).toEqual([
      expect.objectContaining({ source: 'akismet' }),
    ])
  }, 15_000)
})

describe('a submit-ham about a check its author had erased', () => {
  it('is thanked, and neither stores the reader again nor learns from them', async () => {
    const site = await ctx.newSite()
    const fields = {
      api_key: site.serverKey,
      blog: 'https://blog.example',
      user_ip: '198.51.100.77',
      comment_author: 'Jeanne Dupont',
      comment_author_email: 'jeanne@dupont.example',
      comment_content: 'Je ne suis pas d’accord avec la conclusion de cet article sur la réforme.',
    }
    const post = (path: string, form: Record<string, string>) =>
      ctx.request('POST', path, {
        token: null,
        rawBody: new URLSearchParams(form).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      })
    const checked = await post('/1.1/comment-check', fields)
    const guid = checked.headers.get('x-akismet-guid') ?? ''
    const erased = await ctx.request('POST', `/v1/sites/${site.id}/privacy/erase`, {
      token: site.serverKey,
      body: { email: fields.comment_author_email },
    })
    expect(((await erased.json()) as { deleted: string[] }).deleted).toEqual([guid])
    // WordPress keeps its copy, and reports it when a moderator clicks "Not spam".
    const reported = await post('/1.1/submit-ham', { ...fields, guid })
    expect(await reported.text()).toBe('Thanks for making the web a better place.')
    const exported = await ctx.request(
      'GET',
      `/v1/sites/${site.id}/privacy/export?email=${encodeURIComponent(fields.comment_author_email)}`,
      { token: site.serverKey },
    )
    expect(((await exported.json()) as { comments: unknown[] }).comments).toEqual([])
    const learned = await ctx.database.db.execute(
      sql`select token from bayes_tokens where site_id = ${site.id} and token like 'n:%'`,
    )
    expect(rowsOf(learned)).toEqual([])
  })
})
