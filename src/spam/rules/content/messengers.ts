/**
 * Messengers' names and requests to be contacted, in the languages the site's readers write (contact-number's
 * and cues' vocabulary), and where a match stands as a word. Arabic and Hebrew glue prepositions, the
 * conjunction and the article to a name ("بالواتساب", "وتلغرام", "בוואטסאפ"); Korean and Japanese glue particles
 * after it ("카톡으로", "LINEで"); Chinese and Japanese are not spaced at all, but a Japanese "ライン" inside a
 * longer katakana word is another word ("オンライン", "ガイドライン").
 */

import { codeAt } from '../../chars.js'

export type Span = { start: number; end: number; text: string }

// Persian and Urdu letters an Arabic keyboard types otherwise: ی as ي, ک as ك, Urdu's ہ as ه. The skeleton keeps
// what was typed, so the Persian and Urdu words below accept either.
const YEH = '[یي]'
const KAF = '[کك]'
const HEH = '[ہه]'

// Names in scripts other than Latin and Cyrillic: Arabic, Persian, Urdu, Hebrew, Hindi, Japanese, Chinese, Korean.
// Longer forms first ("微信号" before contact-number's "微信"). Iran's own messengers are Eitaa and Rubika.
export const NAMES_ELSEWHERE = [
  'تيليجرام|تيليغرام|تليجرام|تليغرام|تلغرام|تلجرام|تيلجرام|واتساب|واتس ?[اآ]ب|وتساب|فايبر',
  `تلگرام|واتساپ|واتس\u200c?اپ|واتس اپ|وا${YEH}بر|ا${YEH}تا|روب${YEH}${KAF}ا`,
  `وا?ٹس ?ا?${YEH}?پ|واٹساپ|ٹ${YEH}ل${YEH}\\s?گرام`,
  'טלגרם|טלגראם|וואטסאפ|ווטסאפ|וואצאפ|ווצאפ',
  'टेलीग्राम|टेलिग्राम|व्हाट्सएप|व्हाट्सऐप|व्हाट्सअप|वॉट्सऐप|वॉट्सएप|वाट्सएप',
  'ライン(?:\\s?id)?|line\\s?id|微信号|加v(?![a-z0-9])',
  '텔레그램|카카오톡|카톡|위챗|왓츠앱',
].join('|')

// The writer asking to be contacted, in the same languages and in Turkish and Korean: first person only ("contact us"), as a
// reader passing on an embassy's line tells others to call it ("اتصلوا بالسفارة", "büyükelçilikle iletişime
// geçin").
export const CONTACT_ELSEWHERE = [
  'راسل(?:نا|ني|ونا)|تواصل(?:وا)? مع(?:نا|ي)|اتصل(?:وا)? ب(?:نا|ي)|(?:اتصل|تواصل)(?:وا)? ال[آا]ن',
  `با (?:ما|من) تماس بگ${YEH}ر${YEH}د|به (?:ما|من) پ${YEH}ام (?:بده${YEH}د|بد${YEH}د|ده${YEH}د)`,
  // Urdu: "contact us", "WhatsApp us", "message me", "call now", not "contact the police" ("پولیس سے رابطہ کریں").
  `(?:${HEH}م|مجھ) سے رابط${HEH} ${KAF}ر${YEH}ں|(?:${HEH}م${YEH}ں|مجھے) (?:م${YEH}سج|واٹس ا${YEH}پ|${KAF}ال) ${KAF}ر${YEH}ں`,
  `ابھ${YEH} ${KAF}ال ${KAF}ر${YEH}ں`,
  'צרו (?:איתי|איתנו) קשר|כתבו לי|שלחו לי הודעה',
  // "Call now" too, as English's "call now" (cues.ts); not "call the helpline" ("हेल्पलाइन 1930 पर कॉल करें").
  '(?:हमसे|मुझसे) संपर्क करें|(?:मुझे|हमें) (?:मैसेज|कॉल|व्हाट्सएप) करें|अभी कॉल करें',
  // Vietnamese, with or without its diacritics: "message me", "contact me", "inbox the shop".
  '(?:nh[aắ]n tin|li[eê]n h[eệ]|inbox|ib) (?:cho )?(?:m[iì]nh|em|shop|t[oô]i)',
  '联系我们?|私聊我|私信我|加我好友|欢迎(?:咨询|来电)|来电咨询|扫码加我?|加我(?:微信|qq)|(?:ご)?連絡(?:ください|下さい|お待ちしてます)|友だち追加|友達追加',
  'bana (?:yazın|yaz|ulaşın)|bize (?:yazın|ulaşın)',
  // Not towards someone else ("경찰에 문의하세요", "은행에게 연락하세요"): a reader's advice to victims.
  '(?:연락|문의)\\s?(?:주세요|주십시오)|(?<!(?:에|에게|께)\\s?)(?:연락|문의)\\s?(?:하세요|바랍니다)',
].join('|')

