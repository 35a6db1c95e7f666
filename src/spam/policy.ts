import { z } from 'zod'
import { termSkeleton } from './analysis.js'
import { readInvisible } from './invisible.js'
import { ruleIds } from './rules/catalogue.js'
import { MAX_LEARNED_MULTIPLIER } from './rules/learned.js'
import { defaultWeights } from './rules/weights.js'
import { termShapeProblem } from './terms.js'

const Term = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((term) => term.isWellFormed() && !term.includes('\u0000'), 'must be valid text')

const ONLY_MARKS = /^[\p{M}\s]*$/u

/**
 * Comments are read without their invisible characters (a zero-width space inside "casino" hides nothing, nor does
 * a Hangul filler), and their accents composed with their letters: a term of nothing else would be shown as in
 * force and never match. Checked when a list is written, not each time stored settings are read (2 000 terms cost
 * tens of milliseconds).
 */
const readable = (term: string) => {
  if (readInvisible(term).visible.trim() === '') return false
  const skeleton = termSkeleton(term)
  return skeleton !== '' && !ONLY_MARKS.test(skeleton)
}

/** Why a term would never be found as it seems to say, or null. */
function termProblem(term: string): string | null {
  if (!readable(term))
    return 'must have a character a comment can be read to contain (not only invisible ones or accents)'
  return termShapeProblem(term)
}

function refuseUnmatchableTerms(patch: Record<string, unknown>, ctx: z.RefinementCtx) {
  for (const list of ['blockedTerms', 'heldTerms'] as const) {
    const terms = patch[list]
    if (!Array.isArray(terms)) continue
    terms.forEach((term, index) => {
      const problem = typeof term === 'string' ? termProblem(term) : null
      if (problem) ctx.addIssue({ code: 'custom', message: problem, path: [list, index] })
    })
  }
}

const Points = z.number().min(-50).max(50)

/**
 * Why `points` cannot be `rule`'s weight, or null. A rule keeps the sign of its default (0 turns it off): a spam
 * rule made negative would count what it catches as trust, and a trust rule made positive would punish readers
 * for their history. `learned` multiplies the model's points rather than replacing them: negative, it would
 * approve what the model is sure is spam and mark spam what it is sure is genuine.
 */
function weightProblem(rule: string, points: number): string | null {
  const byDefault = (defaultWeights as Record<string, number | undefined>)[rule]
  if (byDefault === undefined) return 'is not a rule (see GET /v1/rules)'
  if (rule === 'learned')
    return points >= 0 && points <= MAX_LEARNED_MULTIPLIER
      ? null
      : `multiplies the learned model's points: from 0 to ${MAX_LEARNED_MULTIPLIER}`
  if (points * byDefault < 0)
    return byDefault > 0
      ? 'must not be negative: this rule adds points (0 turns it off)'
      : 'must not be positive: this rule takes points off (0 turns it off)'
  return null
}

const Weights = z.preprocess(
  (value, ctx) => {
    // JSON.parse makes "__proto__" a key of its own, which the record below would drop without a word.
    if (typeof value === 'object' && value !== null && Object.hasOwn(value, '__proto__'))
      ctx.addIssue({ code: 'custom', message: 'is not a rule (see GET /v1/rules)', path: ['__proto__'] })
    return value
  },
  z
    .partialRecord(z.enum(ruleIds), Points)
    .superRefine((weights, ctx) => {
      for (const [rule, points] of Object.entries(weights)) {
        const problem = points === undefined ? null : weightProblem(rule, points)
        if (problem) ctx.addIssue({ code: 'custom', message: problem, path: [rule] })
      }
    })
    // Each rule's bounds, as weightProblem holds them: published, a client can check a weight before sending it.
    .meta({ additionalProperties: false, properties: publishedBounds() }),
)

