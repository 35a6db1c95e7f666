import { analyseText } from '../../analysis.js'
import { codeAt } from '../../chars.js'
import { normalizeText } from '../../normalize.js'
import type { Rule } from '../types.js'
import { defaultWeights } from '../weights.js'
import { givesAWayToReach, hasCueAnywhere, hasSellingCue } from './cues.js'
import { occursAsWords } from './han-words.js'
import { compilePhrases, findPhrases, fold, indexPhrases, type PhraseIndex, phraseWords } from './phrases.js'
import { onlyQuoted, quotedRanges, quotedWords } from './quotations.js'
import { type PhraseFamily, phraseFamilies } from './spam-phrases/index.js'
import { selfPromotion } from './spam-phrases/self-promotion.data.js'
import { hasStretch, isStretched, unstretched } from './stretched.js'
import { excerpt, type Prose, proseOf } from './text.js'

/** A text naming more families than this is not made worse by naming more: the factor is capped. */
const MAX_FAMILIES = 2
/**
 * The cap of a text that gives no way to take an offer up (no link, contact, e-mail address or domain name): news
 * vocabulary of two trades ("le puissant marabout de Touba", "besoin d'un financement urgent") is a reader's, and
 * holds it at worst. A selling word is not enough to count both: readers write them too ("les vendeurs de Viagra
 * en ligne. Achetez un journal papier", "Georgia will never join the EU while..."). Spam of those trades nearly
 * always says where to write; a channel's promotion is itself where to go.
 */
const MAX_FAMILIES_UNREACHABLE = 1

/** How many words of a phrase may follow the closing mark of the quotation it starts in, for it to be reported. */
const MAX_WORDS_PAST_A_QUOTATION = 2

/** A phrase's family, and whether it is also news vocabulary that needs a selling cue near it (cues.ts). */
type Tag = { family: PhraseFamily; needsCue: boolean }

const entries = phraseFamilies.flatMap((family) => [
  ...compilePhrases(family.phrases).map((phrase) => ({ phrase, tag: { family, needsCue: false } })),
  ...compilePhrases(family.withCue ?? []).map((phrase) => ({ phrase, tag: { family, needsCue: true } })),
])
const index: PhraseIndex<Tag> = indexPhrases(entries)
const knownWords = phraseWords(entries.map((entry) => entry.phrase))

/**
 * Whether a text has Chinese, Japanese or Korean words (a word keeps to one script: its first character tells),
 * read by character codes: a Unicode class over the whole text is much slower.
 */
function hasUnspacedWords(words: readonly string[]): boolean {
  for (const word of words) {
    const code = codeAt(word, 0)
    if ((code >= 0x3040 && code <= 0x9fff) || (code >= 0xac00 && code <= 0xd7a3)) return true
  }
  return false
}

/** Each family's `unspaced` phrases, normalised as the skeleton is. */
const unspacedPhrases = phraseFamilies
  .flatMap((family) => [
    ...(family.unspaced ?? []).map((phrase) => ({ family, phrase, needsCue: false })),
    ...(family.unspacedWithCue ?? []).map((phrase) => ({ family, phrase, needsCue: true })),
  ])
  .map((entry) => ({ ...entry, normalized: normalizeText(entry.phrase) }))

type Quote = { text: string; phrase: string }

const NOT_ASCII = /[^\u0020-\u007E\s]/

/** The prose's words folded, each distinct word once. */
function foldAll({ skeletonWords: words, skeletonIds: ids, lexicon }: Prose): readonly string[] {
  const foldedOf = new Array<string>(lexicon.distinct.length)
  const folded = new Array<string>(words.length)
  for (let at = 0; at < words.length; at++) {
    const id = ids[at] as number
    let word = foldedOf[id]
    if (word === undefined) {
      word = fold(words[at] as string)
      foldedOf[id] = word
    }
    folded[at] = word
  }
  return folded
}

/**
 * The prose's words folded, stretched words read as spelled ("SUBSCRIBEEEEE MY CHANNNNNEL"): see stretched.ts.
 * Plain ASCII (most English) has nothing to fold, and most texts stretch no word: their words are not copied.
 */
function foldedWords(prose: Prose, skeleton: string): readonly string[] {
  const folded = NOT_ASCII.test(skeleton) ? foldAll(prose) : prose.skeletonWords
  if (!hasStretch(skeleton)) return folded
  const { distinct } = prose.lexicon
  let stretched: Uint8Array | null = null
  for (let id = 0; id < distinct.length; id++) {
    if (!isStretched(distinct[id] as string)) continue
    stretched ??= new Uint8Array(distinct.length)
    stretched[id] = 1
  }
  if (!stretched) return folded
  const ids = prose.skeletonIds
  return folded.map((word, at) => (stretched[ids[at] as number] === 1 ? unstretched(word, knownWords) : word))
}

/**
 * The families whose phrases occur in the prose's skeleton words, each with the words that matched. Phrases that
 * are also news vocabulary count only where `cued` finds a selling cue near them (all count when it is absent).
 */
