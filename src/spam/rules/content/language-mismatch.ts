import { francAll } from 'franc-min'
import { data } from 'franc-min/data.js'
import { expressions } from 'franc-min/expressions.js'
import { codeAt } from '../../chars.js'
import { asDetected } from '../../languages.js'
import type { Rule } from '../types.js'
import { defaultWeights } from '../weights.js'
import { cyrillicLanguages } from './cyrillic-languages.js'
import { languagesOf, listed } from './function-words.js'
import { dominantScript, type Script, scriptOf } from './scripts.js'
import { type Prose, proseOf } from './text.js'

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
  // Without them every text in the Arabic script was named Arabic to moderators (franc answers only among
  // these), and Hindi "another alphabet". franc compares only the profiles of a text's script: no cost to others.
  'pes',
  'urd',
  'hin',
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

const LETTER = /\p{L}/u
/** Whether a word has a letter: a number is no language. Digits first, so most words are settled at once. */
const hasLetter = (word: string) => {
  const first = codeAt(word, 0)
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

/** "an English-language", "a French-language": every language name here is spelled as it is said. */
const withArticle = (words: string) => `${/^[AEIOU]/.test(words) ? 'an' : 'a'} ${words}`

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

/** Scripts one language is written in: the text's script names it, no profile needed. */
const singleLanguage: Partial<Record<Script, string>> = {
  Hangul: 'kor',
  Greek: 'ell',
  Thai: 'tha',
  Hebrew: 'heb',
}
const SINGLE_SCRIPT_LANGUAGES: Record<string, Script> = {
  kor: 'Hangul',
  ell: 'Greek',
  tha: 'Thai',
  cmn: 'Han',
  jpn: 'Kana',
}
/**
 * The scripts of each language franc-min reads with trigram profiles: some have several (Serbian, Uzbek and
 * Azerbaijani in Latin and Cyrillic, Malay in Latin and Arabic), and a text in any of them is no other alphabet.
 */
const scriptsOfLanguage = new Map<string, Set<string>>(
  Object.entries(SINGLE_SCRIPT_LANGUAGES).map(([language, script]) => [language, new Set([script])]),
)
for (const [script, languages] of Object.entries(data)) {
  for (const language of Object.keys(languages)) {
    const scripts = scriptsOfLanguage.get(language) ?? new Set()
    scriptsOfLanguage.set(language, scripts.add(script))
  }
}
// Scripts a language is written in that franc-min has no profile of for it: Azerbaijani and Uzbek in the Arabic
// script (in Iran, in Afghanistan), Sorani Kurdish too (franc-min reads it in Latin only), Kazakh in the Latin
// alphabet it is moving to. A reader writing so is no sign of another language.
const unprofiledScripts: Record<string, Script> = {
  azj: 'Arabic',
  uzn: 'Arabic',
  ckb: 'Arabic',
  kaz: 'Latin',
}

/** The language a text in `script` is in when the script says it alone, or whether it cannot be `expected`. */
function byScript(sample: string, expected: string): Detected | undefined {
  const { script, kana } = dominantScript(sample)
  if (!script) return undefined
  const language = script === 'Han' || script === 'Kana' ? (kana ? 'jpn' : 'cmn') : singleLanguage[script]
  const expectedScripts = scriptsOfLanguage.get(expected)
  if (language) return alike(language, expected) ? null : { languages: [language] }
  if (unprofiledScripts[expected] === script) return null
  if (expectedScripts === undefined || expectedScripts.has(script)) return undefined
  // Another script than the article's (Cyrillic under a French article): another language, whichever it is.
  return { languages: [] }
}

/** The language settled by function words: the expected one (null), another one, or undecided (undefined). */
function byFunctionWords(prose: Prose, total: number, expected: string): Detected | undefined {
  const { skeletonWords: words, skeletonIds: ids, lexicon } = prose
  const counts = new Array<number>(listed.length).fill(0)
  const expectedIndex = listed.indexOf(expected)
  const enough = FUNCTION_WORD_SHARE * total
  // Each distinct word is looked up once.
  const languagesOfId = new Array<readonly number[] | null>(lexicon.distinct.length)
  for (let at = 0; at < ids.length; at++) {
    const id = ids[at] as number
    let languages = languagesOfId[id]
    if (languages === undefined) {
      languages = languagesOf(words[at] as string)
      languagesOfId[id] = languages
    }
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
function wordCount({ skeletonWords: words, skeletonIds: ids, lexicon }: Prose): {
  words: number
  read: number
} {
  let read = 0
  let lettered = 0
  // What each distinct word counts for, worked out once: 0 not yet, -1 nothing (a number), else the words read.
  const weights = new Array<number>(lexicon.distinct.length).fill(0)
  for (let at = 0; at < ids.length; at++) {
    const id = ids[at] as number
    let weight = weights[id] as number
    if (weight === 0) {
      weight = weightOf(words[at] as string)
      weights[id] = weight
    }
    if (weight < 0) continue
    lettered++
    read += weight
  }
  return { words: lettered, read }
}

/** How many words a reader counts in one word of the analysis: none for a number. */
function weightOf(word: string): number {
  if (!hasLetter(word)) return -1
  const script = scriptOf(codeAt(word, 0))
  return script === 'Han' || script === 'Kana' || script === 'Thai'
    ? Math.max(1, Math.floor(word.length / 2))
    : 1
}

export const languageMismatch: Rule = {
  id: 'language-mismatch',
  weight: defaultWeights['language-mismatch'],
  summary:
    "Clearly written in another language than the article's (10 words or more). A weak hint: readers write in many languages, so it only adds to other evidence.",
  confirmsOnly: true,
  evaluate({ text, input, policy }) {
    const named = input.article.language ?? policy.language
    const expected = named && asDetected(named)
    if (!expected || !detectable.has(expected)) return null
    const prose = proseOf(text)
    // The skeleton's words are in lower case, as the function-word lists are.
    const counted = wordCount(prose)
    if (counted.read < MIN_WORDS) return null
    const sample = prose.text.slice(0, SAMPLE)
    const byItsScript = byScript(sample, expected)
    if (byItsScript === null) return null
    let detected: Detected
    if (byItsScript && byItsScript.languages.length > 0) detected = byItsScript
    else if (byItsScript) {
      // Another alphabet than the article's: another language for sure; function words or franc name it.
      detected = byFunctionWords(prose, counted.words, expected) ?? byFranc(sample, expected) ?? byItsScript
    } else {
      const byWords = byFunctionWords(prose, counted.words, expected)
      if (byWords === null) return null
      detected = byWords ?? byFranc(sample, expected)
    }
    if (!detected) return null
    const languages = cyrillicLanguages(prose.text, detected.languages)
    const language = languages.length > 0 ? languages.map(languageName).join(' or ') : 'another alphabet'
    return {
      detail: `Written in ${language} on ${withArticle(`${languageName(expected)}-language`)} article (a weak hint: readers write in many languages).`,
    }
  },
}
