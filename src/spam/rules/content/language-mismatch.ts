import { francAll } from 'franc-min'
import { data } from 'franc-min/data.js'
import { expressions } from 'franc-min/expressions.js'
import type { Rule } from '../types.js'
import { defaultWeights } from '../weights.js'
import { proseOf } from './text.js'

/**
 * Language mismatch (heuristics catalogue E10): a comment of ten words or more, clearly in another language than
 * the article's. A weak hint only: readers of a French site write in English, Russian, Arabic, Korean... and say
 * true things. It adds a little weight to spam that already looks like spam (English SEO praise under a French
 * article) and never holds a comment by itself.
 *
 * Detection is franc's (franc-min's trigram profiles), asked last because it reads every profile of a script,
 * about 100 to 200 µs a comment. Before it, in order:
 * - the script: Korean, Greek, Thai, Hebrew, Chinese and Japanese are named by their characters, and a text in
 *   another alphabet than the article's language uses is another language, whichever it is;
 * - function words: a text where one word in five is "le", "de", "pas"... is French (the common case on a French
 *   site, and done with at once); one where a quarter are "the", "and", "of"... and next to none French is English.
 * Only the rest (a language without a list here, or a text of keywords) goes to franc, which must then find the
 * article's language clearly behind: at most 0.9 of the best score.
 */

const MIN_WORDS = 10
const FRANC_SHORTLIST = [
  'fra',
  'eng',
  'deu',
  'spa',
  'ita',
  'por',
  'nld',
  'pol',
  'ron',
  'tur',
  'ind',
  'vie',
  'swe',
  'ces',
  'hun',
  'rus',
  'ukr',
  'bul',
  'arb',
  'cmn',
  'jpn',
  'kor',
]
/** franc's score of the expected language at most this (the detected one scores 1): clearly another language. */
const CLEARLY_OTHER = 0.9
/** Languages whose scores are this close are named together ("Bulgarian or Russian"). */
const CLOSE = 0.1
/** franc reads at most this much: enough to recognise a language, and a bounded cost. */
const SAMPLE = 200
const FUNCTION_WORD_SHARE = 0.2
const OTHER_LANGUAGE_SHARE = 0.25

/** Every language franc-min can answer: the languages of its trigram profiles, and single-language scripts. */
const detectable = new Set<string>([
  ...Object.values(data).flatMap((languages) => Object.keys(languages)),
  ...Object.keys(expressions).filter((script) => !(script in data)),
])

// Languages too close for franc to tell apart on a comment: one written as the other is no mismatch.
const sameLanguage = [new Set(['bos', 'hrv', 'srp']), new Set(['ind', 'zlm'])]
const alike = (a: string, b: string) => a === b || sameLanguage.some((group) => group.has(a) && group.has(b))

