import { fold } from './phrases.js'

/**
 * What only an offer writes in Arabic, Persian, Urdu, Hindi, Vietnamese and Chinese (cues.ts' selling words, in
 * those languages). Their calls to sign up, order or apply are several words ("سجل الآن", "ثبت نام کنید", "अभी
 * अप्लाई करें", "đăng ký ngay") or none at all (Chinese is not spaced: "注册就送"), so they are read on the prose
 * as patterns, as Korean's are (korean-offers.ts), not looked up as words.
 *
 * The prose is read folded (phrases.ts): without vowel marks, hamzas or Vietnamese diacritics, Persian and Urdu's
 * ی ک ہ as Arabic's ي ك ه, so each pattern is written once, in the folded letters. Each is a combination news does
 * not write: news says "سجّل" ("the ministry recorded a deficit"), "कॉल करें" to victims ("हेल्पलाइन 1930 पर कॉल
 * करें"), "đăng ký" ("không đăng ký các app"), "立即申请" ("乌克兰立即申请加入欧盟") and "扫码支付" too, but not "سجل
 * الآن", "अभी अप्लाई करें", "đăng ký ngay", "注册就送" or "扫码加我".
 */
const pattern = (alternatives: string[]) => new RegExp(alternatives.join('|'), 'u')

const ARABIC_SCRIPT_OFFER = pattern([
  // Arabic: sign up, book, order or subscribe now, don't miss the chance, a special offer, for enquiries.
  'سجل (?:الان|مجانا)|(?:احجز|اطلب|اشترك) الان|لا تفوت (?:الفرصه|العرض)|عرض (?:خاص|حصري|محدود)',
  'عروض (?:خاصه|حصريه)|للاستفسار',
  // The link where an offer is taken up, said to be in the profile ("link in bio"), Arabic and Persian.
  'الرابط (?:في |ب)ال(?:بايو|بيو|بروفايل)',
  'لينك(?: [^ ،,.]+){0,2} (?:در|تو|توي|داخل) (?:بيو|بايو|پروفايل)',
  // Persian: sign up, join, click, order; "for a consultation", "for an order" before a number.
  'ثبت ?نام (?:كنيد|كن)|عضو (?:شويد|بشيد)|بپيونديد|كليك كنيد|(?:سفارش|خريد) (?:دهيد|بديد|كنيد)',
  'جهت (?:مشاوره|سفارش|خريد|ثبت ?نام)|همين (?:حالا|الان) (?:ثبت|سفارش|خريد|عضو)',
  // Urdu: join ("جوائن", its ئ folded to ي), register, order, click, download.
  '(?:جواين|جوين|رجسٹر|ارڈر|كلك|ڈاون ?لوڈ) كري[ںن]',
])
const HINDI_OFFER = pattern([
  // Apply, register, join, order or call now, click here; not "register on the portal" as the state says.
  '(?:अभी|तुरंत) (?:अप्लाई|आवेदन|रजिस्टर|जॉइन|ज्वाइन|ऑर्डर|डाउनलोड|कॉल) करें|(?:अप्लाई|जॉइन|ज्वाइन|ऑर्डर) करें',
  '(?:यहां|यहाँ|लिंक पर) क्लिक करें',
])
const VIETNAMESE_OFFER = pattern([
  // Sign up, click or contact now, opening a clause or a line as an imperative does ("hãy đăng ký ngay", not
  // "chính phủ cần đăng ký ngay các app"), a "shocking" promotion, the first top-up. Not "contact ... at once"
  // with someone else ("liên hệ ngay với công an"): a reader's advice to victims.
  '(?:^|\\n\\s*|[^\\p{L}\\p{N}\\s]\\s*|(?<![a-z])hay )(?:dang k[yi]|click|bam|lien he|inbox|ib) ngay(?! voi (?!chung toi|minh|shop|em|toi))',
  'bam vao link|(?:uu dai|khuyen mai) (?:khung|cuc khung|hap dan)',
  'nap lan dau|nap dau (?:tang|nhan)',
])
const CHINESE_OFFER = pattern([
  // A gift for signing up, sign up or claim now, click the link, scan to add, welcome to ask, agents wanted. Not
  // the police's warning ("千万不要点击链接", never click the link).
  '注册(?:就送|即送|送)|(?<!不要|别|勿|不能|不可)(?:(?:立即|马上|免费)(?:注册|领取|下载)|点击(?:链接|下方|进入|领取)|扫码(?:加|添加|进群))',
  '欢迎(?:咨询|来电)|(?:来电|详情)咨询|有意者?(?:私聊|联系)|诚招|招(?:代理|学员)',
])

// Japanese: the link or the details said to be in the writer's profile ("詳しくはプロフのリンクから", "プロフィールから
//無料登録"), as the Latin "link in bio" says.
const JAPANESE_OFFER =
  /プロフ(?:ィール)?(?:の|欄の)?(?:リンク|URL)|(?:詳しくは|詳細は)プロフ|プロフ(?:ィール)?から(?:無料)?(?:登録|申し込み|どうぞ)/u
const KANA = /[\u3040-\u30ff]/

// The link where an offer is taken up, said to be in the writer's profile, in the Latin alphabet: English, French,
// Vietnamese ("link in bio", "lien dans ma bio", "link đăng ký trong bio"). Not someone else's ("the link in his
// bio", "le lien dans la bio de cet influenceur"): readers report such ads.
const LATIN_PROFILE_LINK =
  /(?<![\p{L}\p{N}])(?:links?|liens?)(?: (?:dang ky|sign ?up|d'inscription))? (?:in|dans|trong) (?:my |our |ma |mon |notre )?(?:bio|profile?)(?![\p{L}\p{N}])/u

const ARABIC_SCRIPT = /[\u0600-\u06ff]/
const DEVANAGARI = /[\u0900-\u097f]/
const HAN = /[\u4e00-\u9fff]/
/**
 * Words every Vietnamese pattern has: found with a plain search, so that the patterns, whose alternatives start
 * with many letters, are not tried at each place of every text written in the Latin alphabet.
 */
const mayOfferInVietnamese = (folded: string) =>
  folded.includes(' ngay') ||
  folded.includes('bam vao link') ||
  folded.includes('uu dai ') ||
  folded.includes('khuyen mai ') ||
  folded.includes('nap ')

/** Whether prose in Arabic, Persian, Urdu, Hindi, Vietnamese, Chinese or Japanese makes an offer: a selling cue (cues.ts). */
export function offersElsewhere(prose: string): boolean {
  const folded = fold(prose)
  // Each script's patterns only on a text that has it (Vietnamese is Latin, read without its diacritics).
  if (mayOfferInVietnamese(folded) && VIETNAMESE_OFFER.test(folded)) return true
  if ((folded.includes(' bio') || folded.includes(' profil')) && LATIN_PROFILE_LINK.test(folded)) return true
  if (ARABIC_SCRIPT.test(folded) && ARABIC_SCRIPT_OFFER.test(folded)) return true
  if (DEVANAGARI.test(folded) && HINDI_OFFER.test(folded)) return true
  if (KANA.test(folded) && JAPANESE_OFFER.test(folded)) return true
  return HAN.test(folded) && CHINESE_OFFER.test(folded)
}
