import { describe, expect, it } from 'vitest'
import { assessReaderComment } from '../reader-comment.js'
import { familyLabel, phrasesOf } from './context.js'

/**
 * Arabic comment spam (betting sites, Gulf loans, earnings from home, with a WhatsApp contact) is read like its
 * French, English and Russian kin; Arabic readers writing about the same subjects in the news (the Gulf's first
 * casino licences, the IMF's loans to Egypt, betting scandals) are not. Arabic glues "و" and "ال" to a word, and is
 * written with or without hamzas, vowel marks and the tatweel: the phrases are read on the plain letters.
 */

describe('Arabic spam phrases', () => {
  it.each([
    ['gambling', 'احصل على بونص ترحيبي 200% و لفات مجانية، سجل الآن', 'بونص ترحيبي'],
    ['gambling', 'استخدم كود ترويجي 1xbet واحصل على مكافأة الإيداع', 'كود ترويجي 1xbet'],
    ['gambling', 'أفضل مواقع المراهنات في الخليج بدون حظر', 'أفضل مواقع المراهنات'],
    ['gambling', 'أقوى كازينو أونلاين في الخليج، تواصل معنا على واتساب', 'كازينو أونلاين'],
    ['loans', 'قروض بدون تحويل راتب للمواطنين والمقيمين', 'قروض بدون تحويل راتب'],
    ['loans', 'هل تحتاج إلى قرض عاجل؟ راسلنا على الواتساب', 'هل تحتاج إلى قرض'],
    ['loans', 'نقدم قروض شخصية بدون كفيل، واتساب 0501234567', 'نقدم قروض'],
    ['easy-money', 'اربح المال من البيت يوميا، راسلني للتفاصيل', 'اربح المال من البيت'],
    ['easy-money', 'اعمل من المنزل واكسب 500 دولار في الأسبوع', 'اعمل من المنزل واكسب'],
  ])('%s: %s', (family, content, quoted) => {
    const finding = phrasesOf(content)
    expect(finding?.detail).toContain(familyLabel(family))
    expect(finding?.detail).toContain(`“${quoted}”`)
  })

  it.each([
    ['without its hamza and with ه for ة', 'مكافاه ترحيبيه لكل اللاعبين الجدد'],
    ['with vowel marks', 'بُونَص تَرْحِيبِي لكل اللاعبين الجدد'],
    ['stretched with tatweel, after "and"', 'وبــونص ترحيبي لكل اللاعبين الجدد'],
  ])('reads a phrase written %s', (_, content) => {
    expect(phrasesOf(content)?.detail).toContain(familyLabel('gambling'))
  })

  it.each([
    'الإمارات منحت أول ترخيص لكازينو في رأس الخيمة، وهذا تحول كبير في الخليج',
    'صندوق النقد الدولي وافق على قرض عاجل لمصر بقيمة 1.2 مليار دولار',
    'هل تحتاج مصر إلى قرض جديد من صندوق النقد؟ الديون تتراكم',
    'السعودية تحظر الكازينو أونلاين ومواقع المراهنات منذ عقود',
    'قال الوزير: نقدم قروضا بدون فوائد للشباب في الأرياف',
    'القروض الشخصية في الخليج ارتفعت بعد رفع الفائدة',
    'العمل من المنزل براتب كامل لموظفي الحكومة خلال الجائحة',
    'الولايات المتحدة تعرض مكافأة مالية لمن يدلي بمعلومات عن قادة الحوثيين',
    'فضيحة المراهنات في الدوري المصري تكشف فساد الاتحاد، ولا توقعات مضمونة للإصلاح',
  ])('news in Arabic on the same subjects is no offer: %s', (content) => {
    expect(phrasesOf(content)).toBeNull()
    expect(assessReaderComment(content).verdict).toBe('approved')
  })
})

describe('a whole Arabic spam comment', () => {
  it('is spam, with the trade and the contact as its reasons', () => {
    const assessed = assessReaderComment('قروض بدون تحويل راتب، تواصل معنا واتساب 0501234567')
    expect(assessed.verdict).toBe('spam')
    expect(assessed.reasons.map((reason) => reason.rule)).toEqual(
      expect.arrayContaining(['spam-phrases', 'contact-number']),
    )
  })
})
