import { codeAt } from '../../chars.js'

const LETTER = /\p{L}/u
const isLetter = (code: number) =>
  (code >= 97 && code <= 122) ||
  (code >= 65 && code <= 90) ||
  (code >= 128 && LETTER.test(String.fromCharCode(code)))

/** A run of the same letter this long (or longer) stretches a word, unless the word is known as it is. */
const STRETCH = 3
/** The runs of one word read: each doubles the spellings tried, and a word of a phrase list has few double letters. */
const MAX_RUNS = 4

/**
 * The runs of three or more of the same letter in `word`, as [start, end) pairs; at most MAX_RUNS + 1 of them.
 * Digits are left alone: "1000" is a number, not a stretched one.
 */
function runsOf(word: string): [number, number][] {
  const runs: [number, number][] = []
  const length = word.length
  let start = 0
  for (let at = 1; at <= length; at++) {
    if (at < length && codeAt(word, at) === codeAt(word, start)) continue
    if (at - start >= STRETCH && isLetter(codeAt(word, start))) {
      runs.push([start, at])
      if (runs.length > MAX_RUNS) return runs
    }
    start = at
  }
  return runs
}

/** `word` with each run written once or twice, as `twice` says bit by bit (bit i for run i). */
function respelled(word: string, runs: readonly [number, number][], twice: number): string {
  let out = ''
  let last = 0
  runs.forEach(([start, end], at) => {
    const letter = word.charAt(start)
    out += word.slice(last, start) + ((twice >> at) & 1 ? letter + letter : letter)
    last = end
  })
  return out + word.slice(last)
}

/**
 * A stretched word as it is spelled ("subscribeeeee" → "subscribe", "channnnnelll" → "channel"), when one of its
 * spellings (each run read as one letter or as two) is a word of `known`; otherwise each run read as one letter.
 * Spam stretches the words of its stock phrases ("PLEASSSSS SUBSCRIBEEEEE MY CHANNNNNELLL") past any list, and
 * readers stretch words too ("c'est trooooop bien"): read unstretched, a reader's words say what they say written
 * plainly, no more. A word with no run of three, or with more runs than are tried, is returned as it is.
 */
export function unstretched(word: string, known: ReadonlySet<string>): string {
  // A word of a list as it is ("xxx", the Vietnamese "cccd"), or spelled so in its language (German "Schifffahrt").
  if (known.has(word)) return word
  const runs = runsOf(word)
  if (runs.length === 0 || runs.length > MAX_RUNS) return word
  for (let twice = 0; twice < 1 << runs.length; twice++) {
    const spelling = respelled(word, runs, twice)
    if (known.has(spelling)) return spelling
  }
  return respelled(word, runs, 0)
}

/** Whether `word` has a run of three or more of the same letter: most words have none. */
export function isStretched(word: string): boolean {
  const length = word.length
  for (let at = 2; at < length; at++) {
    const code = codeAt(word, at)
    if (code === codeAt(word, at - 1) && code === codeAt(word, at - 2) && isLetter(code)) return true
  }
  return false
}

/**
 * Whether a text has a run of three of the same letter anywhere: one pass over it, most texts having none, so
 * that its words are not looked at one by one.
 */
export function hasStretch(text: string): boolean {
  const length = text.length
  let previous = -1
  let run = 0
  for (let at = 0; at < length; at++) {
    const code = codeAt(text, at)
    run = code === previous ? run + 1 : 1
    previous = code
    if (run === STRETCH && isLetter(code)) return true
  }
  return false
}
