import { z } from '@hono/zod-openapi'
import { isAkismetEmail } from '../akismet/comment-fields.js'
import { blankAsOmitted, httpUrl, requiredText, storable, text, uuidToLookUp } from '../http/openapi.js'

export const ReasonSchema = z
  .object({
    rule: z.string().openapi({ example: 'links' }),
    score: z.number(),
    detail: z.string().openapi({ example: 'Contains 3 links; this site holds comments with 2 or more.' }),
  })
  .openapi('Reason')

const V1_EMAIL = z.email({ pattern: z.regexes.unicodeEmail }).max(100)
/**
 * Any address intake may have stored: the v1 API's, and the looser ones a check through the Akismet API keeps (a
 * quoted local part, one past 64 characters). A reader whose address only the second takes must still be found:
 * to have their data exported and erased, or their comments listed for a moderator.
 */
export const StoredEmail = storable(z.string().max(400)).refine(
  (value) => V1_EMAIL.safeParse(value).success || isAkismetEmail(value),
  'must be an e-mail address',
)

// The generator publishes both as format `ip`, which JSON Schema does not define (strict validators refuse it).
export const IpAddress = z.union([z.ipv4().openapi({ format: 'ipv4' }), z.ipv6().openapi({ format: 'ipv6' })])

export const StatusSchema = z.enum(['pending', 'approved', 'rejected', 'spam']).openapi('CommentStatus')

export const NewCommentSchema = z
  .object({
    articleId: requiredText(200)
      // URLs resolve `.` and `..` away as path segments: no client could ask for such an article's comments.
      .refine((id) => id !== '.' && id !== '..', 'must not be "." or ".."')
      .openapi({ example: '2026-11-28-cop31' }),
    articleUrl: blankAsOmitted(httpUrl(2000).optional()).openapi({
      description:
        "Links to the article's host count as the site's own. Without a key, kept only on one of the site's " +
        '`allowedOrigins` (or a subdomain of one) and dropped otherwise.',
    }),
    articleTitle: blankAsOmitted(text(500).optional()),
    articleLanguage: z
      .string()
      .regex(/^[a-z]{2,3}$/, 'must be an ISO 639 language code such as fr or fra')
      .optional()
      .openapi({
        description: "The article's language, to compare with the comment's (a weak signal only).",
      }),
    parentId: uuidToLookUp().optional(),
    author: z.object({
      name: requiredText(245).openapi({ example: 'Camille' }),
      // A form's fields left blank arrive as "": no e-mail, no website.
      email: blankAsOmitted(
        storable(
          z
            .email({ pattern: z.regexes.unicodeEmail, message: 'must be an e-mail address' })
            .max(100, 'must be at most 100 characters'),
        ).optional(),
      ).openapi({
        // Published as `email`, an ASCII address: a client checking against the document refused josé@exämple.org.
        format: 'idn-email',
        description: 'Any script in the address (`josé@exämple.org`); blank (`""`) counts as not sent.',
      }),
      url: blankAsOmitted(httpUrl(200).optional()),
    }),
    content: requiredText(20_000).openapi({ example: 'Merci pour cet article très clair.' }),
    honeypot: text(2000).optional().openapi({ description: 'The hidden form field: people leave it empty.' }),
    formToken: text(200).optional().openapi({
      description: 'The token from GET /v1/sites/{site}/form-token, fetched when the form was shown.',
    }),
    ip: IpAddress.optional().openapi({ description: "The reader's IP (server keys only)." }),
    userAgent: text(1000).optional().openapi({ description: "The reader's user agent (server keys only)." }),
    referrer: text(2000)
      .optional()
      .openapi({ description: 'The page the reader came from (server keys only).' }),
  })
  .openapi('NewComment')

export const PublicSubmissionSchema = z
  .object({ id: z.uuid(), status: z.enum(['approved', 'pending']) })
  .openapi('SubmissionReceipt')

export const TrustedSubmissionSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['approved', 'pending', 'spam']),
    score: z.number(),
    reasons: z.array(ReasonSchema),
  })
  .openapi('SubmissionVerdict')

export const PublicCommentSchema = z
  .object({
    id: z.uuid(),
    parentId: z.uuid().nullable(),
    author: z.object({ name: z.string(), url: z.string().nullable() }),
    content: z.string(),
    createdAt: z.iso.datetime(),
  })
  .openapi('PublicComment')

export const ModeratorCommentSchema = z
  .object({
    id: z.uuid(),
    siteId: z.string(),
    articleId: z.string(),
    articleUrl: z.string().nullable(),
    articleTitle: z.string().nullable(),
    parentId: z.uuid().nullable(),
    author: z.object({ name: z.string(), email: z.string().nullable(), url: z.string().nullable() }),
    content: z.string(),
    status: StatusSchema,
    score: z.number(),
    reasons: z.array(ReasonSchema),
    version: z.int(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    referrer: z.string().nullable(),
    source: z.enum(['api', 'akismet']).openapi({ description: 'The door it came in by.' }),
    extra: z.record(z.string(), z.unknown()).nullable().openapi({
      description: 'What an Akismet client sent beyond the comment (blog, comment_type, POST_*…).',
    }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    decidedAt: z.iso.datetime().nullable(),
  })
  .openapi('Comment')

export const ModerationEventSchema = z
  .object({
    id: z.number().int(),
    action: z.string(),
    actor: z.string().nullable(),
    // Not `StatusSchema.nullable()`: on a named schema that is published as allOf [the enum, string or null], which
    // refuses null, the value every `submit` event has.
    fromStatus: z.union([StatusSchema, z.null()]),
    toStatus: StatusSchema,
    reason: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .openapi('ModerationEvent')
