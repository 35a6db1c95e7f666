import { describe, expect, it } from 'vitest'
import { assessReaderComment } from '../reader-comment.js'
import { familyLabel, phrasesOf } from './context.js'

/**
 * Hindi comment spam (casino bonuses, bookmakers' "cricket IDs", loans, daily earnings, with a WhatsApp number) is
 * read like its French, English and Russian kin; Hindi readers writing about the same subjects in the news (India's
 * ban of online betting, the Mahadev app scandal, Goa's casinos, Mudra loans, Chinese loan apps) are not.
 */

describe('Hindi spam phrases', () => {
  it.each([
    ['gambling', 'वेलकम बोनस 500% और फ्री स्पिन, अभी जॉइन करें', 'वेलकम बोनस'],
    ['gambling', 'ऑनलाइन कैसीनो खेलें और जीतें, व्हाट्सएप करें 9876543210', 'ऑनलाइन कैसीनो'],
    ['gambling', 'क्रिकेट आईडी तुरंत पाएं, व्हाट्सएप 9876543210', 'क्रिकेट आईडी'],
    ['loans', 'पर्सनल लोन के लिए संपर्क करें: 9876543210', 'लोन के लिए संपर्क करें'],
    ['loans', 'बिना सिबिल स्कोर के लोन, हमसे संपर्क करें', 'बिना सिबिल स्कोर के लोन'],
    ['loans', 'क्या आपको लोन चाहिए? व्हाट्सएप करें 9876543210', 'लोन चाहिए'],
    ['easy-money', 'रोज 5000 रुपये कमाएं, मुझे मैसेज करें', 'रोज 5000 रुपये कमाएं'],
    ['easy-money', 'घर बैठे पैसे कमाएं, टेलीग्राम पर जुड़ें', 'घर बैठे पैसे'],
  ])('%s: %s', (family, content, quoted) => {
    const finding = phrasesOf(content)
    expect(finding?.detail).toContain(familyLabel(family))
    expect(finding?.detail).toContain(`“${quoted}”`)
  })

  it('reads a word written with or without its nukta', () => {
    const detail = phrasesOf('फ़्री स्पिन्स के साथ रोज़ 500 रुपये कमाएं, अभी जॉइन करें')?.detail
    expect(detail).toContain(`${familyLabel('gambling')} (“फ़्री स्पिन्स”)`)
    expect(detail).toContain(`${familyLabel('easy-money')} (“रोज़ 500 रुपये कमाएं”)`)
  })

  it.each([
    'भारत ने ऑनलाइन सट्टेबाजी और रियल मनी गेमिंग पर प्रतिबंध लगा दिया, यह सही फैसला है',
    'महादेव बेटिंग ऐप घोटाले में कई नेताओं के नाम आए, जांच धीमी है',
    'ऑनलाइन कैसीनो पर 28% जीएसटी लगाया गया, गोवा के कैसीनो भी परेशान हैं',
    'पुलिस ने क्रिकेट आईडी बेचने वाले सट्टेबाजों को पकड़ा',
    'मुद्रा योजना में बिना गारंटी के लोन मिलते हैं, पर बैंक आनाकानी करते हैं',
    'पाकिस्तान को फिर से आईएमएफ का लोन चाहिए, अर्थव्यवस्था डूब रही है',
    'चीनी इंस्टेंट लोन ऐप्स ने कई लोगों को आत्महत्या तक पहुंचाया',
    'सरकार चाहती है कि महिलाएं घर बैठे कमाएं, पर गांवों में इंटरनेट कहाँ है',
    'भ्रष्टाचार नेताओं के लिए पैसे कमाने का आसान तरीका बन गया है',
  ])('news in Hindi on the same subjects is no offer: %s', (content) => {
    expect(phrasesOf(content)).toBeNull()
    expect(assessReaderComment(content).verdict).toBe('approved')
  })
})

describe('a whole Hindi spam comment', () => {
  it('is spam, with the trade and the contact as its reasons', () => {
    const assessed = assessReaderComment('पर्सनल लोन के लिए संपर्क करें, व्हाट्सएप 9876543210')
    expect(assessed.verdict).toBe('spam')
    expect(assessed.reasons.map((reason) => reason.rule)).toEqual(
      expect.arrayContaining(['spam-phrases', 'contact-number']),
    )
  })
})
