import type { Rule } from '../types.js'
import { contactNumber } from './contact-number.js'
import { languageMismatch } from './language-mismatch.js'
import { allCaps, gibberish, lowVariety, repeatedCharacters, repeatedWords } from './shape.js'
import { spamPhrases } from './spam-phrases.js'
import { tradingTestimonial } from './trading-testimonial.js'
import { invisibleCharacters, mixedScript } from './unicode.js'

/** Rules that read the text itself: phrases, contact numbers, shape, Unicode tricks, language. */
export const contentRules: readonly Rule[] = [
  spamPhrases,
  tradingTestimonial,
  contactNumber,
  allCaps,
  repeatedCharacters,
  repeatedWords,
  gibberish,
  lowVariety,
  invisibleCharacters,
  mixedScript,
  languageMismatch,
]
