import { describe, expect, it } from 'vitest'
import { spamPhrases } from '../../../src/spam/rules/content/spam-phrases.js'
import { contextOf, familyLabel } from './context.js'

/**
 * News about the scams and trades themselves: readers write about recovery scams, fake brokers, betting bans and
 * loan apps with the words the spam of those trades uses. The same words count only written as an offer (a
 * selling or contact cue near them), or in the first person of a testimonial.
 */
const evaluate = (content: string) => spamPhrases.evaluate(contextOf(content))
/** The news sentence matches no phrase; the spam, written with the same words, one of `family`. */
const newsNotSpam = (family: string, news: string, spam: string) => {
  expect(evaluate(news)).toBeNull()
  expect(evaluate(spam)?.detail).toContain(familyLabel(family))
}

describe('spam-phrases: news about a scam is no offer of it', () => {
  it.each([
    [
      'investment',
      'The FBI warns that asset recovery experts are often scammers themselves.',
      'Asset recovery experts got my bitcoin back, contact them on WhatsApp +1 404 555 0199',
    ],
    [
      'investment',
      'So-called recovery experts are the second wave of the same scam, says the FTC.',
      'Recovery experts for your lost savings, write to us on Telegram',
    ],
    [
      'investment',
      'Europol dismantled a network of fake brokers run from call centres in Kyiv.',
      'Lost money to fake brokers? Our team gets it back, WhatsApp +44 7700 900123',
    ],
    [
      'investment',
      'Thousands of Ukrainians were scammed by fake brokers based in Tbilisi.',
      'I was scammed by fake brokers until I found this hacker.',
    ],
  ])('%s: “%s” is news, “%s” is spam', newsNotSpam)
})

describe('spam-phrases: news about betting and loan apps is no promotion', () => {
  it.each([
    [
      'gambling',
      'Депутаты запретили ставки на спорт онлайн.',
      'Ставки на спорт онлайн без проигрышей, пишите в телеграм',
    ],
    [
      'gambling',
      'В Госдуме предложили запретить ставки на спорт без паспорта.',
      'Ставки на спорт без риска, подписывайтесь на канал',
    ],
    ['loans', 'Instant loans apps in Kenya are ruining families.', 'Instant loans for everyone, apply today'],
    [
      'loans',
      'Instant loans apps in Kenya and India trap millions of people in debt, the UN flagged it in 2023.',
      'Instant loans in 10 minutes, DM me',
    ],
  ])('%s: “%s” is news, “%s” is spam', newsNotSpam)
})

describe('spam-phrases: a link to an article is a cited source, not where an offer is taken up', () => {
  it.each([
    [
      'loans',
      "Le FMI accorde un prêt urgent à l'Égypte https://www.imf.org/en/News/Articles/2024/03/29/pr24104-egypt",
      'Prêt urgent accordé en 24h sans justificatif, demandez ici https://pret-facile.example',
    ],
    [
      'gambling',
      'Онлайн казино запрещены в России https://ria.ru/20250101/kazino-1993344556.html',
      'Онлайн казино с бонусом https://kazino-bonus.example',
    ],
    [
      'loans',
      'Instant loans apps are ruining families in Kenya https://www.bbc.com/news/world-africa-67146830',
      'Instant loans approved today https://quick-cash.example/apply',
    ],
    [
      'loans',
      'Instant loans apps trap millions in India, see https://www.reuters.com/world/india/instant-loan-apps-drive-borrowers-to-despair-2024-05-02/',
      'Instant loans for everyone https://www.loans4all.example/',
    ],
  ])('%s: “%s” cites news, “%s” sells', newsNotSpam)

  it('still counts a link to a page of the offer, whatever its path', () => {
    expect(
      evaluate('Need an urgent loan? https://fast-money.example/urgent-loan-apply-now-today')?.detail,
    ).toContain(familyLabel('loans'))
  })
})
