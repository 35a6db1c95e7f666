import type { TextAnalysis } from '../analysis.js'
import { codeAt } from '../chars.js'
import { hostOfUrl, withoutRootDot } from '../extract-links.js'
import { type Lexicon, lexiconOf } from '../lexicon.js'
import type { ScoringInput } from '../rules/types.js'
import { scratch } from '../scratch.js'

const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u
/** Whether `word` has a code unit from U+0E00 on, where the first of UNSPACED's scripts (Thai) starts. */
function mayBeUnspaced(word: string): boolean {
  const length = word.length
  for (let at = 0; at < length; at++) if (codeAt(word, at) >= 0x0e00) return true
  return false
}
/** The number of code points of `word` (`[...word].length`: a lone surrogate counts as one). */
function codePoints(word: string): number {
  const length = word.length
  let count = length
  for (let at = 0; at + 1 < length; at++) {
    const code = codeAt(word, at)
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = codeAt(word, at + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--
        at++
      }
    }
  }
  return count
}
// Beyond ASCII a two-letter word carries meaning (Korean, Chinese, Cyrillic abbreviations): keep it.
const NON_ASCII = /[^ -~\s]/u
/** Whether `word` has a character NON_ASCII matches; printable ASCII (most words) is passed over without a regex. */
function hasNonAscii(word: string): boolean {
  const length = word.length
  for (let at = 0; at < length; at++) {
    const code = codeAt(word, at)
    if (code < 0x20 || code > 0x7e) return NON_ASCII.test(word)
  }
  return false
}
// Korean glues a particle to the word it follows ("토토사이트를", "토토사이트에서"): learned with it, one word would be
// a dozen tokens, each learned apart. The longest particle first; a word keeps two syllables at least ("아이", "사이").
const KOREAN_PARTICLES = ['에서', '으로', '에게', '한테', '까지', '부터', '처럼', '보다', '이랑']
  .concat(['은', '는', '이', '가', '을', '를', '의', '에', '로', '와', '과', '도', '만'])
  .sort((a, b) => b.length - a.length)
const isHangulSyllable = (code: number) => code >= 0xac00 && code <= 0xd7a3
/**
 * A Korean word without the particle glued to its end, or the word itself. A word of another script takes
 * particles too ("iPhone을", "URL에서", "AI가"): there the particle is all the Hangul it ends with.
 * drizzle/0025_learned_token_spellings.sql took them off the tokens learned before; the two must stay the same.
 */
function koreanStem(word: string): string {
  const length = word.length
  // Nearly every word reaching here (accented Latin, Cyrillic...) ends with no Hangul: one look.
  if (!isHangulSyllable(codeAt(word, length - 1))) return word
  const hangulFirst = isHangulSyllable(codeAt(word, 0))
  for (const particle of KOREAN_PARTICLES) {
    const stem = length - particle.length
    if (stem < 2 || !word.endsWith(particle)) continue
    if (hangulFirst) return word.slice(0, stem)
    // Two characters at least, counted as characters: a letter beyond the plane is two code units.
    if (!isHangulSyllable(codeAt(word, stem - 1)) && codePoints(word.slice(0, stem)) >= 2)
      return word.slice(0, stem)
  }
  return word
}
/**
 * Spellings one word is typed in, learned as one: phones type the typographic apostrophe (’) where keyboards type
 * ' ("l’argent", "aujourd’hui"), Ukrainian also writes ʼ ("мʼясо"); Russian readers mostly write ё as е ("елка",
 * "все"), and a Cyrillic vowel may carry a stress mark ("большо́й"). Apart, each spelling of a word was learned as a
 * token of its own, and a French or Russian reader's comments weighed half as much as an English one's. Only
 * Cyrillic loses its stress marks: elsewhere a mark NFKC left on a letter can tell words apart (Yoruba tones).
 * drizzle/0025_learned_token_spellings.sql respelt the tokens learned before; the two must stay the same.
 */
