import type { PhraseFamily } from './family.js'

export const gambling: PhraseFamily = {
  id: 'gambling',
  label: 'a casino or betting promotion',
  phrases: [
    'online casino|casinos|slots|slot bonus|bonuses|real|free',
    'casino|slot|slots|betting bonus|bonuses|promo',
    'free spins',
    'no deposit bonus|bonuses',
    'deposit bonus|bonuses',
    'winning tips',
    // Indonesian: a "hot" (gacor) or "trusted" (terpercaya) slot or gambling site is what its ads sell.
    'slot gacor|terpercaya',
    'situs gacor|terpercaya',
    'situs|judi|slot judi|slot|online gacor|terpercaya',
    // French
    'casino|casinos en ligne gratuit|gratuits|bonus',
    'bonus de bienvenue|depot|inscription',
    'spins gratuits|offerts',
    'pronostics|pronos|prono # gagnants|gagnant|surs|sur|garantis|vip|gratuits',
    'pronostics|pronos garantis|vip',
    'paris|pari sportifs|sportif garantis|vip',
    'code promo bonus|casino|pari|paris|bookmaker|betclic|winamax|unibet',
    'jouez au casino|maintenant',
    'machines a sous gratuites|gratuit',
    // Russian
    'казино|kazino вулкан|vulkan|азино|azino',
    'бонус # на|за первый депозит|регистрацию',
    'бонус на|за первый депозит|регистрацию',
    'бездепозитный бонус',
    'фриспины|фриспинов|фриспина',
    'игровые автоматы онлайн|бесплатно',
    'играй|играйте онлайн прямо|бесплатно',
    // Spanish, Portuguese
    'apuestas deportivas seguras|ganadoras',
    // Arabic, which glues "و" (and) and "ال" (the) to a word: the welcome or deposit bonus, free spins, a promo
    // code, the "best" betting site.
    'بونص|البونص|وبونص|مكافأة|المكافأة|ومكافأة ترحيبي|ترحيبية|الترحيب|الترحيبي|الترحيبية|إيداع|الإيداع|التسجيل',
    'لفات|اللفات|ولفات مجانية|المجانية|مجانا',
    'فري سبين|سبينز',
    'كود|رمز|الكود|الرمز|برومو ترويجي|الترويجي|كود? 1xbet|melbet|1win|mostbet|linebet|22bet',
    'أفضل|افضل مواقع|موقع|تطبيق|تطبيقات المراهنات|مراهنات|الرهان|رهان|الكازينو|كازينو',

    // Persian and Urdu (words compared folded: ی ک ہ as ي ك ه, آ as ا; "شرط‌بندی" is one word without its
    // joiner): the welcome bonus, the "reputable" or "best" betting site.
    'بونوس|بونس خوشامدگویی|خوشآمدگویی',
    'بونوس|بونس خوش آمدگویی',
    'سایت شرط|شرطبندی بندی? معتبر',
    'بهترین سایت شرط|شرطبندی',
    'ویلکم|کیسینو|کسینو بونس',

    // Hindi
    'वेलकम|स्वागत|डिपॉजिट|डिपोजिट बोनस',
    'कैसीनो|कसीनो|कैसिनो|केसिनो बोनस',
    'फ्री|मुफ्त स्पिन|स्पिन्स',

    // Vietnamese, read without its diacritics ("nhà cái uy tín" as "nha cai uy tin")
    'nhà cái uy tín',
    'nhà cái hàng đầu',
    'soi kèo miễn phí',
    'soi kèo chuẩn|nhà',
    'thưởng|tặng nạp đầu',
    'nổ hũ đổi|uy|tặng',
    'casino trực tuyến uy tín',
    'casino online uy tín',
  ],
  // Polls are forecasts too ("les pronostics sûrs des instituts de sondage"). Online casinos are news in every
  // language ("Онлайн казино запрещены в России", "o cassino online foi legalizado"): as "online casinos" and
  // "casinos en ligne", they need a selling word after them or a cue.
  withCue: [
    // Readers name what the betting ads sell when they report on the young they ruin ("wanatafuta sure odds na
    // betting tips", a fairness review of 2026-12-07).
    'betting tips|tip',
    'sure odds|tips',
    // Indonesian online gambling ("judi online", "situs judi", "slot online") is also a national emergency in the
    // news: ministry staff arrested, millions of sites blocked, workers forced into scam compounds.
    'judi online|bola|slot',
    'situs judi|slot',
    'slot online',
    // Spanish and German free spins and bonuses without a deposit: what Spain's 2020 decree and Germany's
    // GlüStV banned, and news reported.
    'bono|bonos|giros|tiradas sin deposito',
    'giros|tiradas gratis sin|al|en',
    'freispiele|freispielen ohne einzahlung',
    'bonus ohne einzahlung',
    'mit # freispielen|freispiele',
    // Welcome and first-deposit bonuses, which the same laws restrict ("Spain bans welcome bonuses"), and casinos
    // outside Germany's OASIS blocking register, which its regulator warns of.
    'bono|bonos de bienvenida',
    'bono|bonos de|del|al primer deposito',
    'bonus de boas vindas',
    'bonus de|do|no primeiro deposito',
    'bonus no|do primeiro deposito',
    'bonus de # no|do primeiro deposito',
    'willkommensbonus|einzahlungsbonus',
    'casino|casinos ohne oasis|limit|lizenz',
    // "Les casinos en ligne fiables n'existent pas, dit l'ANJ"; a pollster's "pronostics gagnants depuis 1984".
    'casino|casinos en ligne fiable|fiables|argent',
    'pronostics|pronos gagnants',
    'sure bets',
    // "Les paris sportifs gagnants n'existent pas", says the regulator.
    'paris|pari sportifs|sportif gagnants|gagnant|surs',
    'pronostics|pronos fiables|surs',
    'онлайн казино|слоты',
    'казино|kazino онлайн|online',
    'casino|casinos en linea',
    'casino|casinos|cassino|cassinos online',
    // Betting is legislated on too ("Депутаты запретили ставки на спорт онлайн").
    'ставки на спорт с|без|онлайн',
    // Arabic: casinos online ("حظر الكازينو أونلاين"), betting sites and guaranteed forecasts are news too.
    'كازينو|الكازينو|وكازينو|كازينوهات|الكازينوهات اون|أونلاين|مباشر',
    'مواقع|موقع|تطبيق|تطبيقات المراهنات|مراهنات|الرهان',
    'توقعات|التوقعات|نصائح|تيبس مضمونة|مضمونه|مضمون',

    // Persian and Urdu: Iran's ban of online casinos and betting, Pakistan's of online gambling apps.
    'کازینو|کازینوی آنلاین|انلاین',
    'شرط|شرطبندی بندی? آنلاین|فوتبال',
    'آن|اون لائن کیسینو|کسینو|جوا|جوئے|بیٹنگ',
    'آنلائن|اونلائن کیسینو|کسینو|جوا|جوئے|بیٹنگ',

    // Hindi: India's ban of online betting, the betting-app scandals, Goa's casinos, the "cricket IDs" of the
    // bookmakers the police arrest.
    'ऑनलाइन|आनलाइन|ऑनलाईन कैसीनो|कसीनो|कैसिनो|सट्टा|बेटिंग',
    // Betting tips are what the apps banned sell ("क्रिकेट पर सट्टा टिप्स वाले ऐप्स पर बैन लगना चाहिए").
    'बेटिंग|सट्टेबाजी|सट्टा टिप्स|टिप',
    'बेटिंग|सट्टा|सट्टे|क्रिकेट आईडी|id',
    'बेटिंग|सट्टेबाजी|सट्टा ऐप|एप',

    // Vietnamese: casinos opened to locals, the raids on online gambling rings, and the bookmakers' odds on an
    // election, are news.
    'kèo nhà cái',
    'casino trực tuyến',
    'cá cược|độ trực tuyến',
    'cá cược|độ online',
    'đánh bạc trực tuyến',
    'đánh bạc online',
    'game bài đổi thưởng',

    // Turkish: the "trial" and welcome bonuses of the illegal betting sites are what their ads say, and what
    // readers complaining of those ads quote; "reliable" betting sites too.
    'deneme bonusu|bonusları|bonusu',
    'hoşgeldin|hosgeldin|hoşgeldiniz bonusu|bonusları',
    'hoş|hos geldin bonusu|bonusları',
    'güvenilir|guvenilir bahis|casino siteleri|sitesi|siteler',
    'bedava bahis|bonus|freespin',
  ],
  unspaced: [
    // Chinese: the bonus of signing up or of a first deposit, the daily rebate.
    ...['送彩金', '首存送', '首充送', '天天返水'],
    // Korean: the money a betting site gives for signing up, which only its ads name.
    ...['가입머니', '꽁머니'],
  ],
  // Casinos online and baccarat are news too ("菲律宾禁止在线赌场", "澳门百家乐收入下降", "オンラインカジノの違法性"),
  // and the live-dealer games of gambling sites are what reports of their raids describe. So are Korea's betting
  // sites and their "eat-and-run" checkers ("경찰, 먹튀검증 사이트 운영자 검거", "토토사이트 광고한 유튜버 입건"), and
  // "안전놀이터" is a children's playground too.
  unspacedWithCue: [
    ...['网上赌场', '在线赌场', '线上博彩', '网上博彩', '百家乐', '真人娱乐', 'オンラインカジノ'],
    // A first deposit's bonus, and one without a deposit, in Japanese, as the regulators' warnings quote them.
    ...['初回入金ボーナス', '入金不要ボーナス'],
    // The gambling platforms and sites, which laws ban and police raid ("很多人因为网赌平台倾家荡产").
    ...['网赌平台', '博彩平台', '赌博平台', '网投平台', '博彩网站', '赌博网站'],
    ...['토토사이트', '먹튀검증', '먹튀사이트', '바카라사이트', '카지노사이트', '슬롯사이트'],
    ...['안전놀이터', '메이저놀이터'],
    // A lottery game the state closed, and the scams it fed ("当年时时彩骗了多少人").
    '时时彩',
  ],
}
