/**
 * When a word that mixes Latin with Cyrillic, Greek, Armenian or Cherokee letters is a disguise ("Pаypal" with a
 * Cyrillic а) rather than writing: Russian and Ukrainian wordplay ("Zомби", "рашиZм"), a Latin acronym with a
 * Cyrillic ending ("NATOвские"), an Armenian suffix on a Latin name ("Pashinyanը"), a typo across keyboards
 * ("ΣΥΡΙΖA", "Dmitrий"), Greek letters used as symbols ("µSv", NFKC's μ; "ΔPIB"). A disguise is meant to be read
 * as a Latin word, so every letter borrowed from another alphabet must pass for a Latin letter of the same case.
 * How many letters are borrowed does not matter: "bіtсоіn", "сrурtо" and "ВІТСОІN" keep one or two Latin letters
 * and are still disguises, while "рашиZм" is Russian because ш and и pass for no Latin letter.
 *
 * Two Russian and Ukrainian spellings mix alphabets by rule: a case ending after an apostrophe on a Latin name
 * ("Trump'а", "Twitter'е", "Facebook'у"), or glued to it in a Cyrillic text ("Trumpа": analysis.ts asks), and the
 * Latin i a Russian keyboard offers for the Ukrainian і it lacks ("Сiр та рiс"). Neither borrows letters to pass
 * for a Latin word; nor does a Greek letter after a Latin acronym, notation in medicine ("anti-TNFα").
 */

// Letters drawn like a Latin letter of the same case in ordinary fonts (the single-letter entries of Unicode's
// confusables that really pass for Latin). Case matters: Cyrillic В, М, Н, Т pass for B, M, H, T but в, м, н, т
// do not pass for b, m, h, t; Greek Μ passes for M but μ (and the micro sign µ) does not pass for anything.
const LOOKALIKES = new Set([
  // Cyrillic
  ...'аеорсухѕіјԁԛԝһӏүѵ',
  ...'АВЕКМНОРСТХУЅІЈԚԜҺӀҮԀѴ',
  // Greek
  ...'αορνιυϲϳ',
  ...'ΑΒΕΖΗΙΚΜΝΟΡΤΥΧϹͿ',
  // Armenian
  ...'օսոհզց',
  ...'ՕՍՏԼ',
])
// The Cherokee syllabary took many of its letters from Latin capitals; no one mixes it with Latin in a word.
const CHEROKEE = /\p{Script=Cherokee}/u
const LATIN = /\p{Script=Latin}/u
const LETTER = /\p{L}/u
// A Cyrillic case ending after an apostrophe: the ending is grammar, only the Latin stem before it can be a disguise.
const CYRILLIC_ENDING = /['’][\p{Script=Cyrillic}\p{M}]+$/u
const CYRILLIC = /\p{Script=Cyrillic}/u
const LATIN_I = /[iI]/g
const OTHER_SCRIPT = /[\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}\p{Script=Cherokee}]/u

// A Greek letter after a Latin acronym is notation, as in medicine and biology ("anti-TNFα", "l'ERα", "PGF2α"): a
// disguise of a word in capitals would borrow a capital. An elided French article may come before it.
const GREEK_AFTER_ACRONYM =
  /^(?:\p{L}{1,2}['’])?(?:(?=\p{Script=Latin})\p{Lu}){2,}\d{0,3}(?=\p{Ll})\p{Script=Greek}$/u

// Russian and Ukrainian glue case endings to a Latin name as often as they put an apostrophe before them
// ("Trumpа", "в Twitterе", "в Twitterах", the Ukrainian locative "у Telegramі"), in capitals too ("MACRONА"), and so
// do the other languages written in Cyrillic: Mongolian ("Facebookоор", "WhatsAppаас"), Kazakh ("Telegramда"),
// Tajik ("Telegramро"). In Latin text the same shape is a disguise ("casinа"), so it is excused only in a Cyrillic
// text, and only as those languages' endings: any Cyrillic letters would excuse "casinо" and "bonuѕ" there too.
const GLUED_CYRILLIC_ENDING =
  /^[\p{Script=Latin}\p{M}]{2,}(?:а|у|е|ы|и|і|ах|ам|ами|ов|ом|ой|ем|ей|ю|ям|ями|ях|ым|ых|ого|ому|ові|ів|ою|аар|оор|ээр|өөр|аас|оос|ээс|өөс|ын|ийн|д|т|тай|той|тэй|та|те|да|де|ның|нің|тың|тің|дың|дің|қа|ке|ға|ге|пен|мен|бен|ро|ҳо)$/iu
const CYRILLIC_LETTERS = /\p{Script=Cyrillic}/gu
const LATIN_LETTERS = /\p{Script=Latin}/gu

/** Whether `word` is a Latin name with a Cyrillic case ending glued on: a disguise only outside Cyrillic text. */
export const hasGluedCyrillicEnding = (word: string) => GLUED_CYRILLIC_ENDING.test(word)

/** Whether more of `text`'s letters are Cyrillic than Latin. */
export const isMostlyCyrillic = (text: string) =>
  (text.match(CYRILLIC_LETTERS)?.length ?? 0) > (text.match(LATIN_LETTERS)?.length ?? 0)

/** A Cyrillic word whose only Latin letters are i: Ukrainian typed on a Russian keyboard. */
const typesLatinIForUkrainianI = (word: string) =>
  CYRILLIC.test(word) && !LATIN.test(word.replace(LATIN_I, ''))

/**
 * Whether a word, as written (its case matters), mixes Latin with letters of another alphabet that imitate Latin
 * ones: all its other letters pass for Latin.
 */
export function imitatesLatin(word: string): boolean {
  if (!LATIN.test(word) || !OTHER_SCRIPT.test(word) || GREEK_AFTER_ACRONYM.test(word)) return false
  const stem = word.replace(CYRILLIC_ENDING, '')
  if (!OTHER_SCRIPT.test(stem) || typesLatinIForUkrainianI(stem)) return false
  for (const char of stem) {
    if (!LETTER.test(char) || LATIN.test(char)) continue
    if (!LOOKALIKES.has(char) && !CHEROKEE.test(char)) return false
  }
  return true
}
