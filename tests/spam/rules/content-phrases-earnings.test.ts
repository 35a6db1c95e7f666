import { describe, expect, it } from 'vitest'
import { phraseFamilies } from '../../../src/spam/rules/content/spam-phrases/index.js'
import { spamPhrases } from '../../../src/spam/rules/content/spam-phrases.js'
import { assessReaderComment } from '../reader-comment.js'
import { contextOf } from './context.js'

/**
 * Easy-money spam promises so much a day, in the first person or as an imperative, in every language the site's
 * readers write ("I make $500 a day from...", "заработок от 5000 рублей в день" are the English and Russian ones):
 * Ukrainian, Turkish, Greek, Arabic, Vietnamese and Hindi say the same. Readers saying what people earn, what a
 * state spends or what a war costs a day use the same numbers, in the third person.
 */
const evaluate = (content: string) => spamPhrases.evaluate(contextOf(content))
const label = phraseFamilies.find((family) => family.id === 'easy-money')?.label ?? 'easy-money'

describe('earnings a day or a month, offered', () => {
  it.each([
    'Мій заробіток від 30 000 грн на місяць без вкладень! Деталі в профілі',
    'Заробіть від 2000 грн в день онлайн, пишіть',
    'Evden günde 1000 TL kazanın, bana yazın',
    'Bitcoin ile günlük %5 kâr garantili, bana yazın',
    'Κέρδισε χρήματα από το σπίτι! 300€ την ημέρα',
    'أربح 1000 دولار يوميا من التداول، راسلني على الخاص',
    'Tôi kiếm 20 triệu mỗi tháng nhờ đầu tư crypto, ai muốn học thì ib mình nhé',
    'ऑनलाइन गेम खेलें और रोज़ ₹10000 जीतें',
    'Je gagne 300 € par jour en travaillant depuis chez moi, demandez-moi comment',
    'Je gagne 400 € par jour en ligne grâce à cette méthode',
  ])('%s', (content) => {
    expect(evaluate(content)?.detail).toContain(label)
  })
})

describe('what people earn, spend or lose a day, reported', () => {
  it.each([
    'Середній заробіток в Україні 20 000 грн на місяць, а ціни як у Польщі.',
    'Türkiye günde 100 milyon dolar kaybediyor, enflasyon %44.',
    'Η Ελλάδα κερδίζει 20 δισ. ευρώ από τον τουρισμό κάθε χρόνο.',
    'الحرب تكلف روسيا 500 مليون دولار يوميا حسب التقديرات',
    'Tôi kiếm 10 triệu mỗi tháng mà giá nhà ở Hà Nội đã lên 5 tỷ, làm sao mua nổi?',
    'Tôi kiếm được 8 triệu mỗi tháng từ lương hưu, không đủ sống ở Sài Gòn.',
    // Readers' own wages, complained of.
    'Je touche 150 € par jour en intérim dans les entrepôts, et on me parle de l’IA qui va tout remplacer.',
    "Türkiye'de asgari ücretle günde 500 TL kazanıyorum ama kira 15.000 TL, nasıl yaşayacağız?",
    'Я заробляю 15 000 грн на місяць, а комуналка 5 000. Як жити?',
    'ربحت الشركة 1000 دولار يوميا من الإعلانات حسب التقرير',
    'भारत रोज़ 10 लाख बैरल तेल रूस से खरीदता है',
  ])('%s', (content) => {
    expect(evaluate(content)).toBeNull()
    expect(assessReaderComment(content).verdict).toBe('approved')
  })
})
