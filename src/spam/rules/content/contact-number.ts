import { codeAt } from '../../chars.js'
import type { Rule, RuleContext } from '../types.js'
import { defaultWeights } from '../weights.js'
import {
  ASKS_TO_BE_CONTACTED,
  citesPost,
  INSTITUTION,
  namedAsSource,
  publicService,
  SOURCE,
} from './contact-sources.js'
import { proseOf } from './text.js'

/**
 * Phone numbers and messenger handles (heuristics catalogue E9). Read on the skeleton, where styled digits
 * (𝟷𝟺𝟶, １２３) are already plain digits and small-capital words (ᴡʜᴀᴛꜱᴀᴘᴘ) plain letters. What remains of the
 * usual disguises is undone here: a letter O between digits is a zero, and digits may be split by spaces, dots,
 * dashes, brackets or crosses (✙, ➕).
 *
 * Numbers are what readers write all the time (years, prices, statistics, scores), so a run of digits only counts
 * as a phone number when it is shaped like one: 9 to 15 digits, and an international prefix, a leading 0, an area
 * code in brackets or a grouping that is not thousands ("7 800 000 000" is a population, "06 12 34 56 78" a phone).
 */

/** How far (in characters) a messenger's name may be from the number or handle it introduces. */
const NEAR = 40
const MIN_DIGITS = 9
const MAX_DIGITS = 15

// O (Latin, Cyrillic, Greek) touching a digit, and l, i or | between two digits, stand for 0 and 1. One
// character for one, so positions in the result are positions in the skeleton. The character class comes first
// so that the engine only stops at those letters.
const LOOKALIKE_DIGIT = /[oоο](?<=\d[oоο])|[oоο](?=\d)|[li|](?<=\d[li|])(?=\d)/g
const MAY_HIDE_DIGITS = /\d[oоοli|]|[oоο]\d/
const digitFor = (char: string) => ('oоο'.includes(char) ? '0' : '1')

const SEPARATOR = '[\\s.\\-‐‑‒–—―()/✙✚✛✜➕_·•+]'
// Digits, then groups of digits each after one to three separators. Separators and digits never overlap, so the
// match is read once, left to right.
const NUMBER = new RegExp(`\\+?\\(?\\d+(?:${SEPARATOR}{1,3}\\d+)*`, 'g')
const NON_DIGITS = /\D+/
// Letters of alphabets written with spaces: digits glued to them make a code (AF1234567890), not a phone. In
// Chinese or Japanese nothing is spaced, and a number follows a word directly.
const SPACED_LETTER = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]/u
const CURRENCY_BEFORE = /[€$£¥₽₹₩]\s?$/u
const UNIT_AFTER = /^\s?(?:%|‰|€|\$|£|¥|₽|₹|₩)/u
// Numbers that are references, not phones: an ISBN, an order or case number, a company or bank identifier.
const REFERENCE_BEFORE =
  /(?:isbn|issn|siret|siren|iban|bic|ref|réf|référence|reference|commande|order|dossier|facture|invoice|ticket|id|doi|pmid|tva|vat|n°|no\.?|#)\s{0,2}[:=]?\s{0,2}$/u
const YEAR = /^(?:1[89]|20)\d\d$/
// Dates inside a run, whatever digits surround them: a day.month.year date ("22.06.1941", "24/02/2022"), a
// year-first date, as ISO and Chinese, Japanese, Korean and Persian readers write it ("2022.2.24-2023.2.24", a
// solar year "1401/6/25"), a year in brackets ("242 (1967) 338 (1973)"), a range of years written short
// ("1914-18/1939-45"). Their digits are no phone's.
const DATE =
  /(?<!\d)(?:(?:0?[1-9]|[12]\d|3[01])[./-](?:0?[1-9]|1[0-2])[./-](?:1[89]|20)\d\d|(?:1[3489]|20)\d\d([./-])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01])|\((?:1[89]|20)\d\d\)?|(?:1[89]|20)\d\d[-‐‑‒–—/]\d\d)(?!\d)/gu
