import { describe, expect, it } from 'vitest'
import { contactNumber } from '../../../src/spam/rules/content/contact-number.js'
import { assessReaderComment } from '../reader-comment.js'
import { contextOf } from './context.js'

/**
 * Persian and Urdu write their digits ۰ to ۹, Arabic often ٠ to ٩, and neither is changed by NFKC: a phone number
 * in them is a phone number all the same ("واتساپ ۰۹۱۲۳۴۵۶۷۸۹"), and a year, a resolution's or an article's number,
 * a solar date in them are no phone, as they are not in ASCII digits.
 */
const evaluate = (content: string) => contactNumber.evaluate(contextOf(content))

describe('a phone number in Persian or Arabic-Indic digits', () => {
  it.each([
    ['Persian, next to WhatsApp', 'وام فوری بدون ضامن، تماس با واتساپ ۰۹۱۲۳۴۵۶۷۸۹', '۰۹۱۲۳۴۵۶۷۸۹'],
    ['Arabic-Indic, next to WhatsApp', 'قروض بدون تحويل راتب، تواصل معنا واتساب ٠٥٠١٢٣٤٥٦٧', '٠٥٠١٢٣٤٥٦٧'],
    ['Persian, grouped', 'شرط بندی فوتبال، تلگرام ۰۹۱۲ ۳۴۵ ۶۷۸۹', '۰۹۱۲ ۳۴۵ ۶۷۸۹'],
  ])('is read as one: %s', (_, content, number) => {
    expect(evaluate(content)?.detail).toContain(`“${number}”`)
    expect(evaluate(content)?.factor).toBe(2)
  })

  it('makes a whole Arabic loan offer spam, as in ASCII digits', () => {
    const assessed = assessReaderComment('قروض بدون تحويل راتب، تواصل معنا واتساب ٠٥٠١٢٣٤٥٦٧')
    expect(assessed.verdict).toBe('spam')
    expect(assessed.reasons.map((reason) => reason.rule)).toEqual(
      expect.arrayContaining(['spam-phrases', 'contact-number']),
    )
  })

  it('holds a Persian offer on WhatsApp', () => {
    expect(assessReaderComment('وام فوری بدون ضامن، تماس با واتساپ ۰۹۱۲۳۴۵۶۷۸۹').verdict).not.toBe('approved')
  })
})

describe('numbers a reader writes in Persian, Urdu or Arabic-Indic digits are no phone', () => {
  it.each([
    'به نظرم این مقاله درست می‌گوید؛ قطعنامه ۲۲۳۱ شورای امنیت در سال ۲۰۱۵ تصویب شد و ایران تا ۱۳۹۷ به آن پایبند بود.',
    'اعتراضات ۱۴۰۱/۶/۲۵ همه چیز را تغییر داد، هنوز ۵۰۰ نفر در زندان هستند.',
    'انقلاب ۱۳۵۷ - ۱۳۸۸ - ۱۴۰۱، سه نسل و سه شکست.',
    'تورم در ایران به ۴۰ درصد رسیده و دلار ۶۰۰۰۰ تومان است، بودجه ۱۴۰۳ هم ۲۵۰۰۰۰۰۰۰۰ میلیارد ریال کسری دارد.',
    'اصل ۴۴ قانون اساسی درباره خصوصی‌سازی است، ماده ۶۳۸ قانون مجازات هم درباره حجاب.',
    'آئی ایم ایف نے پاکستان کو ۳ ارب ڈالر کا قرض دیا، مگر مہنگائی ۳۸ فیصد تک پہنچ گئی۔',
    'انتخابات ۸ فروری ۲۰۲۴ کو ہوئے اور نتائج ۱۷ فروری تک آتے رہے۔',
    'قرار مجلس الأمن ٢٤٢ لعام ١٩٦٧ لم يطبق حتى اليوم، والمادة ٥١ من الميثاق واضحة.',
    'صندوق النقد الدولي وافق على قرض عاجل لمصر بقيمة ٣ مليارات دولار في ٢٠٢٢/١٢/١٦',
    'نسبة التضخم بلغت ٣٥٫٧٪ في ٢٠٢٣ و٢٤٫٤٪ في ٢٠٢٤ حسب البنك المركزي.',
  ])('%s', (content) => {
    expect(evaluate(content)).toBeNull()
    expect(assessReaderComment(content).verdict).toBe('approved')
  })

  it.each([
    ['سفارت فرانسه در تهران شماره ۰۲۱۶۴۰۹۴۰۰۰ را برای اتباع اعلام کرده، ولی کسی جواب نمی‌دهد.', '۰۲۱۶۴۰۹۴۰۰۰'],
    ['وزارت خارجہ کی ہیلپ لائن ۰۵۱۹۲۰۷۱۱۱۱ پر بیرون ملک پاکستانی رابطہ کر سکتے ہیں۔', '۰۵۱۹۲۰۷۱۱۱۱'],
    ['سفارة فرنسا في بيروت نشرت رقم الطوارئ +٩٦١ ١ ٤٢٠ ٠٠٠ على واتساب للرعايا الفرنسيين.', '+٩٦١ ١ ٤٢٠ ٠٠٠'],
  ])('a public office’s line passed on is read as in ASCII digits: %s', (content, number) => {
    expect(evaluate(content)?.detail).toMatch(/^Gives a public service's phone number/)
    expect(evaluate(content)?.detail).toContain(`“${number}”`)
    // An embassy's counts nothing, a ministry's once (offers claim a ministry's blessing).
    expect(evaluate(content)?.factor).toBe(content.includes('سفار') ? 0 : undefined)
    expect(assessReaderComment(content).verdict).toBe('approved')
  })
})
