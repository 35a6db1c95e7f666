import { describe, expect, it } from 'vitest'
import { aComment, useTestApp } from '../helpers/app.js'

// A copy is the same text to the reader: characters that draw nothing (variation selectors, the combining
// grapheme joiner, Hangul fillers, Mongolian and Khmer format marks, tags) or draw a blank like a space (the
// Braille blank) must not make it a new one, neither for the duplicate rule nor for the re-post refusal.

const ctx = useTestApp()

const text = 'Je trouve que cet article explique très bien la situation des retraités.'

const disguises: [string, string][] = [
  ['a combining grapheme joiner', text.replace('article', 'art\u034Ficle')],
  ['a variation selector', text.replace('article', 'art\uFE00icle')],
  ['a supplementary variation selector', text.replace('article', 'art\u{E0100}icle')],
  ['a Hangul filler', text.replace('article', 'art\u3164icle')],
  ['a Khmer inherent vowel', text.replace('article', 'art\u17B4icle')],
  ['a Mongolian variation selector', text.replace('article', 'art\u180Bicle')],
  ['a Braille blank for a space', text.replace(' cet ', ' \u2800cet ')],
]

describe('a copy with an invisible character slipped in', () => {
  it.each(disguises)('with %s is counted as the same text', async (_, copy) => {
    const site = await ctx.newSite()
    await ctx.submit(site, { content: text, ip: '203.0.113.1' })
    const answer = await ctx.submit(site, { content: copy, ip: '203.0.113.2' })
    expect(answer.reasons.map((reason: { rule: string }) => reason.rule)).toContain('duplicate')
    expect(answer.status).toBe('pending')
  })

  it.each(disguises)('with %s, sent again by its reader, is a re-post', async (_, copy) => {
    const site = await ctx.newSite()
    const comment = aComment({ content: text })
    const post = (body: unknown) =>
      ctx.request('POST', `/v1/sites/${site.id}/comments`, { body, token: null, peer: '198.51.100.9' })
    expect((await post(comment)).status).toBe(201)
    ctx.clock.advance(60_000)
    expect((await post({ ...comment, content: copy })).status).toBe(409)
  })
})
