/**
 * Where Chinese and Japanese words begin and end. Those languages write no spaces, so a phrase is found as a
 * substring, and a substring can straddle two words: 约炮 ("hook-up") is inside 制约炮兵 ("to restrain the
 * artillery": 制约 | 炮兵). ICU's dictionary segmentation, in every Node build with full ICU, tells the words apart.
 */
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' })

/** Chinese characters and kana: the scripts the dictionary segments. Hangul is spaced, and glues particles on. */
const isSegmentedScript = (code: number) =>
  (code >= 0x3040 && code <= 0x30ff) || (code >= 0x3400 && code <= 0x9fff)

/** Characters of context on each side: a dictionary word is far shorter. */
const CONTEXT = 16
/** Occurrences looked at before giving up: a text repeating a straddling phrase cannot make the work grow. */
const MOST_OCCURRENCES = 32

/**
 * Whether `text[start, end)` begins or ends where a word does. Both edges inside words is two other words; one
 * edge is enough, because the dictionary also errs: in 想约炮的 ("who wants a hook-up") it reads 想约 | 炮 | 的.
 * An edge of the text, or one in another script, is a word's edge.
 */
function onAWordEdge(text: string, start: number, end: number): boolean {
  if (start === 0 || !isSegmentedScript(text.charCodeAt(start))) return true
  if (end === text.length || !isSegmentedScript(text.charCodeAt(end - 1))) return true
  const from = Math.max(0, start - CONTEXT)
  for (const { index } of segmenter.segment(text.slice(from, Math.min(text.length, end + CONTEXT)))) {
    const at = from + index
    if (at === start || at === end) return true
    if (at > end) break
  }
  return false
}

/**
 * Whether `phrase` occurs in `text` other than across two Chinese or Japanese words (see onAWordEdge).
 */
export function occursAsWords(text: string, phrase: string): boolean {
  let at = text.indexOf(phrase)
  for (let looked = 0; at >= 0 && looked < MOST_OCCURRENCES; looked++) {
    if (onAWordEdge(text, at, at + phrase.length)) return true
    at = text.indexOf(phrase, at + 1)
  }
  return false
}
