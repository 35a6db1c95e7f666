import { describe, expect, it } from 'vitest'
import { contactNumber } from '../../../src/spam/rules/content/contact-number.js'
import { assessReaderComment } from '../reader-comment.js'
import { contextOf, familyLabel, phrasesOf } from './context.js'

/**
 * Vietnamese comment spam (bookmakers, loans to bad debtors, side jobs, with a Zalo number or a Telegram handle) is
 * read like its French, English and Russian kin; Vietnamese readers writing about the same subjects in the news
 * (the casinos opened to locals, raids on gambling rings, Cambodia's scam compounds, the policy bank's loans) are
 * not. Spam is written with or without diacritics: phrases are read without them, đ as d.
 */

describe('Vietnamese spam phrases', () => {
  it.each([
    ['gambling', 'Nhà cái uy tín số 1 châu Á, thưởng nạp đầu 100%', 'nhà cái uy tín'],
    ['gambling', 'nha cai uy tin, nap dau tang 200%', 'nha cai uy tin'],
    ['gambling', 'Soi kèo miễn phí mỗi ngày, vào nhóm Telegram @soikeo_vip', 'soi kèo miễn phí'],
    ['gambling', 'Casino trực tuyến đổi thưởng nhanh, liên hệ Zalo 0912345678', 'casino trực tuyến'],
    ['loans', 'Nợ xấu vẫn vay được, giải ngân trong 30 phút', 'nợ xấu vẫn vay'],
    ['loans', 'Nợ xấu vẫn vay được, giải ngân trong 30 phút', 'giải ngân trong 30 phút'],
    ['loans', 'Vay tiền nhanh chỉ cần CCCD, liên hệ Zalo 0912345678', 'vay tiền nhanh'],
    ['loans', 'Đang cần vốn? Vay gấp, giai ngan sau 15 phut, Zalo 0912345678', 'giai ngan sau 15 phut'],
    ['easy-money', 'Tuyển CTV online, việc nhẹ lương cao, nhắn Telegram @ctv_vn', 'tuyển ctv online'],
  ])('%s: %s', (family, content, quoted) => {
    const finding = phrasesOf(content)
    expect(finding?.detail).toContain(familyLabel(family))
    expect(finding?.detail).toContain(`“${quoted}”`)
  })

  it.each([
    'Việt Nam cho người dân vào casino Phú Quốc thí điểm, nhưng nhiều người lo ngại nghiện cờ bạc',
    'Công an triệt phá đường dây đánh bạc trực tuyến hàng nghìn tỷ đồng ở Phú Thọ',
    'Nhiều người bị lừa sang Campuchia vì lời hứa việc nhẹ lương cao',
    'Ngân hàng Chính sách xã hội cho hộ nghèo vay không cần thế chấp, đó là chính sách tốt',
    'Các app vay tiền nhanh của Trung Quốc từng bị cấm vì đòi nợ kiểu khủng bố',
    'Kèo nhà cái cho bầu cử Mỹ nghiêng về Trump nhưng chẳng nói lên điều gì',
    'Chính phủ phải đẩy nhanh giải ngân vốn đầu tư công năm nay',
    'Thí điểm cá cược bóng đá quốc tế đã được Quốc hội cho phép từ 2017',
    'Nhiều người mất tiền vì các chiêu kiếm tiền online, công an đã cảnh báo',
    // "tôi" (I), "tệ" (bad), "từ" (from) and "tự" (self) lose their diacritics to "toi", "te", "tu": French for
    // "you", which a reader addressed by an offer is. Written with them, they are no address.
    'Tôi nghĩ cá cược online là tệ nạn, phải cấm triệt để',
    'Cá cược online tự do ở Campuchia, từ năm 2019 mới bị siết lại',
    'Casino trực tuyến ở Philippines là một tệ nạn lớn',
  ])('news in Vietnamese on the same subjects is no offer: %s', (content) => {
    expect(phrasesOf(content)).toBeNull()
    expect(assessReaderComment(content).verdict).toBe('approved')
  })
})

describe('Zalo, the Vietnamese messenger', () => {
  it('is a line to be contacted on when a number is next to it', () => {
    expect(contactNumber.evaluate(contextOf('Vay vốn liên hệ Zalo 0912345678'))?.detail).toBe(
      'Gives a phone number to be contacted on, next to “zalo”: “0912345678”.',
    )
  })

  it('named in the news is no contact', () => {
    const news = 'Zalo bị phạt vì thu thập dữ liệu người dùng, theo báo Tuổi Trẻ ngày 12/3/2024'
    expect(contactNumber.evaluate(contextOf(news))).toBeNull()
    expect(assessReaderComment(news).verdict).toBe('approved')
  })
})

describe('a whole Vietnamese spam comment', () => {
  it('is spam, with the trade and the Zalo number as its reasons', () => {
    const assessed = assessReaderComment('Vay tiền nhanh, nợ xấu vẫn vay, liên hệ Zalo 0912345678')
    expect(assessed.verdict).toBe('spam')
    expect(assessed.reasons.map((reason) => reason.rule)).toEqual(
      expect.arrayContaining(['spam-phrases', 'contact-number']),
    )
  })
})
