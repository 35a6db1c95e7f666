import { describe, expect, it } from 'vitest'
import { defaultPolicy, PolicyPatchSchema, resolvePolicy, resolveSettings } from '../../src/spam/policy.js'

describe('resolvePolicy', () => {
  it.each([
    ['undefined', undefined],
    ['null', null],
    ['an empty object', {}],
  ])('gives the default policy for %s', (_, stored) => {
    expect(resolvePolicy(stored)).toEqual(defaultPolicy)
  })

  it('has the documented defaults', () => {
    expect(defaultPolicy).toEqual({
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

  it('fills what the site did not override with the defaults', () => {
    expect(resolvePolicy({ maxLinks: 5, blockedTerms: ['casino'], language: 'fra' })).toEqual({
      ...defaultPolicy,
      maxLinks: 5,
      blockedTerms: ['casino'],
      language: 'fra',
    })
  })

  it("reads a site's settings once: the same stored object gives the same policy, and its term lists with it", () => {
    const settings = { blockedTerms: ['casino'], heldTerms: ['crypto'] }
    const first = resolvePolicy(settings)
    expect(resolvePolicy(settings)).toBe(first)
    // A change is a new settings object (updateSitePolicy writes one), read anew.
    const changed = resolvePolicy({ ...settings, blockedTerms: ['viagra'] })
    expect(changed).not.toBe(first)
    expect(changed.blockedTerms).toEqual(['viagra'])
  })

  it('takes stored thresholds and weights as a whole', () => {
    expect(resolvePolicy({ thresholds: { hold: 1, spam: 2 } }).thresholds).toEqual({ hold: 1, spam: 2 })
    expect(resolvePolicy({ weights: { 'all-caps': 0 } }).weights).toEqual({ 'all-caps': 0 })
  })

  it.each([
    ['a string', 'moderation=all'],
    ['an array', ['casino']],
    ['a number', 42],
    ['an out-of-range maxLinks', { maxLinks: -1 }],
    ['an unknown moderation mode', { moderation: 'none' }],
    ['a hold threshold above the spam one', { thresholds: { hold: 20, spam: 10 } }],
    ['a blocked term that is not text', { blockedTerms: [42] }],
    ['a weight for a rule that does not exist', { weights: { 'no-such-rule': 3 } }],
    ['a language that is not an ISO 639-3 code', { language: 'fr' }],
    ['an unknown setting', { akismetKey: 'abc' }],
  ])('ignores stored overrides that are %s', (_, stored) => {
    expect(resolvePolicy(stored)).toEqual(defaultPolicy)
  })

  // One stale or invalid override must not silently switch off a site's other choices (its blocked terms, say):
  // only the invalid override falls back to its default.
  it.each([
    ['an invalid maxLinks', { blockedTerms: ['casino'], maxLinks: -1 }],
    ['a setting this version no longer knows', { blockedTerms: ['casino'], akismetKey: 'abc' }],
    ['an invalid weight', { blockedTerms: ['casino'], weights: { links: 999 } }],
  ])('keeps the valid overrides when the site also stored %s', (_, stored) => {
    expect(resolvePolicy(stored).blockedTerms).toEqual(['casino'])
  })

  // An upgrade may retire a rule a site weighs, or tighten a limit: the stored map or list keeps what still holds.
  it('drops only the weights this version does not know or no longer accepts', () => {
    const stored = { weights: { 'retired-rule': 2, 'all-caps': 0, links: 999 } }
    expect(resolvePolicy(stored).weights).toEqual({ 'all-caps': 0 })
  })

  it('drops a stored weight that turns a rule against its purpose, and keeps the rest', () => {
    const stored = { weights: { links: -3, 'trusted-author': 2, learned: -1, duplicate: 5, 'all-caps': 0 } }
    expect(resolvePolicy(stored).weights).toEqual({ duplicate: 5, 'all-caps': 0 })
  })

  it('drops only the terms that no longer validate from a term list', () => {
    const stored = { blockedTerms: ['casino', 42, 'x'.repeat(101), ' viagra '], heldTerms: ['loterie', ''] }
    const policy = resolvePolicy(stored)
    expect(policy.blockedTerms).toEqual(['casino', 'viagra'])
    expect(policy.heldTerms).toEqual(['loterie'])
  })

  // Invisible characters are read out of comments (a zero-width space hides "ca\u200Bsino"): such a term would be
  // shown as in force and never match anything. Checked when written: a stored one is left alone (it matches
  // nothing either way), so reading settings costs no check of every term.
  it('refuses a term with nothing a comment could be found to contain', () => {
    const refused = PolicyPatchSchema.safeParse({
      blockedTerms: ['casino', '\u200B', '\u00AD\u200D'],
      heldTerms: ['\u3164', '\uFFA0\u115F', 'ㅤcasino'],
    })
    expect(refused.error?.issues.map((issue) => issue.path.join('.'))).toEqual([
      'blockedTerms.1',
      'blockedTerms.2',
      'heldTerms.0',
      'heldTerms.1',
    ])
    expect(PolicyPatchSchema.safeParse({ heldTerms: ['ａ', '*', '카지노', '—'] }).success).toBe(true)
  })

  it('refuses a term of accents alone, which every text has composed with a letter', () => {
    const refused = PolicyPatchSchema.safeParse({ blockedTerms: ['\u0301', ' \u0301\u0308 ', 'e\u0301'] })
    expect(refused.error?.issues.map((issue) => issue.path.join('.'))).toEqual([
      'blockedTerms.0',
      'blockedTerms.1',
    ])
  })

  it('refuses a * that would look like a wildcard and match nothing: a suffix, or a prefix of one character', () => {
    const refused = PolicyPatchSchema.safeParse({
      blockedTerms: ['*casino', '**casino', 'a*', '도*'],
      heldTerms: ['мо*', '도박*', 'f*ck', '*', 'ab*cd', 'prêt entre particu*', 'e-*'],
    })
    expect(refused.error?.issues.map((issue) => [issue.path.join('.'), issue.message.slice(0, 24)])).toEqual([
      ['blockedTerms.0', 'must not start with *: `'],
      ['blockedTerms.1', 'must not start with *: `'],
      ['blockedTerms.2', 'needs at least two chara'],
      ['blockedTerms.3', 'needs at least two chara'],
    ])
  })

  it('takes the default of the one threshold that no longer validates, and keeps the other', () => {
    expect(resolvePolicy({ thresholds: { hold: 3, spam: 999 } }).thresholds).toEqual({ hold: 3, spam: 5 })
    expect(resolvePolicy({ thresholds: { hold: -999, spam: 8 } }).thresholds).toEqual({ hold: 2, spam: 8 })
  })

  it('falls back to both default thresholds when the one kept would be above the other default', () => {
    // hold 7 with the default spam 5 would mark as spam what the site meant to hold, and hold nothing.
    expect(resolvePolicy({ thresholds: { hold: 7, spam: 999 } }).thresholds).toEqual(defaultPolicy.thresholds)
    expect(resolvePolicy({ thresholds: { hold: 'x', spam: 1 } }).thresholds).toEqual(defaultPolicy.thresholds)
  })

  it('names every stored override it leaves out, and nothing when all of them hold', () => {
    expect(resolveSettings({ maxLinks: 5, weights: { links: 3 } }).dropped).toEqual([])
    const stored = {
      maxLinks: -1,
      akismetKey: 'abc',
      weights: { 'retired-rule': 2, links: 3 },
      blockedTerms: ['casino', 42],
      thresholds: { hold: 7, spam: 999 },
    }
    const { policy, dropped } = resolveSettings(stored)
    expect(policy).toEqual({ ...defaultPolicy, weights: { links: 3 }, blockedTerms: ['casino'] })
    expect(dropped).toEqual([
      'maxLinks',
      'akismetKey',
      'weights.retired-rule',
      'blockedTerms.1',
      'thresholds.spam',
      'thresholds',
    ])
  })
})
