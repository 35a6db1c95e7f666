import { describe, expect, it } from 'vitest'
import { assessReaderComment } from '../reader-comment.js'
import { familyLabel, phrasesOf } from './context.js'

describe('spam-phrases: Spanish and German offers', () => {
  it.each([
    [
      'pharma',
      'Compra Viagra sin receta médica, envío discreto a toda Latinoamérica https://farmacia-discreta.com',
    ],
    ['pharma', 'Viagra rezeptfrei kaufen, diskreter Versand, günstige Preise: www.apotheke-diskret.de'],
    [
      'gambling',
      'Bestes Online Casino 2024 mit 100 Freispielen ohne Einzahlung: https://casino-bonus-de.com',
    ],
    ['gambling', 'Bono sin depósito y 50 giros gratis al registrarte: https://casino-es.example'],
    ['adult', 'Chicas solteras de tu ciudad buscan encuentros esta noche 😘'],
    ['adult', 'Heiße Singles aus deiner Stadt warten auf dich 😘'],
  ])('reads %s: %s', (family, content) => {
    expect(phrasesOf(content)?.detail).toContain(familyLabel(family))
    expect(assessReaderComment(content).verdict).not.toBe('approved')
  })

  it.each([
    'La DGOJ prohibió en 2020 los bonos sin depósito de los casinos en línea, y los jugadores se fueron a sitios ilegales.',
    'Der Glücksspielstaatsvertrag verbietet Freispiele ohne Einzahlung, doch die Werbung läuft weiter.',
    '¿Viagra sin receta? La AEMPS alerta de las farmacias ilegales en internet.',
    'Viagra bald rezeptfrei? In Großbritannien ist das seit 2018 so.',
  ])('leaves the news about them alone: %s', (content) => {
    expect(phrasesOf(content)).toBeNull()
    expect(assessReaderComment(content).verdict).toBe('approved')
  })
})