function publishedBounds(): Record<string, { type: 'number'; minimum: number; maximum: number }> {
  const bound = Points.maxValue ?? 50
  return Object.fromEntries(
    Object.entries(defaultWeights).map(([rule, byDefault]) => {
      const [minimum, maximum] =
        rule === 'learned' ? [0, MAX_LEARNED_MULTIPLIER] : byDefault < 0 ? [-bound, 0] : [0, bound]
      return [rule, { type: 'number', minimum, maximum }]
    }),
  )
}

/**
 * A site's moderation policy. Stored per site as overrides; everything missing takes the default, so a new
 * default reaches every site that never changed it.
 */
export const PolicySchema = z
  .object({
    moderation: z
      .enum(['auto', 'all'])
      .describe('`auto` decides by score; `all` holds every comment that is not spam for a moderator.'),
    maxLinks: z
      .int()
      .min(0)
      .max(100)
      .describe('Hold a comment with this many links or more (0 turns the rule off).'),
    blockedTerms: z
      .array(Term)
      .max(2000)
      .describe(
        'Words or phrases that mark a comment as spam; `word*` matches every word starting with `word`.',
      ),
    heldTerms: z
      .array(Term)
      .max(2000)
      .describe('Words or phrases that hold a comment for moderation; `word*` as in blockedTerms.'),
    thresholds: z
      .object({
        hold: Points.describe('A score at or above this holds the comment (pending).'),
        spam: Points.describe('A score at or above this marks the comment as spam.'),
      })
      .strict()
      .refine((t) => t.hold <= t.spam, { message: 'hold must not be above spam', path: ['hold'] }),
    weights: Weights.describe(
      'Points of each rule when it fires, replacing the default weight and keeping its sign (0 turns the rule ' +
        "off; see GET /v1/rules); `learned` multiplies the learned model's points instead, from 0 to 3.",
    ),
    trustCap: z
      .number()
      .min(0)
      .max(50)
      .describe(
        'At most this many points can be taken off by trust (reputation, approved history, learning).',
      ),
    language: z
      .string()
      .regex(/^[a-z]{3}$/, 'must be an ISO 639-3 code such as fra')
      .nullable()
      .describe(
        "The site's main language (ISO 639-3), used when a comment does not name its article's language.",
      ),
    learningMinMessages: z
      .int()
      .min(1)
      .max(100_000)
      .describe('Comments of each class (approved, spam) moderators must decide before learning is used.'),
    duplicateWindowHours: z
      .int()
      .min(1)
      .max(24 * 30)
      .describe('How far back identical and near-identical comments on the site are looked for.'),
    floodIntervalSeconds: z
      .int()
      .min(0)
      .max(3600)
      .describe(
        'Refuse (429) a second comment from the same IP (IPv6: the same /64) within this many seconds (0: off). ' +
          'Not by e-mail, which would tell anyone that this e-mail had just posted; a server key that passes no ' +
          'reader `ip` is refused by e-mail.',
      ),
  })
  .strict()

export type Policy = z.infer<typeof PolicySchema>

type Resettable<Shape extends Record<string, z.ZodType>> = {
  [Field in keyof Shape]: z.ZodOptional<z.ZodNullable<Shape[Field]>>
}

/**
 * What a PATCH may carry: any subset of the policy, thresholds included as a whole; a field sent as null goes
 * back to its default (JSON Merge Patch, RFC 7396), not pinned to today's default value.
 */
export const PolicyPatchSchema = z
  .object(
    Object.fromEntries(
      Object.entries(PolicySchema.shape).map(([field, schema]) => [field, schema.nullable().optional()]),
    ) as Resettable<typeof PolicySchema.shape>,
  )
  .strict()
  .superRefine(refuseUnmatchableTerms)
export type PolicyPatch = z.infer<typeof PolicyPatchSchema>

/** A site's stored overrides with `patch` applied: its fields replace theirs, and a null removes one. */
export function patchedOverrides(stored: unknown, patch: PolicyPatch): Record<string, unknown> {
  const overrides: Record<string, unknown> = isRecord(stored) ? { ...stored } : {}
  for (const [field, value] of Object.entries(patch)) {
    if (value === null) delete overrides[field]
    else if (value !== undefined) overrides[field] = value
  }
  return overrides
}

