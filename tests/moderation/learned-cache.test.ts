import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { rowsOf } from '../../src/db/client.js'
import { readContext, type Submission } from '../../src/moderation/facts.js'
import { createLearnedCache } from '../../src/moderation/learned-cache.js'
import { defaultPolicy } from '../../src/spam/policy.js'
import { type TestSite, useTestApp } from '../helpers/app.js'

const ctx = useTestApp()

const submission = (site: TestSite): Submission => ({
  siteId: site.id,
  articleId: 'sommet',
  authorName: 'Lecteur',
  emailHash: null,
  ipHash: null,
  authorUrlHost: null,
  contentHash: 'h',
  sketch: null,
  repostFromSameAddressOnly: false,
  now: ctx.clock.now(),
})

async function learnedSite() {
  const site = await ctx.newSite()
  await ctx.database.db.execute(sql`insert into bayes_tokens (site_id, token, spam, ham) values
    (${site.id}, 'casino', 7, 1), (${site.id}, 'débat', 0, 9)`)
  await ctx.database.db.execute(sql`insert into bayes_corpora (site_id, spam_messages, ham_messages, revision)
    values (${site.id}, 12, 30, 4)`)
  return site
}

describe('the learned counts a process keeps', () => {
  it('reads only the tokens it lacks while the corpus is unchanged, and judges with all of them', async () => {
    const site = await learnedSite()
    const cache = createLearnedCache()
    const read = async (tokens: string[]) => {
      const request = cache.request(site.id, tokens)
      const { learned } = await readContext(ctx.database.db, submission(site), defaultPolicy, {
        cache,
        request,
      })
      return { missing: request.site.missing, tokens: learned.site.tokens }
    }
    const first = await read(['casino', 'inconnu'])
    expect(first.missing).toEqual(['casino', 'inconnu'])
    const second = await read(['casino', 'inconnu', 'débat'])
    // Known and absent tokens alike are held: only the new one is asked for.
    expect(second.missing).toEqual(['débat'])
    expect(second.tokens).toEqual(
      new Map([
        ['casino', { spam: 7, ham: 1 }],
        ['débat', { spam: 0, ham: 9 }],
      ]),
    )
  })

  it('reads every token again once the corpus has a new revision, as after a decision in another process', async () => {
    const site = await learnedSite()
    const cache = createLearnedCache()
    const read = async () => {
      const request = cache.request(site.id, ['casino', 'inconnu'])
      return (await readContext(ctx.database.db, submission(site), defaultPolicy, { cache, request })).learned
    }
    await read()
    await ctx.database.db.execute(
      sql`update bayes_tokens set spam = 8 where site_id = ${site.id} and token = 'casino'`,
    )
    await ctx.database.db.execute(
      sql`insert into bayes_tokens (site_id, token, spam, ham) values (${site.id}, 'inconnu', 1, 0)`,
    )
    await ctx.database.db.execute(
      sql`update bayes_corpora set spam_messages = 13, revision = revision + 1 where site_id = ${site.id}`,
    )
    const after = await read()
    expect(after.site.spamMessages).toBe(13)
    expect(after.site.tokens.get('casino')).toEqual({ spam: 8, ham: 1 })
    expect(after.site.tokens.get('inconnu')).toEqual({ spam: 1, ham: 0 })
  })

  it('bumps the revision with every decision that teaches the model, through the API', async () => {
    const site = await ctx.newSite()
    const revision = async () =>
      Number(
        rowsOf<{ revision: number | string }>(
          await ctx.database.db.execute(sql`select revision from bayes_corpora where site_id = ${site.id}`),
        )[0]?.revision,
      )
    const created = await ctx.submit(site, { content: 'Une analyse claire des négociations, merci.' }, 60_000)
    const decide = (action: string) =>
      ctx.request('POST', `/v1/sites/${site.id}/comments/${created.id}/${action}`, {
        body: {},
        token: site.moderatorKey,
      })
    expect((await decide('spam')).status).toBe(200)
    const afterSpam = await revision()
    expect((await decide('approve')).status).toBe(200)
    expect(await revision()).toBe(afterSpam + 1)
  })

  it('holds none of the counts an erasure took back, whichever process had read them', async () => {
    const site = await ctx.newSite()
    const email = 'gwenaelle.kerbrat@example.org'
    const created = await ctx.submit(
      site,
      { author: { name: 'Gwenaëlle', email }, content: 'Kerbrat habite rue Kerjégu depuis trente ans.' },
      60_000,
    )
    const approved = await ctx.request('POST', `/v1/sites/${site.id}/comments/${created.id}/approve`, {
      body: {},
      token: site.moderatorKey,
    })
    expect(approved.status).toBe(200)
    const [row] = rowsOf<{ learned_tokens: string[] | null }>(
      await ctx.database.db.execute(sql`select learned_tokens from comments where id = ${created.id}`),
    )
    const tokens = row?.learned_tokens ?? []
    expect(tokens).toContain('kerbrat')
    const read = async (cache: ReturnType<typeof createLearnedCache>) => {
      const request = cache.request(site.id, tokens)
      return (await readContext(ctx.database.db, submission(site), defaultPolicy, { cache, request })).learned
    }
    // Another process, which judged a comment by these words before the erasure.
    const warm = createLearnedCache()
    expect((await read(warm)).site.tokens.get('kerbrat')).toEqual({ spam: 0, ham: 1 })

    const erased = await ctx.request('POST', `/v1/sites/${site.id}/privacy/erase`, {
      body: { email },
      token: site.serverKey,
    })
    expect(erased.status).toBe(200)
    const after = await read(warm)
    expect(after.site).toEqual({ spamMessages: 0, hamMessages: 0, tokens: new Map() })
    // The server's corpus keeps what other comments taught it, and only that: as a process starting now reads it.
    expect(after.server).toEqual((await read(createLearnedCache())).server)
    expect(after.server.tokens.has('kerbrat')).toBe(false)
  })
})

describe('the learned cache, between two reads', () => {
  const corpora = (revision: number) => [['site', 10, 20, revision] as [string, number, number, number]]
  const rows = (revision: number, spam: number) => ({
    siteTokens: [['casino', spam, 1] as [string, number, number]],
    serverTokens: [],
    corpora: corpora(revision),
  })

  it('keeps what the newer of two racing reads brought back, and lets the older one use its own', () => {
    const cache = createLearnedCache()
    cache.model(cache.request('site', ['casino']), rows(4, 7))
    const older = cache.request('site', ['casino', 'fresh'])
    const newer = cache.request('site', ['casino', 'fresh'])
    expect(newer.site.missing).toEqual(['fresh'])
    // The corpus moved on to revision 5 between the two plans and their answers; the newer answer lands first.
    cache.model(newer, rows(5, 9))
    expect(cache.model(older, rows(4, 7)).site.tokens.get('casino')).toEqual({ spam: 7, ham: 1 })
    expect(cache.request('site', ['casino']).site).toMatchObject({ revision: 5, missing: [] })
    expect(
      cache
        .model(cache.request('site', ['casino']), { ...rows(5, 9), siteTokens: [] })
        .site.tokens.get('casino'),
    ).toEqual({
      spam: 9,
      ham: 1,
    })
  })
})
