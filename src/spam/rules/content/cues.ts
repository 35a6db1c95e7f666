import { recent } from '../../recent.js'
import { disguisedAddress } from '../disguised-link.js'
import type { RuleContext } from '../types.js'
import { citesASource, isReferenceHost } from './cited-articles.js'
import { contactNumber } from './contact-number.js'
import { offersInKorean } from './korean-offers.js'
import { reachesOutElsewhere } from './messengers.js'
import { offersElsewhere } from './offers-elsewhere.js'
import { fold } from './phrases.js'
import { type Prose, proseOf } from './text.js'

/**
 * Whether a comment sells or solicits around a phrase that is also news vocabulary ("guaranteed loans", "prêt
 * urgent", "срочный кредит", "rencontre discrète"): the same words are an offer only when the writer addresses
 * the reader, offers, urges, names a price, or gives a way to be reached. Readers reporting the news ("Le FMI a
 * accordé un prêt urgent à l'Argentine", "Congress approved $8 billion in guaranteed loans") do none of that.
 *
 * A reader of a news site also says "you" to the newspaper itself: "your article on the guaranteed loans",
 * "votre journaliste oublie le prêt urgent du FMI". That "your" names the newspaper's work, staff or readers,
 * not a customer being offered something, and is no cue.
 */

/** How many words either side of the phrase an address to the reader, an offer or an imperative may be. */
const WINDOW = 5