const RESPELLING = /[’ʼё]|[\u0400-\u04ff][\u0300\u0301]/u
const CYRILLIC_STRESS = /([\u0400-\u04ff])[\u0300\u0301]+/gu
const APOSTROPHES = /[’ʼ]/gu
/** The spelling `word` is learned by. */
export function learnedSpelling(word: string): string {
  return word.replace(APOSTROPHES, "'").replaceAll('ё', 'е').replace(CYRILLIC_STRESS, '$1')
}
/** Whether `word` has a character `learnedSpelling` may change: read by code, a Unicode pattern costs more. */
function mayRespell(word: string): boolean {
  for (let at = 0; at < word.length; at++) {
    const code = codeAt(word, at)
    if (code === 0x2019 || code === 0x02bc || code === 0x0451 || code === 0x0300 || code === 0x0301)
      return true
  }
  return false
}
/** The words as they are learned: `words` itself when none is respelt, as in most texts (one test of `text`). */
function learnedSpellings(words: readonly string[], text: string): readonly string[] {
  if (!RESPELLING.test(text)) return words
  return words.map((word) => (mayRespell(word) ? learnedSpelling(word) : word))
}

const MAX_TOKEN_LENGTH = 15
/** A host's tokens are its last this many labels and their parents. */
const MAX_HOST_LABELS = 6
const MAX_TOKENS = 1000
/** Probes of the pair table before it gives up (see addPairTokens). */
const MAX_PROBES = 32

/** DNS's limits (RFC 1035): a name of more than this many characters, or a label of more, cannot be looked up. */
const MAX_HOST_LENGTH = 253
const MAX_LABEL_LENGTH = 63

/**
 * A host no name server could answer for, as one skip token of its length class: a link to it leads nowhere, and
 * spelled out, thousands of characters that do not repeat made a key too long for the learned counts' index, and
 * every decision on the comment failed.
 */
function unresolvable(prefix: string, host: string): string | null {
  if (host.length <= MAX_HOST_LENGTH && host.split('.').every((label) => label.length <= MAX_LABEL_LENGTH))
    return null
  return `${prefix}sk:${Math.floor(host.length / 50) * 50}`
}

/** The host and each parent domain down to two labels: `www.shop.example.com` → also `shop.example.com`, `example.com`. */
function hostTokens(prefix: string, host: string | null): string[] {
  if (!host) return []
  const skipped = unresolvable(prefix, host)
  if (skipped) return [skipped]
  const labels = host.split('.')
  const tokens: string[] = []
  // Real hosts have a handful of labels; a forged one of thousands would cost quadratic time to spell out.
  for (let i = Math.max(0, labels.length - MAX_HOST_LABELS); i <= labels.length - 2; i++)
    tokens.push(`${prefix}${labels.slice(i).join('.')}`)
  return tokens.length > 0 ? tokens : [`${prefix}${host}`]
}

function emailDomain(email: string | null): string | null {
  const at = email?.lastIndexOf('@') ?? -1
  return email && at > 0 ? withoutRootDot(email.slice(at + 1).toLowerCase()) || null : null
}

/**
 * Words become tokens; text in scripts without spaces becomes overlapping character pairs, as a reader would segment
 * it. `add` is told whether a token is its word itself (`own`): distinct words give distinct tokens of their own.
 */
