import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { sites } from '../../src/db/schema.js'
import { createLogger } from '../../src/logger.js'
import { keyHashes } from '../../src/sites/key-hashes.js'
import { createKey } from '../../src/sites/keys.js'
import { ADMIN_TOKEN, aComment, type Body, expectStatus, json, useTestApp } from '../helpers/app.js'

/** Keys as the test app stores them: it is given no KEY_HASH_SECRET. */
const plainHashes = { keyHashes: keyHashes(undefined) }

const ctx = useTestApp()

describe('sites', () => {
  it('are created by the admin with the given id, name, url and allowed origins', async () => {
    const body = {
      id: 'le-monde-diplo',
      name: 'Le Monde diplomatique',
      url: 'https://www.monde-diplomatique.fr',
      allowedOrigins: ['https://www.monde-diplomatique.fr'],
    }
    const created = await json(expectStatus(ctx.request('POST', '/v1/sites', { body }), 201))
    expect(created).toMatchObject(body)
    expect(await json(ctx.request('GET', '/v1/sites/le-monde-diplo'))).toMatchObject(body)
  })

  it('refuse a field the route does not take, naming it, rather than drop it unseen', async () => {
    // Settings are a PATCH of their own: sent here, they would have been ignored and the site left on defaults.
    const body = { id: 'with-settings', name: 'x', settings: { moderation: 'all' } }
    const refused = await json(expectStatus(ctx.request('POST', '/v1/sites', { body }), 400))
    expect(refused).toMatchObject({
      detail: 'Invalid settings.',
      errors: [{ path: 'settings', message: 'is not a field of this request' }],
    })
    const site = await ctx.newSite()
    const path = `/v1/sites/${site.id}/settings`
    const unknown = await json(expectStatus(ctx.request('PATCH', path, { body: { colour: 'red' } }), 400))
    expect(unknown.errors).toEqual([{ path: 'colour', message: 'is not a field of this request' }])
    const nested = ctx.request('PATCH', path, { body: { thresholds: { hold: 2, spam: 5, discard: 9 } } })
    expect((await json(expectStatus(nested, 400))).errors).toEqual([
      { path: 'thresholds.discard', message: 'is not a field of this request' },
    ])
    // A body that is not an object is the body's fault, named as such.
    const list = ctx.request('PATCH', path, {
      rawBody: '[]',
      headers: { 'content-type': 'application/json' },
    })
    expect((await json(expectStatus(list, 400))).errors).toEqual([expect.objectContaining({ path: 'body' })])
  })

  it('refuse a duplicate id with 409', async () => {
    const body = { id: 'twice', name: 'Twice' }
    await expectStatus(ctx.request('POST', '/v1/sites', { body }), 201)
    const response = await ctx.request('POST', '/v1/sites', { body })
    expect(response.status).toBe(409)
    expect((await json(response)).type).toBe('urn:vigil:problem:conflict')
  })

  it.each(['', 'Upper', 'with space', 'a'.repeat(65), 'é'])(
    'refuse the id %j with 400 naming id',
    async (id) => {
      const response = await ctx.request('POST', '/v1/sites', { body: { id, name: 'x' } })
      expect(response.status).toBe(400)
      expect((await json(response)).errors).toEqual([expect.objectContaining({ path: 'id' })])
    },
  )

  it('may only be created by the admin', async () => {
    const site = await ctx.newSite()
    expect(
      (await ctx.request('POST', '/v1/sites', { body: { id: 'x1', name: 'x' }, token: null })).status,
    ).toBe(401)
    for (const token of [site.moderatorKey, site.serverKey]) {
      expect((await ctx.request('POST', '/v1/sites', { body: { id: 'x2', name: 'x' }, token })).status).toBe(
        403,
      )
    }
  })

  it('are listed by id with a cursor', async () => {
    for (const id of ['list-a', 'list-b', 'list-c']) {
      await expectStatus(ctx.request('POST', '/v1/sites', { body: { id, name: id } }), 201)
    }
    const seen: string[] = []
    let cursor: string | null = ''
    while (cursor !== null) {
      const page: Body = await json(
        ctx.request('GET', `/v1/sites?limit=2${cursor ? `&cursor=${cursor}` : ''}`),
      )
      seen.push(...page.items.map((site: { id: string }) => site.id))
      cursor = page.nextCursor
    }
    expect(seen).toEqual([...seen].sort())
    expect(seen).toEqual(expect.arrayContaining(['list-a', 'list-b', 'list-c']))
  })

  it('take `limit=` and `cursor=` left blank as the first page at the default size', async () => {
    const blank = await json(expectStatus(ctx.request('GET', '/v1/sites?limit=&cursor='), 200))
    const omitted = await json(ctx.request('GET', '/v1/sites'))
    expect(blank).toEqual(omitted)
  })
})