// A run followed by ":00" ends with an hour ("24/02/2022 05:00").
const TIME_AFTER = /^[:h]\d\d/
const LAST_GROUP = /\d+$/
// A round figure ("1300000000", "900 000 000"): a quantity, never a line.
const ROUND = /0{5}$/

// Messengers, and the ways a spammer asks to be contacted. The names are matched first and their edges checked
// after (`wordSpans`): a look-behind at the head of a pattern would be tried at every character of the text.
const MESSENGER =
  /whats\s?app|whatsap+|watsap+|wasap+|telegram+|tele\s?gram|signal|viber|wechat|weixin|kik|skype|threema|телеграм+|ватсап+|вотсап+|вацап|вайбер|微信|电报|テレグラム|텔레그램|카카오톡|카톡|위챗|왓츠앱/g
// The writer offering themselves, wherever a number or handle is near: "call me", "je suis joignable".
const CONTACT =
  /contact(?:ez)?[\s-]{1,2}(?:me|us|moi|nous)|reach (?:me|us|out)|text (?:me|us)|call (?:me|us)|write (?:me|to me|us)|message (?:me|us)|dm me|hit me up|add me|écri(?:vez|s)[\s-]{1,2}(?:moi|nous)|appelez[\s-]{1,2}(?:moi|nous)|(?:je suis|nous sommes) joignables?|(?:на)?пишите[\s,]{1,2}(?:мне|нам)|звоните[\s,]{1,2}(?:мне|нам)|(?:연락|문의)\s?(?:주세요|주십시오|하세요|바랍니다)/g
// Someone else to be contacted, as recovery and loan testimonials write it ("Contact him on +1 312...", "elle
// est joignable au 07...", "пишите @vozvrat_help"). Readers talk about others too ("you can call him a
// dictator", "l'ambassade n'est plus joignable", "напишите, откуда эти цифры"): these count only when the number
// or handle follows within a couple of words (`giving`).
const CONTACT_OTHER =
  /contact(?:ez)?[\s-]{1,2}(?:him|her|them|le|la|les)|reach (?:him|her|them)|text (?:him|her|them)|call (?:him|her|them)|write (?:to )?(?:him|her|them)|message (?:him|her|them)|écri(?:vez|s)[\s-]{1,2}(?:lui|leur)|joignables?|(?:на)?пишите|звоните/g