// LINE is also an English word: "line" names the messenger only in a Japanese comment (one with kana).
const LINE = /line/g
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u

const WORD_CHARACTER = /[\p{L}\p{N}]/u
// Scripts written without spaces between words (Korean is spaced, but glues particles to a word).
export const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u
const KATAKANA = /[\p{Script=Katakana}ー]/u
const ATTACHING = /^[\p{Script=Arabic}\p{Script=Hebrew}]/u
// What Arabic and Persian (و, ف, ب, ل, ك and the article: "بالواتساب", "للواتساب", "الواتساب") and Hebrew (ו, ב,
// ה, ל, מ, ש, כ: "בוואטסאפ", "ובטלגרם") glue before a word.
const ATTACHED_PREFIX = /^(?:[وفبلك]{1,2}(?:ال)?|ال|[ובהלמשכ]{1,3})$/u

/** Whether the letters glued before `start` are a prefix Arabic, Persian or Hebrew attaches to a word. */
function attachedPrefix(text: string, start: number): boolean {
  let from = start
  while (from > 0 && start - from < 4 && WORD_CHARACTER.test(text[from - 1] ?? '')) from--
  if (from > 0 && WORD_CHARACTER.test(text[from - 1] ?? '')) return false
  return ATTACHED_PREFIX.test(text.slice(from, start))
}

/**
 * The matches of a global `pattern` in `text`, as `text.matchAll(pattern)` finds them. Read with `exec` on the
 * pattern itself, left at `lastIndex` 0: `matchAll` makes a copy of the pattern and an iterator on each call,
 * which cost as much as the search on a short text, and these patterns are searched several times per comment.
 */
export function spans(pattern: RegExp, text: string): Span[] {
  const found: Span[] = []
  pattern.lastIndex = 0
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const start = match.index
    const matched = match[0]
    found.push({ start, end: start + matched.length, text: matched })
    // An empty match moves on by one character, as matchAll does (a whole surrogate pair under the u flag).
    if (matched.length === 0) pattern.lastIndex = nextIndex(text, pattern.lastIndex, pattern.unicode)
  }
  pattern.lastIndex = 0
  return found
}

const nextIndex = (text: string, at: number, unicode: boolean) => {
  if (!unicode || at + 1 >= text.length) return at + 1
  const code = codeAt(text, at)
  const next = codeAt(text, at + 1)
  return code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? at + 2 : at + 1
}

/** Whether `char`, next to a word, ends it: not a letter or digit, or one of a script written without spaces. */
const edge = (char: string | undefined) => !WORD_CHARACTER.test(char ?? '') || UNSPACED.test(char ?? '')

/**
 * Matches that stand as words: not inside a longer word ("signalement", "kiki", "オンライン"), except the prefixes
 * Arabic, Persian and Hebrew attach; Chinese, Japanese and Korean matches need no space around them.
 */
export function wordSpans(pattern: RegExp, text: string): Span[] {
  return spans(pattern, text).filter((span) => {
    const before = text[span.start - 1]
    const after = text[span.end]
    if (KATAKANA.test(span.text[0] ?? '')) return !KATAKANA.test(before ?? '') && !KATAKANA.test(after ?? '')
    if (UNSPACED.test(span.text)) return true
    const prefixed = ATTACHING.test(span.text) && attachedPrefix(text, span.start)
    return (edge(before) || prefixed) && edge(after)
  })
}

/** LINE written in Latin letters, as a Japanese comment names it ("LINEで", "LINE: @x"). */
export const latinLine = (text: string): Span[] => (KANA.test(text) ? wordSpans(LINE, text) : [])

// "Add me on WeChat" is a request, whatever follows it.
const REACH_ELSEWHERE = new RegExp(`${CONTACT_ELSEWHERE}|加v(?![a-z0-9])`, 'gu')

/**
 * Whether the text asks to be contacted, in one of the languages above. A messenger's name alone is where news says
 * a scam is run ("عصابات تروج قروض عبر واتساب", "텔레그램으로 광고한 일당 검거"): an offer gives the number or handle
 * on it, which contact-number.ts reads.
 */
export const reachesOutElsewhere = (text: string) => wordSpans(REACH_ELSEWHERE, text).length > 0
