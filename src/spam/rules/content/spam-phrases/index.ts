import { adult } from './adult.data.js'
import { counterfeit } from './counterfeit.data.js'
import { easyMoney } from './easy-money.data.js'
import { essays } from './essays.data.js'
import type { PhraseFamily } from './family.js'
import { gambling } from './gambling.data.js'
import { investment } from './investment.data.js'
import { loans } from './loans.data.js'
import { occult } from './occult.data.js'
import { pharma } from './pharma.data.js'
import { selfPromotion } from './self-promotion.data.js'
import { seo } from './seo.data.js'
import { streaming } from './streaming.data.js'
import { supportLine } from './support-line.data.js'

export type { PhraseFamily } from './family.js'

/**
 * The catalogue of spam phrases, one family a file (what goes in a list, and the syntax: family.ts). Keep the
 * order: phrases starting at the same word of a comment are tried, and reported, in this order.
 */
export const phraseFamilies: readonly PhraseFamily[] = [
  investment,
  loans,
  gambling,
  pharma,
  adult,
  seo,
  essays,
  supportLine,
  selfPromotion,
  easyMoney,
  occult,
  streaming,
  counterfeit,
]
