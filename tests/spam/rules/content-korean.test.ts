import { describe, expect, it } from 'vitest'
import { contactNumber } from '../../../src/spam/rules/content/contact-number.js'
import { spamPhrases } from '../../../src/spam/rules/content/spam-phrases.js'
import { assessReaderComment } from '../reader-comment.js'
import { contextOf, familyLabel, phrasesOf } from './context.js'

/**
 * Korean comment spam (gambling sites, massage parlours, loans, side jobs, channel promotion, with a KakaoTalk or
 * Telegram contact) is read like its French, English and Russian kin; Korean readers writing about the same
 * subjects in the news are not. Korean glues particles and other words to a phrase ("메이저토토사이트를",
 * "카톡으로"), so its phrases are compounds found anywhere in the text.
 */
const contactOf = (content: string) => contactNumber.evaluate(contextOf(content))

describe('Korean spam phrases', () => {
  it.each([
    ['gambling', '메이저토토사이트를 찾으시나요? 먹튀검증 완료, 가입머니 지급', '토토사이트'],
    ['adult', '출장안마 24시간 예약 가능합니다', '출장안마'],
    ['loans', '무직자대출 당일 승인, 신용 상관없음', '무직자대출'],
    ['easy-money', '재택부업으로 월 300 고수익 보장', '재택부업'],
    ['self-promotion', '국제 뉴스 해설 채널입니다 구독 부탁드려요', '구독 부탁드'],
    ['pharma', '정품 비아그라 구입 문의는 아래로', '비아그라 구입'],
  ])('%s: %s', (family, content, quoted) => {
    const finding = phrasesOf(content)
    expect(finding?.detail).toContain(familyLabel(family))
    expect(finding?.detail).toContain(`“${quoted}”`)
  })

  it.each([
    '불법 도박 사이트 단속이 강화됐다는 기사 잘 봤습니다',
    '스포츠토토 판매량이 늘었다고 합니다',
    '대출 금리가 또 올랐네요, 무직자 대출 규제는 필요합니다',
    '강원랜드 카지노 매출이 줄었다는데 관광객이 줄어서겠죠',
    '부업을 하는 직장인이 늘었다는 통계가 흥미롭네요',
    '유튜브 채널 구독자 수로 여론을 판단하면 안 됩니다',
    '비아그라 특허가 만료된 뒤 복제약이 많이 나왔죠',
  ])('news in Korean on the same subjects is no offer: %s', (content) => {
    expect(phrasesOf(content)).toBeNull()
  })
})

describe('Korean contacts', () => {
  it.each([
    ['a Telegram handle', '텔레그램 @abc123 으로 연락주세요', '@abc123', '텔레그램'],
    ['a KakaoTalk ID, with its particle', '카톡으로 @money77 문의주세요', '@money77', '카톡'],
    ['an ID labelled as such', '아이디: @money77', '@money77', '아이디'],
  ])('%s is a handle to be contacted on', (_, content, handle, messenger) => {
    expect(contactOf(content)?.detail).toBe(`Gives a messenger handle, “${handle}”, next to “${messenger}”.`)
  })

  it('reads a mobile number next to KakaoTalk as a line to be contacted on', () => {
    expect(contactOf('문의: 010-1234-5678 카톡 환영')?.detail).toBe(
      'Gives a phone number to be contacted on, next to “카톡”: “010-1234-5678”.',
    )
  })

  it.each([
    '@지훈 텔레그램 말고 공식 발표를 보세요.',
    '@민준 카톡으로 받은 가짜 뉴스를 믿지 마세요.',
    '텔레그램 채널 @DeepStateUA 에 따르면 전선이 바뀌었다고 합니다',
  ])('a reply or a cited channel is no contact offer: %s', (content) => {
    expect(assessReaderComment(content).verdict).toBe('approved')
  })
})

describe('a whole Korean spam comment', () => {
  it('is held, with the trade and the contact as its reasons', () => {
    const assessed = assessReaderComment(
      '토토사이트 추천합니다. 가입머니 지급, 텔레그램 @toto_vip 문의주세요',
    )
    expect(assessed.verdict).toBe('spam')
    expect(assessed.reasons.map((reason) => reason.rule)).toEqual(
      expect.arrayContaining(['spam-phrases', 'contact-number']),
    )
  })
})

describe('an ad line ending on its noun', () => {
  it.each([
    '토토사이트 당첨금 지급\n많은 이용 바랍니다',
    '바카라사이트 무제한 환전 당일 입금\n많은 이용 부탁',
  ])('ends its clause at the line break as at the end of the text: %s', (content) => {
    expect(spamPhrases.evaluate(contextOf(content))?.detail).toContain(familyLabel('gambling'))
    expect(assessReaderComment(content).verdict).not.toBe('approved')
  })

  it.each([
    '정부가 재난지원금을 지급했지만\n토토사이트 도박 중독은 늘었다',
    '경찰, 토토사이트 운영자 검거\n피해자들에게 범죄수익을 돌려주기로',
  ])('news with a line break is no ad: %s', (content) => {
    expect(assessReaderComment(content).verdict).toBe('approved')
  })
})