describe('keys', () => {
  it('a server key is exactly 12 lowercase letters and digits; a moderator key is longer', async () => {
    const site = await ctx.newSite()
    expect(site.serverKey).toMatch(/^[a-z0-9]{12}$/)
    expect(site.moderatorKey).toMatch(/^vgm_[a-z0-9]{40}$/)
  })

  it('are listed without the key itself', async () => {
    const site = await ctx.newSite()
    const { items } = await json(ctx.request('GET', `/v1/sites/${site.id}/keys`))
    expect(items.map((key: { role: string }) => key.role).sort()).toEqual(['moderator', 'server'])
    expect(JSON.stringify(items)).not.toContain(site.serverKey)
    expect(JSON.stringify(items)).not.toContain(site.moderatorKey)
  })

  it('stop working once revoked, and revoking again changes nothing', async () => {
    const site = await ctx.newSite()
    const { items } = await json(ctx.request('GET', `/v1/sites/${site.id}/keys`))
    const moderatorKey = items.find((key: { role: string }) => key.role === 'moderator')
    await expectStatus(ctx.request('GET', `/v1/sites/${site.id}/queue`, { token: site.moderatorKey }), 200)
    const revoked = await json(
      expectStatus(ctx.request('DELETE', `/v1/sites/${site.id}/keys/${moderatorKey.id}`), 200),
    )
    expect(revoked.revokedAt).toEqual(expect.any(String))
    const refused = await ctx.request('GET', `/v1/sites/${site.id}/queue`, { token: site.moderatorKey })
    expect(refused.status).toBe(401)
    expect(refused.headers.get('www-authenticate')).toBe('Bearer')
    const again = await json(
      expectStatus(ctx.request('DELETE', `/v1/sites/${site.id}/keys/${moderatorKey.id}`), 200),
    )
    expect(again.revokedAt).toBe(revoked.revokedAt)
  })

  it('of one site cannot be revoked through another', async () => {
    const [one, other] = [await ctx.newSite(), await ctx.newSite()]
    const { items } = await json(ctx.request('GET', `/v1/sites/${one.id}/keys`))
    expect((await ctx.request('DELETE', `/v1/sites/${other.id}/keys/${items[0].id}`)).status).toBe(404)
  })

  it('record when they were last used', async () => {
    const site = await ctx.newSite()
    await ctx.request('GET', `/v1/sites/${site.id}/queue`, { token: site.moderatorKey })
    const { items } = await json(ctx.request('GET', `/v1/sites/${site.id}/keys`))
    const used = items.find((key: { role: string }) => key.role === 'moderator')
    expect(used.lastUsedAt).toBe(ctx.clock.now().toISOString())
  })

  it('admin keys act as the admin until revoked', async () => {
    const created = await json(expectStatus(ctx.request('POST', '/v1/keys', { body: { label: 'ops' } }), 201))
    expect(created).toMatchObject({
      role: 'admin',
      siteId: null,
      label: 'ops',
      key: expect.stringMatching(/^vga_/),
    })
    await expectStatus(
      ctx.request('POST', '/v1/sites', { body: { id: 'by-admin-key', name: 'x' }, token: created.key }),
      201,
    )
    await expectStatus(ctx.request('DELETE', `/v1/keys/${created.id}`), 200)
    expect((await ctx.request('GET', '/v1/sites', { token: created.key })).status).toBe(401)
  })
  it('admin keys need no body, nor an empty one sent as JSON, as client libraries send it', async () => {
    const bare = await json(expectStatus(ctx.request('POST', '/v1/keys'), 201))
    expect(bare).toMatchObject({ role: 'admin', label: null })
    const empty = ctx.request('POST', '/v1/keys', {
      rawBody: '',
      headers: { 'content-type': 'application/json' },
    })
    expect(await json(expectStatus(empty, 201))).toMatchObject({ role: 'admin', label: null })
  })

  it('a moderator or server key without a site is refused, never taken for an admin key', async () => {
    for (const role of ['moderator', 'server'] as const) {
      // Only a bug or a hand-made row could give one: the API always binds them to a site.
      const { secret } = await createKey(ctx.database.db, ctx.clock, plainHashes, { siteId: null, role })
      for (const [method, path, body] of [
        ['GET', '/v1/sites', undefined],
        ['POST', '/v1/sites', { id: `siteless-${role}`, name: 'x' }],
        ['POST', '/v1/keys', {}],
      ] as const) {
        const response = await ctx.request(method, path, { token: secret, body })
        expect(response.status, `${role} key on ${method} ${path}`).toBe(401)
        expect((await json(response)).type).toBe('urn:vigil:problem:unauthorized')
      }
    }
    expect((await ctx.request('GET', '/v1/sites/siteless-moderator')).status).toBe(404)
  })
})

