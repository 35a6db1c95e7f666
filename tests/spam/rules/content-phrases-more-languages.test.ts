import { describe, expect, it } from 'vitest'
import { assessReaderComment } from '../reader-comment.js'
import { familyLabel, phrasesOf } from './context.js'

/**
 * Casino and loan spam in Spanish, Portuguese, German, Italian and Japanese, as a probe of 228 realistic spam
 * comments found it approved (2026-12-07), and the news on the same subjects, which stays approved: welcome
 * bonuses and casinos without a licence are what regulators ban, loans between private persons the scam the
 * news warns of. The offer shows itself by a promotional code, a first-person offer, or a way to be reached.
 */
describe('casino and loan offers in more languages', () => {
  it.each([
    [
      'gambling',
      'El mejor casino online de México, bono de bienvenida del 200% y retiros inmediatos. Regístrate con el código NOTICIA200.',
    ],
    [
      'gambling',
      'Online Casino ohne Limit und ohne Oasis, 150 % Willkommensbonus und Auszahlung in 10 Minuten. Code NEWS150',
    ],
    ['gambling', 'Bônus de 100% no primeiro depósito, use o código BONUS100 e saque na hora.'],
    [
      'gambling',
      'オンラインカジノで毎日稼いでます！初回入金ボーナス100%、出金も早い。詳しくはプロフのリンクから👆',
    ],
    ['loans', 'Offro prestiti tra privati da 2.000 a 500.000 euro a tasso del 2%.'],
    ['loans', 'Privatkredit ohne Schufa, schnell und seriös. Bei Interesse: privatkredit.schnell@web.de'],
  ])('are held: %s: %s', (family, content) => {
    expect(phrasesOf(content)?.detail).toContain(familyLabel(family))
    expect(assessReaderComment(content).verdict).not.toBe('approved')
  })

  it.each([
    'El decreto prohíbe los bonos de bienvenida y la publicidad de casinos online en horario infantil.',
    'Die Glücksspielbehörde warnt vor Casinos ohne Lizenz: der Willkommensbonus ist ein Köder.',
    'O governo quer proibir o bônus de boas-vindas das bets, que viciam os jovens.',
    'オンラインカジノの違法性について、警察庁が初回入金ボーナスの広告に注意を呼びかけています。',
    'La truffa dei prestiti tra privati su Facebook ha colpito migliaia di pensionati.',
    'Verbraucherschützer warnen vor Krediten ohne Schufa, die Zinsen sind Wucher.',
    // Codes that are no promotion's: a law's article, a standard, an airport.
    'Le casino en ligne reste illégal : article L320-1 du code de la sécurité intérieure, code ISO 3166 ou code IATA CDG, peu importe.',
  ])('stays approved when the same words are news: %s', (content) => {
    expect(assessReaderComment(content).verdict).toBe('approved')
  })
})
