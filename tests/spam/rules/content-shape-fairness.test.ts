import { describe, expect, it } from 'vitest'
import { allCaps, gibberish, repeatedCharacters } from '../../../src/spam/rules/content/shape.js'
import { contextOf } from './context.js'

/** The fairness audit's false positives of the shape rules, and the shouting and padding they exist for. */

describe('all-caps: acronyms in a script without case are not shouting', () => {
  it.each([
    ['Korean', 'NATO와 EU, UN, IMF, WHO, OECD 모두 이 문제에 침묵하고 있습니다.'],
    ['Japanese', 'NATOとEU、G7、IMF、WTO、OECDの枠組みでは対応できない問題だと思います'],
    ['Chinese', '北约NATO、欧盟EU、联合国UN、世卫组织WHO、国际货币基金组织IMF、世贸WTO都没有表态'],
    ['Hindi', 'क्वाड QUAD, ब्रिक्स BRICS, SCO, G20, UN — भारत हर मंच पर है'],
  ])('%s', (_, content) => {
    expect(allCaps.evaluate(contextOf(content))).toBeNull()
  })

  it.each([
    ['Latin', 'STOP THE WAR NOW, EVERYONE MUST ACT!!!'],
    ['Cyrillic', 'ПОЗОР ВСЕМ ЭТИМ ПОЛИТИКАМ И ЧИНОВНИКАМ!!!'],
    ['Greek', 'ΝΤΡΟΠΗ ΣΕ ΟΛΟΥΣ ΤΟΥΣ ΠΟΛΙΤΙΚΟΥΣ!!!'],
    ['capitals with a little Korean', 'BUY CHEAP FOLLOWERS NOW 지금'],
  ])('still fires on shouting in %s', (_, content) => {
    expect(allCaps.evaluate(contextOf(content))).not.toBeNull()
  })
})

describe('repeated-characters: stretched words and laughter of other scripts are expression', () => {
  it.each([
    ['the Arabic tatweel', 'شكـــــــــــــــــــرا جزيـــــــــــــــــــلا'],
    ['Arabic laughter', 'ههههههههههههههههه صدقت'],
    ['Hebrew laughter', 'חחחחחחחחחחחחח בדיוק'],
    ['Japanese laughter', '草wwwwwwwwwwww フランス人にも分かるんだ'],
    ['Brazilian laughter', 'kkkkkkkkkkkkkkk verdade'],
    ['the Japanese long vowel mark', 'すごーーーーーーーーーーーい'],
    ['the Russian smile', 'Согласен полностью))))))))))))'],
    ['the Russian frown', 'Опять подорожание((((((((((((('],
    ['Persian laughter', 'خخخخخخخخخخخخخخ عالی بود'],
    ['Russian laughter', 'ыыыыыыыыыыыы смешно'],
    ['Arabic question marks, as "???" is', 'بجدية ؟؟؟؟؟؟؟؟؟؟؟؟ لماذا ؟'],
    ['Arabic commas', 'نعم،،،،،،،،،،،، ولكن'],
    ['ideographic full stops, as "..." is', '好吧。。。。。。。。。。。。再说吧'],
    ['Japanese middle dots', 'えっ・・・・・・・・・・・・本当に？'],
    ['Devanagari dandas', 'क्या बात है।।।।।।।।।।।।'],
  ])('%s', (_, content) => {
    expect(repeatedCharacters.evaluate(contextOf(content))).toBeNull()
  })

  it.each([
    ['a stretched English word', 'wowwwwwwwwwwwwwwwwwwwwwwwwwwwww'],
    ['padding', 'free coins aaaaaaaaaaaaaaaaaaaaaaaaaa'],
    ['a stretched ending in k', 'thankkkkkkkkkkkkkkkk'],
  ])('still fires on %s', (_, content) => {
    expect(repeatedCharacters.evaluate(contextOf(content))).not.toBeNull()
  })
})

describe('gibberish: texting is not keyboard mashing', () => {
  it('leaves French texting alone, whose last letter is dragged for laughter', () => {
    expect(gibberish.evaluate(contextOf('Mdrrrr ptdrrrr vrmt tmtc, il a osé dire ça en direct'))).toBeNull()
  })

  it.each([
    ['French texting', 'ptdr tjrs vrmt ptdr trop drole'],
    ['French texting, capitalised', "Ptdr vrmt, c'est tjrs pareil avec eux. Ptdr."],
    ['English texting', 'tldr thnx smth nvmd, good read'],
    ['German abbreviations', 'bspw bzgl bspw bzgl Steuern'],
    ['Czech and Croatian words without vowels', 'prst skrz smrt krst'],
  ])('leaves %s alone', (_, content) => {
    expect(gibberish.evaluate(contextOf(content))).toBeNull()
  })

  it('still fires on mashing, dragged or not', () => {
    expect(gibberish.evaluate(contextOf('fgdhhhh zmxn bvcxxxx qwrtp sdfg'))).not.toBeNull()
  })
})
