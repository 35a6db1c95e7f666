import { type Span, wordSpans } from './messengers.js'

/**
 * Sending the reader to search a name on a platform instead of giving a link ("search 'Cyber Genie Recovery' on
 * Instagram", "cherchez Avocat Récup Fonds sur Google", "유튜브에서 '부자되는 김대리' 검색하세요", "去抖音搜索“股神李老师”"):
 * how spam that knows links are filtered points to where its offer is taken up. Readers send each other to search
 * too ("tapez « rapport GIEC 2023 » sur Google"), for sources: it is only a way to take up an offer (cues.ts) where a
 * trade's words are used, never a finding of its own.
 */

// Search engines, video and social platforms, as readers name them in their scripts (particles glued in Korean and
// Japanese are left to wordSpans: "유튜브에서", "インスタで").
const PLATFORM =
  /google|youtube|instagram|insta|facebook|tiktok|telegram|twitter|yandex|bing|baidu|naver|vk|гугл\p{L}*|ютуб\p{L}*|инстаграм\p{L}*|фейсбук\p{L}*|телеграм\p{L}*|тикток\p{L}*|яндекс\p{L}*|구글|유튜브|인스타|페이스북|틱톡|네이버|텔레그램|グーグル|ユーチューブ|インスタ|フェイスブック|ティックトック|抖音|百度|小红书|快手|جوجل|قوقل|يوتيوب|انستقرام|انستغرام|فيسبوك|تيك توك|गूगल|यूट्यूब|इंस्टाग्राम|फेसबुक/gu

// Asking to search, type or find there, in the languages of the phrase lists.
const SEARCH =
  /search(?:es)?|look (?:up|for)|type(?: in)?|find (?:us|me|him|her|them)|recherche[zr]?|cherche[zr]|tape[zr]|busca[dr]?|busque[ns]?|buscadnos|pesquis[ae]|procur(?:em|e|a)|cerca(?:te)?|digita(?:te)?|such(?:t|en|e)?|eingeben|gib\p{L}* ein|найди(?:те)?|ищи(?:те)?|вбей(?:те)?|введи(?:те)?|набери(?:те)?|검색\p{L}*|치면|치세요|検索|搜索?|gõ|tìm(?: kiếm)?|cari|ketik|ara(?:t\p{L}*|yın)|yaz(?:ın)?|wpisz\p{L}*|szukaj(?:cie)?|znajdziecie|ابحث(?:وا)?|اكتب(?:وا)?|सर्च|खोज(?:ें|ो)?/gu

/** How far apart (in characters) the platform and the request may be: one clause. */
const NEAR = 40

const near = (a: Span, b: Span) => a.start - b.end <= NEAR && b.start - a.end <= NEAR

/** Whether the prose asks the reader to search for something on a platform. */
export function sendsToSearch(prose: string): boolean {
  const platforms = wordSpans(PLATFORM, prose)
  if (platforms.length === 0) return false
  const requests = wordSpans(SEARCH, prose)
  return requests.some((request) => platforms.some((platform) => near(request, platform)))
}
