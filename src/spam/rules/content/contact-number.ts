import { codeAt } from '../../chars.js'
import { recent } from '../../recent.js'
import type { Finding, Rule, RuleContext } from '../types.js'
import { defaultWeights } from '../weights.js'
import { emailGiven } from './contact-emails.js'
import {
  giving,
  INTRODUCER,
  insideSentence,
  introducing,
  invitedTo,
  isReply,
  nearest,
  onMessenger,
} from './contact-places.js'
import {
  ASKS_TO_BE_CONTACTED,
  CHANNEL_INVITE,
  channelCitations,
  citesPost,
  INSTITUTION,
  namedAsSource,
  publicService,
  SOURCE,
} from './contact-sources.js'
import {
  CONTACT_ELSEWHERE,
  latinLine,
  NAMES_ELSEWHERE,
  type Span,
  spans,
  UNSPACED,
  wordSpans,
} from './messengers.js'
import { EASTERN_DIGIT, numbersIn } from './phone-numbers.js'
import { withSpelledDigits } from './spelled-digits.js'
import { proseOf } from './text.js'

/**
 * Phone numbers and messenger handles (heuristics catalogue E9), and e-mail addresses (contact-emails.ts). Read on
 * the skeleton, where styled digits (𝟷𝟺𝟶, １２３) are already plain digits and small-capital words (ᴡʜᴀᴛꜱᴀᴘᴘ) plain
 * letters; what makes a run of digits a phone number is in phone-numbers.ts. A number or a handle counts double next to a messenger's name
 * or a request to be contacted, and not at all when the reader cites it (contact-sources.ts).
 */

// Messengers, and the ways a spammer asks to be contacted. The names are matched first and their edges checked
// after (`wordSpans`): a look-behind at the head of a pattern would be tried at every character of the text. A
// stretched name ("whatsappp", tried before "whats app" so that its whole is matched) is one up to a few letters
// more: a name stretched over a whole comment made every handle's look for what introduces it read back over it.
// Names in other scripts (Arabic, Persian, Hebrew, Hindi, Japanese, Chinese, Korean) are in messengers.ts.
const MESSENGER = new RegExp(
  `${NAMES_ELSEWHERE}|whatsap{1,8}|whats\\s?app|watsap{1,8}|wasap{1,8}|t[eé]l[eé]gram{1,8}|tele\\s?gram|signal|viber|wechat|weixin|kik|skype|threema|zalo|qq|телеграм{1,8}|телеге|телегу|ватсап{1,8}|вотсап{1,8}|вацап|вайбер|微信|电报|テレグラム`,
  'gu',
)
// The writer offering themselves, wherever a number or handle is near: "call me", "je suis joignable".
const CONTACT = new RegExp(
  `${CONTACT_ELSEWHERE}|contact(?:ez)?[\\s-]{1,2}(?:me|us|moi|nous)|reach (?:me|us|out)|text (?:me|us)|call (?:me|us)|write (?:me|to me|us)|message (?:me|us)|dm me|hit me up|add me|écri(?:vez|s)[\\s-]{1,2}(?:moi|nous)|appelez[\\s-]{1,2}(?:moi|nous)|(?:je suis|nous sommes) joignables?|(?:на)?пишите[\\s,]{1,2}(?:мне|нам)|звоните[\\s,]{1,2}(?:мне|нам)`,
  'gu',
)
// Someone else to be contacted, as recovery and loan testimonials write it ("Contact him on +1 312...", "elle
// est joignable au 07...", "пишите @vozvrat_help"). Readers talk about others too ("you can call him a
// dictator", "l'ambassade n'est plus joignable", "напишите, откуда эти цифры"): these count only when the number
// or handle follows within a couple of words (`giving`), as after "call now" or "text LOAN to". Not "appelez le" or
// "son numéro est le": readers pass on helplines and quote the scammers' numbers they warn against.
const CONTACT_OTHER =
  /contact(?:ez)?[\s-]{1,2}(?:him|her|them|le|la|les)|reach (?:him|her|them)|text (?:him|her|them)|call (?:him|her|them)|write (?:to )?(?:him|her|them)|message (?:him|her|them)|écri(?:vez|s)[\s-]{1,2}(?:lui|leur)|joignables?|(?:на)?пишите|звоните|(?:на)?пишіть|дзвоніть|телефонуйте|call (?:now|today|us|our)|text \p{L}{2,12} to/gu
