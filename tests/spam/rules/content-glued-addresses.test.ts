import { describe, expect, it } from 'vitest'
import { spamPhrases } from '../../../src/spam/rules/content/spam-phrases.js'
import { proseOf } from '../../../src/spam/rules/content/text.js'
import { assessReaderComment } from '../reader-comment.js'
import { contextOf } from './context.js'

/**
 * Chinese, Japanese and Korean write a link, an e-mail address or a handle glued to the sentence around it. The
 * prose the content rules read leaves the address out and keeps the sentence: read up to the nearest spaces, the
 * whole sentence went out with the address, and with it every phrase the rules look for.
 */
const proseText = (content: string) => proseOf(contextOf(content).text).text

describe('an address glued to a Chinese, Japanese or Korean sentence', () => {
  it.each([
    ['Chinese, a link', '兼职日结，详情见http://x.cn/job', '兼职日结,详情见 '],
    ['Japanese, a link and the particle after it', '詳しくはhttps://x.jp/aまで', '詳しくは まで'],
    ['Korean, an e-mail address', '제보는기자@hani.co.kr로 보내주세요', '제보는기자 로 보내주세요'],
  ])('%s: only the address is left out of the prose', (_, content, prose) => {
    expect(proseText(content)).toBe(prose)
  })

  it('leaves the phrases of the sentence to be read', () => {
    expect(spamPhrases.evaluate(contextOf('兼职日结，详情见http://x.cn/job'))?.detail).toContain('“兼职日结”')
  })

  it('still reads a Latin address up to the spaces around it', () => {
    expect(proseText('Lire https://www.lemonde.fr/international/ ici')).toBe('Lire   ici')
    expect(proseText('Écrire à camille.dupont@exemple.fr demain')).toBe('Écrire à   demain')
  })

  it('keeps a reader citing a source in Japanese approved', () => {
    expect(
      assessReaderComment('NHKの報道(https://www3.nhk.or.jp/news/)によると、停戦交渉は続いている').verdict,
    ).toBe('approved')
  })
})