function familiesIn(
  prose: Prose,
  skeleton: string,
  folded: readonly string[],
  cued?: { near: (start: number, end: number) => boolean; anywhere: () => boolean },
): Map<PhraseFamily, Quote[]> {
  const words = prose.skeletonWords
  const found = new Map<PhraseFamily, Quote[]>()
  const phrases = findPhrases(index, folded, words, prose.skeletonIds, prose.lexicon.distinct.length)
  // A phrase between quotation marks is reported, not offered ("les arnaques au « prêt entre particuliers »"): it
  // needs a cue as news vocabulary does.
  // Read only when a phrase that is not news vocabulary asks: most texts have none, or nothing quoted.
  let quoted: boolean[] | null | undefined
  const reported = (start: number, end: number) => {
    if (!cued) return false
    if (quoted === undefined) quoted = quotedWords(prose.skeleton, words.length)
    if (quoted?.[start] !== true) return false
    // A match that begins inside a quotation and reads on a word or two past its closing mark is the quotation's
    // ("« … je gagne 1 000 € par jour » avec la tête de Macron"): reported too. One that ends in it is not ("Prêt
    // entre « particuliers »"), nor one whose first word alone is quoted ("« Je » gagne 500 € par jour avec").
    let closed = start
    while (closed < end && quoted[closed]) closed++
    for (let at = closed; at < end; at++) if (quoted[at]) return false
    return end - closed <= MAX_WORDS_PAST_A_QUOTATION
  }
  for (const { tag, match } of phrases) {
    const needsCue = tag.needsCue || reported(match.start, match.end)
    if (needsCue && cued && !cued.near(match.start, match.end)) continue
    const quotes = found.get(tag.family) ?? []
    if (!quotes.some((quote) => quote.text === match.text))
      quotes.push({ text: match.text, phrase: match.phrase })
    found.set(tag.family, quotes)
  }
  if (hasUnspacedWords(words)) {
    // Anywhere in the text: Chinese and Japanese have no spaces, and Korean glues particles and compounds to a
    // phrase ("메이저토토사이트를"). A substring has no place among the words, so its cue may be anywhere in the
    // comment (a Chinese sentence is one "word").
    // The quotations are read once for all the phrases found, not once a phrase.
    let ranges: [number, number][] | undefined
    const quotations = () => {
      ranges ??= quotedRanges(prose.skeleton)
      return ranges
    }
    for (const { family, phrase, normalized, needsCue } of unspacedPhrases) {
      if (!occursAsWords(skeleton, normalized)) continue
      const reportedOnly =
        cued !== undefined && !needsCue && onlyQuoted(prose.skeleton, normalized, quotations())
      if ((needsCue || reportedOnly) && cued && !cued.anywhere()) continue
      const quotes = found.get(family) ?? []
      quotes.push({ text: phrase, phrase })
      found.set(family, quotes)
    }
  }
  return found
}

/** The families of an article's title, every phrase counted: a title sells nothing. */
function familiesOfTitle(title: string): Map<PhraseFamily, Quote[]> {
  const analysed = analyseText(title)
  const prose = proseOf(analysed)
  return familiesIn(prose, analysed.skeleton, foldedWords(prose, analysed.skeleton))
}

const join = (parts: string[]) =>
  parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`

export const spamPhrases: Rule = {
  id: 'spam-phrases',
  weight: defaultWeights['spam-phrases'],
  summary:
    'Uses the stock phrases of a spam trade (crypto recovery, loans, casinos, pharmacy, adult, SEO, essays, fake support lines, channel promotion...).',
  evaluate(context) {
    const { text, input } = context
    const prose = proseOf(text)
    const folded = foldedWords(prose, text.skeleton)
    // Asked by each unspaced phrase found (79 of them), and the same answer for all: read once. Read again for
    // each, a comment of those phrases and 20 000 characters of words took ~40 ms.
    let cueAnywhere: boolean | undefined
    const found = familiesIn(prose, text.skeleton, folded, {
      near: (start, end) => hasSellingCue(context, folded, start, end),
      anywhere: () => {
        cueAnywhere ??= hasCueAnywhere(context, folded)
        return cueAnywhere
      },
    })
    if (found.size === 0) return null
    // The article's own subject: a phrase the title uses too is a reader talking about the article, maybe.
    const titleFamilies = input.article.title ? familiesOfTitle(input.article.title) : null
    let factor = 0
    const inTitle: string[] = []
    for (const [family, quotes] of found) {
      // The same phrase (the same entry of the list, in whatever inflection) in the title.
      const titlePhrases = new Set(titleFamilies?.get(family)?.map((quote) => quote.phrase))
      const shared = quotes.filter((quote) => titlePhrases.has(quote.phrase))
      if (shared.length > 0) {
        factor += 0.5
        inTitle.push(...shared.map((quote) => quote.text))
      } else factor += 1
    }
    const unreachable =
      factor > MAX_FAMILIES_UNREACHABLE && !found.has(selfPromotion) && !givesAWayToReach(context)
    factor = Math.min(unreachable ? MAX_FAMILIES_UNREACHABLE : MAX_FAMILIES, factor)
    const described = [...found].map(
      ([family, quotes]) =>
        `${family.label} (${quotes
          .slice(0, 3)
          .map((quote) => excerpt(quote.text, 60))
          .join(', ')})`,
    )
    const titleNote =
      inTitle.length > 0
        ? ` The article's title uses the same words as ${join(inTitle.slice(0, 3).map((quote) => excerpt(quote, 60)))}, so they count for half.`
        : ''
    const unreachableNote = unreachable ? ' It gives no link or contact, so they count as one.' : ''
    return { detail: `Uses the stock phrases of ${join(described)}.${titleNote}${unreachableNote}`, factor }
  },
}