// The most frequent short words of the languages readers of a French site use most. A list errs on the side of
// words that are distinctive; an overlap ("de" is French, Spanish, Portuguese, Dutch) can only make a mismatch
// less likely to be found, never make one up.
const functionWords: Record<string, ReadonlySet<string>> = {
  fra: new Set(
    'le la les de des du un une et est sont pas ne que qui quoi dans pour sur avec ce cet cette ces il ils elle elles nous vous je tu on leur leurs mais ou où au aux très été être avoir fait comme aussi même donc car ça cela ont était sera peut tout tous toute toutes rien quand alors encore chez sans entre notre nos votre vos mon ma mes ton ta tes sa ses se y en plus moins bien déjà'.split(
      ' ',
    ),
  ),
  eng: new Set(
    "the and of to is are was were in that this it for with on not be have has had you i we they he she but or at by from an a my your our their his her been will would can could should do does did so if there what which who about just more very also than then them these those it's i'm don't can't isn't".split(
      ' ',
    ),
  ),
  deu: new Set(
    'der die das und ist nicht ein eine einen dem den des zu mit von auf für sich auch es ich wir sie er aber oder wie noch nur hat haben sind war wird werden kann bei aus nach um so dass daß man schon sehr im am zum zur vom'.split(
      ' ',
    ),
  ),
  spa: new Set(
    'el la los las de del y que en un una es no por para con se lo su sus al como más pero muy está son ya hay este esta también ha le les me mi yo'.split(
      ' ',
    ),
  ),
  ita: new Set(
    'il lo la gli le di del della dei che e è un una per con non si ma come più sono anche al alla nel nella questo questa ho ha molto mi ci io'.split(
      ' ',
    ),
  ),
  por: new Set(
    'o a os as de do da dos das que e é um uma em no na não para com por se mais como mas muito foi são ao seu sua isso este esta eu você nós'.split(
      ' ',
    ),
  ),
  nld: new Set(
    'de het een en van is niet dat die in op te met voor zijn er maar ook als aan om bij nog wel geen dit ik je we hij ze was heeft hebben worden wordt'.split(
      ' ',
    ),
  ),
  rus: new Set(
    'и в не на что я с он как это по но они к у же вы за бы так от его все она только мы уже для о из был было еще ещё когда если нет да или без до ни чтобы этот эта'.split(
      ' ',
    ),
  ),
  pol: new Set(
    'i w nie na się z że do to jest jak ale o co po za od tak już jego jej są by przez dla czy tylko też tym ten ta było jako może bardzo gdy'.split(
      ' ',
    ),
  ),
  tur: new Set(
    've bir bu da de için ile çok ne gibi daha ama o var olarak en kadar sonra mi mı değil ben sen biz onlar şey her'.split(
      ' ',
    ),
  ),
  ron: new Set(
    'și şi în nu cu pe care este mai din pentru să sa fost sunt dar sau ca acest această lui ei au am foarte'.split(
      ' ',
    ),
  ),
  ces: new Set(
    'je se na v že to s z do o k ale jak jsou by jsem tak už jen pro což který která které není byl bylo také jeho'.split(
      ' ',
    ),
  ),
  swe: new Set(
    'och att det som en på är för med inte av till den har jag de om var ett men så kan vi'.split(' '),
  ),
  ind: new Set(
    'yang dan di ini itu dengan untuk tidak dari dalam akan pada juga ke ada saya kita mereka sudah bisa atau karena'.split(
      ' ',
    ),
  ),
  vie: new Set(
    'và của là có không một những được cho người trong này với các đã để khi thì cũng rất'.split(' '),
  ),
  hun: new Set('az és hogy nem is egy van meg de ez azt mint csak már volt még el ha'.split(' ')),
  hrv: new Set('i je u se na da su za od ne to kao ali iz sa što bi koji koja biti jer'.split(' ')),
  ukr: new Set(
    'і й в у не на що я з він як це по але вони до ми ви та так за від його вже для про був була було ще коли якщо чи без ні щоб цей ця також дуже є'.split(
      ' ',
    ),
  ),
}
/** Each function word with the languages (their index in `listed`) it belongs to: one look-up per word. */
const listed = Object.keys(functionWords)
const languagesOfWord = new Map<string, number[]>()
listed.forEach((language, index) => {
  for (const word of functionWords[language] ?? []) {
    languagesOfWord.set(word, [...(languagesOfWord.get(word) ?? []), index])
  }
})
const FRENCH_ELISION = /^(?:[cdjlmnst]|qu)['’]\p{L}/u
/** An apostrophe second or third (l'…, qu'…): only then is the elision pattern worth trying. */
const mayBeElided = (word: string) => {
  const second = word.charCodeAt(1)
  const third = word.charCodeAt(2)
  return second === 39 || second === 0x2019 || third === 39 || third === 0x2019
}
const french = [listed.indexOf('fra')]
const LETTER = /\p{L}/u
/** Whether a word has a letter: a number is no language. Digits first, so most words are settled at once. */
const hasLetter = (word: string) => {
  const first = word.charCodeAt(0)
  return !(first >= 0x30 && first <= 0x39) || LETTER.test(word)
}

const names = new Intl.DisplayNames(['en'], { type: 'language' })
const extraNames: Record<string, string> = {
  zlm: 'Malay',
  fuv: 'Fula',
  hms: 'Hmong',
  hnj: 'Hmong',
  qug: 'Quichua',
  plt: 'Malagasy',
  zyb: 'Zhuang',
  skr: 'Saraiki',
  pbu: 'Pashto',
  koi: 'Komi',
  uzn: 'Uzbek',
  azj: 'Azerbaijani',
  swh: 'Swahili',
}
const knownNames = new Map<string, string>()

/** The English name of an ISO 639-3 code ("French"), remembered: asking Intl each time is slow. */
export function languageName(code: string): string {
  const known = knownNames.get(code)
  if (known) return known
  let name = extraNames[code]
  if (!name) {
    try {
      const display = names.of(code)
      name = display && display !== code ? display : `the language franc calls “${code}”`
    } catch {
      name = `the language franc calls “${code}”`
    }
  }
  if (knownNames.size < 1000) knownNames.set(code, name)
  return name
}

type Detected = { languages: string[] } | null

// Scripts by code point ranges, read with character codes (a Unicode class per character costs ten times more).
type Script =
  | 'Latin'
  | 'Cyrillic'
  | 'Greek'
  | 'Arabic'
  | 'Hebrew'
  | 'Devanagari'
  | 'Hangul'
  | 'Kana'
  | 'Han'
  | 'Thai'

function scriptOf(code: number): Script | null {
  if (code < 0x41) return null
  if (code <= 0x24f) return (code >= 0x5b && code <= 0x60) || (code >= 0x7b && code < 0xc0) ? null : 'Latin'
  if (code < 0x370) return null
  if (code <= 0x3ff) return 'Greek'
  if (code <= 0x52f) return 'Cyrillic'
  if (code < 0x590) return null
  if (code <= 0x5ff) return 'Hebrew'
  if (code <= 0x6ff || (code >= 0x750 && code <= 0x77f)) return 'Arabic'
  if (code >= 0x900 && code <= 0x97f) return 'Devanagari'
  if (code >= 0xe00 && code <= 0xe7f) return 'Thai'
  if (code >= 0x1100 && code <= 0x11ff) return 'Hangul'
  if (code >= 0x1e00 && code <= 0x1eff) return 'Latin'
  if (code >= 0x3040 && code <= 0x30ff) return 'Kana'
  if (code >= 0x3130 && code <= 0x318f) return 'Hangul'
  if ((code >= 0x3400 && code <= 0x4dbf) || (code >= 0x4e00 && code <= 0x9fff)) return 'Han'
  if (code >= 0xac00 && code <= 0xd7af) return 'Hangul'
  if ((code >= 0xfb50 && code <= 0xfdff) || (code >= 0xfe70 && code <= 0xfeff)) return 'Arabic'
  return null
}

/** The script most letters of `sample` are written in, and whether kana (Japanese) appear at all. */
function dominantScript(sample: string): { script: Script | null; kana: boolean } {
  const counts = new Map<Script, number>()
  for (let at = 0; at < sample.length; at++) {
    const script = scriptOf(sample.charCodeAt(at))
    if (script) counts.set(script, (counts.get(script) ?? 0) + 1)
  }
  let best: Script | null = null
  for (const [script, count] of counts) if (!best || count > (counts.get(best) ?? 0)) best = script
  return { script: best, kana: (counts.get('Kana') ?? 0) > 0 }
}

/** Scripts one language is written in: the text's script names it, no profile needed. */
const singleLanguage: Partial<Record<Script, string>> = {
  Hangul: 'kor',
  Greek: 'ell',
  Thai: 'tha',
  Hebrew: 'heb',
}
/** The script of each language franc-min reads with trigram profiles. */
const scriptOfLanguage = new Map<string, string>(
  Object.entries(data).flatMap(([script, languages]) =>
    Object.keys(languages).map((language) => [language, script]),
  ),
)
const SINGLE_SCRIPT_LANGUAGES: Record<string, Script> = {
  kor: 'Hangul',
  ell: 'Greek',
  tha: 'Thai',
  cmn: 'Han',
  jpn: 'Kana',
}

/** The language a text in `script` is in when the script says it alone, or whether it cannot be `expected`. */
function byScript(sample: string, expected: string): Detected | undefined {
  const { script, kana } = dominantScript(sample)
  if (!script) return undefined
  const language = script === 'Han' || script === 'Kana' ? (kana ? 'jpn' : 'cmn') : singleLanguage[script]
  const expectedScript = SINGLE_SCRIPT_LANGUAGES[expected] ?? scriptOfLanguage.get(expected)
  if (language) return alike(language, expected) ? null : { languages: [language] }
  if (expectedScript === script || expectedScript === undefined) return undefined
  // Another script than the article's (Cyrillic under a French article): another language, whichever it is.
  return { languages: [] }
}

/** The language settled by function words: the expected one (null), another one, or undecided (undefined). */
function byFunctionWords(words: readonly string[], total: number, expected: string): Detected | undefined {
  const counts = new Array<number>(listed.length).fill(0)
  const expectedIndex = listed.indexOf(expected)
  const enough = FUNCTION_WORD_SHARE * total
  for (const word of words) {
    const languages =
      languagesOfWord.get(word) ?? (mayBeElided(word) && FRENCH_ELISION.test(word) ? french : null)
    if (!languages) continue
    for (const index of languages) counts[index] = (counts[index] ?? 0) + 1
    // One word in five is the article's language's: it is written in it (or mostly), nothing more to read.
    if (expectedIndex >= 0 && (counts[expectedIndex] ?? 0) >= enough) return null
  }
  const share = (index: number) => (counts[index] ?? 0) / total
  let best = -1
  let second = -1
  for (let index = 0; index < listed.length; index++) {
    if (best < 0 || share(index) > share(best)) {
      second = best
      best = index
    } else if (second < 0 || share(index) > share(second)) second = index
  }
  const bestLanguage = listed[best]
  if (!bestLanguage || alike(bestLanguage, expected) || share(best) < OTHER_LANGUAGE_SHARE) return undefined
  // A clear winner, and next to nothing of the expected language: no need to ask franc.
  if (second >= 0 && share(second) * 1.5 > share(best)) return undefined
  if (expectedIndex >= 0 && share(expectedIndex) > FUNCTION_WORD_SHARE / 2) return undefined
  return { languages: [bestLanguage] }
}

/** franc's reading of the sample: another language than `expected`, clearly, or not. */
function byFranc(sample: string, expected: string): Detected {
  // Compared with the languages most comments are written in (and the article's), not all 80 of franc's: a few
  // times faster, and enough to tell "clearly not the article's language", which is all this rule needs.
  const ranked = francAll(sample, { minLength: 10, only: [...FRANC_SHORTLIST, expected] })
  const [top] = ranked
  if (!top || top[0] === 'und' || alike(top[0], expected)) return null
  const expectedScore = ranked.find(([language]) => alike(language, expected))?.[1] ?? 0
  if (expectedScore > CLEARLY_OTHER) return null
  const close = ranked
    .filter(([language, score]) => score >= 1 - CLOSE && !alike(language, expected))
    .slice(0, 2)
  return { languages: close.map(([language]) => language) }
}

/**
 * Words as a reader counts them, numbers left out: Chinese, Japanese and Thai are written without spaces, so a
 * run of their characters is one "word" to the analysis; two characters make about one word.
 */
function wordCount(words: readonly string[]): { words: number; read: number } {
  let read = 0
  let lettered = 0
  for (const word of words) {
    if (!hasLetter(word)) continue
    lettered++
    const script = scriptOf(word.charCodeAt(0))
    read +=
      script === 'Han' || script === 'Kana' || script === 'Thai'
        ? Math.max(1, Math.floor(word.length / 2))
        : 1
  }
  return { words: lettered, read }
}

export const languageMismatch: Rule = {
  id: 'language-mismatch',
  weight: defaultWeights['language-mismatch'],
  summary:
    "Clearly written in another language than the article's (10 words or more). A weak hint: readers write in many languages, so it only adds to other evidence.",
  confirmsOnly: true,
  evaluate({ text, input, policy }) {
    const expected = input.article.language ?? policy.language
    if (!expected || !detectable.has(expected)) return null
    const prose = proseOf(text)
    // The skeleton's words are in lower case, as the function-word lists are.
    const words = prose.skeletonWords
    const counted = wordCount(words)
    if (counted.read < MIN_WORDS) return null
    const sample = prose.text.slice(0, SAMPLE)
    const byItsScript = byScript(sample, expected)
    if (byItsScript === null) return null
    let detected: Detected
    if (byItsScript && byItsScript.languages.length > 0) detected = byItsScript
    else if (byItsScript) {
      // Another alphabet than the article's: another language for sure; function words or franc name it.
      detected = byFunctionWords(words, counted.words, expected) ?? byFranc(sample, expected) ?? byItsScript
    } else {
      const byWords = byFunctionWords(words, counted.words, expected)
      if (byWords === null) return null
      detected = byWords ?? byFranc(sample, expected)
    }
    if (!detected) return null
    const language =
      detected.languages.length > 0 ? detected.languages.map(languageName).join(' or ') : 'another alphabet'
    return {
      detail: `Written in ${language} on a ${languageName(expected)}-language article (a weak hint: readers write in many languages).`,
    }
  },
}
