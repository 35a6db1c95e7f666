import { around } from './around.js'
import { type Span, wordSpans } from './messengers.js'

/**
 * Contact details a reader cites rather than offers (contact-number's exceptions): a Telegram post given as a
 * source, a channel named as the source of a claim, the line of an embassy or a ministry. News readers cite them
 * all the time; spam gives its own handle or number and asks to be written to or called.
 */

type Place = { start: number; end: number }
type Found = Place & { text: string }

// A link to one post of a channel ("t.me/rybar/56789"): a citation, read as any other link.
const POST_LINK = /^(?:[a-z]+:\/\/)?(?:www\.)?[^/\s]+\/[^/\s?#]+\/\d+(?:[/?#\s)\],.;]|$)/i

/** Whether the messenger link written at `at` (or an anchor's target) is that of one post, not of a chat. */
export const citesPost = (text: string, at = 0) => POST_LINK.test(text.slice(at, at + 200))

// What names a handle as the source of a claim: "d'après la chaîne @x", "according to @x", "source : @x". In
// the languages the readers write: "secondo il canale Telegram @x", "laut dem Kanal @x", "według kanału @x".
export const SOURCE = new RegExp(
  [
    "chaîne|channel|canal|selon|d['’]après|according to|sources?|канал\\p{L}*|по данным|согласно|источник\\p{L}*",
    'за даними|згідно|джерел\\p{L}*|canale|secondo|fonte|según|fuente|segundo|conforme|laut|quelle|kana[lł]\\p{L}*',
    'według|źródł\\p{L}*|kaynak\\p{L}*|κανάλι|σύμφωνα|πηγή|(?:ال)?(?:قناة|مصدر)|حسب|بحسب|وفقا|ערוץ|לפי|מקור',
    'کانال|منبع|طبق|频道|頻道|来源|來源|チャンネル|채널|kênh|nguồn|चैनल|स्रोत',
  ].join('|'),
  'gu',
)
// What may stand between the source word and the handle: a few words ("la chaîne Telegram"), within the sentence.
const NAMES = /^[^\p{L}\p{N}@.!?…\n]{0,6}(?:\p{L}{1,12}[^\p{L}\p{N}@.!?…\n]{1,6}){0,3}$/u
// The most NAMES matches, in code units (a character may take two): farther sources are not tested, or a comment
// of a thousand sources and handles tested every pair (~30 ms for 20 000 characters).
const NAMES_LONGEST = 2 * (6 + 3 * (12 + 6))
// Asking to be written to, called or joined: with it, a channel's handle is an invitation, not a source
// ("Rejoignez notre canal Telegram @PronosVIP").
export const ASKS_TO_BE_CONTACTED =
  /écri(?:vez|s)|contact(?:ez|er)|write|dm|call|appelez|rejoignez|rejoins[\s-](?:nous|moi)|join|subscribe|abonnez|inscrivez|(?:на)?пиши(?:те)?|звоните|подписывайтесь|вступайте/g

// Persian and Urdu letters an Arabic keyboard types otherwise (see messengers.ts).
const YEH = '[یي]'
/**
 * An invitation to join or follow the writer's own channel or group: a first-person "our" or "my", or an
 * imperative that news does not write ("join our", "عضو کانال ما شوید", "kanalımıza katılın", "참여하세요"). Not
 * "join" alone: "Ukraine should join NATO" invites nobody.
 */
export const CHANNEL_INVITE = new RegExp(
  [
    '(?:join|follow|subscribe to) (?:us|our|my)|our (?:telegram |whatsapp |vip )?(?:channel|group)(?! of)',
    'rejoignez|suivez[- ]nous|abonnez[- ]vous|(?:notre|mon|ma) (?:canal|chaîne|chaine|groupe)',
    'присоединяйтесь|вступайте|подписывайтесь|наш(?:ем|его|ему)? (?:канал|чат)\\p{L}*|нашу группу',
    'приєднуйтесь|долучайтесь|підписуйтесь|наш(?:ого|ому)? (?:канал|чат)\\p{L}*',
    'tretet (?:unserem|unserer)|folgt uns|unse?re?[mn]? (?:kanal|gruppe)|únete|unete|síguenos|siguenos|nuestro (?:canal|grupo)',
    'unisciti|iscriviti|(?:il )?nostro (?:canale|gruppo)|nosso (?:canal|grupo)|inscreva[- ]se',
    'katılın|katılabilirsiniz|abone olun|takip edin|kanalımız\\p{L}*|grubumuz\\p{L}*',
    // Persian "become a member of ...", "join", and Arabic "join us", "follow us", "our channel".
    `عضو(?: [^\\s.!?؟،,]{1,12}){0,4} ب?ش(?:و${YEH}|${YEH})[دن]|بپ${YEH}وند${YEH}[دن]|جو${YEH}ن ب?ش${YEH}[دن]|(?:کانال|گروه) (?:[^\\s.!?؟،,]{1,12} )?ما(?![\\p{L}])`,
    'انضموا|انضم إلينا|اشتركوا|تابعونا|قناتنا|قناتي|مجموعتنا',
    'जुड़ें|जुड़िए|जॉइन करें|ज्वाइन करें|हमारे (?:टेलीग्राम |व्हाट्सएप )?(?:चैनल|ग्रुप)',
    '(?:tham gia|theo dõi|vào) (?:nhóm|kênh|group)|(?:nhóm|kênh|group) (?:\\p{L}+ )?của (?:chúng tôi|mình|shop)',
    '加入我们|我们的(?:频道|群|頻道)|进群|加群|참여하세요|참여해\\s?주세요|입장하세요|들어오세요|구독하세요',
    '参加して|参加ください|参加お待ち|登録して|フォローして',
  ].join('|'),
  'gu',
)

/** Whether a source word names the handle at `handle`, as a news reader cites a channel. */
export const namedAsSource = (handle: Place, sources: readonly Found[], text: string) =>
  around(sources, handle.start - NAMES_LONGEST, handle.start).some(
    (source) =>
      source.end <= handle.start &&
      handle.start - source.end <= NAMES_LONGEST &&
      NAMES.test(text.slice(source.end, handle.start)),
  )

/** How far (in characters) an institution's name may be from the number it gives. */
const SERVICE_NEAR = 80
// Institutions whose public lines readers pass on: "la cellule de crise ... est joignable au +33 1 53 59 11 00".
// In every language the site's readers write: a German reader passes on his embassy's WhatsApp line as a French
// one does ("die Botschaft ist per WhatsApp erreichbar", "la embajada atiende por WhatsApp"). Arabic and Hebrew
// glue the article and prepositions to the noun ("بالسفارة", "בשגרירות"), Chinese, Japanese and Korean write
// it unspaced. Some languages glue case endings to them ("दूतावासको", "ኤምባሲን", "jakadancin").
//
// First the posts whose lines readers abroad pass on to each other, and whose blessing no offer claims: embassies,
// consulates, foreign ministries, crisis cells and the Red Cross (their lines count nothing, contact-number.ts).
const DIPLOMATIC_POSTS = [
  'ambassade|consulat|cellule de crise|cellule interministérielle',
  'croix[- ]rouge|embassy|consulate|state department|foreign office|red cross',
  'посольств\\p{L}*|консульств\\p{L}*|мид|мзс',
  'красн\\p{L}{0,12} крест\\p{L}*|червон\\p{L}{0,12} хрест\\p{L}*',
  'botschaft|(?:general)?konsulat\\p{L}*|auswärtige[ns]? amt|außenministerium|rotes kreuz',
  'embajada|embaixada|ambasciata|ambasad\\p{L}*|consulado|consolato',
  'farnesina|itamaraty|unità di crisi|cruz roja|cruz vermelha',
  'croce rossa|büyükelçili\\p{L}*|başkonsoloslu\\p{L}*|konsoloslu\\p{L}*|kızılay',
  'πρεσβεία\\p{L}*|προξενείο\\p{L}*',
  '(?:و|ب|ل)?(?:ال|لل)?(?:سفار|قنصلي)\\p{L}*|(?:و|ب|ل)?(?:ال)?(?:هلال|صليب) ال?أحمر',
  'کنسولگری|[ובהלמש]{0,2}(?:שגרירו?ת|קונסוליה|משרד החוץ)',
  // Urdu: the Foreign Office, a consulate, and the High Commissions India and Pakistan keep in each other's capitals.
  'دفتر خارج[ہه]|قونصل\\p{L}*|ہائی کمیشن|ہائی کمشن|high commission|उच्चायोग',
  'दूतावास[\\p{L}\\p{M}]*|đại sứ quán|lãnh sự quán|bộ ngoại giao',
  '大使馆|大使館|领事馆|領事館|外交部|红十字|赤十字|대사관|영사관|외교부|外務省',
  // Readers abroad in the other languages (a fairness review, 2026-12-07): Czech, Slovak, Hungarian, Serbian,
  // Bulgarian; Mongolian, Kazakh, Kyrgyz, Uzbek, Tajik, Azerbaijani; Kurdish; Swahili, Somali, Hausa, Amharic and
  // Tigrinya, Haitian; Malay and Indonesian, Tagalog; Burmese, Khmer, Lao, Sinhala, Bengali, Tamil, Telugu,
  // Malayalam, Punjabi.
  'ambasád\\p{L}*|velvyslanectv\\p{L}*|veľvyslanectv\\p{L}*|nagykövetség\\p{L}*',
  'konzulátus\\p{L}*|külügyminisztérium\\p{L}*|амбасад\\p{L}*',
  'посолство\\p{L}*|конзулат\\p{L}*|элчин сайд\\p{L}*|эся|елшілі\\p{L}*|элчилик\\p{L}*',
  'elchixona\\p{L}*|элчихона\\p{L}*|сафорат\\p{L}*|səfirli\\p{L}*',
  'باڵیۆزخان\\p{L}*|balyozxan\\p{L}*|ubalozi|safaarad\\p{L}*|ofishin jakadanci\\p{L}*',
  'ኤምባሲ\\p{L}*|anbasad\\p{L}*|kedutaan\\p{L}*|kbri|wisma putra|embahada',
  'သံရုံး|ស្ថានទូត|ສະຖານທູດ|තානාපති|দূতাবাস|தூதரக\\p{L}*|రాయబార|എംബസി[\\p{L}\\p{M}]*|ਦੂਤਾਵਾਸ',
]
// Then the other public bodies: ministries, prefectures, town halls, agencies. Offers claim a ministry's blessing
// ("approved by the Ministry of Finance, call…", "Wizara ya Afya… WhatsApp"): their lines count as any number.
const OTHER_PUBLIC_BODIES = [
  'ministère|préfecture|mairie|numéro vert|ministry',
  'министерств\\p{L}*|міністерств\\p{L}*|мчс|мвд|мвс|моз',
  // Russian and Ukrainian name their ministries short ("горячая линия Минобороны", "Минздрав"), one by one: "мин"
  // alone begins "минута", "минимум", "мина".
  'мин(?:обороны|здрав|юст|фин|труд|просвещения|обрнауки|цифры|транс|экономразвития|промторг|соцполитики)\\p{L}*',
  'мін(?:оборони|охорони здоров\\p{L}*|фін|юст|соцполітики|цифри|освіти|реінтеграції)\\p{L}*',
  'bundesministerium|ministerium|ministerio\\p{L}*|ministério\\p{L}*|ministero|ministerstw\\p{L}*',
  'bakanlı\\p{L}*|υπουργείο\\p{L}*|(?:و|ب|ل)?(?:ال|لل)?وزار\\p{L}*',
  'मंत्रालय[\\p{L}\\p{M}]*|मन्त्रालय[\\p{L}\\p{M}]*|bộ công an',
  // Japanese ministries and agencies by name: 省 alone is also a Chinese province ("广东省"), and any few
  // characters before 庁 were read from every character of a Japanese text.
  '(?:厚生労働|厚労|法務|総務|財務|文部科学|文科|農林水産|農水|経済産業|経産|国土交通|国交|環境|防衛)省|内閣府',
  '(?:警察|消費者|金融|気象|復興|デジタル|こども家庭|宮内|国税|文化|スポーツ|消防|海上保安|出入国在留管理|入管|観光|県|都|道|府)庁',
  'ministerstv\\p{L}*|(?:bel|honvédelmi )?(?:ügy)?minisztérium\\p{L}*|ministerul\\p{L}*|ministarstv\\p{L}*',
  'министарств\\p{L}*|vazirlig\\p{L}*|вазорат\\p{L}*|nazirli\\p{L}*|wizara ya|wasaarad\\p{L}*',
  // Kerala's agency for its workers abroad (NORKA).
  "ma'aikatar|ሚኒስቴር\\p{L}*|kementerian|norka|നോർക്ക",
]
export const INSTITUTION = new RegExp([...DIPLOMATIC_POSTS, ...OTHER_PUBLIC_BODIES].join('|'), 'gu')
const DIPLOMATIC_POST = new RegExp(`^(?:${DIPLOMATIC_POSTS.join('|')})$`, 'u')
// A French free line (numéro vert, 0 800 to 0 805): public services and charities, never a spammer's own. Japan's
// 0120 and Russia's 8 800 are companies' too, and loan sharks': a ministry's is known by the ministry's name.
const FREE_LINE = /^0[\s.]?80[0-5]/

/**
 * A public service's line: what makes it one (for the moderator), and whether a reader passes it on for others to
 * call (a diplomatic post's, next to its name; not a ministry's, nor a free line alone).
 */
export type PublicService = { what: string; passedOn: boolean }

/** What makes `number` a public service's line (its institution named near it, or a free line), or null. */
export function publicService(number: Found, institutions: readonly Found[]): PublicService | null {
  const near = around(institutions, number.start - SERVICE_NEAR, number.end + SERVICE_NEAR).find(
    (institution) =>
      Math.max(0, number.start - institution.end, institution.start - number.end) <= SERVICE_NEAR,
  )
  if (near) return { what: `next to “${near.text}”`, passedOn: DIPLOMATIC_POST.test(near.text) }
  return FREE_LINE.test(number.text) ? { what: 'a free line', passedOn: false } : null
}

// The scheme and www. a channel's link may be written with, before the host MESSENGER_LINK starts at.
const SCHEME_BEFORE = /(?:https?:\/\/)?(?:www\.)?$/
// The word for a channel, which names the link that follows as the channel's own ("la chaîne de Zelensky,
// t.me/..."); "Source : t.me/x" names no channel, and a link to a chat must be one to a post to be a source.
const CHANNEL_WORD =
  /chaîne|channel|canal|канал\p{L}*|canale|kana[lł]\p{L}*|κανάλι|(?:ال)?قناة|ערוץ|کانال|频道|頻道|チャンネル|채널|kênh|चैनल/gu
// What attributes a claim to the channel named next ("по данным канала t.me/x", "selon la chaîne t.me/x").
const ATTRIBUTION =
  /selon|d['’]après|according to|по данным|согласно|за даними|згідно|secondo|según|laut|według|σύμφωνα|حسب|بحسب|وفقا|לפי/gu
// What an advertised channel is called besides its name: "the VIP channel 👉 t.me/x", "canal Telegram t.me/x".
const NO_NAME =
  /telegram|whatsapp|signal|viber|vip|free|gratuit|officiel|official|privé|private|premium|pro|sur|le|la|the|our|my/giu
const NAME = /\p{L}{2,}/u
/**
 * For the links of `text`: whether a channel's link is named as the source of what the comment says, the channel
 * called by its owner's or its own name ("La chaîne de Zelensky, t.me/V_Zelenskiy_official, publie les vidéos
 * avant tout le monde", "la chaîne pro-russe Rybar (https://t.me/rybar) reconnaît..."), as a channel's @name is
 * (namedAsSource), unless the comment asks to be written to or invites to join. An advertised channel has no name
 * but its link ("Best crypto signals channel t.me/x", "sur le canal t.me/pronos_vip"), unless a claim is
 * attributed to it ("по данным канала t.me/x"). The text is searched once, however many links it has.
 */
export function channelCitations(text: string): (link: Span) => boolean {
  if (wordSpans(CHANNEL_INVITE, text).length > 0 || wordSpans(ASKS_TO_BE_CONTACTED, text).length > 0)
    return () => false
  const channels = wordSpans(CHANNEL_WORD, text)
  let attributions: Span[] | undefined
  return (link) => {
    const scheme = SCHEME_BEFORE.exec(text.slice(Math.max(0, link.start - 12), link.start))?.[0].length ?? 0
    const start = link.start - scheme
    const channel = around(channels, start - NAMES_LONGEST, start)
      .filter((word) => word.end <= start)
      .at(-1)
    if (!channel || !namedAsSource({ start, end: link.end }, [channel], text)) return false
    if (NAME.test(text.slice(channel.end, start).replace(NO_NAME, ' '))) return true
    attributions ??= wordSpans(ATTRIBUTION, text)
    return namedAsSource(channel, attributions, text)
  }
}
