import { describe, expect, it } from 'vitest'
import { reachesOutElsewhere } from '../../../src/spam/rules/content/messengers.js'
import { spamPhrases } from '../../../src/spam/rules/content/spam-phrases.js'
import { assessReaderComment } from '../reader-comment.js'
import { contextOf, familyLabel } from './context.js'

/**
 * News says where a scam is run: "loan sharks offer instant loans on WhatsApp", "عصابات تروج قروض عبر واتساب",
 * "텔레그램으로 '먹튀검증' 광고한 일당 검거". A messenger's name alone is no way to reach the writer, in any script;
 * an offer gives the number or handle on it, or asks to be written to there.
 */
const evaluate = (content: string) => spamPhrases.evaluate(contextOf(content))

describe('a messenger named in the news is no contact', () => {
  it.each([
    "L'ANJ veut interdire les casinos en ligne, mais les sites illégaux proposent un « bonus de bienvenue » sur Telegram.",
    'Les « usines à arnaques » du Myanmar recrutent avec des offres de « travail à domicile bien payé » sur WhatsApp.',
    'Loan sharks in Lagos offer "instant loans" on WhatsApp and then harass families.',
    'La policía desmanteló una red que ofrecía "préstamos rápidos" por WhatsApp a inmigrantes.',
    'Мошенники предлагают «срочный кредит» в Telegram, предупреждает ЦБ.',
    'الشرطة: عصابات تروج "قروض بدون تحويل راتب" عبر واتساب',
    'عصابات تعرض قرض عاجل عبر تيليجرام على الشباب العاطل',
    "경찰, 텔레그램으로 '먹튀검증' 광고한 일당 검거",
    '诈骗团伙通过微信号推广“在线赌场”，警方提醒不要上当',
    'पुलिस: व्हाट्सएप पर "तुरंत लोन" देने वाले गिरोह का भंडाफोड़',
    'Công an cảnh báo lừa đảo "vay tiền nhanh" qua Zalo và Telegram',
  ])('%s', (content) => {
    expect(assessReaderComment(content).verdict).toBe('approved')
  })
})

describe('a Korean reader telling victims whom to ask is no request to be contacted', () => {
  it.each(['피해를 입으셨다면 경찰에 문의하세요', '금감원에 문의 바랍니다', '은행에게 연락하세요'])(
    'advice: %s',
    (content) => {
      expect(reachesOutElsewhere(content)).toBe(false)
    },
  )

  it.each(['카톡으로 문의하세요', '문의 주세요', '연락 바랍니다', '텔레그램으로 연락주세요'])(
    'a request: %s',
    (content) => {
      expect(reachesOutElsewhere(content)).toBe(true)
    },
  )
})

describe('an offer on a messenger is still one', () => {
  it.each([
    ['loans', 'Instant loans approved today, WhatsApp me'],
    ['loans', 'Instant loans, WhatsApp +234 803 123 4567'],
    ['loans', 'Срочный кредит, пишите в телеграм'],
    ['loans', 'قرض عاجل تواصل معنا واتساب'],
    ['gambling', '在线赌场 加v 领取彩金'],
    ['easy-money', 'घर बैठे पैसे कमाएं, टेलीग्राम पर जुड़ें'],
  ])('%s: %s', (family, content) => {
    expect(evaluate(content)?.detail).toContain(familyLabel(family))
  })
})
