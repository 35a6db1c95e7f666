import { describe, expect, it } from 'vitest'
import { contactNumber } from '../../../src/spam/rules/content/contact-number.js'
import { spamPhrases } from '../../../src/spam/rules/content/spam-phrases.js'
import { assessReaderComment } from '../reader-comment.js'
import { contextOf } from './context.js'

/**
 * Messengers named in the other scripts the site's readers write (Arabic, Persian, Hebrew, Hindi, Japanese,
 * Chinese) and in Turkish: a handle, an ID or a number next to one is a contact to be reached on, as next to
 * "Telegram" or "텔레그램". Arabic and Hebrew glue prepositions and the article to the name ("بالواتساب",
 * "בוואטסאפ"), Japanese and Chinese write the ID right after it ("加微信：abc123456"). Readers who name the same
 * messengers in the news, or answer another reader's @name, give no contact.
 */
const contactOf = (content: string) => contactNumber.evaluate(contextOf(content))?.detail

describe('a contact next to a messenger named in another script, and news naming the same messenger', () => {
  it.each([
    [
      'Arabic',
      'استرجاع الأموال المسروقة من منصات التداول الوهمية، راسلنا على تيليجرام @recover_funds',
      'Gives a messenger handle, “@recover_funds”, next to “تيليجرام”.',
      '@أحمد تلغرام محظور في إيران منذ 2018، والناس يستخدمون VPN',
    ],
    [
      'Arabic, with the article and a preposition glued to the name',
      'أرباح يومية مضمونة، للاستفسار بالواتساب +966 55 123 4567',
      'Gives a phone number to be contacted on, next to “واتساب”: “+966 55 123 4567”.',
      'قناة @AlJazeera على تلغرام نشرت الفيديو قبل 2 ساعة',
    ],
    [
      'Persian',
      'کسب درآمد دلاری در خانه، در تلگرام: @dollar_fa',
      'Gives a messenger handle, “@dollar_fa”, next to “تلگرام”.',
      '@علی تلگرام در ایران از سال ۲۰۱۸ فیلتر است و واتساپ هم از ۱۴۰۱',
    ],
    [
      'Hebrew, with a preposition glued to the name',
      'הלוואות מהירות ללא בדיקה, שלחו הודעה בוואטסאפ 050-123-4567',
      'Gives a phone number to be contacted on, next to “וואטסאפ”: “050-123-4567”.',
      '@דני טלגרם הוא המקום שבו חמאס מפרסם את הסרטונים שלו',
    ],
    [
      'Hindi, with its postposition',
      'घर बैठे रोज़ 5000 रुपये कमाएं! अभी जुड़ें टेलीग्राम पर @earn_money_india',
      'Gives a messenger handle, “@earn_money_india”, next to “टेलीग्राम”.',
      '@राहुल व्हाट्सएप पर फैलने वाली अफवाहें 2024 के चुनाव में बड़ी समस्या थीं',
    ],
    [
      'Japanese, LINE written in Latin letters',
      '副業で月収100万円！LINE ID: @money_jp まで',
      'Gives a messenger handle, “@money_jp”, next to “line id”.',
      '@Taro LINEの個人情報流出は韓国政府も問題視した',
    ],
    [
      'Japanese, a handle glued to the particle after LINE',
      '副業で月収100万円！LINEで@money_jp に連絡',
      'Gives a messenger handle, “@money_jp”, next to “line”.',
      'LINEの広報はたろう@line.meではなく公式サイトを案内した、2024年',
    ],
    [
      'Korean, a handle glued to the particle after KakaoTalk',
      '하루 50만원 재택부업, 카톡으로@job_kr 연락',
      'Gives a messenger handle, “@job_kr”, next to “카톡”.',
      '카톡으로 기사를 공유했는데 기자@hani.co.kr 주소로 제보가 2024년에 왔다',
    ],
    [
      'Japanese, LINE in katakana and an ID without an @',
      '副業で月収100万円！ラインID：money_jp まで',
      'Gives a messenger ID, “money_jp”, next to “ラインid”.',
      'オンライン会議で @Taro さんが発言した 2024年の件',
    ],
    [
      'Chinese, a WeChat ID without an @',
      '代办各类证件，加微信：abc123456，诚信经营',
      'Gives a messenger ID, “abc123456”, next to “微信”.',
      '@小明 微信在伊朗也被封锁了，2022年的事',
    ],
    [
      'Chinese, WeChat as “V”',
      '兼职日结，加V：abc123',
      'Gives a messenger ID, “abc123”, next to “加v”.',
      '加vip会员 2024年涨价了，新闻说的',
    ],
    [
      'Turkish, with a case ending',
      "Kripto kazanç garantili! Telegram'dan @kripto_kazanc yazın",
      'Gives a messenger handle, “@kripto_kazanc”, next to “telegram”.',
      "@Mehmet Telegram'da yayılan video 2023'te de sahteydi",
    ],
    [
      'Russian, Telegram as “телега”',
      'Пишите в телегу @vozvrat_help, вернём деньги',
      'Gives a messenger handle, “@vozvrat_help”, next to “телегу”.',
      'Новость от ТГ-канала Baza: задержан замминистра, 2024 год.',
    ],
  ])('%s', (_, spam, detail, news) => {
    expect(contactOf(spam)).toBe(detail)
    expect(assessReaderComment(news).verdict).toBe('approved')
    expect(contactOf(news)).toBeUndefined()
  })
})

describe('a messenger or a request to be contacted in another script is a way to take an offer up', () => {
  it('so a cue-only phrase next to it counts', () => {
    expect(spamPhrases.evaluate(contextOf('Guaranteed profits every week — تواصل معنا'))?.detail).toContain(
      'a crypto or investment scam',
    )
    expect(spamPhrases.evaluate(contextOf('Guaranteed profits every week, said the fund.'))).toBeNull()
  })
})
