import { describe, expect, it } from 'vitest'
import { sendsToSearch } from '../../../src/spam/rules/content/search-redirect.js'
import { assessReaderComment } from '../reader-comment.js'
import { phrasesOf } from './context.js'

/**
 * Sending readers to search a name on a platform is how spam that expects its links filtered says where its offer
 * is taken up: a way to reach, which makes a trade's words that news also uses count. Alone it is nothing:
 * readers send each other to search for sources.
 */
describe('a request to search a name on a platform', () => {
  it.each([
    [
      'English',
      "Lost all my savings to a fake broker. Search “Cyber Genie Recovery” on Instagram, they're legit.",
    ],
    [
      'English, the platform first',
      'For daily betting tips with 98% accuracy, find us on Telegram: search FixedOddsKing',
    ],
    ['Vietnamese', "Ai cần vay tiền gấp thì lên Facebook tìm 'Vay Nhanh 24h Hà Nội' nha"],
    ['Hindi', "पैसे कमाने का आसान तरीका जानना है तो यूट्यूब पर 'अमीर बनो राहुल' सर्च करो"],
  ])('is where a trade’s words take the reader (%s)', (_, content) => {
    expect(sendsToSearch(content.toLowerCase())).toBe(true)
    expect(phrasesOf(content)).not.toBeNull()
    expect(assessReaderComment(content).verdict).toBe('pending')
  })

  it.each([
    ['Korean, particles glued', "하루 수익 50만원 인증합니다. 유튜브에서 '부자되는 김대리' 검색하세요"],
    ['Japanese', '詳しくはインスタで「副業ママゆか」と検索してください'],
    ['Chinese', '想学炒股赚钱的，去抖音搜索“股神李老师”'],
    ['Russian', 'Наберите в Яндексе «ведунья Мария отзывы»'],
  ])('is read in other scripts (%s)', (_, content) => {
    expect(sendsToSearch(content.toLowerCase())).toBe(true)
  })

  it.each([
    'Tapez « rapport GIEC 2023 » sur Google, le résumé pour décideurs fait 40 pages.',
    "Search 'Srebrenica genocide ruling' on YouTube, the ICJ hearing is there in full.",
    'Гуглите «дело Навального»: все документы суда в открытом доступе.',
    "구글에 '세월호 보고서' 검색해 보세요",
    "Buscad en Google 'informe ONU Gaza' y leed las conclusiones.",
  ])('leaves a reader pointing others to a source alone: %s', (content) => {
    expect(assessReaderComment(content).verdict).toBe('approved')
  })

  it('is no request when the platform is only named', () => {
    expect(sendsToSearch('google a été condamné à payer 4 milliards, youtube aussi est visé')).toBe(false)
  })
})