function wordTokens(
  words: readonly string[],
  prefix: string,
  add: (token: string, own: boolean) => void,
): void {
  for (const word of words) {
    // Most words are plain ASCII: their length is their letter count, and no script test is needed.
    if (!hasNonAscii(word)) {
      if (word.length > MAX_TOKEN_LENGTH)
        add(`${prefix}sk:${word.slice(0, 6)}:${Math.floor(word.length / 5) * 5}`, false)
      else if (word.length >= 3) add(`${prefix}${word}`, true)
      continue
    }
    if (mayBeUnspaced(word) && UNSPACED.test(word)) {
      const chars = [...word]
      if (chars.length === 1) add(`${prefix}${word}`, false)
      for (let i = 0; i + 1 < chars.length; i++) add(`${prefix}${chars[i]}${chars[i + 1]}`, false)
      continue
    }
    // The word has a character NON_ASCII matches (hasNonAscii said so): two letters of it make a token.
    const length = codePoints(word)
    if (length > MAX_TOKEN_LENGTH) {
      // Like SpamAssassin's "skip" tokens: the length class and the start, not the whole unique string.
      add(`${prefix}sk:${[...word].slice(0, 6).join('')}:${Math.floor(length / 5) * 5}`, false)
    } else if (length >= 2) {
      const stem = koreanStem(word)
      // A stem in plain ASCII is a word like any other: of three letters at least ("AI가" gives none, as "AI").
      if (stem !== word && stem.length < 3 && !hasNonAscii(stem)) continue
      // Two words may have one stem ("사이트를", "사이트에"): not a token of its own.
      add(`${prefix}${stem}`, stem === word)
    }
  }
}

const pairTable = scratch((length) => new Int32Array(length))

/**
 * Pairs of neighbouring words (`b:check out`): spam is made of set phrases whose words are ordinary alone. On the
 * training files' cross-validation, pairs moved a fifth more spam to a near-certain probability with no ham
 * (525 → 634 of 811, ham 0) and pushed ham further from spam (npm run eval).
 *
 * A pair token starts with `b:` and has a space, which no other token has, so pairs are told apart among
 * themselves only, and by the numbers of their two words in the lexicon: a table of the first position of each
 * pair, instead of hashing each pair's string in a Set (the costliest part of tokenizing).
 */
function addPairTokens(words: readonly string[], lexicon: Lexicon, tokens: string[]): void {
  const { distinct, ids } = lexicon
  // Per distinct word: the start of the pairs it begins (`b:word `), made when first needed; or null when the word
  // is too long to be paired.
  const starts: (string | null | undefined)[] = distinct.map((word) =>
    word.length <= MAX_TOKEN_LENGTH ? undefined : null,
  )
  const before = tokens.length
  let size = 16
  while (size < 2 * words.length) size *= 2
  const mask = size - 1
  // The position of the first occurrence of a pair, or -1.
  const firstAt = pairTable(size).fill(-1, 0, size)
  for (let i = 0; i + 1 < words.length && tokens.length < MAX_TOKENS; i++) {
    const first = ids[i] as number
    const second = ids[i + 1] as number
    let start = starts[first]
    if (start === null || starts[second] === null) continue
    let slot = (Math.imul(first, 0x9e3779b1) ^ Math.imul(second, 0x85ebca6b)) & mask
    let probes = 0
    for (let at = firstAt[slot] as number; at !== -1; at = firstAt[slot] as number) {
      if (ids[at] === first && ids[at + 1] === second) break
      slot = (slot + 1) & mask
      // A text whose pairs pile up in the table (made to: ordinary ones never do) is read the plain way instead.
      if (++probes === MAX_PROBES) {
        tokens.length = before
        addPairTokensWithSet(words, tokens)
        return
      }
    }
    if (firstAt[slot] !== -1) continue
    firstAt[slot] = i
    if (start === undefined) {
      start = `b:${words[i]} `
      starts[first] = start
    }
    tokens.push(start + words[i + 1])
  }
}

/** The same pairs, told apart by their strings in a Set (see addPairTokens). */
function addPairTokensWithSet(words: readonly string[], tokens: string[]): void {
  const seen = new Set<string>()
  for (let i = 0; i + 1 < words.length && tokens.length < MAX_TOKENS; i++) {
    const first = words[i] as string
    const second = words[i + 1] as string
    if (first.length > MAX_TOKEN_LENGTH || second.length > MAX_TOKEN_LENGTH) continue
    const token = `b:${first} ${second}`
    if (seen.has(token)) continue
    seen.add(token)
    tokens.push(token)
  }
}

