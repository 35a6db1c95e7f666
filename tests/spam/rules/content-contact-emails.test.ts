import { describe, expect, it } from 'vitest'
import { contactNumber } from '../../../src/spam/rules/content/contact-number.js'
import { assessReaderComment } from '../reader-comment.js'
import { contextOf } from './context.js'

const evaluate = (content: string) => contactNumber.evaluate(contextOf(content))

/**
 * Recovery, loan and spell-casting spam gives a webmail address as often as a phone number ("Contact him on
 * drituaherbalcenter@gmail.com"); a reader passes on a public body's address, or rarely leaves their own.
 */
describe('contact-number: an e-mail address to be contacted at', () => {
  it.each([
    ['Contact him on drituaherbalcenter@gmail.com', 'drituaherbalcenter@gmail.com'],
    ['Écrivez-lui : hackerethique@protonmail.com', 'hackerethique@protonmail.com'],
    ['Contactez-moi par mail : laurence.petit.pret@gmail.com', 'laurence.petit.pret@gmail.com'],
    ['Email: trustgeekshackexpert@fastservice.com', 'trustgeekshackexpert@fastservice.com'],
    ['Kontakt: kredit.privat@gmail.com', 'kredit.privat@gmail.com'],
    ['Escríbele a recuperacion.cripto@gmail.com', 'recuperacion.cripto@gmail.com'],
    ['Contacto: hackerrecoverypro@gmail.com', 'hackerrecoverypro@gmail.com'],
    ['Пишите на почту zaim.bystro@mail.ru', 'zaim.bystro@mail.ru'],
    // Written so that no address is recognised.
    ['Reach them at wizardwebrecovery(at)programmer(dot)net', 'wizardwebrecovery@programmer.net'],
    ['You can contact them via email alphaspynest @ consultant . com', 'alphaspynest@consultant.com'],
    ['write to him: recoverypro at gmail dot com', 'recoverypro@gmail.com'],
    // Spelt out in the words of other languages.
    ['Son contact : claire.pret (arobase) gmail (point) com', 'claire.pret@gmail.com'],
    ['Su correo: martinrecupera arroba gmail punto com', 'martinrecupera@gmail.com'],
    ['Kontakt: klaus.hilfe [at] gmx [punkt] de', 'klaus.hilfe@gmx.de'],
    ['Пишите: zaim.bystro собака mail точка ru', 'zaim.bystro@mail.ru'],
  ])('counts in full when asked to write: %s', (content, address) => {
    const finding = evaluate(content)
    expect(finding?.detail).toContain(`“${address}”`)
    expect(finding?.factor).toBe(2)
  })

  it('counts for half a webmail address left without a word of contact', () => {
    const finding = evaluate('Thanks to Mrs Olivia my family is free. olivia.harper.fx@gmail.com')
    expect(finding?.detail).toContain('“olivia.harper.fx@gmail.com”')
    expect(finding?.factor).toBe(1)
  })

  it.each([
    // A public body's address, passed on.
    'Les victimes peuvent écrire à signal.arnaques@dgccrf.finances.gouv.fr, la DGCCRF répond.',
    'Email: consular.london@fco.gov.uk if you are stranded.',
    // A newsroom's or an organisation's own address, cited.
    'Contactez la rédaction à redaction@lemonde.fr pour signaler une erreur.',
    "Le communiqué de l'ONG (press@amnesty.org) dit le contraire.",
    // The word "at" between two words is English.
    'The ministers met at Geneva dot com bubble era rhetoric aside.',
    'She works at Google, not at Yandex.',
    'Le point com de la bulle internet, at point zero.',
  ])('leaves alone an address a reader cites: %s', (content) => {
    expect(evaluate(content)).toBeNull()
  })

  it('marks spam a recovery testimonial that ends on a webmail address', () => {
    const content =
      'I lost my bitcoin to a fake broker. This hacker helped me recover my lost bitcoin in 3 days. Contact him on cyberhackpro@gmail.com'
    expect(assessReaderComment(content).verdict).toBe('spam')
  })

  it('leaves approved a reader who gives their own address to other readers', () => {
    const content = "Si quelqu'un a des archives sur le camp de Gurs, je suis preneur : jean.dupuis@orange.fr"
    expect(assessReaderComment(content).verdict).toBe('approved')
  })
})

describe('contact-number: an address a reader says a scam came from', () => {
  it.each([
    "J'ai reçu un mail de securite.ants@gmail.com me demandant de payer 45 euros d'amende, c'est une arnaque.",
    'My mother got an email from irs.refund.dept@outlook.com last week asking for her bank details.',
    'Le prétendu avocat écrit depuis maitre.durand.avocat@gmail.com, ne répondez pas.',
    "J'ai été contacté par conseiller.ameli@gmail.com, évidemment un faux.",
    'Мне пришло письмо с адреса support-gosuslugi@mail.ru, это мошенники.',
  ])('is not asked to be written to: %s', (content) => {
    expect(evaluate(content)?.factor ?? 1).toBe(1)
    expect(assessReaderComment(content).verdict).toBe('approved')
  })
})
