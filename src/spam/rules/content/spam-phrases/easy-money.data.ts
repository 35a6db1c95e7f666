import type { PhraseFamily } from './family.js'

export const easyMoney: PhraseFamily = {
  id: 'easy-money',
  label: 'an easy-money or giveaway offer',
  phrases: [
    'make|making|earn|earning|makes|earns money|cash|income from|at home',
    'make|making|earn|earning money|cash online|fast|quickly|easily',
    'easy|fast|quick|extra money|cash online|fast',
    'i|we|you|she|he make|makes|earn|earns|made|earned|making # a|per|every|each day|week|hour from|online|thanks|using',
    'i|we|you am|are|is making|earning over #',
    'work from home and earn|make',
    'work|working from home opportunity|opportunities',
    'paid surveys|survey',
    'free gift card|cards|code|codes',
    'free giftcard|giftcards|robux|vbucks|gems|diamonds|psn|itunes|coins|skins',
    'free v bucks',
    'free fifa coins|points',
    'gift card codes|code|generator',
    'robux|vbucks|coins|gems|diamonds|money|card|cards generator|generators|hack|hacks|glitch',
    'generator no survey|human|verification',
    'chance to win an|a free? iphone|ipad|samsung|gift|car',
    "you have|you've been selected|chosen to|for",
    'claim your prize|reward|gift|bonus',
    'get paid for sharing|liking|commenting|posting|watching',
    'earn|make real|free money',
    'make|earn money today|now',
    'making|earning|make|earn extra|easy money|cash online',
    'making|earning|make|earn extra|easy money|cash by|on|over|via internet|web',
    'earn|earning|make|making money|cash|points|rewards|prizes by|for doing|watching|completing|filling|taking|downloading simple|surveys|survey|offers|tasks|task|videos|ads|apps',
    'free stuff|gifts|prizes|rewards for watching|completing|filling|taking|downloading',
    'filling|completing|fill surveys|survey|offers',
    'complete surveys|offers',
    // French
    // The imperative and the "tu" offer; "gagner de l'argent facilement" is also how readers describe oligarchs
    // and mercenaries (as "ganar dinero fácil" and "make easy money", below).
    "gagnez|gagnes de l'argent|argent facilement|rapidement",
    // Not "en" alone: "je touche 150 € par jour en intérim" is a wage.
    'je|vous gagne|gagnez|touche|touchez # par|chaque jour|semaine depuis|facilement|grace|chez|sans|avec',
    'je|vous gagne|gagnez|touche|touchez # par|chaque jour|semaine en ligne|travaillant|investissant|tradant|bourse|crypto',
    'et gagnez # par|chaque jour|semaine|mois',
    "gagnez jusqu'a #",
    'revenu|revenus passif|passifs depuis|sans|grace',
    'travail|emploi|job|boulot a domicile bien? remunere|paye|payes|serieux|facile|urgent',
    'carte|cartes cadeau|cadeaux gratuite|gratuites|offerte|offertes|gratuit',
    'envoyez|envoie|tapez|ecrivez info|infos|go|ok|oui|gain sur|au|par|a',
    'vous avez ete selectionne|selectionnee',
    "gagnez de l'argent|argent en ligne|sur internet|depuis|chez|a domicile",
    'remportez|gagnez un|une iphone|ipad|console|playstation|ps5|smartphone',
    'partagez|partage et? likez|like|abonnez pour gagner|participer|tenter',
    'tentez de gagner un|une|des iphone|ipad|console|playstation|ps5|smartphone|cadeaux|bons|bon|cartes|carte',
    // Russian: so much a day offered ("доход от 5000 рублей в день"), earning without investing anything, and
    // earnings online or at home as an ad's headline names them.
    'заработок|заработать|зарабатывать без вложений',
    'заработок в интернете|сети',
    'заработок на дому',
    'заработок|доход от|до? # рублей|руб|тысяч|тыс? в|за день|сутки|час',
    // Ukrainian: "earnings from" and "earn" urged (not "average earnings of 20 000 UAH a month", which is news,
    // nor "я заробляю 15 000 грн на місяць", a reader's complaint).
    'заробіть|заробляйте від|до? # грн|гривень|тисяч|тис|доларів? в|на|за день|тиждень|місяць|добу|годину',
    'заробіток|заробити|заробляти без вкладень',
    // Turkish: so much a day urged ("günde 1000 TL kazanın"), not earned ("günde 500 TL kazanıyorum ama kira..."),
    // and a guaranteed profit.
    'günde|günlük|haftada|ayda # tl|lira|dolar|euro|bin? kazanın|kazanabilirsiniz',
    'günlük|günde|haftalık|aylık # kâr|kar|getiri|kazanç garantili|garanti',
    // Greek: "win, make money from home, online, easily" in the imperative or the first person.
    'κέρδισε|κερδίστε|βγάλε|βγάλτε χρήματα|λεφτά από|online|εύκολα|γρήγορα',
    'κερδίζω|κερδίζουμε|βγάζω χρήματα|λεφτά online|εύκολα|γρήγορα',
    // Arabic: "earn" so many dollars a day or a month (news says what a war costs "يوميا", and what a company
    // "ربحت").
    'اربح|واربح|اكسب|واكسب # دولار|دولارا|ريال|جنيه|درهم|يورو في? يوميا|اليوم|شهريا|اسبوعيا',
    // Vietnamese: "I earn 20 million a month thanks to..." (not "I earn 10 million a month but houses cost...", nor
    // "... from my pension").
    'tôi|mình|em kiếm được? # triệu|nghìn|ngàn|k|tr|đồng|usd|đô mỗi|một ngày|tháng|tuần nhờ|online',
    // Spanish, Portuguese
    'ganar|gana dinero desde tu? casa',
    'gana dinero facil|rapido',
    'ganhe dinheiro online|facil|rapido|sem',
    'ganhar dinheiro online',
    'ganhar dinheiro sem sair|investir',
    // Arabic: "win" or "earn" (money) from home or from the internet; work from home "and earn".
    'اربح|واربح|إربح|اكسب|واكسب|إكسب المال|مال|فلوس|الفلوس|الأموال|أرباح|دولارات? من|عبر البيت|المنزل|الإنترنت|الانترنت|النت|هاتفك|جوالك',
    'اعمل|العمل|وظيفة|وظائف|عمل من المنزل|البيت واربح|واكسب',

    // Hindi, and Urdu: earn so many rupees a day.
    'रोज|रोजाना|प्रतिदिन|डेली # रुपये|रुपए|रूपये? कमाइए|कमाओ|जीतें|जीतिए',
    'روزانہ|روز|ڈیلی # روپے کمائیں|کمائیے',
  ],
  withCue: [
    // Pensioners "take night shifts to earn extra money", Ohio gave the vaccinated "a chance to win a prize",
    // "вчителі мають заробіток від 15 тисяч на місяць": wages and lotteries are news.
    'earn|make extra money',
    'chance to win an|a free? prize|cash',
    // A poll's headline ("No survey shows a majority for Frexit", "the complete survey results are on Ifop's
    // site"), a petition's call ("signez et partagez pour gagner cette bataille"), a citizens' assembly drawn by
    // lot, arms makers "que no dejan de ganar dinero desde 2022", banks "a ganhar dinheiro sem produzir nada",
    // Greeks who "κερδίζουμε χρήματα από τον τουρισμό" (a fairness review, 2026-12-07): the offers say where.
    'no survey|surveys',
    'complete survey',
    'vous avez ete tire|tiree',
    'partagez|partage pour gagner|participer|tenter',
    'ganar|gana dinero desde',
    'ganhar dinheiro sem',
    'κερδίζω|κερδίζουμε|βγάζω χρήματα|λεφτά από',
    'заробіток від|до # грн|гривень|тисяч|тис|доларів? в|на|за день|тиждень|місяць|добу|годину',
    // The Turkish imperative quoted as a promise ("günde 1000 TL kazan vaadiyle", with the promise of...).
    'günde|günlük|haftada|ayda # tl|lira|dolar|euro|bin? kazan',
    // Russian readers earn too ("я медсестра, зарабатываю 2000 рублей в день"), and say where the young try to earn
    // ("заработать в интернете"), what pensioners get for work at home ("работа на дому за копейки"), what
    // channels live on ("пассивный доход без вложений" in scorn) and what students now do (a fairness review of
    // 2026-12-07): the offers say where.
    'зарабатываю|зарабатываем от|до? # рублей|руб|тысяч|тыс? в|за день|сутки|час',
    'заработать|зарабатывать в интернете|сети',
    'заработать|зарабатывать на дому',
    'работа|подработка на дому',
    'подработка онлайн|в',
    'пассивный доход без|с вложений|нуля',
    'earn|make easy money',
    "gagner|gagne de l'argent|argent facilement|rapidement",
    'ganar dinero facil|rapido',
    'ganhar dinheiro facil|rapido',

    // Hindi: "earn" is also a wish ("सरकार चाहती है कि महिलाएं घर बैठे कमाएं"), and corruption an easy way to
    // earn money.
    'घर बैठे कमाएं|कमाइए|कमाओ|कमाई|पैसे',
    // "कमाएं" is also the subjunctive: "अगर मजदूर रोज 300 रुपये कमाएं तो..." (if workers earn 300 a day).
    'रोज|रोजाना|प्रतिदिन|डेली # रुपये|रुपए|रूपये? कमाएं',
    'पैसे|पैसा कमाएं|कमाइए|कमाओ',
    'पैसे|पैसा कमाने का आसान तरीका',

    // Persian and Urdu: earning from home or online is what the state promises villages, and what Urdu's "earn
    // from home" wishes as Hindi's does.
    'کسب درآمد از|در خانه|منزل|اینترنت',
    'کسب درآمد دلاری|آنلاین|اینترنتی',
    'گھر بیٹھے کمائیں|کمائی|پیسے',

    // Vietnamese: "light work, high pay" is how Cambodia's scam compounds lured their victims, and earning online
    // a scam the police warn of.
    'việc nhẹ lương cao',
    'kiếm tiền online',
    'kiếm tiền tại nhà',
    'kiếm tiền trên mạng',
    // Recruiting "collaborators online" is the scam the police name ("Tuyển CTV online là chiêu lừa").
    'tuyển ctv online',
    'tuyển ctv tại nhà',
    'tuyển cộng tác viên online',
    'tuyển cộng tác viên tại nhà',
  ],
  // Scams that promise earnings from home are news in Chinese too ("在家赚钱的骗局"), and in Korean, with the high
  // returns and daily pay they promise ("재택부업 사기 피해 급증", "고수익 보장 미끼로 투자자 모은 일당 검거").
  // So are a company's daily earnings in a headline ("沙特阿美日赚3亿美元"), landlords' easy income ("房东躺赚的时代
  // 结束了"), the fake-order rebate scam the police warn of ("刷单返利是最常见的电信诈骗") and side-job inquiries
  // rising ("부업문의가 급증했다").
  unspacedWithCue: [
    ...['在家赚钱', '재택부업', '재택알바', '고수익보장', '고수익 보장', '일당지급'],
    ...['日赚', '刷单返利', '躺赚', '부업문의'],
    // Readers ask who earns ten thousand a month easily ("谁能轻松月入过万？"), and mothers' side jobs are the
    // fake-order scam's victims ("很多宝妈兼职刷单被骗").
    ...['宝妈兼职', '轻松月入'],
  ],
  unspaced: ['兼职日结'],
}
