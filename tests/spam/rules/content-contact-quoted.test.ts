import { describe, expect, it } from 'vitest'
import { contactNumber } from '../../../src/spam/rules/content/contact-number.js'
import { contextOf } from './context.js'

/**
 * Spam sets its own contact off in quotation marks, for emphasis or as a friend's advice: a quoted contact still
 * counts. A reader quoting the message a scammer sent, handle included, is counted so too: the ways tried of
 * telling the two apart (any quotation; one opened after a colon) each let some of these through (README, 2026-12-08).
 */
const evaluate = (content: string, name?: string) => contactNumber.evaluate(contextOf(content, name))

describe('contact-number: quotation marks around an offer hide nothing', () => {
  it.each([
    ['Contact «Dr. Ojo» on WhatsApp @drojo_spells, he brought my husband back', '@drojo_spells', 'whatsapp'],
    ['Mon conseiller "Marc" est joignable sur Telegram @marc_invest', '@marc_invest', 'telegram'],
    ['Telegram: "@crypto_recovery_pro"', '@crypto_recovery_pro', 'telegram'],
  ])('a handle outside the quotation, or its introducer: %s', (content, handle, messenger) => {
    expect(evaluate(content)).toEqual({
      detail: `Gives a messenger handle, “${handle}”, next to “${messenger}”.`,
      factor: 2,
    })
  })

  it('a number whose messenger stands outside the quotation', () => {
    expect(evaluate('Mme Agathe m’a aidée. WhatsApp : « +33 7 89 45 12 63 »')?.factor).toBe(2)
  })

  it.each([
    ['set off without a colon', '兼职日赚500元，「微信 @abc12345」详聊'],
    ['set off in Korean', "먹튀 없는 안전 사이트 '텔레그램 @safe_toto' 문의"],
    ['after a label and a colon', '兼职日赚500元，联系方式：「微信 @abc12345」'],
    ['after a French label', 'Prêt entre particuliers rapide. Infos : « Telegram @pret_rapide »'],
    [
      'a testimonial quoting a friend',
      'I was losing hope until a friend told me: "contact Dr. Ojo on WhatsApp @drojo_spells, he brought my husband back". It worked!',
    ],
    ['after a request to be contacted and its colon', 'Contactez-moi : « Telegram @marc_invest »'],
    ['after a request in Russian', 'Займ без отказа за 5 минут! Пишите: «Телеграм @zaim_bystro»'],
    [
      'a stray inch mark pairing with a later quotation mark',
      'I bought a 65" TV with my profits: contact me on Telegram @marc_invest for the "secret" strategy.',
    ],
  ])('the whole offer quoted, %s', (_, content) => {
    expect(evaluate(content)?.factor).toBe(2)
  })

  it('a quotation mark in the author’s name opens nothing in the comment', () => {
    expect(evaluate('Contact me on Telegram @marc_invest for signals »', 'Marc : « Trader')?.factor).toBe(2)
  })
})
