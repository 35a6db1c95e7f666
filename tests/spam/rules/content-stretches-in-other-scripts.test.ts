import { describe, expect, it } from 'vitest'
import { lowVariety, repeatedCharacters } from '../../../src/spam/rules/content/shape.js'
import { contextOf } from './context.js'

/**
 * Readers of every script stretch a word or a cry by repeating a letter, and laugh in characters of their own:
 * repeated-characters looks for padding, and low-variety for texts of a handful of characters, not for either.
 */

const repeats = (content: string) => repeatedCharacters.evaluate(contextOf(content))

describe('repeated-characters: a letter stretched in writing of its own script is expression', () => {
  it.each([
    ['a Korean vowel syllable stretched', '와아아아아아아아아아아아아 드디어 탄핵 인용!!!'],
    ['a Korean scream', '으아아아아아아아아아아아아아'],
    ['a Korean syllable stretched inside a word', '우와아아아아아아아아아아아아아앙'],
    ['a Japanese cry before a sentence', 'えええええええええええええ、トランプがまた関税？'],
    ['a Japanese cry alone', 'あああああああああああああああ'],
    ['the Japanese small tsu of a gasp', 'っっっっっっっっっっっっ！！！びっくりした'],
    ['a Chinese interjection', '啊啊啊啊啊啊啊啊啊啊啊啊 特朗普又来了'],
    ['Chinese sobbing', '呜呜呜呜呜呜呜呜呜呜呜呜，香港回不去了'],
    ['Chinese humming', '啦啦啦啦啦啦啦啦啦啦啦啦 賴清德又在喊台獨了'],
    ['a Chinese cry alone', '哇哇哇哇哇哇哇哇哇哇哇哇'],
    ['Chinese assent', '嗯嗯嗯嗯嗯嗯嗯嗯嗯嗯嗯嗯 说得对'],
    ['an Arabic alef stretched', 'لاااااااااااااااا'],
    ['an Arabic alef stretched before a prayer', 'يااااااااااااااا رب احفظ غزة'],
    ['a Hebrew vav stretched', 'וואוווווווווווווו'],
    ['Thai 555 on a Thai keyboard', 'ถถถถถถถถถถถถถถ'],
    ['a Thai final consonant stretched', 'ขอบคุณมากกกกกกกกกกกกกกก'],
    ['a Thai word stretched before a sentence', 'จริงงงงงงงงงงงงงง นายกคนใหม่อีกแล้ว'],
    ['a Thai vowel stretched', 'ค่าาาาาาาาาาาาาาา'],
    ['a Georgian vowel stretched', 'ვაააააააააააააააააა'],
    ['a Greek vowel stretched', 'Ναιιιιιιιιιιιιιιι επιτέλους!'],
    ['a Russian cheer', 'Ураааааааааааа!'],
    ['a Russian no', 'Нееееееееееееееет'],
    ['a Ukrainian cry before a sentence', 'Ааааааааааааааа, знову шахеди над Києвом'],
    ['a Russian cry after a Latin name', 'Macron, ааааааааааааааа, опять он'],
  ])('%s', (_, content) => {
    expect(repeats(content)).toBeNull()
  })
})

describe('repeated-characters: digits, marks and laughter of any script are expression', () => {
  it.each([
    ['Thai digits (555 in Thai numerals)', '๕๕๕๕๕๕๕๕๕๕๕๕'],
    ['Arabic-Indic digits', '٥٥٥٥٥٥٥٥٥٥٥٥ والله'],
    ['the Thai repetition mark', 'คนไทยในฝรั่งเศสอ่านแล้วเศร้ามากๆๆๆๆๆๆๆๆๆๆๆๆ'],
    ['the Japanese wave dash', 'やった〜〜〜〜〜〜〜〜〜〜〜〜'],
    ['rating stars', '★★★★★★★★★★★★ 최고의 기사'],
    ['hollow rating stars', '☆☆☆☆☆☆☆☆☆☆☆☆ 별로'],
    ['XD laughter', '笑死XDDDDDDDDDDDDD'],
    ['XD laughter in Latin text', 'xDDDDDDDDDDDDDDD trop drôle'],
  ])('%s', (_, content) => {
    expect(repeats(content)).toBeNull()
  })
})

describe('repeated-characters: padding still counts', () => {
  it.each([
    ['a stretched English word', 'wowwwwwwwwwwwwwwwwwwwwwwwwwwwww', '“w” ×29'],
    ['Latin padding', 'free coins aaaaaaaaaaaaaaaaaaaaaaaaaa', '“a” ×26'],
    ['a Latin letter padding a Korean text', '좋은 기사 aaaaaaaaaaaaaa', '“a” ×14'],
    ['a Cyrillic а padding a Latin text', 'free coins аааааааааааааааааааааааааа', '“а” ×26'],
    ['a Cyrillic а glued to a Latin word', 'casinoааааааааааааааааа', '“а” ×17'],
    ['a Greek ο between Latin words', 'best bonus οοοοοοοοοοοοοοοο click here', '“ο” ×16'],
    ['a Latin D after anything but X', 'LOLDDDDDDDDDDDDD', '“d” ×13'],
    ['a symbol that is no rating', '■■■■■■■■■■■■■■ buy now', '“■” ×14'],
  ])('%s', (_, content, run) => {
    expect(repeats(content)?.detail).toContain(run)
  })
})

describe('low-variety: laughter does not make a text long enough to judge', () => {
  const variety = (content: string) => lowVariety.evaluate(contextOf(content))

  it.each([
    [
      'a Korean laughing reaction',
      '아 ㅋㅋㅋㅋㅋ 진짜 ㅋㅋㅋㅋ 아 진짜 ㅋㅋㅋㅋㅋㅋ 아 ㅋㅋㅋㅋ 진짜 ㅋㅋㅋ 아아 ㅋㅋㅋㅋ 진짜 ㅋㅋ 아 ㅋㅋㅋ 진짜진짜 ㅋㅋㅋㅋ 아 ㅋㅋ 진짜 ㅋㅋㅋ 아',
    ],
    [
      'Korean laughter and tears',
      '헐 ㅋㅋㅋ 대박 ㅎㅎ 헐 ㅠㅠ 대박 ㅋㅋ 헐헐 ㅎㅎㅎ 대박 ㅋㅋ 헐 ㅠㅠㅠ 대박대박 ㅋㅋ 헐 ㅎㅎ 대박 ㅋㅋㅋ 헐 ㅠㅠ 대박 ㅋㅋ 헐',
    ],
    [
      'a Chinese laughing reaction',
      '对 哈哈哈 是的 哈哈 对对 呵呵 是 哈哈哈 对 嘿嘿 是的是的 哈哈 对 哈哈哈 是 呵呵呵 对的 哈哈 是 嘿嘿嘿 对对对 哈哈 是的 哈 对',
    ],
  ])('%s', (_, content) => {
    expect(variety(content)).toBeNull()
  })

  it('still fires on 30 characters of few kinds, laughter aside', () => {
    expect(variety('asd ㅋㅋ asdsa dsad ㅋㅋ sadas dasd sadsa dasd')?.detail).toMatch(
      /^Uses only 4 different characters in 30: /,
    )
  })

  it('still fires on Korean syllables of few kinds', () => {
    expect(
      variety('아진짜 진아짜 아짜진 짜진아 아진짜 짜아진 진짜아 진아짜 아짜진 짜진아 아진짜 진아'),
    ).not.toBeNull()
  })
})
