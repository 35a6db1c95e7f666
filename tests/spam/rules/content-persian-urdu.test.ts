import { describe, expect, it } from 'vitest'
import { contactNumber } from '../../../src/spam/rules/content/contact-number.js'
import { reachesOutElsewhere } from '../../../src/spam/rules/content/messengers.js'
import { assessReaderComment } from '../reader-comment.js'
import { contextOf, familyLabel, phrasesOf } from './context.js'

/**
 * Persian and Urdu are written in the Arabic script with letters of their own (ی ک گ پ چ ژ; Urdu's ٹ ڈ ڑ ں ے ہ),
 * and the same word is typed with Arabic's ي and ك on an Arabic keyboard. Their readers name WhatsApp and Telegram
 * in their own spellings ("واٹس ایپ", "ٹیلی گرام") and ask to be contacted in their own words ("ہم سے رابطہ کریں",
 * "با ما تماس بگیرید"), as spam does in French or Arabic; a reader telling others to call an embassy or the police
 * asks nothing for himself.
 */
const evaluate = (content: string) => contactNumber.evaluate(contextOf(content))

describe('WhatsApp and Telegram as Urdu and Persian write them', () => {
  it.each([
    ['واٹس ایپ', 'گھر بیٹھے روزانہ ۵۰۰۰ روپے کمائیں، واٹس ایپ کریں ۰۳۰۰۱۲۳۴۵۶۷', '۰۳۰۰۱۲۳۴۵۶۷'],
    ['وٹس ایپ', 'آن لائن کیسینو بونس، وٹس ایپ 03001234567', '03001234567'],
    ['ٹیلیگرام', 'کرپٹو سگنلز مفت، ٹیلیگرام @urdu_signals پر جوائن کریں', '@urdu_signals'],
    ['ٹیلی گرام', 'فاریکس سگنلز، ٹیلی گرام: @fx_pk', '@fx_pk'],
    ['ایتا', 'کسب درآمد روزانه، آیدی ایتا: @daramad_iran', '@daramad_iran'],
  ])('%s introduces the number or handle after it', (messenger, content, contact) => {
    const finding = evaluate(content)
    expect(finding?.detail).toContain(`“${messenger}”`)
    expect(finding?.detail).toContain(`“${contact}”`)
    expect(finding?.factor).toBe(2)
  })

  it('holds an Urdu offer with its WhatsApp number', () => {
    const assessed = assessReaderComment('گھر بیٹھے روزانہ ۵۰۰۰ روپے کمائیں، واٹس ایپ کریں ۰۳۰۰۱۲۳۴۵۶۷')
    expect(assessed.verdict).not.toBe('approved')
  })

  it.each([
    'پاکستان میں واٹس ایپ اور ٹیلی گرام پر جعلی قرض ایپس کے اشتہار بہت ہیں، حکومت کچھ نہیں کرتی۔',
    'ایران ایتا و روبیکا را جای تلگرام و واتساپ می‌خواهد، ولی مردم با فیلترشکن ادامه می‌دهند.',
    'ایتالیا در سال ۲۰۲۲ سفیر خود را از تهران فرا نخواند.',
  ])('named in a reader’s comment, they are no contact: %s', (content) => {
    expect(evaluate(content)).toBeNull()
    expect(assessReaderComment(content).verdict).toBe('approved')
  })
})

describe('asking to be contacted, in Urdu and in Persian', () => {
  it.each([
    'ہم سے رابطہ کریں',
    'مجھ سے رابطہ کریں',
    'ہمیں واٹس ایپ کریں',
    'مجھے میسج کریں',
    'با ما تماس بگیرید',
    // Persian typed on an Arabic keyboard: ي and ك for ی and ک.
    'با ما تماس بگيريد',
    'به ما پيام بدهيد',
  ])('a request: %s', (content) => {
    expect(reachesOutElsewhere(content)).toBe(true)
  })

  it.each([
    'متاثرین پولیس سے رابطہ کریں',
    'سفارت خانے سے رابطہ کریں',
    'با سفارت تماس بگیرید',
    'با پلیس فتا تماس بگیرید',
  ])('advice to others: %s', (content) => {
    expect(reachesOutElsewhere(content)).toBe(false)
  })

  it.each([
    ['فوری قرض بغیر ضمانت کے، ہم سے رابطہ کریں 03001234567', 'ہم سے رابطہ کریں'],
    ['وام فوری بدون ضامن، با ما تماس بگيريد ۰۹۱۲۳۴۵۶۷۸۹', 'با ما تماس بگيريد'],
  ])('doubles the number it gives: %s', (content, request) => {
    expect(evaluate(content)?.detail).toContain(`“${request}”`)
    expect(evaluate(content)?.factor).toBe(2)
  })
})

