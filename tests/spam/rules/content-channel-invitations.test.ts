import { describe, expect, it } from 'vitest'
import { contactNumber } from '../../../src/spam/rules/content/contact-number.js'
import { assessReaderComment } from '../reader-comment.js'
import { contextOf } from './context.js'

/**
 * Spam invites the reader to join its own channel or group on a messenger, and gives its handle: "join our Telegram
 * channel @x", "عضو کانال تلگرام ما شوید @x". The channel word stands between the messenger's name and the handle,
 * and the invitation (a first-person "our", an imperative no news writes) is what makes it one. A reader citing a
 * channel as the source of a claim invites nobody, nor does one saying a country should join an alliance.
 */
const evaluate = (content: string) => contactNumber.evaluate(contextOf(content))

describe('an invitation to join the writer’s channel, with its handle', () => {
  it.each([
    ['عضو کانال تلگرام ما شوید @bestoffers_ir برای تخفیف ویژه', '@bestoffers_ir'],
    ['به کانال تلگرام ما بپیوندید @bestoffers_ir', '@bestoffers_ir'],
    ['Join our Telegram channel @bestoffers for special discounts', '@bestoffers'],
    ['Telegram kanalımıza katılın @firsatlar_tr özel indirimler için', '@firsatlar_tr'],
    ['Приєднуйтесь до нашого каналу в Телеграм @znyzhky_ua', '@znyzhky_ua'],
    ['हमारे टेलीग्राम चैनल से जुड़ें @offers_india विशेष छूट के लिए', '@offers_india'],
    ['Tham gia nhóm Telegram của chúng tôi @uudai_vn để nhận ưu đãi', '@uudai_vn'],
    ['Theo dõi kênh Telegram @soikeo_vip để nhận kèo miễn phí', '@soikeo_vip'],
    ['加入我们的电报频道 @youhui_cn 获取优惠', '@youhui_cn'],
    ['텔레그램 채널에 참여하세요 @halin_kr 특별 할인', '@halin_kr'],
    ['テレグラムのチャンネルに参加してください @waribiki_jp', '@waribiki_jp'],
  ])('%s', (content, handle) => {
    const finding = evaluate(content)
    expect(finding?.detail).toContain(`“${handle}”`)
    expect(finding?.factor).toBe(2)
    expect(assessReaderComment(content).verdict).not.toBe('approved')
  })
})

describe('a channel cited, or joining named in another sense', () => {
  it.each([
    'According to the Telegram channel @rybar, the front moved 3 km near Pokrovsk.',
    'Ukraine should join NATO and the Telegram channel @DeepStateUA shows why, every day.',
    'Our group of readers in Lyon follows the Telegram channel @DeepStateUA every day, it is reliable.',
    'به گزارش کانال تلگرام @bbcpersian ایران دو دیپلمات را احضار کرد',
    'طبق کانال تلگرام @iranintl مردم در تهران دوباره به خیابان آمدند',
    'Theo kênh Telegram @tintuc_vn, quân đội Nga đã rút khỏi làng này',
    'बीबीसी हिंदी के टेलीग्राम चैनल @bbchindi के अनुसार सरकार ने फैसला बदल दिया',
    'Türkiye NATO’ya katılın diyenlere karşı, Telegram kanalı @haber_tr bunu yazdı',
  ])('%s', (content) => {
    expect(evaluate(content)?.factor ?? 1).toBe(1)
    expect(assessReaderComment(content).verdict).toBe('approved')
  })
})
