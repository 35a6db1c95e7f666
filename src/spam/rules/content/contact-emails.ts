import { isReferenceHost } from './cited-articles.js'

/**
 * E-mail addresses given to be written to (contact-number's third kind of contact, after numbers and handles).
 * Recovery, loan and spell-casting spam ends on a webmail address as often as on a phone number ("Contact him on
 * drituaherbalcenter@gmail.com"), often written so that no address is recognised ("x(at)programmer(dot)net").
 * A reader passes on a public body's or an organisation's address ("écrire à signal.arnaques@dgccrf.finances.gouv.fr"),
 * and rarely leaves their own: that is worth explaining, not holding.
 */

export type GivenEmail = { address: string; introducer: string | null; factor: 1 | 2 }

// Free mailboxes anyone opens in a minute under any name, as spam signs with; mail.com's own vanity domains
// (consultant.com, programmer.net...) are favourites of recovery scams. An organisation writes from its own domain.
const WEBMAIL = new Set([
  ...[
    'gmail.com',
    'googlemail.com',
    'yahoo.com',
    'yahoo.fr',
    'yahoo.co.uk',
    'ymail.com',
    'aol.com',
    'aol.fr',
  ],
  ...[
    'hotmail.com',
    'hotmail.fr',
    'hotmail.co.uk',
    'outlook.com',
    'outlook.fr',
    'live.com',
    'live.fr',
    'msn.com',
  ],
  ...[
    'icloud.com',
    'me.com',
    'mac.com',
    'proton.me',
    'protonmail.com',
    'protonmail.ch',
    'pm.me',
    'tutanota.com',
  ],
  ...['mail.com', 'email.com', 'usa.com', 'consultant.com', 'programmer.net', 'engineer.com', 'techie.com'],
  ...['cyberservices.com', 'accountant.com', 'post.com', 'zoho.com', 'gmx.com', 'gmx.de', 'gmx.fr', 'web.de'],
  ...['orange.fr', 'wanadoo.fr', 'free.fr', 'laposte.net', 'sfr.fr', 'yopmail.com'],
  ...['mail.ru', 'bk.ru', 'inbox.ru', 'list.ru', 'yandex.ru', 'yandex.com', 'ya.ru', 'rambler.ru', 'ukr.net'],
  ...['naver.com', 'daum.net', 'hanmail.net', 'qq.com', '163.com', '126.com'],
  ...['libero.it', 'virgilio.it', 'wp.pl', 'o2.pl', 'interia.pl', 'onet.pl', 'seznam.cz', 'abv.bg'],
])

// An address, and the spellings that keep it from being one: "x(at)y(dot)net", "x @ y . com", "x at gmail dot
// com", in the languages spam writes them in too ("(arobase) gmail (point) com", "arroba gmail punto com", "[at] gmx
// [punkt] de", "собака mail точка ru"). The written-out "at" and "dot" only around a webmail's name: "met at Geneva
// dot com era" is English.
const AT_WORD = 'at|arobase|arroba|собака|sobaka'
const DOT_WORD = 'dot|point|punto|punkt|ponto|точка'
const AT = String.raw`(?:@|\s@\s|\s?[([]\s?(?:${AT_WORD}|@)\s?[)\]]\s?|\s(?:${AT_WORD})\s(?=(?:gmail|yahoo|hotmail|outlook|proton\w*|mail|yandex|icloud|gmx|web|orange)\W))`
const DOT = String.raw`(?:\.|\s\.\s|\s?[([]\s?(?:${DOT_WORD})\s?[)\]]\s?|\s(?:${DOT_WORD})\s)`
const SPELT_DOT = new RegExp(String.raw`\s?[([]\s?(?:${DOT_WORD})\s?[)\]]\s?|\s(?:${DOT_WORD})\s`, 'giu')
const ADDRESS = new RegExp(
  String.raw`(?<![\p{L}\p{N}._%+-])([\p{L}\p{N}._%+-]{1,64})${AT}((?:[a-z0-9-]{1,63}${DOT})+[a-z]{2,12})(?![\p{L}\p{N}])`,
  'giu',
)
// What every address ADDRESS finds has: most comments have none, and are not searched (English writes "at" often).
const MAY_HAVE_ADDRESS = new RegExp(
  String.raw`@|[([]\s?(?:${AT_WORD})\s?[)\]]|\s(?:${AT_WORD})\s(?:gmail|yahoo|hotmail|outlook|proton|mail|yandex|icloud|gmx|web|orange)`,
  'iu',
)
const SPACES = /\s/g