describe('an Urdu or Persian reader passing on a public office’s line', () => {
  it.each([
    [
      'دفتر خارجہ کی ہیلپ لائن 051 9207111 ہے، ایران میں پھنسے پاکستانی رابطہ کریں۔',
      'دفتر خارجہ',
      '051 9207111',
    ],
    [
      'بھارت میں پاکستانی ہائی کمیشن کا نمبر +91 11 2467 6004 ہے، ویزا کے لیے وہیں جائیں۔',
      'ہائی کمیشن',
      '+91 11 2467 6004',
    ],
    [
      'سفارت ایران در پاریس شماره +33 1 40 69 79 00 را برای ایرانیان اعلام کرد.',
      'سفارت',
      '+33 1 40 69 79 00',
    ],
  ])('explains it, and counts nothing: %s', (content, service, number) => {
    expect(evaluate(content)).toEqual({
      detail: `Gives a public service's phone number (next to “${service}”): “${number}”.`,
      factor: 0,
    })
    expect(assessReaderComment(content).verdict).toBe('approved')
  })
})

describe('Persian and Urdu spam phrases', () => {
  it.each([
    ['gambling', 'کازینو آنلاین با بونوس ۲۰۰٪، همین حالا ثبت نام کنید', 'کازینو آنلاین'],
    ['gambling', 'بونوس خوش آمدگویی ۱۰۰٪ برای کاربران جدید', 'بونوس خوش آمدگویی'],
    ['gambling', 'سایت شرط بندی معتبر با بیشترین ضریب، تلگرام: @bet_iran', 'سایت شرط بندی معتبر'],
    ['loans', 'وام فوری بدون ضامن، با ما تماس بگیرید ۰۹۱۲۳۴۵۶۷۸۹', 'وام فوری'],
    [
      'easy-money',
      'کسب درآمد از خانه روزانه ۵ میلیون تومان، پیام به تلگرام @kasb_daramad',
      'کسب درآمد از خانه',
    ],
    ['gambling', 'آن لائن کیسینو، ابھی جوائن کریں اور بونس پائیں', 'آن لائن کیسینو'],
    ['gambling', 'ویلکم بونس ۵۰۰٪، واٹس ایپ 03001234567', 'ویلکم بونس'],
    ['loans', 'فوری قرض بغیر ضمانت کے، ہم سے رابطہ کریں 03001234567', 'فوری قرض'],
    ['easy-money', 'گھر بیٹھے روزانہ ۵۰۰۰ روپے کمائیں، واٹس ایپ کریں ۰۳۰۰۱۲۳۴۵۶۷', 'روزانہ ۵۰۰۰ روپے کمائیں'],
  ])('%s: %s', (family, content, quoted) => {
    const finding = phrasesOf(content)
    expect(finding?.detail).toContain(familyLabel(family))
    expect(finding?.detail).toContain(`“${quoted}”`)
    expect(assessReaderComment(content).verdict).not.toBe('approved')
  })

  it.each([
    'تورم در ایران به ۴۰ درصد رسیده، وام فوری دولت هم دردی را دوا نمی‌کند.',
    'دولت کازینو آنلاین و شرط بندی را ممنوع کرده اما کانال‌های تلگرام پر از تبلیغ آن است.',
    'پلیس فتا: سایت‌های شرط بندی با وعده «بونوس خوش آمدگویی» مردم را فریب می‌دهند.',
    'کسب درآمد از خانه برای زنان روستا هنوز رویاست، اینترنت ضعیف و فیلتر شده است.',
    'حکومت نے آن لائن جوئے اور قرض ایپس پر پابندی لگا دی، اچھا فیصلہ ہے۔',
    'آئی ایم ایف سے فوری قرض ملا تو روپیہ سنبھلا، مگر مہنگائی ۳۸ فیصد تک پہنچ گئی۔',
    'حکومت چاہتی ہے کہ خواتین گھر بیٹھے کمائیں، مگر دیہات میں انٹرنیٹ کہاں ہے۔',
  ])('news in Persian and Urdu on the same subjects is no offer: %s', (content) => {
    expect(phrasesOf(content)).toBeNull()
    expect(assessReaderComment(content).verdict).toBe('approved')
  })

  it('a whole Persian loan offer is spam, with the trade and the contact as its reasons', () => {
    const assessed = assessReaderComment('وام فوری بدون ضامن، با ما تماس بگیرید ۰۹۱۲۳۴۵۶۷۸۹')
    expect(assessed.verdict).toBe('spam')
    expect(assessed.reasons.map((reason) => reason.rule)).toEqual(
      expect.arrayContaining(['spam-phrases', 'contact-number']),
    )
  })
})