describe('settings', () => {
  it('start from the defaults', async () => {
    const site = await ctx.newSite()
    expect(await json(ctx.request('GET', `/v1/sites/${site.id}/settings`))).toEqual({
      moderation: 'auto',
      maxLinks: 2,
      blockedTerms: [],
      heldTerms: [],
      thresholds: { hold: 2, spam: 5 },
      weights: {},
      trustCap: 6,
      language: null,
      learningMinMessages: 50,
      duplicateWindowHours: 24,
      floodIntervalSeconds: 15,
    })
  })

  it('change only what a PATCH sends, and take effect on the next comment', async () => {
    const site = await ctx.newSite()
    const patched = await json(
      ctx.request('PATCH', `/v1/sites/${site.id}/settings`, {
        body: { blockedTerms: ['casino'], moderation: 'all' },
      }),
    )
    expect(patched).toMatchObject({ blockedTerms: ['casino'], moderation: 'all', maxLinks: 2 })
    await json(ctx.request('PATCH', `/v1/sites/${site.id}/settings`, { body: { maxLinks: 5 } }))
    const now = await json(ctx.request('GET', `/v1/sites/${site.id}/settings`))
    expect(now).toMatchObject({ blockedTerms: ['casino'], moderation: 'all', maxLinks: 5 })

    const spam = await json(
      ctx.request('POST', `/v1/sites/${site.id}/comments`, {
        body: aComment({ content: 'Le meilleur CASINO en ligne' }),
        token: site.serverKey,
      }),
    )
    expect(spam.status).toBe('spam')
    const held = await json(
      ctx.request('POST', `/v1/sites/${site.id}/comments`, { body: aComment(), token: site.serverKey }),
    )
    expect(held).toMatchObject({
      status: 'pending',
      reasons: [expect.objectContaining({ rule: 'moderation-all' })],
    })
  })

  it('refuse a weight that turns a rule against its purpose, each named by its path', async () => {
    const site = await ctx.newSite()
    const path = `/v1/sites/${site.id}/settings`
    for (const [weights, field] of [
      // Negative, the learned model would approve what it is sure is spam.
      [{ learned: -4 }, 'weights.learned'],
      [{ learned: 50 }, 'weights.learned'],
      // A spam rule made negative would count what it catches as trust; a trust rule made positive, punish.
      [{ links: -2 }, 'weights.links'],
      [{ 'trusted-author': 3 }, 'weights.trusted-author'],
    ] as const) {
      const refused = await json(expectStatus(ctx.request('PATCH', path, { body: { weights } }), 400))
      expect(refused.errors).toEqual([expect.objectContaining({ path: field })])
    }
    // Sent as raw JSON, "__proto__" is a key of its own, refused like any other that is not a rule.
    await expectStatus(
      ctx.request('PATCH', path, {
        rawBody: '{"weights": {"__proto__": 5}}',
        headers: { 'content-type': 'application/json' },
      }),
      400,
    )
    // The document says so too: no other key than a rule's.
    const document = await json(ctx.request('GET', '/openapi.json', { token: null }))
    expect(document.components.schemas.ModerationPolicy.properties.weights.additionalProperties).toBe(false)
    const allowed = { learned: 1.5, links: 0, 'trusted-author': -6, duplicate: 4 }
    expect((await json(ctx.request('PATCH', path, { body: { weights: allowed } }))).weights).toEqual(allowed)
  })

  it('replace an object or a list a PATCH sends as a whole, as documented', async () => {
    const site = await ctx.newSite()
    const patch = (body: Body) => json(ctx.request('PATCH', `/v1/sites/${site.id}/settings`, { body }))
    await patch({ weights: { links: 3 }, heldTerms: ['casino', 'loterie'] })
    const now = await patch({ weights: { 'all-caps': 1 }, heldTerms: ['loterie'] })
    expect(now.weights).toEqual({ 'all-caps': 1 })
    expect(now.heldTerms).toEqual(['loterie'])
  })

  it('put a field a PATCH sends as null back to its default, no longer pinned to a value (JSON Merge Patch)', async () => {
    const site = await ctx.newSite()
    const path = `/v1/sites/${site.id}/settings`
    const patch = (body: Body) => json(expectStatus(ctx.request('PATCH', path, { body }), 200))
    await patch({ maxLinks: 5, thresholds: { hold: 3, spam: 6 }, weights: { links: 3 }, language: 'fra' })
    const reset = await patch({ maxLinks: null, thresholds: null, weights: null, language: null })
    expect(reset).toMatchObject({
      maxLinks: 2,
      thresholds: { hold: 2, spam: 5 },
      weights: {},
      language: null,
    })
    // Not stored as null either: the site keeps no override of them, so a new default would apply to it.
    const [row] = await ctx.database.db.select().from(sites).where(eq(sites.id, site.id))
    expect(row?.settings).toEqual({})
  })

  // Two lists of 2 000 terms of 100 characters: of Korean, 1.2 MB in UTF-8, 2.4 MB as PHP's json_encode and Python's
  // json.dumps send it by default (every character beyond ASCII escaped, six bytes: \uCE74).
  it.each([
    ['Latin', 'x'],
    ['Korean', '카'],
  ])(
    'take both term lists at their documented maximum, in %s escaped, and a preview of them',
    async (_, letter) => {
      const site = await ctx.newSite()
      const terms = Array.from({ length: 2000 }, (_, i) => `${i}`.padEnd(100, letter))
      const settings = { blockedTerms: terms, heldTerms: terms.map((term) => `${term.slice(0, 99)}!`) }
      const escaped = (body: unknown) =>
        JSON.stringify(body).replace(
          /[^\0-\x7f]/g,
          (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
        )
      const changed = await json(
        expectStatus(
          ctx.request('PATCH', `/v1/sites/${site.id}/settings`, {
            rawBody: escaped(settings),
            headers: { 'content-type': 'application/json' },
          }),
          200,
        ),
      )
      expect([changed.blockedTerms, changed.heldTerms]).toEqual([settings.blockedTerms, settings.heldTerms])
      const preview = ctx.request('POST', `/v1/sites/${site.id}/policy/preview`, {
        rawBody: escaped({ settings }),
        headers: { 'content-type': 'application/json' },
      })
      await expectStatus(preview, 200)
    },
  )

  it('refuse a body over 4 MiB with 413', async () => {
    const site = await ctx.newSite()
    const heldTerms = Array.from({ length: 4200 }, () => 'x'.repeat(1000))
    const refused = ctx.request('PATCH', `/v1/sites/${site.id}/settings`, { body: { heldTerms } })
    expect((await json(expectStatus(refused, 413))).detail).toContain('4194304')
  })

  it('refuse a hold threshold above the spam threshold, and unknown fields', async () => {
    const site = await ctx.newSite()
    const inverted = await ctx.request('PATCH', `/v1/sites/${site.id}/settings`, {
      body: { thresholds: { hold: 8, spam: 3 } },
    })
    expect(inverted.status).toBe(400)
    expect((await json(inverted)).errors).toEqual([expect.objectContaining({ path: 'thresholds.hold' })])
    const unknown = await ctx.request('PATCH', `/v1/sites/${site.id}/settings`, { body: { colour: 'red' } })
    expect(unknown.status).toBe(400)
  })

  // Stored before an upgrade that retired a rule and tightened the thresholds' range: the rest still holds.
  it("show what is in force when a stored override no longer validates, the site's other choices kept", async () => {
    const site = await ctx.newSite()
    const settings = {
      blockedTerms: ['casino'],
      weights: { 'retired-rule': 4, links: 3 },
      thresholds: { hold: 3, spam: 999 },
    }
    await ctx.database.db.update(sites).set({ settings }).where(eq(sites.id, site.id))
    expect(await json(ctx.request('GET', `/v1/sites/${site.id}/settings`))).toMatchObject({
      blockedTerms: ['casino'],
      weights: { links: 3 },
      thresholds: { hold: 3, spam: 5 },
    })
    const spam = await ctx.submit(site, { content: 'Le meilleur casino en ligne' })
    expect(spam.status).toBe('spam')
  })

  it('log which stored overrides are not in force, by name', async () => {
    const site = await ctx.newSite()
    const settings = { blockedTerms: ['casino'], weights: { 'retired-rule': 4 } }
    await ctx.database.db.update(sites).set({ settings }).where(eq(sites.id, site.id))
    const lines: Body[] = []
    const logger = createLogger('debug', { write: (line: string) => void lines.push(JSON.parse(line)) })
    const config = loadConfig({ ADMIN_TOKEN, NODE_ENV: 'test' })
    const app = createApp({ db: ctx.database.db, config, clock: ctx.clock, logger })
    const headers = { authorization: `Bearer ${ADMIN_TOKEN}` }
    await expectStatus(app.request(`/v1/sites/${site.id}/settings`, { headers }), 200)
    expect(lines.filter((line) => line.msg !== 'request')).toEqual([
      expect.objectContaining({ level: 40, site: site.id, dropped: ['weights.retired-rule'] }),
    ])
  })

  it('are readable by the site moderators but changed only by the admin', async () => {
    const site = await ctx.newSite()
    await expectStatus(ctx.request('GET', `/v1/sites/${site.id}/settings`, { token: site.moderatorKey }), 200)
    const patch = { body: { maxLinks: 9 }, token: site.moderatorKey }
    expect((await ctx.request('PATCH', `/v1/sites/${site.id}/settings`, patch)).status).toBe(403)
  })
})
