import { describe, expect, it } from 'vitest'
import { contactNumber } from '../../../src/spam/rules/content/contact-number.js'
import { numbersIn } from '../../../src/spam/rules/content/phone-numbers.js'
import { assessReaderComment } from '../reader-comment.js'
import { contextOf } from './context.js'

/**
 * The fairness probe's genuine comments that contact-number read as giving a phone number: dates in the calendars
 * Thai and Taiwanese readers write, and public helplines in Japanese and Russian. The real numbers written next to
 * them, or shaped like them, are still phone numbers.
 */
const evaluate = (content: string) => contactNumber.evaluate(contextOf(content))

describe('contact-number: dates of the Thai and Taiwanese calendars are no phone numbers', () => {
  it.each([
    ['a Thai Buddhist-era range of days', 'รัฐประหาร 19/9/2549 – 22/5/2557 ประเทศไทยถอยหลังไปสิบปี'],
    ['a Thai fiscal year', 'ปีงบประมาณ 1.10.2566-30.9.2567 งบกลาโหมเพิ่มขึ้นอีก'],
    ['Thai Buddhist-era years', 'รัฐประหาร 2490 2549 2557 แล้วก็ยังวนอยู่ที่เดิม'],
    ['Thai ranges of years written short', 'รัฐบาลทหาร 2549-50/2557-62 ไม่ต่างกัน'],
    ['a Taiwanese (Minguo) range of days', '選舉期間113/1/13-113/5/20都要注意假訊息。'],
    ['Minguo dates written with dots', '立法院會期 113.1.13-113.5.20 根本沒審什麼法案'],
  ])('%s', (_, content) => {
    expect(numbersIn(content)).toEqual([])
    expect(evaluate(content)).toBeNull()
    expect(assessReaderComment(content).verdict).toBe('approved')
  })

  it.each([
    ['a Thai mobile ending as a Buddhist-era year', 'โทร 081-234-2549 ด่วน', '081-234-2549'],
    ['a Thai landline grouped as a date', 'โทร 02 12 05 2549 ได้ตลอด', '02 12 05 2549'],
    // A Russian line is written 3-2-2, as a Minguo date would be with dashes.
    ['a Russian line whose 3-2-2 reads as a Minguo date', 'Звоните 8-495-110-12-25', '8-495-110-12-25'],
    ['the same with dots after its area code', 'Тел: +7 (495) 110.12.25', '+7 (495) 110.12.25'],
    ['a Swiss line with dots', 'Tel 044 110.12.12', '044 110.12.12'],
    // A Taiwanese mobile dashed before a group shaped as a Minguo date.
    ['a Taiwanese mobile, dashed', 'Звоните 0912-110.12.25 срочно', '0912-110.12.25'],
    // Buddhist-era years are years only in Thai text.
    ['groups shaped as Thai years, outside Thai text', 'call me 2455 2412 2599', '2455 2412 2599'],
  ])('still reads %s as a phone number', (_, content, number) => {
    expect(evaluate(content)?.detail).toContain(`“${number}”`)
  })
})

describe('contact-number: ministries and agencies are public services, whose lines count once, as any number', () => {
  it.each([
    [
      '厚生労働省のコールセンター（０１２０－５６５６５３）に電話したけど繋がらなかった。',
      'next to “厚生労働省”',
      '(0120-565653',
    ],
    ['厚生労働省の代表番号 03-5253-1111 に問い合わせた。', 'next to “厚生労働省”', '03-5253-1111'],
    ['警察庁の相談窓口 03-3581-0141 も使えます。', 'next to “警察庁”', '03-3581-0141'],
    [
      'Горячая линия Минобороны по мобилизации: 8-800-100-77-17. Звонил три раза — никто не берёт.',
      'next to “минобороны”',
      '8-800-100-77-17',
    ],
    [
      'Я звонил в Минобороны по номеру +7 495 696-71-71, там не отвечают.',
      'next to “минобороны”',
      '+7 495 696-71-71',
    ],
    ['Минздрав дал телефон +7 495 627-24-00 для родственников.', 'next to “минздрав”', '+7 495 627-24-00'],
  ])('%s', (content, service, number) => {
    // Offers claim a ministry's blessing: only an embassy's line counts nothing (content-contact-fairness.test.ts).
    expect(evaluate(content)).toEqual({
      detail: `Gives a public service's phone number (${service}): “${number}”.`,
    })
    expect(assessReaderComment(content).verdict).toBe('approved')
  })

  it.each([
    // 省 alone is also a Chinese province; "мин" alone begins "минута".
    ['a number next to a Chinese province', '广东省 电话 13800138000', '13800138000'],
    ['a Russian mobile after "минуту"', 'Подожди минуту, позвони 8 915 123 45 67', '8 915 123 45 67'],
    // Japan's and Russia's free lines are companies' and loan sharks' too: only a ministry's name makes one public.
    ['a Japanese free line alone', '即日融資OK 0120-123-456 まで', '0120-123-456'],
    ['a Russian free line alone', 'Списание долгов 8-800-555-35-35', '8-800-555-35-35'],
  ])('gives %s as any phone number', (_, content, number) => {
    expect(evaluate(content)?.detail).toBe(`Gives a phone number: “${number}”.`)
  })

  it.each([
    ['a free line offered by its writer', 'Займ за 5 минут, звоните мне 8-800-555-35-35'],
    ['a ministry named by a first-person offer', 'Агент Минобороны, пишите мне в WhatsApp +7 915 123 45 67'],
  ])('still doubles %s', (_, content) => {
    expect(evaluate(content)?.factor).toBe(2)
  })
})

describe('contact-number: a messenger’s name stretched by a few letters', () => {
  it.each([
    ['whatsappp +1 929 555 0101 for loans', 'whatsappp'],
    ['telegrammmmm @cash_signals for guaranteed profit', 'telegrammmmm'],
  ])('is the messenger still: %s', (content, name) => {
    expect(evaluate(content)?.detail).toContain(`next to “${name}”`)
    expect(evaluate(content)?.factor).toBe(2)
  })
})

describe('contact-number: a ministry named by an offer', () => {
  it.each([
    'Займ за 5 минут без отказа, одобрено Минфином, звоните 8 999 123 45 67',
    'Instant loans approved by the Ministry of Finance, no collateral, call 0712 345 678 today',
  ])(
    'is no public service passed on: the number counts, and is a way to take the offer up: %s',
    (content) => {
      expect(evaluate(content)?.factor).not.toBe(0)
      expect(assessReaderComment(content).verdict).toBe('pending')
    },
  )
})
