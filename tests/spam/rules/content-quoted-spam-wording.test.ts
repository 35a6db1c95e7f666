import { describe, expect, it } from 'vitest'
import { quotedRanges } from '../../../src/spam/rules/content/quotations.js'
import { assessReaderComment } from '../reader-comment.js'
import { phrasesOf } from './context.js'

/**
 * Readers reporting on spam quote its wording: the police's warning, the trial, the ban of the ads. Between
 * quotation marks, of whatever language, a spam phrase is reported, not offered: it counts only where the comment
 * sells or gives a way to be reached, as news vocabulary does.
 */

describe('a reader quoting spam wording is approved', () => {
  it.each([
    'Les arnaques au « prêt entre particuliers » explosent sur Facebook, la DGCCRF alerte depuis des années.',
    "Les arnaques au 'prêt entre particuliers' se multiplient, selon la gendarmerie https://www.lemonde.fr/argent/article/2024/03/12/les-arnaques-au-pret-entre-particuliers_6221234_1657007.html",
    'La police a démantelé un réseau qui promettait un « crédit sans justificatif » à des retraités.',
    'Les publicités promettant des « pronostics garantis » devraient être interdites, comme les influenceurs des paris.',
    "Ces victimes ont répondu à une annonce « gagnez de l'argent facilement » et se sont retrouvées séquestrées au Cambodge.",
    "La pénurie d'amoxicilline continue, et des sites proposent du « viagra sans ordonnance » pendant que les pharmacies manquent de tout.",
    'Les escrocs au faux « expert en récupération de cryptos » ciblent les victimes d’une première arnaque.',
    "Le marabout qui promettait le « retour de l'être aimé » a été condamné pour escroquerie à Lyon.",
    'Marseille : les usuriers proposaient des « prêts express » aux commerçants, le parquet a ouvert une enquête.',
    'Die Polizei warnt vor „Kredit ohne Schufa“-Angeboten und vor „prêts entre particuliers“ aus Frankreich.',
    'МВД предупреждает о мошенниках, которые обещают «займ без отказа» пенсионерам.',
    "경찰, '먹튀검증' 사이트 운영자 검거",
    "'가입머니'로 청소년을 유혹하는 불법 도박 광고가 늘었다고 합니다 https://www.yna.co.kr/view/AKR20240315000100004",
    "불법 '무직자대출' 광고에 속은 청년들이 고금리 피해를 봤다",
    "캄보디아 범죄단지는 '재택부업', '고수익 보장' 같은 문구로 한국 청년을 유인했습니다",
    "방통위가 '구독과 좋아요'를 미끼로 한 허위정보 채널을 조사한다",
    '警方提醒：“刷单返利”都是诈骗，缅甸电诈园区就是这样骗人的。',
    '网络赌博平台以“送彩金”“首存送”引诱玩家，警方已抓获多人。',
    '公安部通报：所谓「不看征信」「当天下款」的网贷广告都是套路贷',
    '「セフレ」募集を装った詐欺が増えているとの報道 https://www.nhk.or.jp/news/html/20240315/k10014392011000.html',
    'الحكومة تحذر من إعلانات "قروض بدون تحويل راتب" على فيسبوك',
    'الشرطة تعتقل عصابة روجت "كود ترويجي 1xbet" لطلاب الجامعات',
    'पुलिस चेतावनी: "रोज 5000 रुपये कमाएं" वाले विज्ञापन ठगी हैं',
    '"वेलकम बोनस" और "फ्री स्पिन" के विज्ञापनों पर सरकार ने रोक लगाई',
    'Chiêu "nợ xấu vẫn vay" là bẫy tín dụng đen, theo báo Tuổi Trẻ',
    'Quảng cáo "nhà cái uy tín" tràn lan trên mạng xã hội https://vnexpress.net/quang-cao-nha-cai-4731234.html',
  ])('%s', (content) => {
    expect(assessReaderComment(content).verdict).toBe('approved')
  })
})

describe('quoted spam wording is still spam where the comment offers it', () => {
  it.each([
    ['loans', '« Prêt entre particuliers » sérieux, contactez-moi sur WhatsApp +33 6 12 34 56 78'],
    ['gambling', "'가입머니' 지급, 텔레그램 @toto_vip 문의주세요"],
    ['loans', '“当天下款” 联系我 微信号 abc12345'],
    ['loans', '"قروض بدون تحويل راتب" تواصل معنا واتساب 0501234567'],
  ])('%s: %s', (family, content) => {
    expect(phrasesOf(content)?.detail).toContain(family === 'loans' ? 'a loan offer' : 'a casino')
  })

  it('counts a phrase only part of which is quoted', () => {
    expect(phrasesOf('Prêt entre « particuliers » sans frais ni justificatif')?.detail).toContain(
      'a loan offer',
    )
  })

  it('counts a phrase whose first word alone is quoted', () => {
    expect(phrasesOf('« Je » gagne 500 € par jour avec mon téléphone, écrivez-moi')?.detail).toBeDefined()
  })

  it('reads a phrase that begins in a quotation and runs on past its closing mark as the quotation’s', () => {
    // "je gagne # par jour avec" would match across the closing mark, and a warning was held.
    expect(
      phrasesOf(
        "Ces pubs « j'ai commencé avec 250 € et je gagne 1 000 € par jour » avec la tête de Macron sont des arnaques. Signalez-les au lieu de cliquer.",
      ),
    ).toBeNull()
  })
})

describe('quotation marks', () => {
  it.each([
    ["l'argent n'est pas « un prêt » mais un don", [' un prêt ']],
    ["au 'prêt entre particuliers' d'aujourd'hui", ['prêt entre particuliers']],
    ['„Kredit ohne Schufa“ und "sofort"', ['Kredit ohne Schufa', 'sofort']],
    ["'먹튀검증'을 내세운", ['먹튀검증']],
    ['「在线赌场」和“送彩金”', ['在线赌场', '送彩金']],
  ])('%s quotes %j', (text, quoted) => {
    expect(quotedRanges(text).map(([from, to]) => text.slice(from, to))).toEqual(quoted)
  })

  it('reads an apostrophe inside a word, or an unclosed mark, as no quotation', () => {
    expect(quotedRanges("l'être aimé et l'argent")).toEqual([])
    expect(quotedRanges('« prêt entre particuliers, sans fin')).toEqual([])
  })
})
