import type { TextAnalysis } from '../analysis.js'
import { recent } from '../recent.js'

/**
 * Generic praise: the few words of a comment that could be posted under any article ("great post", "thanks for
 * sharing", "merci pour cet article", "super article"). SEO spam wraps its author URL in them (Mishne et al.,
 * AIRWeb 2005); real readers say the same things, so the rules that use this lexicon never decide on their own.
 *
 * English and French, the languages of the reference site and of the spam it receives. Patterns are written the
 * way the text is folded before matching: lower case, accents removed, apostrophes and punctuation as spaces.
 */

/** Praise is generic only when it is short: longer comments say something of their own. */
export const MAX_PRAISE_WORDS = 12

const ADJECTIVE =
  'great|nice|good|awesome|excellent|amazing|wonderful|fantastic|brilliant|superb|lovely|informative|useful|' +
  'helpful|interesting|insightful|valuable|outstanding|fabulous|cool|perfect|beautiful|terrific|impressive'
const NOUN =
  'post|posts|article|articles|blog|blogs|read|reading|write up|writeup|content|info|information|work|job|site|' +
  'website|share|sharing|stuff|piece|topic|story|page|tips|points|one|effort'
const ENGLISH = [
  `(?:${ADJECTIVE}) (?:${NOUN})`,
  'thanks?(?: you)?(?: so much| a lot| very much)? for (?:sharing|posting|writing|this|the|such|your)',
  'keep (?:it|them) up',
  `keep up the (?:${ADJECTIVE}) work`,
  'keep (?:posting|writing|sharing|blogging)',
  'enjoyed (?:reading|this|your)',
  '(?:like|liked|love|loved|appreciate|appreciated) (?:this|your|the) (?:post|article|blog|site|website|content|work|writing|read)',
  '(?:very|really|so|quite|truly|extremely) (?:informative|helpful|useful|interesting|insightful|well written|nice|good|great)',
  'well (?:written|done)',
  'nicely done',
  '(?:learned|learnt) (?:a lot|so much|something new)',
  'bookmark(?:ed|ing)?',
  '(?:will|ll) (?:definitely |surely )?(?:be back|come back|visit again|share this|recommend)',
  `(?:this|the|your) (?:post|article|blog|site) (?:is|was) (?:very |really |so |truly )?(?:${ADJECTIVE}|well written)`,
]

const NOM =
  'article|articles|billet|post|partage|texte|travail|info|infos|information|informations|reportage|analyse|' +
  'papier|sujet|blog|site|contenu|dossier|enquete|publication'
const QUALITY =
  'interessant|interessante|instructif|instructive|utile|enrichissant|enrichissante|passionnant|passionnante|' +
  'genial|geniale|top|complet|complete|informatif|informative|pertinent|pertinente|excellent|excellente|' +
  'clair|claire|bien ecrit|bien ecrite|bien fait|bien faite|bien documente|bien documentee|bien redige'
const FRENCH = [
  `merci(?: beaucoup| bien| infiniment| mille fois)? (?:pour|de|du|a vous pour)(?: (?:cet|cette|ce|l|le|la|les|votre|vos|ton|ta|tes|ce bel|ce super|cet excellent))? (?:${NOM})`,
  'merci de (?:partager|nous informer)',
  `(?:super|tres bon|bon|excellent|bel|beau|tres bel|tres beau|magnifique|superbe|genial|chouette|formidable|remarquable|joli) (?:${NOM})`,
  `(?:${NOM}) (?:tres |vraiment |super |fort |hyper |extremement )?(?:${QUALITY})`,
  '(?:tres|vraiment|super|hyper|fort) (?:interessant|instructif|informatif|utile|enrichissant|passionnant|bien ecrit|bien explique|bien documente|bien fait)',
  'continuez (?:comme ca|ainsi|votre travail|vos articles|ce travail|le bon travail)',
  'bonne continuation',
  `j ai (?:beaucoup |vraiment |bien )?(?:aime|apprecie|adore) (?:cet|votre|ce|cette|l|le|la|vos|ton|ta|tes) (?:${NOM}|lecture)`,
  '(?:beau|bon|excellent|super|joli) travail',
  'bien (?:ecrit|explique|redige|documente)',
  '(?:beaucoup )?appris (?:beaucoup|plein de choses|des choses)',
  'en favoris',
  'a (?:lire|partager) absolument',
  `bravo (?:pour|a) (?:cet |ce |votre |vos |l |le |la )?(?:${NOM}|auteur|auteure|journaliste|journalistes)`,
]

/** Whole comments that are nothing but a word or two of praise. */
const ALONE: ReadonlySet<string> = new Set([
  'amazing',
  'awesome',
  'great',
  'nice',
  'excellent',
  'wonderful',
  'fantastic',
  'brilliant',
  'superb',
  'cool',
  'wow',
  'thanks',
  'thank you',
  'thanks a lot',
  'thank you so much',
  'thank you very much',
  'well done',
  'good job',
  'great job',
  'bravo',
  'super',
  'genial',
  'magnifique',
  'merci',
  'merci beaucoup',
  'parfait',
  'top',
  'chapeau',
  'felicitations',
])

const PHRASES = [...ENGLISH, ...FRENCH]
const PRAISE = new RegExp(`(?<![\\p{L}\\p{N}])(?:${PHRASES.join('|')})(?![\\p{L}\\p{N}])`, 'u')

/** Every word the lexicon is made of: praise words say nothing about what a comment is about. */
export const PRAISE_VOCABULARY: ReadonlySet<string> = new Set(
  [...PHRASES, ...ALONE].flatMap((phrase) => phrase.match(/[a-z]+/g) ?? []),
)

const URL_TEXT = /https?:\/\/\S*|(?<![\p{L}\p{N}.@/])www\.\S*/giu
const MARKS = /\p{M}+/gu
const NOT_WORD = /[^\p{L}\p{N}]+/gu

/** Lower-case text without accents, links or punctuation: words separated by single spaces. */
export function foldForPraise(normalized: string): string {
  return normalized.replace(URL_TEXT, ' ').normalize('NFD').replace(MARKS, '').replace(NOT_WORD, ' ').trim()
}

export type Praise = {
  /** The praise as it matched, folded ("thanks for sharing"). */
  phrase: string
  /** The comment's words outside links, folded. */
  words: string[]
}

const TOKEN = /\S+/g
const WORDY = /[\p{L}\p{N}]/u
const LINKY = /https?:\/\/|www\./i

/**
 * Whether the text has more words than praise can: each space-separated token with a letter or digit that is
 * not a link is at least one word once folded. Stops at the first token too many, so a long comment costs little.
 */
function tooLong(normalized: string): boolean {
  TOKEN.lastIndex = 0
  let count = 0
  for (let match = TOKEN.exec(normalized); match; match = TOKEN.exec(normalized)) {
    if (WORDY.test(match[0]) && !LINKY.test(match[0]) && ++count > MAX_PRAISE_WORDS) return true
  }
  return false
}

function findPraise(text: TextAnalysis): Praise | null {
  if (tooLong(text.normalized)) return null
  const folded = foldForPraise(text.normalized)
  if (!folded) return null
  const words = folded.split(' ')
  if (words.length > MAX_PRAISE_WORDS) return null
  if (ALONE.has(folded)) return { phrase: folded, words }
  const match = PRAISE.exec(folded)
  return match ? { phrase: match[0], words } : null
}

/** The generic praise a short comment consists of (links aside), or null when it says more than that. */
export const genericPraise: (text: TextAnalysis) => Praise | null = recent(findPraise)
