import { describe, expect, it } from 'vitest'
import { invisibleCharacters, mixedScript } from '../../../src/spam/rules/content/unicode.js'
import { contextOf } from './context.js'

/** Text that legitimately carries invisible characters or letters outside the basic Latin alphabet. */
const legitimate = [
  ['Arabic with right-to-left marks', '\u200Fمقال رائع، شكراً لكم على هذا التحليل العميق.\u200F'],
  ['a Latin name inside Arabic, set off by a direction mark', 'فريق PSG\u200Fفاز أمس'],
  ['Persian with a zero-width non-joiner', 'می\u200Cخواهم این مقاله را بخوانم'],
  ['Hindi with joiners', 'क्\u200Dष बहुत अच्छा लेख है, धन्यवाद।'],
  ['emoji sequences', 'Bravo 👩🏽‍💻 👨‍👩‍👧‍👦 ❤️‍🔥 🏳️‍🌈'],
  ['Thai with zero-width spaces between words', 'บทความ\u200Bนี้\u200Bดี\u200Bมาก'],
  ['Khmer with zero-width spaces', 'អត្ថបទ\u200Bល្អ\u200Bណាស់'],
  ['soft hyphens copied from an article', 'inter\u00ADnatio\u00ADnale, Bundes\u00ADverfassungs\u00ADgericht'],
  ['Azerbaijani', 'Azərbaycan çox gözəl ölkədir, məqalə üçün təşəkkür.'],
  ['Bambara', 'Ala ka sɛbɛn ɲuman don, i ni ce.'],
  ['Lingala', 'Mokanda malamu mpenza, tɔ́ndi mingi.'],
  ['Vietnamese', 'Bài viết rất hay, cảm ơn tác giả!'],
  ['Russian', 'Отличная статья, спасибо! Ёжик в тумане 🦔'],
  ['Greek', 'Εξαιρετικό άρθρο, ευχαριστώ πολύ.'],
  ['Serbian in Latin and Cyrillic, word by word', 'Hvala na članku. Хвала на чланку.'],
  ['a Greek word typed half on a Greek keyboard', 'Οh my god'],
  ['French ordinals in superscript', 'Au XXᵉ siècle, le 1ᵉʳ janvier'],
  ['a math formula', 'E = mc², α + β = γ, x ≥ 2'],
  ['Ukrainian with a modifier apostrophe', 'Дякую за обʼєктивну статтю'],
] as const

describe('invisible-characters', () => {
  it('weighs 1.5 points', () => {
    expect(invisibleCharacters.weight).toBe(1.5)
  })

  it('fires on one or two invisible characters inside words, and shows where', () => {
    expect(invisibleCharacters.evaluate(contextOf('Best ca\u200Bsino in town'))).toEqual({
      detail:
        'Hides an invisible character inside a word (“ca·sino”, · marking them), a trick to slip past word filters.',
      factor: 1,
    })
    expect(invisibleCharacters.evaluate(contextOf('vi\u2060agra and cia\uFEFFlis'))?.factor).toBe(1)
  })

  it('counts three or more twice', () => {
    const finding = invisibleCharacters.evaluate(contextOf('c\u200Ba\u200Bs\u200Bi\u200Bno bonus'))
    expect(finding?.factor).toBe(2)
    expect(finding?.detail).toMatch(/^Hides 4 invisible characters inside words \(“c·a·s·i·no”/)
  })

  it('quotes a word whose character before the hidden ones takes two code units whole', () => {
    // 𝈀 (U+1D200) is of the Greek script, beyond the Basic Multilingual Plane; U+E007F is invisible and astral too.
    const detail = invisibleCharacters.evaluate(contextOf('x 𝈀\u1160\u{E007F}¹ y'))?.detail ?? ''
    expect(detail).toContain('“𝈀··1”')
    expect(detail.isWellFormed()).toBe(true)
  })

  it('shows where in every script it counts them, not only in Latin, Cyrillic and Greek', () => {
    expect(invisibleCharacters.evaluate(contextOf('카\u200B지노 사이트 추천'))?.detail).toContain(
      '(“카·지노”',
    )
    expect(invisibleCharacters.evaluate(contextOf('Սա\u200Bկազինո է'))?.detail).toContain('(“Սա·կազինո”')
  })

  it('ignores invisible characters between words, at the edges, or around digits only', () => {
    expect(invisibleCharacters.evaluate(contextOf('\u200BBonjour \u200B à tous\u200B'))).toBeNull()
  })

  it.each(legitimate)('does not fire on %s', (_, content) => {
    expect(invisibleCharacters.evaluate(contextOf(content))).toBeNull()
  })
})

describe('mixed-script', () => {
  it('weighs 2 points', () => {
    expect(mixedScript.weight).toBe(2)
  })

  it('fires on a word mixing Latin with look-alike Cyrillic letters, and says how it reads', () => {
    expect(mixedScript.evaluate(contextOf('Log in to your Pаypal account'))).toEqual({
      detail: 'Disguises a word with look-alike letters from another alphabet: “pаypal” (read as “paypal”).',
    })
  })

  it('fires on small capitals and quotes at most three words', () => {
    const finding = mixedScript.evaluate(contextOf('ᴡʜᴀᴛꜱᴀᴘᴘ ᴍᴇ ɴᴏᴡ ꜰᴏʀ ᴛʜᴇ ᴅᴇᴀʟ'))
    expect(finding?.detail).toMatch(/^Disguises 5 words with look-alike letters from another alphabet: /)
    expect(finding?.detail).toContain('“ᴡʜᴀᴛꜱᴀᴘᴘ” (read as “whatsapp”)')
    expect(finding?.detail.match(/read as/g)).toHaveLength(3)
  })

  it("reads the author's name too", () => {
    expect(mixedScript.evaluate(contextOf('Great post', 'Саsino Вonus'))?.detail).toContain(
      "in the author's name",
    )
  })

  it.each(legitimate)('does not fire on %s', (_, content) => {
    expect(mixedScript.evaluate(contextOf(content, content))).toBeNull()
  })
})
