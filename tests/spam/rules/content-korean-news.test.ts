import { describe, expect, it } from 'vitest'
import { offersInKorean } from '../../../src/spam/rules/content/korean-offers.js'
import { assessReaderComment } from '../reader-comment.js'
import { familyLabel, phrasesOf } from './context.js'

/**
 * Korea's betting sites, loan baits, side-job scams and call-out massage rings are news: the police arrest their
 * operators, courts sentence them, victims tell their story, regulators ban their ads. Korean readers name them
 * without quotation marks ("경찰, 먹튀검증 사이트 운영자 검거"). The compounds count only where the comment offers:
 * urges the reader to sign up, serves them politely ("지급해 드립니다"), names a bonus, or gives a way to be reached.
 */

describe('a Korean reader reporting the news on spam trades is approved', () => {
  it.each([
    // Police crackdowns
    '경찰, 먹튀검증 사이트 운영자 검거',
    '토토사이트 광고한 유튜버 입건됐다네요. 처벌이 너무 약합니다',
    '무직자대출 미끼로 한 보이스피싱 조직 적발 https://www.yna.co.kr/view/AKR20240612081200004',
    '출장안마 광고 전단 단속한다는데 매번 그때뿐이죠',
    '고수익 보장한다며 투자자 모은 일당 검거, 피해액만 300억이라니',
    '경찰에 문의한 결과 그 토토사이트는 해외 서버였다고 합니다',
    // Court rulings
    '법원이 카지노사이트 운영자에게 징역 3년을 선고했다 https://www.hani.co.kr/arti/society/society_general/1134567.html',
    '대법원, 출장마사지 업주에게 성매매알선 혐의 유죄 확정',
    '헌법이 보장하는 표현의 자유라도 토토사이트 광고까지 보호할 순 없죠',
    // Victims
    '재택부업 사기 피해 급증, 금감원이 소비자경보를 발령했습니다',
    '재택알바 하려다 통장이 대포통장으로 쓰였다는 피해자 인터뷰가 안타깝네요',
    '청소년들이 토토사이트에서 돈을 잃고 개인돈대출까지 손댄다니 충격입니다',
    '메이저놀이터라는 말에 속아 가입했다가 1천만원 날렸다는 사연, 가입 시 신분증까지 요구했답니다',
    '안전놀이터라고 홍보하던 곳도 결국 먹튀사이트였다는 게 기사 요지네요',
    '재택부업 사기 당하셨다면 경찰에 문의하세요. 혼자 해결하려다 피해만 커집니다',
    // Regulation and the market
    '금융위가 당일대출, 신불자대출 광고 규제를 강화한다고 합니다 https://www.mk.co.kr/news/economy/2024/06/12/11034567',
    '불법 비아그라 판매처 적발 기사 보니 온라인 구입이 얼마나 위험한지 알겠네요',
    '방통위가 구독과 좋아요 수를 노린 가짜뉴스 채널 조사에 나섰다',
    '대출문의가 급증했다는데 금리 인하 기대 때문인 듯',
    '어린이 안전놀이터 조성 예산이 삭감됐다니 아쉽네요',
    // Protest slogans, ending on the rights or support they demand.
    '청소년 도박 토토사이트 단속 강화하라! 피해 청소년 치료 지원 보장!',
    '노동자 생존권 보장! 토토사이트 운영자 처벌하라!',
  ])('%s', (content) => {
    expect(phrasesOf(content)).toBeNull()
    expect(assessReaderComment(content).verdict).toBe('approved')
  })
})

describe('Korean spam on the same subjects, with what only an offer writes, is still caught', () => {
  it.each([
    ['gambling', '메이저놀이터 추천! 가입 즉시 3만원 지급해 드립니다', '메이저놀이터'],
    ['gambling', '안전놀이터 찾으시나요? 첫충 20% 매충 10% 이벤트 진행 중', '안전놀이터'],
    ['gambling', '카지노사이트 바로가기 ▶ 추천인 코드 입력 시 보너스 지급', '카지노사이트'],
    ['gambling', '토토사이트 먹튀검증 완료된 곳만 소개해 드립니다 회원님', '토토사이트'],
    ['adult', '출장안마 24시간 예약 가능합니다 100% 후불제', '출장안마'],
    ['loans', '무직자대출 신불자대출 신용 상관없이 당일 입금해 드립니다', '무직자대출'],
    ['loans', '개인돈대출 상담 가능합니다, 비밀 보장', '개인돈대출'],
    ['gambling', '토토사이트 100% 안전 보장!', '토토사이트'],
    ['gambling', '메이저 토토사이트 원금 보장!', '토토사이트'],
    ['easy-money', '재택부업 초보 환영, 하루 2시간 일당지급, 쪽지 주세요', '재택부업'],
    ['pharma', '정품 비아그라 구입 100% 정품 보장, 익명 배송', '비아그라 구입'],
    ['self-promotion', '구독과 좋아요 눌러주세요! 매일 뉴스 해설 올립니다', '구독과 좋아요'],
  ])('%s: %s', (family, content, quoted) => {
    const finding = phrasesOf(content)
    expect(finding?.detail).toContain(familyLabel(family))
    expect(finding?.detail).toContain(`“${quoted}”`)
  })

  it('holds a comment that offers two trades and a way to sign up', () => {
    const assessed = assessReaderComment(
      '토토사이트 가입하세요, 가입 즉시 꽁머니 지급! 무직자대출도 상담 가능합니다',
    )
    expect(assessed.verdict).not.toBe('approved')
    expect(assessed.reasons.map((reason) => reason.rule)).toContain('spam-phrases')
  })
})

describe('Korean offer cues', () => {
  it.each([
    '가입 즉시 3만원',
    '지급해 드립니다',
    '도와드려요',
    '가입하세요',
    '추천인 코드',
    '바로가기',
    '무직자 환영',
    '신용 상관없음',
    '예약 가능합니다',
    '톡 주세요',
    '월 300 고수익 보장',
    '가입머니 지급!',
  ])('%s offers', (prose) => {
    expect(offersInKorean(prose)).toBe(true)
  })

  it.each([
    '경찰에 문의한 결과',
    '헌법이 보장하는 권리',
    '정부가 지원금을 지급한다',
    '보험 가입 시 주의할 점',
    '문자 속 링크를 클릭하지 마세요',
    '가입하지 마세요',
    '피해자는 경찰에 신고하세요',
    '정부 결정을 환영합니다',
    '예약 가능했다고 한다',
    '고수익 보장 미끼로 투자자를 모았다',
  ])('%s is news or advice', (prose) => {
    expect(offersInKorean(prose)).toBe(false)
  })
})