// The reader addressed ("you", "vous", "вы"), compared as written (in lower case), with or without the accents
// writers leave out: folded, Vietnamese "tôi" (I), "tệ" (bad), "từ" (from) would be French "toi", "te", "tu".
const SECOND_PERSON = new Set([
  ...['you', 'your', 'yours', 'yourself', 'u', 'ur'],
  ...['vous', 'votre', 'vos', 'tu', 'toi', 'ton', 'ta', 'tes', 'te'],
  ...['вы', 'вас', 'вам', 'ваш', 'ваша', 'ваше', 'ваши', 'вашу', 'ты', 'тебя', 'тебе', 'твои', 'твоя'],
  ...['usted', 'ustedes', 'tú', 'tus', 'você', 'vocês', 'voce', 'voces', 'teu', 'tua'],
])
const SECOND_PERSON_ELIDED = /^t['’]/
// The possessives of SECOND_PERSON ("your", "votre", "ваша"), and what of the newspaper they may name: its
// articles, its journalists, its readers ("your article", "vos lecteurs", "ваша статья"). Not "report" ("your
// credit report"), "site", "page", "team", "interview" or "papiers": offers say those too.
const POSSESSIVE = new Set([
  ...['your', 'ur', 'votre', 'vos', 'ton', 'ta', 'tes'],
  ...['ваш', 'ваша', 'ваше', 'ваши', 'вашу'],
])
const foldedWords = (lines: string[]) => new Set(lines.flatMap((line) => line.split(' ').map(fold)))
// Words that name the newspaper's staff or work whatever word comes before them ("your Seoul correspondent").
const NEWSPAPER_STAFF_AND_WORK = foldedWords([
  'article articles journalist journalists reporter reporters correspondent correspondents editor editors',
  'columnist columnists readers newsroom',
  'article articles journaliste journalistes correspondant correspondante correspondants envoyé envoyée',
  'rédaction chroniqueur chroniqueuse éditorialiste lecteurs lectrices',
  'статья статью статьи журналист журналисты корреспондент корреспонденты читатели редакция',
])
// And words that do right after the possessive, or after a word that only praises or dates them ("your latest
// piece", "votre dernière enquête"), but not after any word: "your credit reporting", "your portfolio analysis".
const NEWSPAPER = new Set([
  ...NEWSPAPER_STAFF_AND_WORK,
  ...foldedWords([
    'paper newspaper piece magazine headline headlines editorial column coverage reporting analysis',
    'investigation reader readership',
    'papier journal quotidien éditorial chronique tribune reportage reportages enquête analyse rédacteur',
    'rédactrice rédacteurs lecteur lectrice lectorat',
    'материал газета газету газеты издание репортаж',
  ]),
])
const PRAISING_OR_DATING = foldedWords([
  'latest last recent previous excellent great fine good brilliant own new',
  'dernier dernière derniers dernières récent récente excellent excellente bon bonne remarquable',
  'последняя последний последнюю последней уважаемая уважаемый уважаемое отличная',
])
/** A word as a lookup key: "article's" is "article". */
const bare = (word: string | undefined) => word?.replace(/['’]s$/, '') ?? ''
/** Whether the word at `at` names the newspaper ("your paper", not "your paper work"). */
const newspaperWord = (words: readonly string[], at: number) =>
  NEWSPAPER.has(bare(words[at])) && !(words[at] === 'paper' && words[at + 1] === 'work')
/** Whether word `at` is a possessive naming the newspaper, next or one word on ("your Kyiv reporter"). */
const namesTheNewspaper = (words: readonly string[], at: number) =>
  POSSESSIVE.has(words[at] as string) &&
  (newspaperWord(words, at + 1) ||
    NEWSPAPER_STAFF_AND_WORK.has(bare(words[at + 2])) ||
    (PRAISING_OR_DATING.has(words[at + 1] as string) && newspaperWord(words, at + 2)))

// The writer offering (first person of verbs that offer), urging (imperatives of buying and signing up), or
// pricing ("pas cher" is read as "cher" after "pas"). Folded as the words they are compared with ("подписывайтесь"
// is read "подписываитесь").
const SELLING = new Set(
  [
    ...['offrons', 'proposons', 'accordons'],
    ...['commandez', 'profitez', 'inscrivez', 'cliquez', 'visitez', 'rejoignez', 'postulez', 'achetez'],
    ...['click', 'apply', 'register', 'subscribe', 'hurry', 'dm', 'inbox', 'cheap', 'cheapest', 'legit'],
    ...['join', 'visit', 'buy', 'order'],
    // Hindi "join" (a channel, a group on a messenger). Not Arabic's "انضم", "اشترك": also "he joined", "took part".
    ...['जुड़ें', 'जुड़िए'],
    // Turkish "click", "sign up" (not "üye" alone, a member: "NATO'ya üye ülkeler"; see SIGN_UP_AS_MEMBER).
    ...['tıkla', 'tıklayın', 'tikla', 'tiklayin', 'kaydol', 'kaydolun'],
    ...['abonnez', 'подписывайтесь'],
    // Indonesian "click", "visit", "contact", "join" (imperatives, not "bergabung", "joined") and the "hot" slot
    // that gambling ads sell.
    ...['klik', 'kunjungi', 'hubungi', 'gabung', 'gacor'],
    ...[
      'предлагаю',
      'предлагаем',
      'помогу',
      'поможем',
      'заказывайте',
      'переходите',
      'заходите',
      'купите',
      'жмите',
    ],
    ...['недорого', 'дешево'],
    ...[
      'ofrezco',
      'ofrecemos',
      'ofereco',
      'oferecemos',
      'registrate',
      'clique',
      'acesse',
      'barato',
      'barata',
    ],
  ].map(fold),
)
const PRICED = (words: readonly string[], at: number) => words[at] === 'cher' && words[at - 1] === 'pas'
// Turkish "become a member!" ("hemen üye ol", "üye olun"): a call to sign up, though "üye" alone is a member and
// other forms of "olmak" are news ("üye olmalı", "üye oldu").
const MEMBER = fold('üye')
const SIGN_UP_AS_MEMBER = (words: readonly string[], at: number) =>
  (words[at] === 'ol' || words[at] === 'olun') && words[at - 1] === MEMBER
// A way to be reached, anywhere in the comment: asking to be contacted, on a messenger too ("whatsapp me"), sent to
// the profile's link ("link in bio", "деталі в профілі"), or an e-mail address, a phone number, a handle (see
// contact-number.ts), or a link: where the offer is taken up, unless it cites an article or a reference
// (cited-articles.ts). A messenger's name alone is where the news says a scam is run ("offer instant loans on
// WhatsApp"): an offer gives the number or handle on it.
const REACH_ME =
  /(?<![\p{L}\p{N}])(?:contact(?:ez|e|er)?[\s-]+(?:me|us|moi|nous)|contactez|[ée]crivez|appelez|write (?:me|us|to me)|call (?:me|us|now)|text (?:me|us)|e-?mail me|(?:на)?пишите|звоните|обращайтесь|escr[ií]be(?:me|nos)|cont[aá]ct(?:a|e)nos|ll[aá]ma(?:me|nos)|fale comigo|entre em contato|пиши(?:те)? в (?:лс|личку|личные|директ|тг|телегу)|(?:whats\s?app|telegram|viber|wechat|skype) (?:me|us)|(?:link|details|info) in (?:my )?(?:bio|profile)|lien (?:dans|en) (?:ma )?bio|(?:подробности|ссылка|детали) в (?:профиле|шапке|био)|(?:деталі|посилання) в профілі|по ссылке в (?:профиле|шапке))(?![\p{L}\p{N}])/u
// The requests in Arabic, Persian, Hebrew, Hindi, Chinese, Japanese, Korean and Turkish are messengers.ts' (its
// messengers' names, alone, are no way to be reached either).
const EMAIL = /[\p{L}\p{N}._%+-]@[\p{L}\p{N}-]+\.\p{L}{2,}/u

// A domain name written without a scheme, as spam gives the page where its offer is taken up ("Оформить :
// zaim-online.ru", ">>> foot-streaming-gratuit.live <<<", "token-claim.io/claim"): in lower case, with a hyphen
// or a digit in its name, as made-up shop names have. Not a file ("rapport.pdf"), a missing space ("triste.la
// faute"), a name ("m.macron", "chat.gpt") or a newspaper a reader names ("lemonde.fr"). Labels are held to DNS's 63
// characters: unbounded, the three runs of the last label could split a long one every way, and a comment of one
// 20 000-digit "address" took 200 ms.
const BARE_HOST =
  /^\W{0,3}((?:[a-z0-9-]{1,63}\.){0,126}[a-z0-9]{0,63}(?:-|\d)[a-z0-9-]{0,62}\.([a-z]{2,12}))(?:[/:?#]|\W{0,3}$)/
const FILE_EXTENSIONS = new Set(['pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'odt', 'txt', 'csv'])

/** Whether the prose names a page of its own, neither a reference's nor a public body's, without a link to it. */
function namesAHost(prose: Prose): boolean {
  for (const address of prose.addresses) {
    const found = BARE_HOST.exec(address)
    const host = found?.[1]
    if (host && !FILE_EXTENSIONS.has(found?.[2] ?? '') && !isReferenceHost(host)) return true
  }
  return false
}

// "Join our VIP group", "rejoignez notre groupe Telegram": the writer's own group or channel, where an offer is
// taken up. Not "follow my logic", "notre groupe d'amis en parle".
const GROUP_INVITE =
  /(?:join|follow|subscribe to) (?:our|my) (?:\p{L}+ )?(?:group|channel|community)|(?:rejoignez|rejoins|intégrez|suivez) (?:notre|mon|ma) (?:\p{L}+ )?(?:groupe|canal|chaîne|communauté)|(?:вступайте|присоединяйтесь|подписывайтесь) (?:в|к|на) (?:наш|нашу|нашему|мой|мою) (?:\p{L}+ )?(?:группу|группе|канал|каналу|чат)/u

// Words that turn the imperative after them into a warning: "Jangan klik tautan judi online" (don't click), "never
// buy", "ne cliquez jamais", "не переходите".
const NEGATIONS = new Set([
  'jangan',
  'never',
  'dont',
  "don't",
  'ne',
  'не',
  'ni',
  'nunca',
  'nie',
  'nicht',
  'asla',
])

/** Whether a word at `at` sells: an offer, an imperative of buying or signing up, a price (not after a negation). */
const sellsAt = (folded: readonly string[], at: number) =>
  (SELLING.has(folded[at] as string) && !NEGATIONS.has(folded[at - 1] as string)) ||
  PRICED(folded, at) ||
  SIGN_UP_AS_MEMBER(folded, at)

// A video on the platforms readers cite speeches and debates from: neither a cited article nor the page of an offer.
const VIDEO_PAGE = /^(?:https?:\/\/)?(?:www\.|m\.)?(?:youtube\.com\/(?:watch\?|shorts\/|live\/)|youtu\.be\/)/i
const isVideo = (link: { target: string }) => VIDEO_PAGE.test(link.target)

/**
 * Whether the comment gives a way to take an offer up, anywhere in it: a link (but one to an article or a reference
 * it cites) or a domain name, a request to be contacted (on a messenger too), an invitation to the writer's own
 * channel or group, an e-mail address, a phone number or handle (contact-number.ts; not a public body's line).
 * Asked by every cue check of a comment and by spam-phrases' cap, all with the one context its rules share: worked
 * out once.
 */
export const givesAWayToReach = recent((context: RuleContext): boolean => {
  if (context.text.links.some((link) => !citesASource(link) && !isVideo(link))) return true
  const prose = proseOf(context.text)
  if (REACH_ME.test(prose.skeleton) || EMAIL.test(context.text.normalized)) return true
  if (reachesOutElsewhere(prose.skeleton) || namesAHost(prose)) return true
  if (disguisedAddress(context)?.defanged === false) return true
  if (GROUP_INVITE.test(prose.skeleton)) return true
  // A public body's line a reader passes on (an embassy's, scored 0) is where victims are sent, not an offer.
  const contact = contactNumber.evaluate(context)
  return contact !== null && contact.factor !== 0
})

const HORIZONTAL_SPACE = /[^\S\n]+/g

// A promotional code, as casinos and shops give them in every language ("código NOTICIA200", "Code NEWS150",
// "промокод BONUS500", "코드 VIP777"): capitals and digits, at least two of each, right after the word for it. Not a
// law's article ("code L121-1"), a standard ("code ISO 3166") or an airport ("code IATA CDG").
const PROMO_CODE =
  /(?<![\p{L}\p{N}])(?:promo ?code|code promo|code|c[oó]digo|kod|kodu|промокод\p{L}{0,2}|промо-?код\p{L}{0,2}|코드|コード|代码|优惠码)\s?[:：]?\s?["«“'「]?\s?([A-Za-z][A-Za-z0-9]{3,15})(?![\p{L}\p{N}])/giu
const PROMO_WORD = /code|c[oó]digo|kod|промо|コード|코드|代码|码/i
const CAPITALS_AND_DIGITS = /^(?=(?:[A-Z0-9]*[A-Z]){2})(?=(?:[A-Z0-9]*\d){2})[A-Z0-9]+$/

/** Whether the text as written (its capitals kept) names a promotional code. */
function namesAPromoCode(visible: string): boolean {
  if (!PROMO_WORD.test(visible)) return false
  for (const [, code] of visible.matchAll(PROMO_CODE))
    if (CAPITALS_AND_DIGITS.test(code as string)) return true
  return false
}

/**
 * Whether the prose offers anywhere in it in a language whose cues are several words or glued to words (Korean,
 * Arabic, Persian, Urdu, Hindi, Vietnamese, Chinese): read as patterns (korean-offers.ts, offers-elsewhere.ts).
 */
const sellsInProse = recent((context: RuleContext): boolean => {
  const prose = proseOf(context.text).skeleton
  if (offersInKorean(prose) || offersElsewhere(prose)) return true
  if (namesAPromoCode(context.text.visible)) return true
  // The skeleton has its whitespace collapsed: a call alone on a line of its own ("…\nInbox ngay để nhận ưu đãi")
  // opens a clause, and a Korean ad's line ends on its noun ("가입머니 지급\n…"), only in the text as written.
  // Read only when a phrase asks for a cue and the text has lines.
  const { visible } = context.text
  if (!visible.includes('\n')) return false
  const lines = visible.toLowerCase().replace(HORIZONTAL_SPACE, ' ')
  return offersInKorean(lines) || offersElsewhere(lines)
})

// What the second person asks other readers in a debate rather than a customer: what they saw, think, know or
// remember ("Vous avez vu cette rencontre discrète...", "Вы понимаете, что срочный кредит МВФ — это удавка?",
// "¿Usted cree que el préstamo urgente del FMI...?", "you still believed SBF was a genius").
const ASKED_OF_READERS = new Set(
  [
    ...['pensez', 'croyez', 'savez', 'parlez', 'imaginez', 'trouvez', 'oubliez', 'voyez', 'comprenez'],
    ...['constatez', 'remarquerez', 'souvenez', 'rappelez', 'penses', 'crois', 'sais', 'parles', 'vois'],
    ...['понимаете', 'знаете', 'помните', 'думаете', 'верите', 'видели', 'слышали', 'удивитесь', 'заметили'],
    ...['представляете', 'понимаешь', 'знаешь', 'помнишь', 'думаешь', 'веришь', 'видел', 'слышал'],
    ...['cree', 'crees', 'sabe', 'sabes', 'piensa', 'piensas', 'recuerda', 'recuerdas', 'acha', 'lembra'],
    ...['think', 'thought', 'know', 'knew', 'believe', 'believed', 'remember', 'realize', 'realise'],
    ...['understand', 'mean', 'saw', 'heard', 'notice', 'noticed', 'wonder'],
  ].map(fold),
)
// "Vous avez vu / lu / entendu..." (not "vous avez besoin d'un prêt").
const SEEN_OR_READ = new Set(['vu', 'lu', 'entendu', 'remarque', 'oublie', 'raison', 'tort'].map(fold))
// A word that may stand between the pronoun and the verb: "you still believed", "vous vous souvenez".
const BETWEEN = new Set([
  'still',
  'really',
  'actually',
  'seriously',
  'honestly',
  'ever',
  'vous',
  'ведь',
  'же',
])

/** Whether the second person at `at` asks other readers what they saw, think or know. */
function asksOtherReaders(folded: readonly string[], at: number): boolean {
  let next = at + 1
  if (BETWEEN.has(folded[next] as string)) next++
  const verb = folded[next] as string
  return ASKED_OF_READERS.has(verb) || (verb === 'avez' && SEEN_OR_READ.has(folded[next + 1] as string))
}

/** Whether the word at `at` (`written`, and `folded`) addresses the reader (not the newspaper) or sells. */
function cueAt(written: readonly string[], folded: readonly string[], at: number): boolean {
  const word = written[at] as string
  const addressed =
    (SECOND_PERSON.has(word) || SECOND_PERSON_ELIDED.test(word)) &&
    !namesTheNewspaper(folded, at) &&
    !asksOtherReaders(folded, at)
  return addressed || sellsAt(folded, at)
}

/**
 * Whether the words `start` to `end` (exclusive) of the prose have a selling or contact cue near them, or the prose
 * offers anywhere in a language whose cues are patterns. The phrase's own words are what is judged, not its cue:
 * "do you need a loan" addresses nobody by its "you" ("Do you need a loan from the IMF every two years? Pakistan's
 * economy says yes").
 */
export function hasSellingCue(
  context: RuleContext,
  folded: readonly string[],
  start: number,
  end: number,
): boolean {
  const from = Math.max(0, start - WINDOW)
  const to = Math.min(folded.length, end + WINDOW)
  const written = proseOf(context.text).skeletonWords
  for (let at = from; at < to; at++) {
    if (at === start) at = end
    if (at < to && cueAt(written, folded, at)) return true
  }
  return sellsInProse(context) || givesAWayToReach(context)
}

/**
 * Whether the comment has a selling or contact cue anywhere: for a phrase that has no place among its words (a
 * substring of a Chinese sentence, which is one "word").
 */
export function hasCueAnywhere(context: RuleContext, folded: readonly string[]): boolean {
  const written = proseOf(context.text).skeletonWords
  return (
    folded.some((_, at) => cueAt(written, folded, at)) || sellsInProse(context) || givesAWayToReach(context)
  )
}