/**
 * The words every link spells out whatever it leads to. They say only that the comment has a link, which `l:` and
 * the hosts' tokens already say: learned as words too, one link was three or four pieces of evidence
 * ("https", "www", "https www", "voir https"), and where the training had linked spam and unlinked genuine
 * comments, a reader citing Le Monde, Reuters or Meduza was marked spam on them alone. Cross-validation on the
 * training files (npm run eval): spam caught 97.5 % either way, genuine comments marked spam 4 either way, 8 of 811
 * spam held for a moderator instead of marked spam (accuracy 0.940 → 0.935).
 */
const LINK_SCAFFOLDING = new Set(['http', 'https', 'www'])
/** The words a comment is learned by: all of them, less the scaffolding of its links when it has any. */
function learnedWords(text: TextAnalysis): readonly string[] {
  if (text.links.length === 0) return text.words
  return text.words.filter((word) => !LINK_SCAFFOLDING.has(word))
}

const ruleToken = (rule: string) => `r:${rule}`

/**
 * The tokens a comment is learned and judged by: its words and pairs of neighbouring words, and prefixed so they never collide with words, the
 * hosts it links to, its author's name, URL host and e-mail domain (never the e-mail's local part), how many links
 * it carries, and which rules it set off, so the model learns how far each rule is to be trusted on this site.
 */
export function tokenize(
  input: ScoringInput,
  text: TextAnalysis,
  name: TextAnalysis,
  firedRules: readonly string[],
): string[] {
  const tokens = new Set<string>()
  const add = (token: string) => {
    if (tokens.size < MAX_TOKENS) tokens.add(token)
  }
  // The few tokens about the author, the links and the rules first: in a very long text the cap cuts words and
  // pairs, never these.
  wordTokens(learnedSpellings(name.words, name.skeleton), 'n:', add)
  for (const link of text.links) for (const token of hostTokens('u:', link.host)) add(token)
  for (const token of hostTokens('a:', hostOfUrl(input.author.url))) add(token)
  const domain = emailDomain(input.author.email)
  if (domain) add(unresolvable('e:', domain) ?? `e:${domain}`)
  add(`l:${Math.min(text.links.length, 3)}`)
  for (const rule of firedRules) add(ruleToken(rule))
  // Each distinct word once, in the order they first occur: a repeated word adds no token. When every token is a
  // word itself (no skip token, no character pairs: nearly always), they are all different, and different from
  // the tokens above (which all have a colon, which words never do), and need no Set to be told apart.
  const spelt = learnedSpellings(learnedWords(text), text.skeleton)
  const lexicon = lexiconOf(spelt)
  const words: string[] = []
  let allOwn = true
  wordTokens(lexicon.distinct, '', (token, own) => {
    words.push(token)
    allOwn &&= own
  })
  let all: string[]
  if (allOwn) {
    all = [...tokens]
    for (let at = 0; at < words.length && all.length < MAX_TOKENS; at++) all.push(words[at] as string)
  } else {
    for (const token of words) add(token)
    all = [...tokens]
  }
  addPairTokens(spelt, lexicon, all)
  return all
}

/**
 * What `tokenize` gives with `firedRules`, from what it gave with none (`unruled`): each rule's token where tokenize
 * puts it, after the count of links and before the words, and the cap cutting the same words and pairs. Intake
 * tokenizes a comment before its rules run, to read the counts of its tokens with the rest of its context: it
 * need not tokenize it again, and the model then looks up strings already hashed by that read. Null when
 * `unruled` has no count of links (the cap reached before it: a name of a thousand words).
 */
export function withRuleTokens(unruled: readonly string[], firedRules: readonly string[]): string[] | null {
  const links = unruled.findIndex((token) => token.startsWith('l:'))
  if (links === -1) return null
  const rules = [...new Set(firedRules)].map(ruleToken)
  const tokens = [...unruled.slice(0, links + 1), ...rules, ...unruled.slice(links + 1)]
  if (tokens.length > MAX_TOKENS) tokens.length = MAX_TOKENS
  return tokens
}
