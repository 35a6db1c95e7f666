import { describe, expect, it } from 'vitest'
import { contactNumber } from '../../src/spam/rules/content/contact-number.js'
import { assessReaderComment } from './reader-comment.js'
import { contextOf } from './rules/context.js'

/**
 * Spam the rules caught before the fairness audit's changes (b30b68c) and let through after them. Each comment's
 * verdict must be at least what it was before that commit (the figure given); the audit's genuine comments are
 * held to being approved by fairness-audit.test.ts.
 */
const assess = (content: string) => assessReaderComment(content, 'John')
const RANK = { approved: 0, pending: 1, spam: 2 } as const
type Verdict = keyof typeof RANK
const atLeast = (content: string, before: Verdict) => {
  const { verdict, reasons } = assess(content)
  expect(
    RANK[verdict as Verdict],
    `${verdict}: ${reasons.map((reason) => reason.rule).join(', ')}`,
  ).toBeGreaterThanOrEqual(RANK[before])
}

describe('words spelt mostly with Cyrillic look-alikes are disguised', () => {
  it.each([
    ['I recovered my stolen bіtсоіn with Mr. Jones', 'spam'],
    ['Recover your lost сrурtо with expert hackers today', 'spam'],
    ['Récupérez vos сrурtоs volés avec un expert', 'spam'],
    ['Play at the best саsіnо online now', 'pending'],
    ['free ВІТСОІN airdrop claim now', 'pending'],
  ] as const)('%s (%s before b30b68c)', (content, before) => {
    atLeast(content, before)
    expect(assess(content).reasons.map((reason) => reason.rule)).toContain('mixed-script')
  })
})

describe('a third-person contact phrase right before a number or handle', () => {
  it.each([
    [
      'I lost everything to a fake broker but this team recovered all my funds. Contact him on +1 (312) 555-0187',
      'spam',
    ],
    ['elle est joignable au 07 56 12 34 56', 'pending'],
    ['Contactez-la au +33 7 56 12 34 56', 'pending'],
    ['Call him +1 929 555 0123, genuine hacker', 'pending'],
    ['Reach him via @AdamsRecovery on Telegram', 'pending'],
    ['Вернуть украденные деньги можно, пишите @vozvrat_help', 'spam'],
  ] as const)('%s (%s before b30b68c)', (content, before) => {
    atLeast(content, before)
  })

  it.each([
    '@Tom you can call him a dictator, but he was elected twice.',
    "@Jean l'ambassade n'est plus joignable depuis hier soir.",
    '@Олег, напишите, откуда эти цифры? Я не нашёл их у Росстата.',
  ])('is not a handle or number without one: %s', (content) => {
    expect(contactNumber.evaluate(contextOf(content))).toBeNull()
  })
})

describe('a handle on a messenger, or under a label', () => {
  it.each([
    ['I lost my bitcoin to a fake broker. @AdamsRecovery on Telegram.', '@adamsrecovery', 'telegram'],
    ['Il m’a tout récupéré, @recup_fonds sur Telegram', '@recup_fonds', 'telegram'],
    ['Всё вернули, @vozvrat_help в телеграм', '@vozvrat_help', 'телеграм'],
    ['Telegram username: @recoverypro', '@recoverypro', 'username'],
    ['Mon pseudo : @recup_fonds', '@recup_fonds', 'pseudo'],
    ['Мой ник @vozvrat_help', '@vozvrat_help', 'ник'],
  ])('%s', (content, handle, messenger) => {
    expect(contactNumber.evaluate(contextOf(content))).toEqual({
      detail: `Gives a messenger handle, “${handle}”, next to “${messenger}”.`,
      factor: 2,
    })
  })

  it.each([
    ['I lost my bitcoin. @AdamsRecovery on Telegram.', 'pending'],
    ['Telegram username: @recoverypro', 'pending'],
  ] as const)('%s (%s before b30b68c)', (content, before) => {
    atLeast(content, before)
  })

  it.each([
    '@Ivan la chaîne Telegram de Medvedev disait le contraire.',
    '@Sophie WhatsApp et Telegram sont les seuls moyens de joindre nos proches à Gaza.',
    '@Ivan в телеграм пишут обратное, кому верить?',
    '@Olga on Telegram they said the opposite yesterday.',
  ])('a reply opening with an @name is no handle: %s', (content) => {
    expect(contactNumber.evaluate(contextOf(content))).toBeNull()
  })
})

describe('phrases that need a selling cue: a link or an imperative is one', () => {
  it.each([
    ['Guaranteed loans approved in 24 hours, visit https://fastloans.example.com', 'pending'],
    ['Prêt urgent sans justificatif, réponse en 24h https://pret-rapide.example.fr', 'pending'],
    ['Livraison gratuite 24h, sacs Louis Vuitton https://luxe-sacs.example.com', 'pending'],
    ['Срочный кредит за 5 минут https://kredit.example.ru', 'pending'],
    ['Sure bets every day, guaranteed profits, join our VIP group', 'spam'],
  ] as const)('%s (%s before b30b68c)', (content, before) => {
    atLeast(content, before)
    expect(assess(content).reasons.map((reason) => reason.rule)).toContain('spam-phrases')
  })

  it.each([
    'Le FMI a accordé un prêt urgent à l’Argentine la semaine dernière.',
    'Congress approved $8 billion in guaranteed loans for the airlines.',
  ])('news vocabulary without a cue is still no offer: %s', (content) => {
    expect(assess(content).reasons.filter((reason) => reason.score > 0)).toEqual([])
  })
})
