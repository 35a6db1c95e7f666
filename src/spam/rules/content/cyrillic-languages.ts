/**
 * franc tells the Slavic languages written in Cyrillic apart poorly on a comment (Russian read as Bulgarian,
 * Russian as Ukrainian), and a moderator told "written in Bulgarian" about a Russian comment trusts the rest of
 * the explanation less. Letters only some of them use settle most cases; otherwise the script is named, not a
 * language.
 */

const CYRILLIC_SLAVIC = new Set(['rus', 'ukr', 'bel', 'bul', 'mkd', 'srp'])
// Letters each language uses and the others in the set do not.
const ONLY: readonly (readonly [language: string, letters: RegExp])[] = [
  ['bel', /ў/iu],
  ['ukr', /[їєґ]/iu],
  ['srp', /[ђћџ]/iu],
  ['mkd', /[ѓќѕ]/iu],
]
// Letters that rule languages out: ы, э and ё are Russian and Belarusian; і is Ukrainian and Belarusian; ъ is
// gone from Ukrainian, Belarusian, Serbian and Macedonian.
const NOT_WITH: readonly (readonly [letters: RegExp, languages: readonly string[]])[] = [
  [/[ыэё]/iu, ['ukr', 'bul', 'mkd', 'srp']],
  [/і/iu, ['rus', 'bul', 'mkd', 'srp']],
  [/ъ/iu, ['ukr', 'bel', 'mkd', 'srp']],
]
// A letter a language can hardly write a sentence without: ъ is one Bulgarian letter in forty ("във", "със",
// "България"), and franc reads a Russian comment with none of it ("доход от 3000 рублей в день") as Bulgarian.
const NEEDS: readonly (readonly [language: string, letters: RegExp])[] = [['bul', /ъ/iu]]

/**
 * The languages to name for a text franc read as `detected`: unchanged unless they are Cyrillic Slavic ones,
 * which the text's letters confirm, correct or leave undecided (an empty list: "another alphabet").
 */
export function cyrillicLanguages(text: string, detected: readonly string[]): string[] {
  if (!detected.some((language) => CYRILLIC_SLAVIC.has(language))) return [...detected]
  for (const [language, letters] of ONLY) if (letters.test(text)) return [language]
  const excluded = new Set(NOT_WITH.flatMap(([letters, languages]) => (letters.test(text) ? languages : [])))
  for (const [language, letters] of NEEDS) if (!letters.test(text)) excluded.add(language)
  const kept = detected.filter((language) => !excluded.has(language))
  if (kept.length > 0) return kept
  const left = [...CYRILLIC_SLAVIC].filter((language) => !excluded.has(language))
  return left.length <= 2 ? left : []
}
