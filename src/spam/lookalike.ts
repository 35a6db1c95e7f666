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
 * ("Trump'а", "Twitter'е", "Facebook'у"), and the Latin i a Russian keyboard offers for the Ukrainian і it lacks
 * ("Сiр та рiс"). Neither borrows letters to pass for a Latin word.
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

/** A Cyrillic word whose only Latin letters are i: Ukrainian typed on a Russian keyboard. */
const typesLatinIForUkrainianI = (word: string) =>
  CYRILLIC.test(word) && !LATIN.test(word.replace(LATIN_I, ''))

/**
 * Whether a word, as written (its case matters), mixes Latin with letters of another alphabet that imitate Latin
 * ones: all its other letters pass for Latin.
 */
export function imitatesLatin(word: string): boolean {
  if (!LATIN.test(word) || !OTHER_SCRIPT.test(word)) return false
  const stem = word.replace(CYRILLIC_ENDING, '')
  if (!OTHER_SCRIPT.test(stem) || typesLatinIForUkrainianI(stem)) return false
  for (const char of stem) {
    if (!LETTER.test(char) || LATIN.test(char)) continue
    if (!LOOKALIKES.has(char) && !CHEROKEE.test(char)) return false
  }
  return true
}
