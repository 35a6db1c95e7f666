import { describe, expect, it } from 'vitest'
import { contactNumber } from '../../../src/spam/rules/content/contact-number.js'
import { contextOf } from './context.js'

const evaluate = (content: string) => contactNumber.evaluate(contextOf(content))

describe('contact-number: a number someone is to be called or texted on', () => {
  it.each([
    ['Le médium Sambou règle tous vos problèmes rapidement. Appelez le 06 12 34 56 78', '06 12 34 56 78'],
    ['Je vous le recommande, son numéro est le 00229 61 23 45 67', '00229 61 23 45 67'],
    ['Pour le contacter : 📞 06.12.34.56.78', '06.12.34.56.78'],
    ['Need urgent cash? Get instant approval today, text LOAN to 07452893110', '07452893110'],
    ['Composez le 01 86 55 12 34 pour débloquer votre compte', '01 86 55 12 34'],
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
    'Le texte de la loi n° 2023-270 du 14 avril 2023 a été promulgué en pleine nuit.',
    'The text of resolution 2334 (2016) is clear on the settlements.',
    'Appelez les choses par leur nom : 1 200 000 réfugiés en 2015, pas une « vague ».',
    'I call it what it is: 40 000 dead in Gaza since October 2023.',
  ])('leaves alone a reader who names a law, a resolution or a figure: %s', (content) => {
    expect(evaluate(content)).toBeNull()
  })
})