// Labels a handle is given under: "username: @x", "pseudo : @x", "ник @x".
const HANDLE_LABEL = /user\s?name|pseudo|ник(?:нейм)?|아이디/g
const WORD_CHARACTER = /[\p{L}\p{N}]/u
// Korean is spaced, but glues particles to a word ("카톡으로"): its names are matched without a boundary too.
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u
// An @name (not the middle of an e-mail address), and links that open a chat.
const HANDLE = /@[\p{L}\p{N}_][\p{L}\p{N}_.]{1,31}/gu
const NOT_BEFORE_HANDLE = /[\p{L}\p{N}_.@]/u
const MESSENGER_LINK =
  /(?:t\.me|telegram\.me|telegram\.dog|wa\.me|wa\.link|chat\.whatsapp\.com|api\.whatsapp\.com|signal\.me|viber\.click|u\.wechat\.com)\/[^\s<>"'/]{2,64}/g
// What every match of MESSENGER_LINK contains (the end of its host and the slash): a text with none of them (most)
// needs no search for the hosts one by one.
const MESSENGER_LINK_ENDS = ['.me/', '.dog/', '.link/', 'whatsapp.com/', '.click/', 'wechat.com/']
const mayHaveMessengerLink = (text: string) => MESSENGER_LINK_ENDS.some((end) => text.includes(end))
const NOT_BEFORE_HOST = /[\p{L}\p{N}.-]/u
const MESSENGER_HOSTS = new Set([
  't.me',
  'telegram.me',
  'telegram.dog',
  'wa.me',
  'wa.link',
  'chat.whatsapp.com',
  'api.whatsapp.com',
  'signal.me',
  'viber.click',
  'u.wechat.com',
])

type Span = { start: number; end: number; text: string }

function spans(pattern: RegExp, text: string): Span[] {
  const found: Span[] = []
  for (const match of text.matchAll(pattern)) {
    const start = match.index ?? 0
    found.push({ start, end: start + match[0].length, text: match[0] })
  }
  return found
}

/** Matches that stand as words: not inside a longer word ("signalement", "kiki"), unless written without spaces. */
function wordSpans(pattern: RegExp, text: string): Span[] {
  return spans(pattern, text).filter(
    (span) =>
      UNSPACED.test(span.text) ||
      (!WORD_CHARACTER.test(text[span.start - 1] ?? '') && !WORD_CHARACTER.test(text[span.end] ?? '')),
  )
}

/** Matches not glued to what comes before them (“x@gmail” is an address, “ut.me/” another host). */
const standalone = (found: Span[], text: string, before: RegExp) =>
  found.filter((span) => !before.test(text[span.start - 1] ?? ''))

const gap = (a: Span, b: Span) => Math.max(0, b.start - a.end, a.start - b.end)
const nearest = (span: Span, others: Span[]) => others.find((other) => gap(span, other) <= NEAR) ?? null

// What may stand between a messenger's name and the handle or number it gives: "Telegram: @x", "WhatsApp 👉 +44",
// and the particle Korean glues to the name ("카톡으로 @x").
const INTRODUCES = /^(?:으로|로|에서|는|은)?[^\p{L}\p{N}@.!?…\n]{0,6}$/u
/** The messenger or contact phrase `span` directly follows, if any. */
const introducing = (span: Span, others: Span[], text: string) =>
  others.find((other) => other.end <= span.start && INTRODUCES.test(text.slice(other.end, span.start))) ??
  null
// What may stand between a contact phrase and the number or handle it gives: a couple of short words ("Contact
// him on +1...", "joignable au 07...", "Reach him via @x"), within the sentence.
const GIVES = /^[^\p{L}\p{N}@.!?…\n]{0,6}(?:\p{L}{1,5}[^\p{L}\p{N}@.!?…\n]{1,6}){0,2}$/u
/** The contact phrase `span` follows within a couple of words, if any. */
const giving = (span: Span, others: Span[], text: string) =>
  others.find((other) => other.end <= span.start && GIVES.test(text.slice(other.end, span.start))) ?? null
// What may stand between a handle and the messenger it is on: "@x on Telegram", "@x sur Telegram", "@x в
// телеграм", "@x (Telegram)".
const ON_MESSENGER = /^\s{0,2}(?:[(–—-]\s{0,2}|(?:on|sur|via|в|во|на|по|en|em|no|auf)\s{1,2})$/u
// A messenger's name closing its clause: "... @x on Telegram." (a reply goes on: "@Ivan в телеграм пишут...").
const CLAUSE_END = /^[^\p{L}\p{N}]{0,4}(?:$|[.!?…,;)\n]|\p{Extended_Pictographic})/u
/** The messenger a handle is given on, named right after it, if any; after a reply's @name it must end the clause. */
const onMessenger = (span: Span, messengers: Span[], text: string, reply: boolean) =>
  messengers.find(
    (messenger) =>
      messenger.start >= span.end &&
      ON_MESSENGER.test(text.slice(span.end, messenger.start)) &&
      (!reply || CLAUSE_END.test(text.slice(messenger.end, messenger.end + 8))),
  ) ?? null
// An @name opening the comment or a sentence answers another reader ("@Ivan la chaîne Telegram de...").
const REPLY_BEFORE = /(?:^|[.!?…\n])[\s"'«»“”(]*$/u
const isReply = (span: Span, text: string) =>
  REPLY_BEFORE.test(text.slice(Math.max(0, span.start - 8), span.start))

type Shape = 'phone' | 'weak' | null

/** Whether a run of digits reads as a phone number ('phone'), could be one if a messenger is named ('weak'), or not. */
function shapeOf(raw: string, before: string, after: string): Shape {
  const cut = raw.replace(/[\s.\-‐‑‒–—―/✙✚✛✜➕_·•]+$/u, '').replace(/\(+$/, '')
  const trimmed = TIME_AFTER.test(after) ? cut.replace(LAST_GROUP, '') : cut
  const groups = trimmed.split(NON_DIGITS).filter(Boolean)
  const digits = groups.join('')
  if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) return null
  if (CURRENCY_BEFORE.test(before) || UNIT_AFTER.test(after) || REFERENCE_BEFORE.test(before)) return null
  const international = trimmed.startsWith('+') || /^\(?00/.test(trimmed)
  // Glued to a word: a product code or an identifier, unless it opens with a + ("WhatsApp+1 929...").
  if (!trimmed.startsWith('+') && SPACED_LETTER.test(before.slice(-1))) return null
  if (SPACED_LETTER.test(after.slice(0, 1))) return null
  if (groups.every((group) => YEAR.test(group))) return null
  if (digitCount(trimmed.replace(DATE, ' ')) < MIN_DIGITS) return null
  const separators = trimmed.replace(/^\+/, '').split(/\d+/).filter(Boolean)
  if (groups.length === 2 && (separators[0] === '.' || separators[0] === ',')) return null // a decimal number
  if (international) return 'phone'
  if (ROUND.test(digits)) return null
  const thousands =
    groups.length >= 2 &&
    (groups[0]?.length ?? 0) <= 3 &&
    groups.slice(1).every((group) => group.length === 3) &&
    new Set(separators).size === 1 &&
    [' ', '.', "'"].includes(separators[0] ?? '')
  // Thousands are a quantity; but three groups of three is also how Spain, Poland or Portugal write a mobile
  // ("612 345 678"), which a messenger's name next to it makes one.
  if (thousands) return groups.length === 3 && (groups[0]?.length ?? 0) === 3 ? 'weak' : null
  if (groups.length === 1) return digits.startsWith('0') ? 'phone' : 'weak'
  return 'phone'
}

function digitCount(text: string): number {
  let count = 0
  const length = text.length
  for (let at = 0; at < length; at++) {
    const code = codeAt(text, at)
    if (code >= 0x30 && code <= 0x39) count++
  }
  return count
}

/** Phone numbers in the skeleton, each with its shape. */
function numbersIn(text: string): (Span & { shape: Exclude<Shape, null> })[] {
  const digitized = MAY_HIDE_DIGITS.test(text) ? text.replace(LOOKALIKE_DIGIT, digitFor) : text
  const found: (Span & { shape: Exclude<Shape, null> })[] = []
  for (const match of digitized.matchAll(NUMBER)) {
    // Most runs of digits are short (a year, a score, a price): counted before anything else is done with them.
    if (digitCount(match[0]) < MIN_DIGITS) continue
    const start = match.index ?? 0
    const end = start + match[0].length
    const shape = shapeOf(
      match[0],
      digitized.slice(Math.max(0, start - 24), start),
      digitized.slice(end, end + 4),
    )
    if (shape) found.push({ start, end, text: text.slice(start, end).trim(), shape })
  }
  return found
}

const HAS_DIGIT = /\d/

export const contactNumber: Rule = {
  id: 'contact-number',
  weight: defaultWeights['contact-number'],
  summary:
    'Gives a phone number or a messenger handle (WhatsApp, Telegram, Signal, WeChat...) to be contacted on.',
  evaluate({ text, name }: RuleContext) {
    // Written out, or behind the text of an HTML or BBCode link.
    // A link to one post of a channel is a cited source, read by the link rules like any other.
    const written = mayHaveMessengerLink(text.skeleton)
      ? standalone(spans(MESSENGER_LINK, text.skeleton), text.skeleton, NOT_BEFORE_HOST).find(
          (span) => !citesPost(text.skeleton, span.start),
        )?.text
      : undefined
    const link =
      written ??
      text.links.find(
        (candidate) => MESSENGER_HOSTS.has(candidate.host ?? '') && !citesPost(candidate.target),
      )?.target
    if (link) return { detail: `Gives a messenger link to be contacted on: “${link}”.`, factor: 2 }
    // Numbers and handles are read in the prose (the digits of a cited link's path are no phone number), and in
    // the author's name: "WhatsApp +1 929..." is a common name for this kind of spam.
    const searched = `${name.skeleton}\n${proseOf(text).skeleton}`
    const numbers = HAS_DIGIT.test(searched) ? numbersIn(searched) : []
    const handles = searched.includes('@')
      ? standalone(spans(HANDLE, searched), searched, NOT_BEFORE_HANDLE)
      : []
    // Nothing to be contacted on (most comments): the messengers' names need not be looked for.
    if (numbers.length === 0 && handles.length === 0) return null
    const contacts = wordSpans(CONTACT, searched)
    const messengers = [...wordSpans(MESSENGER, searched), ...contacts]
    const others = wordSpans(CONTACT_OTHER, searched)
    // "signal" is also an ordinary word ("un signal fort envoyé aux..."): it names the messenger only when the
    // number comes right after it.
    const named = messengers.filter((messenger) => messenger.text !== 'signal')
    // An embassy's or a ministry's line, even on WhatsApp, is passed on for others to call, unless the writer
    // offers themselves anywhere in the comment ("agréé par le ministère, contactez-moi").
    const institutions = wordSpans(INSTITUTION, searched)
    for (const number of numbers) {
      const messenger =
        nearest(number, named) ??
        introducing(number, messengers, searched) ??
        giving(number, others, searched)
      if (!messenger || (contacts.length === 0 && publicService(number, institutions))) continue
      return {
        detail: `Gives a phone number to be contacted on, next to “${messenger.text}”: “${number.text}”.`,
        factor: 2,
      }
    }
    // An @name is a handle to be contacted on when a messenger, a contact phrase or a label ("username:")
    // introduces it, or it is said to be on a messenger ("@x on Telegram"); elsewhere it is how readers answer
    // each other ("@Sophie WhatsApp et Telegram sont les seuls moyens...", "@Ivan la chaîne Telegram de...").
    const labels = wordSpans(HANDLE_LABEL, searched)
    // A channel named as the source of a claim ("d'après la chaîne @DeepStateUA sur Telegram") is cited, unless
    // the comment asks to write to it or join it.
    const sources = wordSpans(ASKS_TO_BE_CONTACTED, searched).length === 0 ? wordSpans(SOURCE, searched) : []
    for (const handle of handles) {
      if (namedAsSource(handle, sources, searched)) continue
      const reply = isReply(handle, searched)
      const messenger =
        (reply
          ? null
          : (introducing(handle, [...messengers, ...labels], searched) ??
            giving(handle, [...contacts, ...others], searched))) ??
        onMessenger(handle, named, searched, reply)
      if (messenger) {
        return {
          detail: `Gives a messenger handle, “${handle.text}”, next to “${messenger.text}”.`,
          factor: 2,
        }
      }
    }
    const phone = numbers.find((number) => number.shape === 'phone')
    if (!phone) return null
    const service = publicService(phone, institutions)
    return service
      ? { detail: `Gives a public service's phone number (${service}): “${phone.text}”.` }
      : { detail: `Gives a phone number: “${phone.text}”.` }
  },
}
