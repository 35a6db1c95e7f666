import { describe, expect, it } from 'vitest'
import { contactNumber } from '../../../src/spam/rules/content/contact-number.js'
import { contextOf } from './context.js'

/** The fairness audit's false positives of contact-number, and the contact details the rule exists for. */
const evaluate = (content: string, name?: string) => contactNumber.evaluate(contextOf(content, name))

describe('contact-number: a reply to a reader is no handle', () => {
  it.each([
    '@Ivan la chaîne Telegram de Medvedev disait le contraire.',
    '@Олег, напишите, откуда эти цифры? Я не нашёл их у Росстата.',
    '@Tom you can call him a dictator, but he was elected twice.',
    '@Paul Macron a pris contact la semaine dernière avec Erdoğan, c’était dans tous les journaux.',
    "@Jean l'ambassade n'est plus joignable depuis hier soir.",
    '@Sophie WhatsApp et Telegram sont les seuls moyens de joindre nos proches à Gaza.',
    '@Marc voir mon commentaire plus haut sur WhatsApp.',
    'Viber est très utilisé en Ukraine, @Olga le confirmera.',
    'Источник — телеграм-канал Рыбарь, ему доверять нельзя. @Ivan вы серьёзно?',
  ])('%s', (content) => {
    expect(evaluate(content)).toBeNull()
  })

  it.each([
    ['contact me on telegram @cryptoexpert for the signals', '@cryptoexpert', 'telegram'],
    ['Telegram: @cryptoking', '@cryptoking', 'telegram'],
    ['Rejoignez notre canal Telegram @PronosVIP et gagnez', '@pronosvip', 'telegram'],
    ['Пишите мне в телеграм @ivan_invest', '@ivan_invest', 'телеграм'],
    ['Great analysis. WhatsApp 👉 @recovery_pro', '@recovery_pro', 'whatsapp'],
  ])('still catches a handle a messenger introduces: %s', (content, handle, messenger) => {
    expect(evaluate(content)).toEqual({
      detail: `Gives a messenger handle, “${handle}”, next to “${messenger}”.`,
      factor: 2,
    })
  })
})

describe('contact-number: talking about someone is not asking to be contacted', () => {
  it.each([
    ['call me', 'Investment advice: call me +1 404 555 0199'],
    ['contactez-moi', 'Prêt rapide, contactez-moi au 06 12 34 56 78'],
    ['je suis joignable', 'Je suis joignable au 06 12 34 56 78 tous les jours'],
    ['напишите мне', 'Напишите мне: +7 912 345 67 89'],
  ])('still doubles a number after %s', (_, content) => {
    expect(evaluate(content)?.factor).toBe(2)
  })

  it('doubles a number a third-person contact phrase gives, as testimonials write it', () => {
    expect(evaluate('Contact him at +1 404 555 0199 for the spells')).toEqual({
      detail: 'Gives a phone number to be contacted on, next to “contact him”: “+1 404 555 0199”.',
      factor: 2,
    })
  })

  it('counts a number a few words away from a third-person contact word once, as any number', () => {
    expect(evaluate('You can call him a liar, but the hotline he set up, +1 404 555 0199, works.')).toEqual({
      detail: 'Gives a phone number: “+1 404 555 0199”.',
    })
  })
})

describe('contact-number: big figures near a messenger or “signal” are no phone', () => {
  it.each([
    'Telegram channels are full of this stuff, 900 000 000 users and almost no moderation.',
    '微信月活跃用户超过1300000000，这才是真正的宣传工具。',
    "C'est un signal fort envoyé aux 450 000 000 citoyens européens.",
    'This sends a strong signal to 1 400 000 000 Chinese citizens.',
    'WhatsApp compte 2.000.000.000 d’utilisateurs dans le monde.',
  ])('%s', (content) => {
    expect(evaluate(content)).toBeNull()
  })

  it.each([
    ['an international number', 'WhatsApp +44 7911 123456', 2],
    ['a French mobile alone', 'Appelez le +33 6 12 34 56 78', 1],
    ['a national mobile in groups of three', 'whatsapp 612 345 678', 2],
    ['Signal right before a number', 'Signal: +44 7700 900123', 2],
    ['a Chinese mobile next to WeChat', '加我微信13800138000', 2],
  ])('still catches %s', (_, content, factor) => {
    expect(evaluate(content)?.factor ?? 1).toBe(factor)
    expect(evaluate(content)).not.toBeNull()
  })
})

describe('contact-number: dates are no phone', () => {
  it.each([
    'Mes deux grands-pères ont fait les guerres de 1914-18/1939-45, on n’oublie pas.',
    'Война 22.06.1941-9.05.1945 унесла 27 миллионов жизней советских людей.',
    'Wojna 1.09.1939 – 8.05.1945 zabiła sześć milionów obywateli Polski, o tym trzeba pamiętać.',
    'Les résolutions 242 (1967) 338 (1973) n’ont jamais été appliquées, c’est tout le problème.',
    'Première frappe signalée le 24/02/2022 05:00 heure de Kyiv, je m’en souviens très bien.',
    'Les sirènes ont retenti le 2022-02-24 05:00, heure de Kyiv.',
  ])('%s', (content) => {
    expect(evaluate(content)).toBeNull()
  })

  it('still reads a phone number written next to a date', () => {
    expect(evaluate('Offre valable jusqu’au 24/02/2026, appelez le 06 12 34 56 78')).toEqual({
      detail: 'Gives a phone number: “06 12 34 56 78”.',
    })
  })
})