// A number given under a label or a verb of contact ("tél :", "τηλέφωνο", "điện thoại", "电话", "연락처"): one
// that is not shaped as a phone by itself (a Greek mobile written without its 0, a Chinese one of 11 digits) is one
// there, as "Tél : 06..." is, read `giving`'s way, right after it. Longer words first: the first alternative to
// match at a place is kept, and "tel" of "telefon" is no word.
const PHONE_LABEL = new RegExp(
  [
    'telephone|téléphone|telefono|teléfono|telefone|telefon|tel|tél|phone|mobile|portable|hotline',
    'sđt|sdt|điện thoại|dien thoai|gọi|goi|liên hệ|lien he',
    'телефонуйте|телефон|тел|τηλέφωνο|τηλεφωνο|τηλ|κινητό|καλέστε',
    `هاتف|جوال|تلفن|تماس|شماره تماس|موبا${'[یي]'}ل|फोन|फ़ोन|मोबाइल`,
    'arayın|电话|電話|手机|手機|联系|聯繫|連絡先|전화|연락처|핸드폰|휴대폰',
  ].join('|'),
  'gu',
)
// Labels a handle is given under: "username: @x", "pseudo : @x", "ник @x", Persian and Urdu "آیدی: @x".
const HANDLE_LABEL = /user\s?name|pseudo|ник(?:нейм)?|아이디|[آا]?[یي]د[یي]|آئی ڈی/g
// An @name (not the middle of an e-mail address), and links that open a chat.
const HANDLE = /@[\p{L}\p{N}_][\p{L}\p{N}_.]{1,31}/gu
const NOT_BEFORE_HANDLE = /[\p{L}\p{N}_.@]/u
/**
 * The @names of `text` that stand on their own. One glued to a Japanese, Chinese or Korean word follows a
 * particle ("LINEで@x", "카톡으로@x"), as those scripts write it, unless it is an e-mail's domain ("たろう@line.me").
 */
const handlesIn = (text: string) =>
  spans(HANDLE, text).filter((span) => {
    const before = text[span.start - 1] ?? ''
    return !NOT_BEFORE_HANDLE.test(before) || (UNSPACED.test(before) && !span.text.includes('.'))
  })
const MESSENGER_LINK =
  /(?:t\.me|telegram\.me|telegram\.dog|wa\.me|wa\.link|chat\.whatsapp\.com|api\.whatsapp\.com|signal\.me|viber\.click|u\.wechat\.com)\/[^\s<>"'/]{2,64}/gu
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

/** Matches not glued to what comes before them (“x@gmail” is an address, “ut.me/” another host). */
const standalone = (found: Span[], text: string, before: RegExp) =>
  found.filter((span) => !before.test(text[span.start - 1] ?? ''))

// An ID given without an @ right after a messenger's name, as Chinese and Japanese spam gives it ("加微信：abc123",
// "ラインID：money_jp"): Latin letters first, then a digit or an underscore somewhere.
const ID_AFTER = new RegExp(`^${INTRODUCER}([a-z][a-z0-9_.-]{3,31})(?![a-z0-9_])`, 'u')
const ID_MARK = /[\d_]/
/** The ID given right after the messenger `span`, if any. */
const idAfter = (span: Span, text: string) => {
  const id = ID_AFTER.exec(text.slice(span.end, span.end + 48))?.[1]?.replace(/[.-]+$/, '')
  return id && ID_MARK.test(id) ? id : null
}

/** An ID given right after one of the messengers named, as a finding. */
function idFinding(named: readonly Span[], text: string): Finding | null {
  for (const messenger of named) {
    const id = idAfter(messenger, text)
    if (id) return { detail: `Gives a messenger ID, “${id}”, next to “${messenger.text}”.`, factor: 2 }
  }
  return null
}

// A digit in ASCII or in the digits of Persian, Urdu, Arabic or Hindi (phone-numbers.ts reads them all).
const HAS_DIGIT = new RegExp(`\\d|${EASTERN_DIGIT.source}`)
// What a handle, a number or an ID needs: a digit, an @ or an underscore.
const MAY_GIVE_CONTACT = new RegExp(`[\\d@_]|${EASTERN_DIGIT.source}`)
/**
 * Whether `text` has what an ID given without an @ needs (ID_AFTER): a Latin letter, then a digit or an underscore
 * within the ID's 32 characters, `/[a-z][a-z0-9.-]{0,31}[\d_]/`. One pass keeping the last letter of the current
 * run of ID characters: the pattern read the run again from each of its letters (a few µs a kilobyte of prose).
 */
function mayHoldId(text: string): boolean {
  const length = text.length
  let letter = -1
  for (let at = 0; at < length; at++) {
    const code = codeAt(text, at)
    if (code >= 0x61 && code <= 0x7a) {
      letter = at
      continue
    }
    const digit = code >= 0x30 && code <= 0x39
    if ((digit || code === 0x5f) && letter >= 0 && at - letter <= 32) return true
    if (!digit && code !== 0x2e && code !== 0x2d) letter = -1
  }
  return false
}

// Words of a request to be contacted that ASKS_TO_BE_CONTACTED leaves to others ("Contact @x on Telegram"), and
// imperatives opening a sentence ("Message @x on Telegram"; not "Le message de @x", "le chat de @x").
const CONTACT_WORD = /contact|reach/g
const OPENING_REQUEST = /(?:^|[.!?\n]\s*)(?:message|text|chat|dm)\s/u
/** Whether the comment asks anywhere to be contacted, written to or joined (`givers`: its contact phrases). */
const asksToBeContacted = (text: string, givers: readonly Span[]) =>
  givers.length > 0 ||
  wordSpans(ASKS_TO_BE_CONTACTED, text).length > 0 ||
  wordSpans(CONTACT_WORD, text).length > 0 ||
  OPENING_REQUEST.test(text)

// A chat's link as compared: without its scheme, www., and the punctuation or slash it may end with.
const LINK_START = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:www\.)?/
const LINK_END = /[)\].,;:!?/]+$/
const chatOf = (link: string) => link.toLowerCase().replace(LINK_START, '').replace(LINK_END, '')

