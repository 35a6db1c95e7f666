import { describe, expect, it } from 'vitest'
import { contactNumber } from '../../../src/spam/rules/content/contact-number.js'
import { assessReaderComment } from '../reader-comment.js'
import { contextOf } from './context.js'

/**
 * Contacts as the site's readers' languages give them. Ukrainian asks to be written to or called as Russian does
 * ("пишіть", "телефонуйте"), and Chinese spam gives a QQ number as others give a WhatsApp one: the line counts
 * double, as theirs do. A number under a label ("τηλέφωνο", "电话", "연락처") is a phone, as "Tél : 06..." is, even
 * written as those countries write mobiles, with no 0 in front (Greek "69...", Chinese "138..."). Readers passing on
 * a ministry's or an embassy's line offer nothing.
 */
const evaluate = (content: string) => contactNumber.evaluate(contextOf(content))

describe('asked to write or call, in Ukrainian, or on QQ: the contact counts double', () => {
  it.each([
    ['Заробіток онлайн від 1000 грн на день, пишіть @rabota_ua', '@rabota_ua'],
    ['Кредит без довідок за 15 хвилин, телефонуйте 067 123 45 67', '067 123 45 67'],
    ['网上赌场 注册送88元 联系QQ 123456789', '123456789'],
  ])('%s', (content, contact) => {
    const finding = evaluate(content)
    expect(finding?.detail).toContain(`“${contact}”`)
    expect(finding?.factor).toBe(2)
    expect(assessReaderComment(content).verdict).not.toBe('approved')
  })
})

describe('a number under a label is a phone, however the country writes its mobiles', () => {
  it.each([
    ['Δάνεια χωρίς εγγυήσεις άμεσα, τηλέφωνο 6912345678', '6912345678'],
    ['无抵押贷款当天放款，电话 13800138000', '13800138000'],
    ['سرمایه گذاری در ارز دیجیتال با سود روزانه ۱۰ درصد، تماس: ۰۹۱۲۳۴۵۶۷۸۹', '۰۹۱۲۳۴۵۶۷۸۹'],
    ['Cho vay tín chấp lãi thấp, điện thoại: 0987 654 321', '0987 654 321'],
  ])('%s', (content, number) => {
    expect(evaluate(content)).toEqual({ detail: `Gives a phone number: “${number}”.` })
  })
})

describe('a ministry’s or an embassy’s line is passed on, whatever introduces it', () => {
  it.each([
    'Đường dây nóng của Bộ Công an, điện thoại 069 219 4222, ai bị lừa thì gọi ngay.',
    'سفارت فرانسه در تهران، تلفن: ۰۲۱۶۴۰۹۴۰۰۰، فقط برای موارد اضطراری.',
    'Посольство Франції в Києві: телефон +380 44 590 36 00, телефонуйте лише в разі потреби.',
    '中国驻法国大使馆领事保护电话 +33 1 49 52 19 95',
  ])('%s', (content) => {
    // An embassy's line counts nothing; a ministry's counts once, as any number (offers claim their blessing).
    expect(evaluate(content)?.factor).toBe(content.includes('Bộ Công an') ? undefined : 0)
    expect(assessReaderComment(content).verdict).toBe('approved')
  })

  it.each([
    'Тел. 1991 року: референдум, 90,32% за незалежність.',
    'Gọi 113 hoặc 114 khi khẩn cấp, đừng gọi cho kẻ lừa đảo.',
    '电话费涨了20%，手机用户很不满意。',
    'Ο πληθυσμός της Ελλάδας είναι 10432481 κάτοικοι, τηλεφωνικές γραμμές 4567890 περίπου.',
  ])('and a label with no phone after it gives nothing: %s', (content) => {
    expect(evaluate(content)).toBeNull()
  })
})
