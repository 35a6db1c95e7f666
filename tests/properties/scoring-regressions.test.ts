import { describe, expect, it } from 'vitest'
import { analyseText } from '../../src/spam/analysis.js'
import { defaultPolicy } from '../../src/spam/policy.js'
import { noFacts, type ScoringInput } from '../../src/spam/rules/types.js'
import { assessComment } from '../../src/spam/score.js'
import { codePointLength } from './arbitraries.js'
import { CALL_LIMIT_MS, cpuMs } from './scoring-oracle.js'

/** Regressions the properties found: minimal inputs that broke the time limit, kept within it since. */
describe('regressions found by the scoring properties', () => {
  const comment = (content: string): ScoringInput => ({
    content,
    author: { name: 'Camille', email: null, url: null },
    honeypot: null,
    article: { title: null, url: null, language: null },
    userAgent: null,
    referrer: null,
  })

  // tokenize's hostTokens adds the host and each parent domain, building every suffix with slice/join: for a
  // host of n labels that is O(n²) characters (~2 000 labels already cost ~40 ms; 10 000 cost seconds), all
  // before MAX_TOKENS caps what it keeps.
  it('scores a bare link whose host has 10 000 one-letter labels (http://a.a.a…a, 20 000 characters) within the time limit', () => {
    const content = `http://${'a.'.repeat(9_996)}a`
    expect(codePointLength(content)).toBe(20_000)
    expect(analyseText(content).links).toHaveLength(1)
    const elapsed = cpuMs(() => assessComment(comment(content), noFacts, defaultPolicy))
    expect(elapsed, `assessComment took ${elapsed.toFixed(0)} ms of CPU`).toBeLessThan(CALL_LIMIT_MS)
  })

  it('scores a www. host of 10 000 labels written without a scheme (www.a.a…a) within the time limit', () => {
    const content = `www.${'a.'.repeat(9_997)}ab`
    const elapsed = cpuMs(() => assessComment(comment(content), noFacts, defaultPolicy))
    expect(elapsed, `assessComment took ${elapsed.toFixed(0)} ms of CPU`).toBeLessThan(CALL_LIMIT_MS)
  })

  // contact-number's test for an ID given without an @ (a letter, then a digit or an underscore in the same run)
  // was unbounded: with an underscore in the author's name, each letter of one long word was read to the end of
  // the word again (~0.24 s at 20 000 letters).
  it('scores one word of 20 000 letters by an author named "_" within the time limit', () => {
    const input = { ...comment('x'.repeat(20_000)), author: { name: '_', email: null, url: null } }
    const elapsed = cpuMs(() => assessComment(input, noFacts, defaultPolicy))
    expect(elapsed, `assessComment took ${elapsed.toFixed(0)} ms of CPU`).toBeLessThan(CALL_LIMIT_MS)
  })

  // Russian and Ukrainian "red cross" among the institutions a public line belongs to: a word run between its two
  // halves was unbounded, so a text of "красн" repeated was read from each repetition to the end.
  it('scores "красн" repeated to 20 000 characters, beside a phone number, within the time limit', () => {
    const content = `+7 912 345 67 89 ${'красн'.repeat(3_990)}`
    const elapsed = cpuMs(() => assessComment(comment(content), noFacts, defaultPolicy))
    expect(elapsed, `assessComment took ${elapsed.toFixed(0)} ms of CPU`).toBeLessThan(CALL_LIMIT_MS)
  })

  // analyseText normalises the whole text to NFKC twice (countInvisible, then `shown`), and canonical reordering
  // of one long run of combining marks of different classes (U+0321 is class 202, U+0335–U+0337 class 1) is
  // quadratic in String.prototype.normalize: ~0.1 s per call at 10 000 marks, ~0.45 s at 20 000.
  it('analyses "Z" followed by 19 999 combining marks of mixed classes (Zalgo text at the content limit) within the time limit', () => {
    const content = `Z${'\u0335\u0321\u0336\u0337'.repeat(5_000)}`.slice(0, 20_000)
    expect(codePointLength(content)).toBe(20_000)
    const elapsed = cpuMs(() => analyseText(content))
    expect(elapsed, `analyseText took ${elapsed.toFixed(0)} ms of CPU`).toBeLessThan(CALL_LIMIT_MS)
  })

  it('scores the same Zalgo text within the time limit', () => {
    const content = `Z${'\u0335\u0321\u0336\u0337'.repeat(5_000)}`.slice(0, 20_000)
    const elapsed = cpuMs(() => assessComment(comment(content), noFacts, defaultPolicy))
    expect(elapsed, `assessComment took ${elapsed.toFixed(0)} ms of CPU`).toBeLessThan(CALL_LIMIT_MS)
  })
})
