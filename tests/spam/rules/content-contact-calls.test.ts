import { describe, expect, it } from 'vitest'
import { contactNumber } from '../../../src/spam/rules/content/contact-number.js'
import { assessReaderComment } from '../reader-comment.js'
import { contextOf } from './context.js'

const evaluate = (content: string) => contactNumber.evaluate(contextOf(content))

describe('contact-number: a number to call now or text a keyword to', () => {
  it.each([
    ['Need urgent cash? Get instant approval today, text LOAN to 07452893110', '07452893110'],
    ['Refunds processed in minutes, call now +1 (361) 555-0127', '+1 (361) 555-0127'],
    ['Best rates in town, call us 0612345678', '0612345678'],
  ])('counts in full: %s', (content, number) => {
    const finding = evaluate(content)
    expect(finding?.detail).toContain(number)
    expect(finding?.factor).toBe(2)
  })

  it('reads a number written in keycaps as its digits', () => {
    const finding = evaluate('Need urgent cash? Text LOAN to 0️⃣7️⃣4️⃣5️⃣2️⃣8️⃣9️⃣3️⃣1️⃣1️⃣0️⃣')
    expect(finding?.detail).toContain('07452893110')
  })

  it.each([
    ['circled digits', 'Need a loan? Text LOAN to ➀➁➂ ➃➄➅ ➆➇➈➉', '123 456 78910'],
    ['negative circled digits', 'Besoin d’argent ? Appelez-moi au ⓿❻ ❶❷ ❸❹ ❺❻ ❼❽', '06 12 34 56 78'],
    ['circled digits after a heavy plus sign', 'WhatsApp ➕❶ ❾❷❾ ❺❺❺ ⓿❶❸❹', '+1 929 555 0134'],
    [
      'keycaps between heavy plus and minus signs',
      'Contact via WhatsApp: ➕1️⃣➖4️⃣0️⃣2️⃣➖5️⃣3️⃣1️⃣➖8️⃣8️⃣2️⃣7️⃣',
      '+1-402-531-8827',
    ],
  ])('reads a number written in %s as its digits', (_, content, number) => {
    expect(evaluate(content)?.detail).toContain(number)
  })

  it.each([
    'Trois raisons : ➀ la dette, ➁ l’armée, ➂ l’énergie.',
    'Les années ➀ 1914 ➁ 1939 ➂ 1945',
    'Les chiffres de l’INSEE : ❶ 2019 ❷ 2020 ❸ 2021, contactez-moi si vous voulez les sources',
  ])('leaves a list numbered with circled digits alone: %s', (content) => {
    expect(evaluate(content)).toBeNull()
  })

  it('reads a row of heavy plus signs as applause, not as signs', () => {
    expect(assessReaderComment('Bravo ➕➕➕➕➕➕➕➕➕➕➕➕➕➕').verdict).toBe('approved')
    expect(assessReaderComment('Bravo ➕➕➕➕➕➕➕➕➕➕➕➕➕➕').reasons).toEqual([])
  })
})

describe('contact-number: readers who quote a number or pass on a line', () => {
  it.each([
    'The text says 968 821 000 voters were registered in India in 2024, a world record.',
    'Im Text steht 968 821 000 Wähler, das ist die größte Wahl der Welt.',
    'I got a text from +44 7700 900123 claiming to be HMRC, do not answer.',
    "N'appelez pas le 08 99 25 66 31, c'est une arnaque au faux conseiller bancaire.",
    'They dial +7 495 123 45 67 from Moscow pretending to be the SBU.',
    "Son numéro est le 06 12 34 56 78 d'après la police, c'est l'escroc qui a vidé les comptes.",
    '📞 +33 6 12 34 56 78 — c’est le numéro de l’arnaque, ne rappelez pas.',
    'Si vous allez mal, appelez le 09 72 39 40 50 (SOS Amitié), ils répondent jour et nuit.',
    'Le texte de la loi n° 2023-270 du 14 avril 2023 a été promulgué en pleine nuit.',
  ])('are not held for it: %s', (content) => {
    expect(evaluate(content)?.factor ?? 1).toBe(1)
    expect(assessReaderComment(content).verdict).toBe('approved')
  })
})
