import { contentRules } from './content/index.js'
import { formRules } from './form.js'
import { historyRules } from './history.js'
import { linkRules } from './links.js'
import { siteTermRules } from './site-terms.js'
import type { Rule } from './types.js'

/** The rules the engine runs, in the order their reasons are listed. */
export const rules: readonly Rule[] = [
  ...formRules,
  ...siteTermRules,
  ...linkRules,
  ...contentRules,
  ...historyRules,
]
