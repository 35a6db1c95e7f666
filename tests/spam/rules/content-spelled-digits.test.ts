import { describe, expect, it } from 'vitest'
import { contactNumber } from '../../../src/spam/rules/content/contact-number.js'
import { assessReaderComment } from '../reader-comment.js'
import { contextOf } from './context.js'

const contactOf = (content: string) => contactNumber.evaluate(contextOf(content))

/**
 * A phone number written out digit by digit in words is read as its digits: the same number counts as it would in
 * digits, next to a messenger's name or a request to be called, in the languages the spam comes in.
 */
describe('a phone number written out in words', () => {
  it.each([
    ['English', 'Loan approved in 24h, call me on zero seven nine one two three four five six seven'],
    ['English, digits and words mixed', 'Spell caster Dr Baba, WhatsApp 0 seven 9 one two 3 four 5 six 7'],
    ['French', 'Prêt rapide sans frais, appelez moi au zéro six un deux trois quatre cinq six sept huit'],
    ['Spanish', 'Préstamos rápidos, escríbeme al WhatsApp seis uno dos tres cuatro cinco seis siete ocho'],
    ['Russian', 'Займ без проверок, ватсап ноль девять шесть один два три четыре пять шесть семь'],
    ['Turkish', 'Kredi için WhatsApp sıfır beş üç iki bir iki üç dört beş altı'],
    ['Korean, Sino-Korean digits', '대출 상담 카톡 공일공 일이삼사 오육칠팔 연락주세요'],
    ['Korean, a particle after the digits', '대출 상담 카톡 공일공 일이삼사 오육칠팔로 연락주세요'],
    [
      'English, a country code and brackets',
      'Forex signals by Mrs Carter, reach her on +1 (eight one three) five five five - zero one nine two',
    ],
    [
      'English, digits doubled',
      'Sugar mummy here, WhatsApp me: zero seven double one, two five eight, six three four',
    ],
    [
      'Hindi typed in Latin letters',
      'Vashikaran specialist baba ji, WhatsApp: zero nau aath saat chhe paanch chaar teen do',
    ],
    [
      'French, in pairs',
      'Prêt sans frais, appelez-moi au zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit',
    ],
    [
      'French, in pairs past 70 and 80',
      'Marabout, WhatsApp zéro six, quatre-vingt-dix-neuf, soixante et onze, vingt, quatre-vingts',
    ],
    [
      'Spanish, in pairs',
      'Préstamos, WhatsApp: cincuenta y dos, cincuenta y cinco, cuarenta y uno, veintitrés, dieciocho, noventa',
    ],
    [
      'Russian, in pairs',
      'Займ, пишите в вотсап: восемь девять шестнадцать тридцать четыре пятьдесят шесть семьдесят восемь',
    ],
    ['Chinese', '兼职日结，加我微信一三八一二三四五六七八'],
    [
      'English, in groups of three',
      'Contact me on WhatsApp: four four seven, nine one one, one two three, four five six',
    ],
    ['French, digits and words mixed', 'Écrivez-moi sur WhatsApp au 06 12 trente-quatre cinquante-six 78'],
    ['Japanese, Chinese numerals glued to the text', 'LINEは〇九〇一二三四五六七八までどうぞ'],
  ])('is a number to be contacted on (%s)', (_, content) => {
    const finding = contactOf(content)
    expect(finding?.factor).toBe(2)
    expect(finding?.detail).toContain('(written out in words)')
  })

  it('is read in pairs as it is said, a comma ending a pair', () => {
    expect(
      contactOf('Appelez-moi : zéro six, quatre-vingt-dix-neuf, soixante et onze, vingt, quatre-vingts')
        ?.detail,
    ).toContain('“06-99-71-20-80” (written out in words)')
  })

  it('counts once alone, as a number in digits does', () => {
    const finding = contactOf('Mon numéro : zéro six un deux trois quatre cinq six sept huit')
    expect(finding?.factor).toBeUndefined()
    expect(finding?.detail).toContain('“0612345678” (written out in words)')
  })
})

describe('numbers in words that are no phone number', () => {
  it.each([
    [
      'a countdown',
      'Compte à rebours : dix, neuf, huit, sept, six, cinq, quatre, trois, deux, un, zéro ! Ariane décolle.',
    ],
    [
      'a countdown in English',
      'Ten, nine, eight, seven, six, five, four, three, two, one... and the rocket failed again',
    ],
    ['a helpline spelled as it is said', 'Le 3919, trois-neuf-un-neuf, est gratuit et anonyme. Appelez-le.'],
    [
      'a year and a few counts',
      'In 2024 one, two, three ministers resigned in four weeks: five if you count the deputy.',
    ],
    ['a game', 'Les enfants jouent à un, deux, trois, soleil pendant que les adultes votent.'],
    ['a vote tally in words', 'Трое за, двое против, один воздержался: ноль шансов на принятие закона.'],
    ['Korean prose', '이 사람은 삼일절에 오일 동안 일했다고 말했다'],
    ['a Chinese year', '一九四九年十月一日，中华人民共和国成立。'],
    [
      'a child counting, near a request to call',
      'Mon fils compte déjà : zéro, un, deux, trois, quatre, cinq, six, sept, huit, neuf ! Appelez-moi mamie.',
    ],
    [
      'scores',
      'Sur WhatsApp on suivait les scores : zéro-zéro, un-un, deux-deux, zéro-zéro, un-un. Que des matchs nuls.',
    ],
    [
      'a countdown from ten, near a messenger',
      'Sur Telegram on a suivi le lancement : dix, neuf, huit, sept, six, cinq, quatre, trois, deux, un, zéro !',
    ],
    [
      'years in Chinese numerals, near WeChat',
      '微信在二〇一一、二〇一八、二〇二三年三次大改版，用户越来越多。',
    ],
    ['a date beside Korean words that read as digits', '카톡 2024. 3. 1 이 일이 사이에 있었다'],
    [
      'a countdown without commas, near a messenger',
      'Countdown on the Telegram live: nine eight seven six five four three two one zero... nothing.',
    ],
    [
      'tennis scores',
      'Tennis : six-quatre, trois-six, sept-six, quatre-six, six-deux. Cinq sets, diffusés sur Telegram.',
    ],
    [
      'a lottery draw',
      'Tirage sur le groupe WhatsApp : sept, onze, dix-neuf, cinquante-trois, soixante-huit.',
    ],
    [
      'English years said in pairs',
      'On Telegram they argued about nineteen eighty-four, twenty twenty, twenty twenty-four.',
    ],
    [
      'Korean dates and words of digit syllables',
      '카톡 단톡방에서 사일구, 오일팔, 육이오 얘기를 했다. 카톡으로 이사 일이 이삼일 사이에 끝났다고',
    ],
    ['draws ("nul" is no zero)', 'Match nul, nul, nul et encore nul : trois un deux, quelle saison.'],
  ])('leaves %s alone', (_, content) => {
    expect(contactOf(content)).toBeNull()
    expect(assessReaderComment(content).verdict).toBe('approved')
  })
})

describe('the words of a run', () => {
  it('are read in time linear in the text', () => {
    // Digit words without end, and separators between them: one run, read once.
    const words = 'one two three four '.repeat(5_000)
    expect(contactOf(`${words} call me`)).toBeNull()
    const korean = '일이삼사 '.repeat(5_000)
    expect(contactOf(korean)).toBeNull()
  })
})
