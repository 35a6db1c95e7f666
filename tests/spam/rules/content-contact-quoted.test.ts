import { describe, expect, it } from 'vitest'
import { contactNumber } from '../../../src/spam/rules/content/contact-number.js'
import { assessReaderComment } from '../reader-comment.js'
import { contextOf } from './context.js'

/**
 * A reader who quotes the message a scammer sent them, to warn others, quotes its contact too: a number or a handle
 * that stands within one quotation with what introduces it is reported, not the writer's own.
 */
const evaluate = (content: string) => contactNumber.evaluate(contextOf(content))

describe('contact-number: a contact quoted with what introduces it is reported', () => {
  it.each([
    'Вот что мне прислали в Телеграме: «Займ без отказа, срочный займ за 5 минут, пишите @zaim_bystro». Заблокировал.',
    'J’ai reçu ce message : « Je suis trader certifié, contactez-moi sur Telegram @marc_invest ». Signalé aussitôt.',
    'The text my mother got said "Your parcel is held, message us on WhatsApp @dhl_help" and it is a scam.',
    'Mon voisin a reçu « Prêt rapide entre particuliers, WhatsApp +33 6 12 34 56 78 » et a failli payer.',
  ])('%s', (content) => {
    expect(evaluate(content)?.factor ?? 1).toBeLessThan(2)
  })

  it('still counts a bare phone number once, quoted or not', () => {
    expect(
      evaluate('Mon voisin a reçu « Prêt rapide entre particuliers, WhatsApp +33 6 12 34 56 78 ».'),
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
