import { describe, expect, it } from 'vitest'
import { assessReaderComment } from '../reader-comment.js'
import { familyLabel, phrasesOf } from './context.js'

/**
 * The trades the reference site's readers are spammed with in their own languages: pharmacy in Vietnamese, daily
 * returns in Persian, loans in Greek, betting in Turkish, gambling platforms in Chinese. Each offer is its trade's
 * phrase with a number, a link or a call to sign up; the same subjects are news its readers discuss (counterfeit
 * medicine, bank rates and inflation, loan rates, betting ads, gambling laws), and those comments give no way to
 * take anything up.
 */

describe('offers in the languages of the reference site', () => {
  it.each([
    ['pharma', 'Thuốc cường dương chính hãng, giao hàng toàn quốc, gọi 0912 345 678'],
    ['pharma', 'Thuoc cuong duong chinh hang gia re, ship COD toan quoc'],
    ['pharma', 'Bán thuốc kích dục nữ, giao hàng tận nơi, Zalo 0987654321'],
    ['investment', 'سرمایه گذاری با سود روزانه ۱۰ درصد، تماس: ۰۹۱۲۳۴۵۶۷۸۹'],
    ['investment', 'سرمایه‌گذاری با سود تضمینی ماهانه ۳۰ درصد، تلگرام @invest_ir'],
    ['loans', 'Δάνεια χωρίς εγγυήσεις άμεσα, τηλέφωνο 6912345678'],
    ['loans', 'Γρήγορο δάνειο χωρίς δικαιολογητικά, καλέστε 6912345678'],
    ['gambling', 'Deneme bonusu veren siteler, hemen üye ol: https://example.com/bonus'],
    ['gambling', 'En güvenilir bahis siteleri, hoşgeldin bonusu için tıkla https://example.com'],
    ['gambling', 'Deneme bonusu veren siteler 2025, hemen kaydol ve kazan'],
    // "Become a member" as an imperative, with no link: a call to sign up all the same.
    ['gambling', 'Deneme bonusu veren siteler, hemen üye ol ve kazan'],
    ['gambling', 'Güvenilir bahis siteleri listesi, hemen üye olun'],
    ['gambling', 'Hoşgeldin bonusu 500 TL, tıklayın ve oynayın'],
    ['gambling', '网赌平台注册送100元 https://example.com/reg'],
    ['gambling', '正规博彩平台，首充送50%，点击链接 https://example.com'],
  ])('%s: %s', (family, content) => {
    expect(phrasesOf(content)?.detail).toContain(familyLabel(family))
    expect(assessReaderComment(content).verdict).not.toBe('approved')
  })
})

describe('readers discussing the same subjects', () => {
  it.each([
    // Vietnamese: counterfeit medicine.
    'Công an thu giữ hàng nghìn hộp thuốc cường dương giả, người dân đừng mua thuốc trôi nổi trên mạng',
    'Thuốc giả tràn lan, kể cả thuốc cường dương "chính hãng" bán online cũng là hàng nhái',
    // Persian: inflation and the banks' rates.
    'با تورم ۴۰ درصدی، سود بانکی ۲۳ درصد یعنی سرمایه گذاری در بانک ضرر است',
    'وعده سود روزانه ۱۰ درصد همیشه کلاهبرداری است، بانک مرکزی باید جلوی این صندوق‌ها را بگیرد',
    'صندوق‌های سرمایه‌گذاری با سود تضمینی دیگر جذاب نیستند چون تورم بالاتر است',
    // Greek: loan rates.
    'Τα επιτόκια των στεγαστικών δανείων είναι πολύ υψηλά, η ΕΚΤ πρέπει να τα μειώσει',
    'Η κυβέρνηση δίνει δάνεια χωρίς εγγυήσεις στις μικρές επιχειρήσεις μέσω της Αναπτυξιακής Τράπεζας',
    // Turkish: a reader criticising the betting ads.
    'Her yerde deneme bonusu veren siteler reklamı var, yasa dışı bahis siteleri gençleri mahvediyor',
    'RTÜK bahis siteleri reklamlarına neden ceza vermiyor? Hoşgeldin bonusu vaadiyle insanlar kandırılıyor',
    // A member, of NATO or of a site, is no call to sign up.
    'Deneme bonusu veren siteler yüzünden gençler borç batağında, Türkiye bu sitelere üye olmayı yasaklamalı',
    'Bahis siteleri reklamı her yerde; arkadaşım bir siteye üye oldu ve deneme bonusu derken 50 bin TL kaybetti',
    // Chinese: the gambling laws.
    '中国法律禁止网赌，很多人因为网赌平台倾家荡产，警方应该加大打击力度',
    '柬埔寨的博彩平台背后是电信诈骗园区，新法律终于禁止了网络赌博',
  ])('%s', (content) => {
    expect(assessReaderComment(content).verdict).toBe('approved')
  })
})
