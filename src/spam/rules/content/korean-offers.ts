/**
 * What only a Korean offer writes (cues.ts' selling words, in Korean): Korean glues particles and endings to a word,
 * so these are read on the prose as patterns, not looked up as words. Each is a combination that news does not
 * write: news says 문의 ("경찰에 문의한 결과"), 보장 ("헌법이 보장하는"), 지급 ("정부가 지원금을 지급"), 가입 ("보험
 * 가입 시 주의") and 클릭 ("링크를 클릭하지 마세요") too, but not "문의 주세요", "보장해 드립니다", "가입머니 지급",
 * "가입 즉시" or "클릭하세요". A reader advising victims ("경찰에 신고하세요", "금감원에 상담하세요") urges the
 * reader too, but towards an authority, with verbs that are left out here (신고, 신청, 방문, 확인, 이용).
 */
const KOREAN_OFFER = new RegExp(
  [
    // The writer serving the reader, politely ("지급해 드립니다", "도와드려요", "추천드립니다").
    '(?:지급|입금|송금|상담|안내|추천|소개|대출|해결|도와|빌려|보내|알선|제공|처리|승인|보장|환전|배송)(?:해|하여)?\\s?드(?:립니다|려요|려용|림)',
    // Urging the reader to sign up, click, book or top up ("가입하세요", "클릭해 주세요"), not "가입하지 마세요".
    '(?:가입|클릭|접속|입장|예약|충전)\\s?(?:하세요|해\\s?주세요|하십시오|해\\s?보세요|하시면)',
    // Asking to be written to ("쪽지 주세요", "톡 주세요"): messengers.ts reads "연락 주세요", "문의 주세요".
    '(?:쪽지|톡|카톡|디엠|dm|메시지|문자)\\s?(?:주세요|주십시오|주시면)',
    '문의(?:는|\\s?:)?\\s?(?:아래|하단|프로필|디엠|dm|카톡|텔레그램|톡)|(?:아래|하단)\\s?(?:링크|번호|주소|연락처|카톡)',
    // The bonus of signing up, the referral code, the first deposit's ("가입 즉시 3만 지급", "첫충 20%").
    '가입\\s?(?:즉시|하시면|만\\s?하면)|가입\\s?시[^.!?\\n]{0,12}(?:지급|증정|머니|포인트|보너스|쿠폰|\\d\\s?(?:%|만|원))',
    '추천인\\s?코드|가입\\s?코드|추천\\s?코드|코드\\s?입력|첫충|매충|페이백|\\d\\s?%\\s?(?:보너스|추가\\s?지급|충전)',
    '(?:머니|포인트|보너스|쿠폰)\\s?(?:지급|증정)(?!\\p{L})|(?:첫|신규|가입)\\s?이벤트|이벤트\\s?(?:진행\\s?)?중',
    // Links and booking lines as ads tag them ("바로가기", "24시간 상담", "예약 가능합니다").
    '바로\\s?가기|프로필\\s?(?:링크|참고|참조)|24\\s?시간\\s?(?:예약|상담|대기|출장)|연중무휴',
    '(?:예약|상담|출장|방문|환전|입금|출금)\\s?가능(?:합니다|해요|요|!|(?![\\p{L}\\p{N}]))',
    // Who is welcome, and what does not matter ("무직자 환영", "신용 상관없음", "비밀 보장").
    '(?:초보|초보자|누구나|주부|학생|대학생|무직자|신불자|신용불량자|연체자|직장인|남녀노소|카톡|문의|상담)\\s?(?:대\\s?)?환영',
    '(?:신용|직업|등급|연체|소득|서류)\\s?(?:무관|상관\\s?없(?:음|이|어요|습니다))|무심사|무서류|비밀\\s?보장|100\\s?%\\s?(?:보장|정품|승인)',
    '(?:수익|정품)\\s?보장(?:합니다|해요)|(?:당일|익일|비밀|익명|퀵)\\s?배송|무료\\s?(?:체험|가입|충전|머니|증정)',
    // An ad's clause ends on its noun ("월 300 고수익 보장", "가입머니 지급!"); news ends on a verb ("보장한다며").
    // A line of its own ends there too, in the text as written (cues.ts reads its lines). A protest's slogan
    // ends on its noun too, demanding rights or support ("피해 청소년 치료 지원 보장!", "생존권 보장!").
    '(?<!(?:권|권리|지원|대책|복지|자유)\\s?)보장(?=[^\\S\\n]*(?:$|\\n|[!~♥★▶]))|(?:지급|승인|입금)(?=[^\\S\\n]*(?:$|\\n|[!~♥★▶]))',
    // Addressing a customer, or asking whether the reader is looking for the thing ("찾으시나요?").
    '회원님|고객님|찾으시나요|찾고\\s?계신가요|필요하신가요|(?:원하시는|관심\\s?있으신)\\s?분|검증\\s?완료',
    // A channel's request ("구독 좋아요 눌러주세요", "알림 설정").
    '눌러\\s?(?:주세요|주시면)|알림\\s?설정',
  ].join('|'),
  'u',
)
const HANGUL = /[\uac00-\ud7a3]/

/** Whether Korean prose makes an offer: a selling cue for phrases that are also Korean news (cues.ts). */
export const offersInKorean = (prose: string) => HANGUL.test(prose) && KOREAN_OFFER.test(prose)
