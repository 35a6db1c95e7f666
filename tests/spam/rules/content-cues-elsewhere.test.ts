import { describe, expect, it } from 'vitest'
import { contactNumber } from '../../../src/spam/rules/content/contact-number.js'
import { assessReaderComment } from '../reader-comment.js'
import { contextOf, familyLabel, phrasesOf } from './context.js'

/**
 * The selling and contact cues of Arabic, Hindi, Vietnamese and Chinese spam: what turns a phrase that is also news
 * ("كازينو أونلاين", "इंस्टेंट लोन", "cá cược online", "在线赌场") into an offer, and a number next to it into a line
 * to call. Spam urges the reader to sign up or call now ("سجل الآن", "अभी अप्लाई करें", "đăng ký ngay", "注册就送"),
 * or asks to be written to ("nhắn tin cho mình", "欢迎咨询"); readers reporting the news urge nobody, or tell
 * victims to call the police.
 */

describe('a phrase that is also news, with a call to sign up, apply or order', () => {
  it.each([
    ['gambling', 'كازينو أونلاين مباشر، سجل الآن وخذ مكافأتك'],
    ['gambling', 'كازينو اونلاين مباشر، لا تفوت الفرصة، عرض خاص للاعبين الجدد'],
    ['loans', 'इंस्टेंट लोन 5 मिनट में, अभी अप्लाई करें'],
    ['gambling', 'ऑनलाइन कैसीनो, अभी रजिस्टर करें और बोनस पाएं'],
    ['gambling', 'Cá cược online, đăng ký ngay nhận thưởng 100k'],
    ['gambling', 'Ca cuoc online, dang ky ngay nhan thuong 100k'],
    ['loans', 'Vay tiền nhanh trong ngày. Hãy đăng ký ngay hôm nay!'],
    // The call alone on a line of its own opens a clause as well as after a full stop.
    ['gambling', 'Cá cược online uy tín, thưởng lớn mỗi ngày\nInbox ngay để nhận ưu đãi'],
    ['loans', 'Vay tiền nhanh trong ngày\nĐăng ký ngay'],
    ['gambling', 'Casino trực tuyến uy tín\n\nLiên hệ ngay với chúng tôi'],
    ['gambling', '在线赌场，注册就送，天天有活动'],
    ['loans', '无抵押贷款，点击链接了解详情'],
    ['easy-money', '在家赚钱，扫码加我'],
  ])('%s: %s', (family, content) => {
    expect(phrasesOf(content)?.detail).toContain(familyLabel(family))
    expect(assessReaderComment(content).verdict).not.toBe('approved')
  })
})

describe('a link said to be in the profile, where the offer is taken up', () => {
  it.each([
    ['gambling', 'کازینو آنلاین معتبر، لینک ثبت نام در بیو'],
    ['gambling', 'کازینو آنلاین با بونوس، لینک تو بیو'],
    ['loans', 'وام فوری بدون ضامن، لینک درخواست در پروفایل'],
    ['gambling', 'كازينو أونلاين مباشر، الرابط في البايو'],
    ['gambling', 'Best online casino bonus 2025, link in bio'],
    ['loans', 'Prêt rapide sans justificatif, lien dans ma bio'],
    ['gambling', 'Cá cược online uy tín, link đăng ký trong bio'],
  ])('%s: %s', (family, content) => {
    expect(phrasesOf(content)?.detail).toContain(familyLabel(family))
    expect(assessReaderComment(content).verdict).not.toBe('approved')
  })

  it.each([
    'پلیس فتا درباره اینفلوئنسرهایی که تبلیغ کازینو آنلاین می‌کنند هشدار داد',
    'بیوگرافی این نماینده نشان می‌دهد که از شرط بندی آنلاین دفاع کرده است',
    'This influencer promotes an online casino with the link in his bio, and the regulator does nothing',
    "Le lien dans la bio de cet influenceur mène à un casino en ligne illégal, l'ARJEL devrait agir",
  ])('is not what readers reporting the trade write: %s', (content) => {
    expect(assessReaderComment(content).verdict).toBe('approved')
  })
})

describe('Arabic typed on a Persian or Urdu keyboard', () => {
  it('reads ی and ک as ي and ك, in the phrase and in its cue', () => {
    expect(phrasesOf('کازینو اونلاین مباشر، سجل الآن وخذ مکافأتک')?.detail).toContain(familyLabel('gambling'))
  })
})

describe('a request to be contacted doubles the number it gives', () => {
  it.each([
    ['قرض عاجل للمواطنين، اتصل الآن ٠٥٠١٢٣٤٥٦٧', 'اتصل الآن'],
    ['इंस्टेंट लोन 5 मिनट में, अभी कॉल करें 9876543210', 'अभी कॉल करें'],
    ['Soi kèo chuẩn mỗi ngày, nhắn tin cho mình qua số 0912 345 678', 'nhắn tin cho mình'],
    ['百家乐真人娱乐，欢迎咨询，电话13800138000', '欢迎咨询'],
  ])('%s', (content, request) => {
    expect(contactNumber.evaluate(contextOf(content))).toEqual(
      expect.objectContaining({ factor: 2, detail: expect.stringContaining(`“${request}”`) }),
    )
    expect(assessReaderComment(content).verdict).toBe('spam')
  })
})

describe('readers reporting the same subjects urge and ask nothing', () => {
  it.each([
    'صندوق النقد الدولي وافق على قرض عاجل لمصر، والحكومة سجلت عجزا قياسيا في 2023',
    'السعودية تحظر الكازينو أونلاين، ومن يريد المراهنة يسافر الآن إلى قبرص أو لبنان',
    'सरकार ने इंस्टेंट लोन ऐप्स पर रोक लगाई, ठगी हो तो साइबर हेल्पलाइन 1930 पर कॉल करें',
    'ऑनलाइन कैसीनो पर 28% जीएसटी का फैसला अभी लागू है, संसद ने 2023 में पास किया',
    'Công an khuyến cáo người dân không đăng ký các app vay tiền nhanh, ai bị lừa hãy liên hệ công an',
    'Bộ Công an cảnh báo cá cược online, nhiều người mất trắng, có người gọi ngay cho gia đình xin tiền',
    // "Register now" said of the state, not to the reader.
    'Chính phủ cần đăng ký ngay các ứng dụng vay tiền nhanh để quản lý, chứ không phải cấm.',
    'Bộ Công an yêu cầu nạn nhân cá cược online liên hệ ngay với cơ quan điều tra gần nhất.',
    // Telling victims to contact the police at once, as a sentence or a line of its own.
    'Cá cược online là tệ nạn. Liên hệ ngay với công an nếu bị lừa.',
    'Cá cược online là tệ nạn\nLiên hệ ngay với công an nếu bị lừa',
    '中国打击在线赌场，警方提醒扫码支付前先核实，别轻信陌生人',
    '乌克兰立即申请加入欧盟，而柬埔寨的网上赌场背后是电信诈骗园区',
  ])('%s', (content) => {
    expect(phrasesOf(content)).toBeNull()
    expect(assessReaderComment(content).verdict).toBe('approved')
  })
})