function findContact({ text, name }: RuleContext): Finding | null {
  // Written out, or behind the text of an HTML or BBCode link.
  // A link to one post of a channel is a cited source, read by the link rules like any other.
  const chats = mayHaveMessengerLink(text.skeleton)
    ? standalone(spans(MESSENGER_LINK, text.skeleton), text.skeleton, NOT_BEFORE_HOST).filter(
        (span) => !citesPost(text.skeleton, span.start),
      )
    : []
  const citesChannel = chats.length > 0 ? channelCitations(text.skeleton) : null
  const cited = new Set(chats.filter((span) => citesChannel?.(span)))
  const written = chats.find((span) => !cited.has(span))?.text
  const citedChats = new Set([...cited].map((span) => chatOf(span.text)))
  const link =
    written ??
    text.links.find(
      (candidate) =>
        MESSENGER_HOSTS.has(candidate.host ?? '') &&
        !citesPost(candidate.target) &&
        !citedChats.has(chatOf(candidate.target)),
    )?.target
  if (link) return { detail: `Gives a messenger link to be contacted on: “${link}”.`, factor: 2 }
  // Numbers and handles are read in the prose (the digits of a cited link's path are no phone number), and in
  // the author's name: "WhatsApp +1 929..." is a common name for this kind of spam.
  // A number written out in words is read as its digits (spelled-digits.ts).
  const prose = proseOf(text)
  const { text: spelledOut, spelled } = withSpelledDigits(prose.skeleton, prose.lexicon, prose.skeletonIds)
  const searched = `${name.skeleton}\n${spelledOut}`
  const quoted = (number: Span) =>
    spelled.has(number.text) ? `“${number.text}” (written out in words)` : `“${number.text}”`
  if (!MAY_GIVE_CONTACT.test(searched)) return null
  const numbers = HAS_DIGIT.test(searched) ? numbersIn(searched) : []
  const handles = searched.includes('@') ? handlesIn(searched) : []
  // Nothing to be contacted on (most comments, years and figures included): the messengers' names need not
  // be looked for.
  if (numbers.length === 0 && handles.length === 0 && !mayHoldId(searched)) return null
  const contacts = wordSpans(CONTACT, searched)
  const messengers = [...wordSpans(MESSENGER, searched), ...latinLine(searched), ...contacts]
  // "signal" is also an ordinary word ("un signal fort envoyé aux..."): it names the messenger only when the
  // number comes right after it.
  const named = messengers.filter((messenger) => messenger.text !== 'signal')
  // Only an ID can be given (idAfter below): neither a number nor a handle needs the rest looked for.
  if (numbers.length === 0 && handles.length === 0) return idFinding(named, searched)
  // Each of these long patterns reads the whole text (several µs a kilobyte): looked for only when asked.
  let others: Span[] | undefined
  const othersIn = () => {
    others ??= wordSpans(CONTACT_OTHER, searched)
    return others
  }
  // An embassy's or a ministry's line, even on WhatsApp, is passed on for others to call, unless the writer
  // offers themselves anywhere in the comment ("agréé par le ministère, contactez-moi").
  let institutions: Span[] | undefined
  const institutionsIn = () => {
    institutions ??= wordSpans(INSTITUTION, searched)
    return institutions
  }
  for (const number of numbers) {
    const messenger =
      nearest(number, named) ??
      introducing(number, messengers, searched) ??
      giving(number, othersIn(), searched)
    if (!messenger || (contacts.length === 0 && publicService(number, institutionsIn()))) continue
    return {
      detail: `Gives a phone number to be contacted on, next to “${messenger.text}”: ${quoted(number)}.`,
      factor: 2,
    }
  }
  // An @name is a handle to be contacted on when a messenger, a contact phrase or a label ("username:")
  // introduces it, or it is said to be on a messenger ("@x on Telegram"); elsewhere it is how readers answer
  // each other ("@Sophie WhatsApp et Telegram sont les seuls moyens...", "@Ivan la chaîne Telegram de...").
  const labels = handles.length > 0 ? wordSpans(HANDLE_LABEL, searched) : []
  // A channel named as the source of a claim ("d'après la chaîne @DeepStateUA sur Telegram") is cited, unless
  // the comment asks to write to it or join it.
  const invites = handles.length > 0 ? wordSpans(CHANNEL_INVITE, searched) : []
  const sources =
    handles.length > 0 && invites.length === 0 && wordSpans(ASKS_TO_BE_CONTACTED, searched).length === 0
      ? wordSpans(SOURCE, searched)
      : []
  // Read for each handle: joined once, not once a handle.
  const introducers = handles.length > 0 ? [...messengers, ...labels] : []
  let givers: Span[] | undefined
  const giversIn = () => {
    givers ??= [...contacts, ...othersIn()]
    return givers
  }
  for (const handle of handles) {
    if (namedAsSource(handle, sources, searched)) continue
    const reply = isReply(handle, searched)
    const given = reply
      ? null
      : (introducing(handle, introducers, searched) ??
        giving(handle, giversIn(), searched) ??
        invitedTo(handle, invites, named, searched))
    if (given)
      return { detail: `Gives a messenger handle, “${handle.text}”, next to “${given.text}”.`, factor: 2 }
    const on = onMessenger(handle, named, searched, reply)
    if (!on) continue
    // "Les cartes de @DeepStateUA sur Telegram sont plus fiables": a channel cited in passing, unless the
    // comment asks anywhere to be contacted ("Contact @x on Telegram for help").
    if (insideSentence(handle, on, searched) && !asksToBeContacted(searched, giversIn())) {
      return {
        detail: `Names a messenger handle, “${handle.text}”, on “${on.text}” inside a sentence, as readers cite a channel: it counts for half.`,
        factor: 1,
      }
    }
    return { detail: `Gives a messenger handle, “${handle.text}”, next to “${on.text}”.`, factor: 2 }
  }
  const id = idFinding(named, searched)
  if (id) return id
  let phone = numbers.find((number) => number.shape === 'phone')
  if (!phone) {
    const phoneLabels = wordSpans(PHONE_LABEL, searched)
    phone = numbers.find((number) => giving(number, phoneLabels, searched))
  }
  if (!phone) return null
  // An embassy's line (a consulate's, a crisis cell's), passed on for readers abroad to call, is explained and
  // counts nothing, unless the writer offers themselves anywhere. A ministry's counts once, as any number: offers
  // claim a ministry's blessing ("approved by the Ministry of Finance, call…"); and so does a free line alone (a
  // company's, or a scam's posing as one).
  const service = publicService(phone, institutionsIn())
  if (!service) return { detail: `Gives a phone number: ${quoted(phone)}.` }
  return {
    detail: `Gives a public service's phone number (${service.what}): ${quoted(phone)}.`,
    ...(service.passedOn && contacts.length === 0 ? { factor: 0 } : {}),
  }
}

/**
 * The finding of one comment, worked out once: the rule asks for it, and so do the cues of spam-phrases (cues.ts),
 * which run first and want to know whether the comment gives a way to be reached.
 */
const contactOf = recent((context: RuleContext): Finding | null => {
  const contact = findContact(context)
  if (contact?.factor === 2) return contact
  const email = emailGiven(context.text.visible)
  if (!email || (contact && email.factor === 1)) return contact
  return {
    detail: email.introducer
      ? `Gives an e-mail address to be written to, after “${email.introducer}”: “${email.address}”.`
      : `Gives a webmail address: “${email.address}”.`,
    factor: email.factor,
  }
})

export const contactNumber: Rule = {
  id: 'contact-number',
  weight: defaultWeights['contact-number'],
  summary:
    'Gives a phone number, a messenger handle (WhatsApp, Telegram, Signal, WeChat...) or an e-mail address to be contacted on.',
  evaluate: (context) => contactOf(context),
}