// What asks to be written to, right before the address: a request ("contact him on", "écrivez-lui :", "contactez-moi
// par mail :", "пишите на почту", "you can contact them via email") or a label ("Email:", "Kontakt :"). Not how a
// reader tells where a scam came from ("un mail de", "an email from", "écrit depuis", "contacté par").
const REQUEST =
  'contact(?:ez|er)?|write(?: to)?|e-?mail|écri(?:vez|s)|reach|message|escr[ií]b\\p{L}*|cont[aá]ct[ae](?:me|nos|lo|la)?|(?:на)?пиши(?:те)?|kontaktier\\p{L}*|schreib\\p{L}*'
const OBJECT = 'him|her|them|me|us|lui|leur|moi|nous|le|la|les|ihm|ihr|uns|mir|мне|нам|ему|ей|им'
const VIA = 'on|at|via|par|sur|au|à|a|an|на|por|en|to|per'
const MEDIUM = 'e-?mail|mail|courriel|почту|почта|correo'
// The words an address is given under as a label ("Email:", "Kontakt :", "Mail -").
const LABEL_WORDS = `${MEDIUM}|contact[oa]?|contato|kontakt`
const INTRODUCED = new RegExp(
  `(?:(?<![\\p{L}\\p{N}])(?:${REQUEST})(?:[\\s-]+(?:${OBJECT}))?(?:\\s+(?:${VIA}))?(?:\\s+(?:${MEDIUM}))?|(?<![\\p{L}\\p{N}])(?:${LABEL_WORDS})\\s?[:\\-–])\\s?[:\\-–]?\\s?$`,
  'iu',
)
// The writer asking to be written to themselves: only then does an address at an organisation's own domain count.
const FIRST_PERSON =
  /contact(?:ez|e|er)?[\s-]+(?:me|us|moi|nous)|(?:write|e-?mail) (?:me|us|to me)|écri(?:vez|s)[\s-](?:moi|nous)|пишите (?:мне|нам)|escr[ií]beme|escr[ií]benos/iu

/** The first address `visible` gives to be written to, with what introduces it, or null. */
export function emailGiven(visible: string): GivenEmail | null {
  if (!MAY_HAVE_ADDRESS.test(visible)) return null
  ADDRESS.lastIndex = 0
  let alone: GivenEmail | null = null
  for (let match = ADDRESS.exec(visible); match; match = ADDRESS.exec(visible)) {
    const local = (match[1] as string).toLowerCase()
    const domain = (match[2] as string).toLowerCase().replace(SPELT_DOT, '.').replace(SPACES, '')
    const address = `${local}@${domain}`
    if (isReferenceHost(domain)) continue
    const before = visible.slice(Math.max(0, match.index - 40), match.index)
    const introducer = INTRODUCED.exec(before)?.[0].trim() ?? null
    const webmail = WEBMAIL.has(domain)
    if (introducer && (webmail || labels(introducer) || FIRST_PERSON.test(visible)))
      return { address, introducer, factor: 2 }
    if (webmail) alone ??= { address, introducer: null, factor: 1 }
  }
  return alone
}

// An address under a label: given as the way to reach the writer, whatever its domain.
const LABEL = new RegExp(`^(?:${LABEL_WORDS})\\s?[:\\-–]$`, 'iu')
const labels = (introducer: string) => LABEL.test(introducer)
