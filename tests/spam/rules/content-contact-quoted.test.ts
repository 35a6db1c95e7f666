import { describe, expect, it } from 'vitest'
import { contactNumber } from '../../../src/spam/rules/content/contact-number.js'
import { assessReaderComment } from '../reader-comment.js'
import { contextOf } from './context.js'

/**
 * A reader who quotes the message a scammer sent them, to warn others, quotes its contact too: a number or a handle
 * that stands within one quotation with what introduces it, the quotation opened after a colon, is reported, not the
 * writer's own. Spam sets its contact off in quotation marks too, without that colon or right after its request.
 */
const evaluate = (content: string, name?: string) => contactNumber.evaluate(contextOf(content, name))

describe('contact-number: a contact quoted with what introduces it is reported', () => {
  it.each([
    'Вот что мне прислали в Телеграме: «Займ без отказа, срочный займ за 5 минут, пишите @zaim_bystro». Заблокировал.',
    'J’ai reçu ce message : « Je suis trader certifié, contactez-moi sur Telegram @marc_invest ». Signalé aussitôt.',
    'The text my mother got: "Your parcel is held, message us on WhatsApp @dhl_help". It is a scam.',
    'Mon voisin a reçu ce SMS : « Prêt rapide entre particuliers, WhatsApp +33 6 12 34 56 78 » et a failli payer.',
  ])('%s', (content) => {
    expect(evaluate(content)?.factor ?? 1).toBeLessThan(2)
  })

  it('still counts a bare phone number once, quoted or not', () => {
    expect(
      evaluate('Mon voisin a reçu ce SMS : « Prêt rapide entre particuliers, WhatsApp +33 6 12 34 56 78 ».'),
    ).toEqual({ detail: 'Gives a phone number: “+33 6 12 34 56 78”.' })
  })
})

describe('contact-number: quotation marks around part of an offer hide nothing', () => {
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
    [
      'a testimonial quoting a friend',
      'I was losing hope until a friend told me "contact Dr. Ojo on WhatsApp @drojo_spells, he brought my husband back". It worked!',
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

describe('a reader quoting a scam to warn others is held at worst, never marked spam', () => {
  it('the quoted offer, its handle and a screenshot link', () => {
    const assessment = assessReaderComment(
      'Вот скрин того, что мне прислали в Телеграме: «Займ без отказа и проверки, срочный займ за 5 минут, ' +
        'пишите @zaim_bystro». https://imgur.com/a/Qw7rT2z Заблокировал и пожаловался.',
    )
    expect(assessment.verdict).toBe('pending')
    expect(assessment.reasons.map((reason) => reason.rule)).not.toContain('contact-number')
  })
})
