import { describe, expect, it } from 'vitest'
import { contactNumber } from '../../../src/spam/rules/content/contact-number.js'
import { contextOf } from './context.js'

const evaluate = (content: string, name?: string) => contactNumber.evaluate(contextOf(content, name))

describe('contact-number', () => {
  it('weighs 1.5 points for a number alone and twice that next to a messenger', () => {
    expect(contactNumber.id).toBe('contact-number')
    expect(contactNumber.weight).toBe(1.5)
  })

  describe('a phone number alone: factor 1', () => {
    it.each([
      ['a French mobile in pairs', 'Tél : 06 12 34 56 78', '06 12 34 56 78'],
      [
        'an international number',
        'Grand marabout, résultats garantis. Tél : +229 97 55 01 23',
        '+229 97 55 01 23',
      ],
      ['a US number with its area code in brackets', 'Call (929) 555-0134 today', '(929) 555-0134'],
      ['a number written without spaces', 'appelez le 0612345678', '0612345678'],
      ['dots between the digits', 'mon numéro 06.12.34.56.78', '06.12.34.56.78'],
    ])('%s', (_, content, number) => {
      const finding = evaluate(content)
      expect(finding).toEqual({ detail: `Gives a phone number: “${number}”.` })
    })
  })

  describe('a number or a handle next to a messenger: factor 2', () => {
    it.each([
      ['WhatsApp before the number', 'Reach her on WhatsApp +1 (929) 555-0134.', 'whatsapp'],
      ['WhatsApp after it', 'Écrivez au +33 6 55 55 01 23 sur WhatsApp', 'whatsapp'],
      ['Telegram and a handle', 'Rejoignez notre canal Telegram @PronosVIP et gagnez', 'telegram'],
      ['Telegram spelt the French way', 'Son Télégram : @OlivierGarnierTrade', 'télégram'],
      ['Signal', 'Signal: +44 7700 900123', 'signal'],
      ['WeChat', 'add my wechat 138 0013 8000', 'wechat'],
      ['Viber', 'Viber +380 67 123 4567', 'viber'],
      ['"contact me"', 'For fast help contact me +1 404 555 0199', 'contact me'],
      ['Russian', 'Пишите в телеграм +7 912 345 67 89', 'телеграм'],
      ['Chinese (no spaces around the name)', '加我微信13800138000', '微信'],
      ['an unbroken number, not phone-shaped alone, next to WhatsApp', 'whatsapp 9876543210', 'whatsapp'],
    ])('%s', (_, content, messenger) => {
      const finding = evaluate(content)
      expect(finding?.factor).toBe(2)
      expect(finding?.detail).toContain(`“${messenger}”`)
    })

    it.each([
      ['t.me', 'Join us: https://t.me/pronos_vip', 't.me/pronos_vip'],
      ['wa.me', 'wa.me/33655550123 for details', 'wa.me/33655550123'],
    ])('a %s link, which opens a chat by itself', (_, content, link) => {
      expect(evaluate(content)).toEqual({
        detail: `Gives a messenger link to be contacted on: “${link}”.`,
        factor: 2,
      })
    })

    it('behind the text of an HTML link too', () => {
      expect(evaluate('<a href="https://t.me/pronos_vip">rejoignez-nous</a>')).toEqual({
        detail: 'Gives a messenger link to be contacted on: “https://t.me/pronos_vip”.',
        factor: 2,
      })
    })

    it('reads the author name too', () => {
      expect(evaluate('Great article, thanks', 'WhatsApp +1 (929) 555-0134')?.factor).toBe(2)
    })
  })

  describe('sees through disguises', () => {
    it.each([
      ['styled digits', 'WhatsApp +𝟷 𝟺𝟶𝟶 𝟻𝟻𝟻 𝟶𝟷𝟹𝟺'],
      ['full-width digits and plus', 'WhatsApp ＋１ ４０４ ５５５ ０１９９'],
      ['small capitals', 'ᴡʜᴀᴛꜱᴀᴘᴘ +1 404 555 0199'],
      ['crosses between the groups', 'whatsapp ✙1 ✙404 ✙555 ✙0199'],
      ['heavy plus signs', 'whatsapp ➕1 404 555 0199'],
      ['the letter O for zero', 'WhatsApp +1 4O4 555 O199'],
      ['one digit at a time', 'WhatsApp + 1 4 0 4 5 5 5 0 1 9 9'],
      ['dashes and dots', 'WhatsApp: 1-404-555.0199'],
    ])('%s', (_, content) => {
      expect(evaluate(content)?.factor).toBe(2)
    })
  })

  describe('stays quiet on the numbers readers write', () => {
    it.each([
      ['ages and ratios', 'Travailler jusqu’à 64 ans avec 1,7 actif par retraité, c’est intenable.'],
      ['years', 'Depuis 2014, 2015, 2016, 2017 et 2018 rien n’a changé.'],
      ['a list of years separated by dashes', 'Les saisons 2019 - 2020 - 2021 ont été catastrophiques.'],
      ['a date', 'Rendez-vous le 12/11/2025 à 14h30.'],
      ['dates in a range', 'Du 01.02.2024 au 15.03.2024'],
      ['prices', 'Un loyer de 1 250 € pour 20 m², et 2 000 000 € pour un appartement.'],
      ['a price before the number', 'Le budget est de $ 1 234 567 890.'],
      ['percentages', 'Une hausse de 12 345 678 %'],
      ['a population with thousand separators', 'La planète compte 8 100 000 000 habitants.'],
      ['a population with dots', 'Il y a 8.100.000.000 humains.'],
      ['a decimal with many digits', 'Pi vaut 3.14159265358979 environ.'],
      ['a big unbroken statistic', 'Le déficit atteint 154000000000 euros'],
      ['scores', 'PSG - OM 3-1 (2-0), puis 1-1 au retour, et 4-2 en coupe.'],
      ['an ISBN', 'Le livre : ISBN 978-2-07-036822-8'],
      ['an order number', 'Commande n° 123 456 789 toujours pas livrée'],
      ['a reference glued to letters', 'Le vol AF1234567890 était en retard.'],
      ['the digits of a cited link', 'Source : https://www.lemonde.fr/article/2024/05/12/123456789.html'],
      ['an e-mail address with digits', 'Écrivez à jean.dupont1234567890@example.fr'],
      ['a reply to a reader', '@Gérard je comprends, mais le système ne tient plus.'],
      ['a reader quoting a helpline number in four digits', 'Appelez le 3919, c’est gratuit et anonyme.'],
      ['"signal" as a word next to a reply', '@Martine c’est un signal fort envoyé aux marchés.'],
      ['a telegram, the word, before an account', 'Télégramme : @archives_diplo'],
      ['Russian with a year', 'Это уже было в 2014 году, 25 000 человек.'],
      ['Korean', '2024년 12월 3일 계엄령 선포, 국민 5100만 명'],
    ])('%s', (_, content) => {
      expect(evaluate(content)).toBeNull()
    })
  })
})
