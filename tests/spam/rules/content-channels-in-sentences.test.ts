import { describe, expect, it } from 'vitest'
import { contactNumber } from '../../../src/spam/rules/content/contact-number.js'
import { assessReaderComment } from '../reader-comment.js'
import { contextOf } from './context.js'

const evaluate = (content: string) => contactNumber.evaluate(contextOf(content))

/**
 * Readers of the war in Ukraine cite Telegram channels by their @names inside their sentences; spam gives its
 * handle as a clause of its own ("Il m'a tout récupéré, @recup_fonds sur Telegram") or asks to be written to.
 */
describe('contact-number: a channel named inside a sentence', () => {
  it.each([
    "Les cartes de @DeepStateUA sur Telegram sont plus fiables que celles de l'ISW, elles sont mises à jour chaque nuit.",
    'Même @rybar sur Telegram admet les pertes devant Vouhledar.',
    'The maps from @DeepStateUA on Telegram are updated nightly and far more reliable than the MoD briefings.',
    'Даже @rybar в телеграм признаёт потери под Угледаром.',
    'Le message de @DeepStateUA sur Telegram est clair : Pokrovsk est presque encerclée.',
  ])('counts for half and leaves the comment approved: %s', (content) => {
    expect(evaluate(content)?.factor).toBe(1)
    expect(assessReaderComment(content).verdict).toBe('approved')
  })

  it('is never what marks a comment on a spam trade spam', () => {
    const content =
      "Les chaînes pro-russes comme @rybar sur Telegram ont été prises à acheter des abonnés, c'est documenté par Viginum."
    expect(assessReaderComment(content).verdict).not.toBe('spam')
  })

  it.each([
    ['I lost my bitcoin. @AdamsRecovery on Telegram.', '@adamsrecovery'],
    ["Il m'a tout récupéré, @recup_fonds sur Telegram", '@recup_fonds'],
    ['Всё вернули, @vozvrat_help в телеграм', '@vozvrat_help'],
    // Inside a sentence, but the comment asks to be contacted.
    ['Contact @recovery_pro on Telegram for help with your lost funds', '@recovery_pro'],
    ['Message @loan_lady on Telegram today and get your loan', '@loan_lady'],
    ['Pour récupérer vos fonds écrivez à @recup_fonds sur Telegram sans attendre', '@recup_fonds'],
  ])('counts in full as a handle given to be contacted on: %s', (content, handle) => {
    const finding = evaluate(content)
    expect(finding?.detail).toContain(`“${handle}”`)
    expect(finding?.factor).toBe(2)
  })
})

describe("contact-number: a channel's link named as a source", () => {
  it.each([
    'La chaîne de Zelensky, t.me/V_Zelenskiy_official, publie les vidéos avant tout le monde.',
    'Même la chaîne pro-russe Rybar (https://t.me/rybar) reconnaît le recul à Koupiansk.',
    'По данным канала https://t.me/rybar фронт стабилизировался.',
  ])('is cited, not given to be contacted on: %s', (content) => {
    expect(evaluate(content)).toBeNull()
  })

  it.each([
    'Best crypto signals channel t.me/cryptosignals_pro 500% profit every week',
    'Pronostics sûrs à 95 % sur le canal t.me/pronos_surs_vip, gains chaque jour.',
    'Canal Telegram t.me/pret_rapide_france prêt entre particuliers sérieux',
    'Free VIP channel 👉 t.me/fixedmatches_vip 👈 100% sure odds',
    // The channel cited, and another chat given beside it.
    'La chaîne de Rybar, t.me/rybar, publie tout avant le ministère. <a href="https://t.me/rybar_crypto_signals">ici</a>',
    'Rejoignez notre chaîne t.me/pronos_vip pour des pronostics sûrs',
    'Ma chaîne https://t.me/crypto_signals_pro, écrivez-moi pour les signaux',
    'Gagnez 500 € par jour : t.me/gains_faciles',
  ])('is still a way to be reached when the comment invites or asks: %s', (content) => {
    expect(evaluate(content)?.factor).toBe(2)
  })
})
