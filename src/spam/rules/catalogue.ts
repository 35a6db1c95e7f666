/**
 * Every rule the engine knows, by id. Ids are stable: sites name them in their policy's `weights`, moderators
 * see them in reasons, and the learned model has a token for each. The rules themselves are in `index.ts`.
 */
export const ruleIds = [
  // Form and bot behaviour
  'honeypot',
  'form-token',
  'too-fast',
  // The site's own lists
  'blocked-term',
  'held-term',
  // Links
  'links',
  'bbcode-link',
  'html-link',
  'author-anchor',
  'shortener',
  'referral-link',
  'punycode-host',
  'disguised-link',
  'only-a-link',
  'praise-with-link',
  // Content
  'spam-phrases',
  'trading-testimonial',
  'contact-number',
  'all-caps',
  'repeated-characters',
  'repeated-words',
  'gibberish',
  'low-variety',
  'invisible-characters',
  'mixed-script',
  'language-mismatch',
  // History on this site
  'trusted-author',
  'spam-history',
  'duplicate',
  'near-duplicate',
  'frequent-sender',
  // Learning
  'learned',
] as const

export type RuleId = (typeof ruleIds)[number]
