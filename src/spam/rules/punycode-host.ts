import { domainToUnicode } from 'node:url'
import { isDisguised } from '../analysis.js'
import { authorSite, linksOf, quote, shownHost } from './link-context.js'
import { CYRILLIC_COUNTRY_TLDS } from './link-lists.js'
import type { Rule } from './types.js'
import { defaultWeights } from './weights.js'

// D7 (heuristics catalogue): an internationalised host that imitates another (mixed scripts, look-alike
// letters), while an ordinary one in its own script (пример.рф, 例子.广告, münchen.de) is left alone.

const SCRIPTS: readonly (readonly [string, RegExp])[] = [
  'Latin',
  'Cyrillic',
  'Greek',
  'Armenian',
  'Georgian',
  'Hebrew',
  'Arabic',
  'Syriac',
  'Thaana',
  'Han',
  'Hiragana',
  'Katakana',
  'Hangul',
  'Bopomofo',
  'Thai',
  'Lao',
  'Khmer',
  'Myanmar',
  'Tibetan',
  'Mongolian',
  'Devanagari',
  'Bengali',
  'Gurmukhi',
  'Gujarati',
  'Oriya',
  'Tamil',
  'Telugu',
  'Kannada',
  'Malayalam',
  'Sinhala',
  'Ethiopic',
  'Cherokee',
].map((script) => [script, new RegExp(`\\p{Script=${script}}`, 'u')] as const)
const NEUTRAL = /[\p{Script=Common}\p{Script=Inherited}]/u

/**
 * Scripts that legitimately share a label (Chrome's IDN display policy): Latin with the scripts of Japanese,
 * Chinese or Korean, which are written alongside it.
 */
const ALLOWED_MIXES: readonly ReadonlySet<string>[] = [
  new Set(['Latin', 'Han', 'Hiragana', 'Katakana']),
  new Set(['Latin', 'Han', 'Bopomofo']),
  new Set(['Latin', 'Han', 'Hangul']),
]

function scriptsOf(label: string): Set<string> {
  const scripts = new Set<string>()
  for (const char of label) {
    if (NEUTRAL.test(char)) continue
    scripts.add(SCRIPTS.find(([, pattern]) => pattern.test(char))?.[0] ?? 'another')
  }
  return scripts
}

const isAllowedMix = (scripts: Set<string>) =>
  scripts.size <= 1 || ALLOWED_MIXES.some((allowed) => [...scripts].every((script) => allowed.has(script)))

// Cyrillic letters that look like Latin ones in a browser's address bar (Chrome's list), and what they read as.
const CYRILLIC_AS_LATIN = new Map(
  [...'асԁеһіјӏорԛѕԝхуъьҽпгѵѡ'].map((char, i) => [char, 'acdehijlopqswxybbenrvw'[i] ?? ''] as const),
)
const CYRILLIC = /\p{Script=Cyrillic}/u

/** The Latin word a label written only in Latin-looking Cyrillic letters reads as ("аррӏе" → "apple"), or null. */
function readsAsLatin(label: string): string | null {
  let latin = ''
  for (const char of label) {
    const as = CYRILLIC_AS_LATIN.get(char)
    if (as) latin += as
    else if (NEUTRAL.test(char)) latin += char
    else return null
  }
  return /[a-z]/.test(latin) ? latin : null
}

/** Why an internationalised host is a look-alike, or null for an ordinary one (пример.рф, 例子.广告, münchen.de). */
function lookAlike(host: string): string | null {
  if (!host.includes('xn--')) return null
  const labels = host.split('.')
  const shown = (domainToUnicode(host) || host).split('.')
  const tld = labels.at(-1) ?? ''
  const cyrillicTld = CYRILLIC_COUNTRY_TLDS.has(tld) || CYRILLIC.test(shown.at(-1) ?? '')
  for (let i = 0; i < labels.length; i++) {
    if (!labels[i]?.startsWith('xn--')) continue
    const label = shown.length === labels.length ? (shown[i] ?? '') : ''
    if (!label) continue
    const scripts = scriptsOf(label)
    if (!isAllowedMix(scripts)) return `mixes ${[...scripts].join(' and ')} letters in ${quote(label)}`
    if (isDisguised(label)) return `imitates ordinary Latin letters with look-alikes in ${quote(label)}`
    const latin = cyrillicTld || !scripts.has('Cyrillic') ? null : readsAsLatin(label)
    if (latin) return `is written in Cyrillic letters that read as the Latin ${quote(latin)}`
  }
  return null
}

export const punycodeHost: Rule = {
  id: 'punycode-host',
  weight: defaultWeights['punycode-host'],
  summary:
    'An internationalised (xn--) address that mixes scripts or imitates Latin letters; ordinary IDNs (пример.рф) do not count.',
  evaluate(context) {
    for (const link of linksOf(context).all) {
      const why = link.host ? lookAlike(link.host) : null
      if (why) return { detail: `Links to ${quote(shownHost(link))} (${link.host}), an address that ${why}.` }
    }
    const author = authorSite(context.input)
    const why = author ? lookAlike(author.host) : null
    if (!author || !why) return null
    return {
      detail: `The author’s website ${quote(author.displayHost)} (${author.host}) is an address that ${why}.`,
    }
  },
}