/** SpamAssassin's scale, as the heuristics catalogue uses it: under 2 approve, 2 to 5 hold, 5 and more spam. */
export const defaultPolicy: Policy = {
  moderation: 'auto',
  maxLinks: 2,
  blockedTerms: [],
  heldTerms: [],
  thresholds: { hold: 2, spam: 5 },
  weights: {},
  trustCap: 6,
  language: null,
  learningMinMessages: 50,
  duplicateWindowHours: 24,
  floodIntervalSeconds: 15,
}

/** A site's policy as resolved from its stored overrides, and those it leaves out (`weights.<rule>`, `blockedTerms.3`). */
export type ResolvedSettings = { policy: Policy; dropped: string[] }

// A site's settings object (cached with its row, src/sites/directory.ts) is read once: a list of 2 000 terms costs
// half a millisecond to check, and its term index (terms.ts) is kept by the list's identity.
const resolved = new WeakMap<object, ResolvedSettings>()

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const RuleId = z.enum(ruleIds)

// Maps and lists are read entry by entry: an upgrade that retires a rule or tightens a limit drops the entries it
// no longer accepts, not the site's whole map or list. What comes out is still checked against the field's schema.
const readEntries: Partial<
  Record<keyof Policy, (value: unknown, name: string, dropped: string[]) => unknown>
> = {
  weights(value, name, dropped) {
    if (!isRecord(value)) return value
    const weights: Record<string, number> = {}
    for (const [rule, points] of Object.entries(value)) {
      const parsed = Points.safeParse(points)
      if (RuleId.safeParse(rule).success && parsed.success && !weightProblem(rule, parsed.data))
        weights[rule] = parsed.data
      else dropped.push(`${name}.${rule}`)
    }
    return weights
  },
  // A bound that no longer validates takes its default; should the pair then be inverted, the field falls back.
  thresholds(value, name, dropped) {
    if (!isRecord(value)) return value
    const pair = { ...defaultPolicy.thresholds }
    for (const bound of ['hold', 'spam'] as const) {
      if (!(bound in value)) continue
      const parsed = Points.safeParse(value[bound])
      if (parsed.success) pair[bound] = parsed.data
      else dropped.push(`${name}.${bound}`)
    }
    return pair
  },
  blockedTerms: readTerms,
  heldTerms: readTerms,
}

function readTerms(value: unknown, name: string, dropped: string[]): unknown {
  if (!Array.isArray(value)) return value
  const terms: string[] = []
  value.forEach((term, index) => {
    const parsed = Term.safeParse(term)
    if (parsed.success) terms.push(parsed.data)
    else dropped.push(`${name}.${index}`)
  })
  return terms
}

/**
 * Fills stored overrides with defaults. Each override is checked on its own: one that no longer validates (or a
 * setting this version does not know) falls back alone, and the site's other choices still hold.
 */
export const resolvePolicy = (overrides: unknown): Policy => resolveSettings(overrides).policy

/** As resolvePolicy, and names what was left out, for the settings routes to tell. */
export function resolveSettings(overrides: unknown): ResolvedSettings {
  if (!overrides || typeof overrides !== 'object') return { policy: { ...defaultPolicy }, dropped: [] }
  const cached = resolved.get(overrides)
  if (cached) return cached
  const policy: Record<string, unknown> = { ...defaultPolicy }
  const dropped: string[] = []
  const shape = PolicySchema.shape as Record<string, z.ZodType>
  for (const [name, value] of Object.entries(overrides)) {
    const field = shape[name]
    const read = readEntries[name as keyof Policy]
    const parsed = field?.safeParse(read ? read(value, name, dropped) : value)
    if (parsed?.success) policy[name] = parsed.data
    else dropped.push(name)
  }
  const settings = { policy: policy as Policy, dropped }
  resolved.set(overrides, settings)
  return settings
}
