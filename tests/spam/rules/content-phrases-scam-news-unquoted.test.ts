import { describe, expect, it } from 'vitest'
import { spamPhrases } from '../../../src/spam/rules/content/spam-phrases.js'
import { assessReaderComment } from '../reader-comment.js'
import { contextOf, familyLabel } from './context.js'

/**
 * Readers of international news name the trades in their own sentences, without quoting them: the World Bank's
 * fast loans, micro-lenders' "быстрый займ", a disinformation campaign on the first page of Google, the regulator
 * on winning bets. The same words are an offer only with a selling or contact cue near them, and a phrase's own
 * words ("do you need a loan") are no cue.
 */
const evaluate = (content: string) => spamPhrases.evaluate(contextOf(content))

describe('news in a reader’s own words is approved', () => {
  it.each([
    'La Banque mondiale accorde des prêts rapides aux pays touchés par les inondations.',
    "Le Nigeria a besoin d'un prêt urgent, mais le FMI exige la fin des subventions.",
    "Les paris sportifs gagnants n'existent pas : l'ANJ rappelle que 90 % des parieurs perdent.",
    'Doppelgänger : la campagne a même acheté des backlinks pour remonter en première page de Google https://www.franceinfo.fr/internet/desinformation/doppelganger-6543210.html',
    'The Doppelganger campaign paid for backlinks and SEO services to push fake articles onto the first page of Google.',
    "Do you need a loan from the IMF every two years? Pakistan's economy says yes.",
    'Центробанк ограничивает микрозаймы, а быстрый займ под 1% в день убивает семьи.',
    'Los préstamos rápidos endeudan a los jóvenes, advierte el Banco de España.',
    'Tuyển CTV online là chiêu lừa của các đường dây lừa đảo, công an cảnh báo',
  ])('%s', (content) => {
    expect(assessReaderComment(content).verdict).toBe('approved')
  })
})

describe('the same words offered are still spam', () => {
  it.each([
    ['loans', 'Prêts rapides pour tous, contactez-moi au 06 12 34 56 78'],
    ['loans', "Besoin d'un prêt urgent ? Écrivez-moi, réponse en 24h"],
    ['loans', 'Do you need a loan? Call me on +1 404 555 0199'],
    ['loans', 'Do you need a loan? We help you the same day.'],
    ['loans', 'Быстрый займ на карту, пишите в телеграм'],
    ['loans', 'Préstamos rápidos para usted, escríbeme por WhatsApp'],
    ['gambling', 'Paris sportifs gagnants tous les jours, rejoignez mon canal'],
    ['seo', 'Votre site en première page de Google en 30 jours'],
    ['seo', 'Affordable SEO services for your business'],
    ['easy-money', 'Tuyển CTV online, nhắn Zalo 0912345678'],
  ])('%s: %s', (family, content) => {
    expect(evaluate(content)?.detail).toContain(familyLabel(family))
  })
})
