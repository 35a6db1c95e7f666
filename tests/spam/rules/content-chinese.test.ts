import { describe, expect, it } from 'vitest'
import { assessReaderComment } from '../reader-comment.js'
import { familyLabel, phrasesOf } from './context.js'

/**
 * Chinese comment spam (gambling sites, loans, side jobs, with a WeChat or QQ contact) is read like its French,
 * English and Russian kin; Chinese readers writing about the same subjects in the news (Macau's casinos, the
 * Philippines' ban of online casinos, China's crackdown on online lending) are not. Chinese is written without
 * spaces, so its phrases are substrings; those that are also news count only where the comment sells or gives a
 * way to be reached.
 */

describe('Chinese spam phrases', () => {
  it.each([
    ['gambling', '新用户注册送彩金888元，天天返水', '送彩金'],
    ['gambling', '首存送100%，真人娱乐百家乐，加微信：bet8888', '百家乐'],
    ['gambling', '在线赌场24小时存取款，联系我们 QQ 12345678', '在线赌场'],
    ['loans', '黑户可贷，不看征信，当天下款，加微信：daikuan66', '黑户可贷'],
    ['loans', '无需征信，快速放款，有需要的私聊我', '无需征信'],
    ['loans', '无抵押贷款极速下款，联系我们：loan_cn', '极速下款'],
    ['easy-money', '招聘宝妈兼职，在家赚钱，轻松月入八千，加V：job123', '宝妈兼职'],
  ])('%s: %s', (family, content, quoted) => {
    const finding = phrasesOf(content)
    expect(finding?.detail).toContain(familyLabel(family))
    expect(finding?.detail).toContain(`“${quoted}”`)
  })

  it.each([
    '菲律宾宣布全面禁止在线赌场，中国大使馆表示欢迎',
    '澳门百家乐赌桌收入下降，博彩业转型迫在眉睫',
    '国有银行向小微企业发放无抵押贷款，这是稳经济的一部分',
    '中国整顿网贷平台多年，打着无需征信旗号的公司都倒了',
    '柬埔寨的网上赌场背后是电信诈骗园区，缅北也一样',
    '深圳的营业执照秒批改革被很多城市学习',
    '疫情期间银行快速放款支持企业，但坏账也随之上升',
    '日本でオンラインカジノの利用が違法だと知らない人が多い',
    '在家赚钱的骗局在东南亚很多，很多中国人被骗到缅甸',
  ])('news in Chinese and Japanese on the same subjects is no offer: %s', (content) => {
    expect(phrasesOf(content)).toBeNull()
    expect(assessReaderComment(content).verdict).toBe('approved')
  })
})

describe('a whole Chinese spam comment', () => {
  it('is spam, with the trade and the contact as its reasons', () => {
    const assessed = assessReaderComment('黑户可贷，当天下款，加微信：daikuan66')
    expect(assessed.verdict).toBe('spam')
    expect(assessed.reasons.map((reason) => reason.rule)).toEqual(
      expect.arrayContaining(['spam-phrases', 'contact-number']),
    )
  })
})

describe('Chinese phrases are whole words, not any run of characters', () => {
  // Chinese has no spaces: a phrase is a substring, which may straddle two words of a reader's sentence.
  it.each([
    ['约炮 inside 制约 | 炮兵', '美国的新援助能否制约炮兵的推进，还要看乌克兰的弹药储备。'],
    ['约炮 inside 契约 | 炮弹', '这份契约炮弹供应条款写得很模糊，欧盟内部还有分歧。'],
    ['however often it straddles', `${'制约炮兵，'.repeat(3000)}`],
  ])('a phrase across two words is not found: %s', (_, content) => {
    expect(phrasesOf(content)).toBeNull()
    expect(assessReaderComment(content).verdict).toBe('approved')
  })

  it.each([
    ['at the end of a sentence', '同城美女，加微信约炮', '约炮'],
    ['between words', '想约炮的加我，微信 yue123', '约炮'],
    ['repeated after a straddling one', '制约炮兵？不如约炮，加微信 yue123', '约炮'],
  ])('the phrase as a word of its own is still found: %s', (_, content, quoted) => {
    expect(phrasesOf(content)?.detail).toContain(`“${quoted}”`)
  })
})
