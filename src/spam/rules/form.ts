import type { Rule } from './types.js'
import { defaultWeights } from './weights.js'

/** Whether the hidden form field was filled in: whitespace alone is not. */
export const honeypotFilled = (input: { honeypot?: string | null | undefined }) =>
  Boolean(input.honeypot?.trim())

export const honeypot: Rule = {
  id: 'honeypot',
  weight: defaultWeights.honeypot,
  summary: 'The hidden form field that people never see was filled in.',
  evaluate: ({ input }) =>
    honeypotFilled(input)
      ? { detail: 'The hidden form field that people never see was filled in, as bots do.', floor: 'spam' }
      : null,
}

/**
 * The signed form token (A2) was present but forged, tampered with or issued for another site. An absent token
 * never counts (API clients and sites' own back ends post without one), nor does one past its 24 hours, which
 * reaches the rules as absent (src/moderation/form-tokens.ts): a reader may send a page left open overnight. Weight
 * 2.5, half the catalogue's suggestion: this holds and never decides.
 */
export const formToken: Rule = {
  id: 'form-token',
  weight: defaultWeights['form-token'],
  summary:
    'The form token is invalid (forged, altered or from another site); a missing or expired token is not scored.',
  evaluate: ({ facts }) =>
    facts.formToken.state === 'invalid'
      ? {
          detail:
            'The form token sent with the comment is not one this site issued, as when a script forges a form.',
        }
      : null,
}

/** Under 3 s the full weight; from 3 s to under 5 s half of it (A3, after Discourse's 3 s and Antispam Bee's 5 s). */
const TOO_FAST_MS = 3000
const FAST_MS = 5000

// Rounded down, so a form sent in 2.96 s does not read as "3.0 s" in a reason about being under 3 s.
const seconds = (ms: number) => `${(Math.floor(ms / 100) / 10).toFixed(1)} s`

/**
 * The form was sent very soon after it was shown. Reading the age from a valid signed token, the server's own
 * clock at both ends, so clients cannot lie about it and clock skew does not arise. A negative age (the server's
 * clock moved back) proves nothing and is not scored. People who paste a comment written elsewhere can be fast:
 * this holds at most.
 */
export const tooFast: Rule = {
  id: 'too-fast',
  weight: defaultWeights['too-fast'],
  summary: 'The form was sent less than 5 s after it was shown (under 3 s: 3 points; 3 to 5 s: 1.5).',
  evaluate({ facts }) {
    if (facts.formToken.state !== 'valid') return null
    const { ageMs } = facts.formToken
    if (!(ageMs >= 0) || ageMs >= FAST_MS) return null
    return {
      detail: `The comment was sent ${seconds(ageMs)} after the form was shown; people take longer to read and write.`,
      factor: ageMs < TOO_FAST_MS ? 1 : 0.5,
    }
  },
}

/** Form and bot-behaviour rules, in the order their reasons are listed. */
export const formRules: readonly Rule[] = [honeypot, formToken, tooFast]
