import { around } from './around.js'
import type { Span } from './messengers.js'

/**
 * Where a number or handle stands (contact-number.ts): next to a messenger's name, right after the name or a
 * contact phrase that gives it, before the messenger it is on, as a reply to another reader, or in an invitation to
 * join a channel. Each pattern between two places matches a bounded length, checked before it is tested.
 */

/** How far (in characters) a messenger's name may be from the number or handle it introduces. */
const NEAR = 40

const gap = (a: Span, b: Span) => Math.max(0, b.start - a.end, a.start - b.end)
/**
 * The first of `others` ending at most `longest` code units before `span` whose text up to it `between` accepts
 * whole. `between` matches nothing longer than `longest` (twice its characters: a letter may take two units), so
 * the distance is checked first: testing the pattern on the text between every pair of a comment's handles and
 * messengers ("according to @x" a thousand times) took time quadratic in its length (~30 ms for 20 000
 * characters), holding every site's requests.
 */
const followedWithin = (
  span: Span,
  others: readonly Span[],
  text: string,
  longest: number,
  between: RegExp,
) =>
  around(others, span.start - longest, span.start).find(
    (other) =>
      other.end <= span.start &&
      span.start - other.end <= longest &&
      between.test(text.slice(other.end, span.start)),
  ) ?? null
export const nearest = (span: Span, others: Span[]) =>
  around(others, span.start - NEAR, span.end + NEAR).find((other) => gap(span, other) <= NEAR) ?? null

// What may stand between a messenger's name and the handle or number it gives: "Telegram: @x", "WhatsApp 👉 +44",
// the particle Korean or Japanese glues to the name ("카톡으로 @x", "LINEのID: x"), a Hindi postposition
// ("टेलीग्राम पर @x"), a Turkish case ending ("Telegram'dan @x").
export const INTRODUCER =
  "(?:으로|로|에서|는|은|で|は|に|から|の?\\s?id|\\s(?:पर|पे|में)|['’](?:[dt][ae]n|[dt][ae]|y?[ae]))?[^\\p{L}\\p{N}@.!?…\\n]{0,6}"
const INTRODUCES = new RegExp(`^${INTRODUCER}$`, 'u')
// At most 4 characters of particle or ending, then 6 of punctuation and spaces.
const INTRODUCES_LONGEST = 2 * (4 + 6)
/** The messenger or contact phrase `span` directly follows, if any. */
export const introducing = (span: Span, others: readonly Span[], text: string) =>
  followedWithin(span, others, text, INTRODUCES_LONGEST, INTRODUCES)
// What may stand between a contact phrase and the number or handle it gives: a couple of short words ("Contact
// him on +1...", "joignable au 07...", "Reach him via @x"), within the sentence.
const GIVES = /^[^\p{L}\p{N}@.!?…\n]{0,6}(?:\p{L}{1,5}[^\p{L}\p{N}@.!?…\n]{1,6}){0,2}$/u
const GIVES_LONGEST = 2 * (6 + 2 * (5 + 6))
/** The contact phrase `span` follows within a couple of words, if any. */
export const giving = (span: Span, others: readonly Span[], text: string) =>
  followedWithin(span, others, text, GIVES_LONGEST, GIVES)
// What may stand between a handle and the messenger it is on: "@x on Telegram", "@x sur Telegram", "@x в
// телеграм", "@x (Telegram)".
const ON_MESSENGER = /^\s{0,2}(?:[(–—-]\s{0,2}|(?:on|sur|via|в|во|на|по|en|em|no|auf)\s{1,2})$/u
const ON_MESSENGER_LONGEST = 2 * (2 + 3 + 2)
// A messenger's name closing its clause: "... @x on Telegram." (a reply goes on: "@Ivan в телеграм пишут...").
const CLAUSE_END = /^[^\p{L}\p{N}]{0,4}(?:$|[.!?…,;)\n]|\p{Extended_Pictographic})/u
/** The messenger a handle is given on, named right after it, if any; after a reply's @name it must end the clause. */
export const onMessenger = (span: Span, messengers: Span[], text: string, reply: boolean) =>
  around(messengers, span.end, span.end + ON_MESSENGER_LONGEST).find(
    (messenger) =>
      messenger.start >= span.end &&
      messenger.start - span.end <= ON_MESSENGER_LONGEST &&
      ON_MESSENGER.test(text.slice(span.end, messenger.start)) &&
      (!reply || CLAUSE_END.test(text.slice(messenger.end, messenger.end + 8))),
  ) ?? null
// A word right before a handle ("les cartes de @x", "même @x", "the maps from @x").
const WORD_BEFORE = /\p{L}\s{1,2}$/u
/**
 * Whether a handle on a messenger is part of what its sentence says: a word before it, and the sentence going on
 * after the messenger ("Les cartes de @DeepStateUA sur Telegram sont plus fiables..."), as readers cite a channel.
 * A handle given to be contacted on closes its clause ("Il m'a tout récupéré, @recup_fonds sur Telegram.").
 */
export const insideSentence = (handle: Span, messenger: Span, text: string) =>
  WORD_BEFORE.test(text.slice(Math.max(0, handle.start - 3), handle.start)) &&
  !CLAUSE_END.test(text.slice(messenger.end, messenger.end + 8))
// An @name opening the comment or a sentence answers another reader ("@Ivan la chaîne Telegram de...").
const REPLY_BEFORE = /(?:^|[.!?…\n])[\s"'«»“”(]*$/u
export const isReply = (span: Span, text: string) =>
  REPLY_BEFORE.test(text.slice(Math.max(0, span.start - 8), span.start))

// What may stand between an invitation to join a channel and its handle: the channel's name and messenger ("join
// our Telegram channel @x"), within the clause.
const INVITED = /^[^.!?…;؟。！？\n,،，、]{0,60}$/u
const INVITED_LONGEST = 2 * 60
/**
 * The messenger of the channel a handle is invited to: an invitation before it in the same clause and a messenger
 * named near it ("عضو کانال تلگرام ما شوید @x", "Join our Telegram channel @x"), the channel word between them.
 */
export const invitedTo = (handle: Span, invites: readonly Span[], named: Span[], text: string) =>
  followedWithin(handle, invites, text, INVITED_LONGEST, INVITED) ? nearest(handle, named) : null
