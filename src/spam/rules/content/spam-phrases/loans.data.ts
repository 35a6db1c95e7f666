import type { PhraseFamily } from './family.js'

export const loans: PhraseFamily = {
  id: 'loans',
  label: 'a loan offer',
  phrases: [
    'loan lender|lenders',
    'we|i offer|give|grant loans|loan',
    'legit|legitimate|genuine loan? lender|lenders',
    'apply for a|your loan now|today|here',
    'bad credit loan|loans',
    'need a loan contact|email|whatsapp|text',
    // French
    'credit|credits express',
    'pret|prets|credit|credits entre particulier|particuliers',
    'pret|prets|credit|credits sans justificatif|justificatifs|banque',
    "besoin d'un pret|credit serieux|entre",
    'particulier|particuliere|preteur|preteuse accorde|accordant|offre|offrant|propose|octroie pret|prets|credit|credits',
    'preteur|preteuse|preteurs serieux|serieuse|honnete|particulier',
    'financement|pret|prets|credit|credits en 24h|48h|72h',
    // Russian
    'займ|займы|кредит без отказа|проверки|справок|предоплаты',
    'срочный займ',
    'деньги в долг без отказа|проверки|справок|залога|поручителей',
    // Spanish, Portuguese
    'ofrezco|ofrecemos prestamos|prestamo',
    // Italian: loans offered in the first person.
    'offro|offriamo prestiti|prestito',
    // Arabic: the Gulf's loans "without a salary transfer" to the lending bank.
    'قرض|قروض|القرض|القروض|وقروض|تمويل|التمويل|تمويلات بدون|بلا|دون تحويل راتب|الراتب',

    // Hindi
    'लोन|ऋण|कर्ज के लिए संपर्क|कॉल|व्हाट्सएप|व्हाट्सऐप करें|करे',

    // Vietnamese: bad debt no obstacle, money paid out in minutes.
    'nợ xấu vẫn vay',
    'giải ngân trong|sau # phút',

    // Greek: loans between private persons, or without a bank (accents and final sigma read as written folded).
    'δάνεια|δάνειο|δανεια|δανειο μεταξύ ιδιωτών',
    'δάνεια|δάνειο|δανεια|δανειο χωρίς τράπεζα',
  ],
  // States need financing and lend against ports too ("Kiev a besoin d'un financement urgent", "la Chine n'est pas
  // un prêteur fiable", "Китай даёт деньги в долг под залог портов"), and loan apps are news ("instant loans apps in
  // Kenya are ruining families").
  withCue: [
    // The loan apps' slogan, which readers quote when they report them ("Walang legit loan app na nanghaharass").
    'legit loan|loans',
    'instant loan|loans',
    // A question of a state's finances ("Do you need a loan from the IMF every two years?"), the World Bank's fast
    // loans to flooded countries, the micro-lenders' "быстрый займ" and usurers' "prêts express" in reports of their
    // crackdown.
    'do you need a|an urgent? loan',
    'pret|prets rapide|rapides|express',
    'быстрый|моментальный займ|кредит',
    // Loans "in five minutes", as micro-lenders' ads promise and reports of them quote.
    'займ|займы|кредит|деньги за # минут|минуты|минуту',
    'prestamo|prestamos rapido|rapidos',
    'emprestimo rapido',
    "besoin d'un financement rapide|urgent|serieux|entre",
    // As a state needs financing, it needs a loan ("Le Nigeria a besoin d'un prêt urgent, mais le FMI exige...").
    "besoin d'un pret|credit rapide|urgent",
    'preteur|preteuse|preteurs fiable|fiables',
    'деньги в долг под',
    // "Китай даёт деньги в долг без политических условий".
    'деньги в долг без',
    'urgent|guaranteed loan|loans',
    'pret|prets|credit|credits urgent|urgents',
    "besoin d'argent urgent|urgemment",
    'срочный кредит',
    'prestamo|prestamos urgente|urgentes',
    // Italian loans between private persons are the scam the news warns of ("la truffa dei prestiti tra privati").
    'prestito|prestiti tra privati',
    // German: credit "without Schufa" (the credit bureau), which consumer advocates warn of.
    'kredit|kredite|privatkredit|privatkredite ohne schufa',
    'emprestimo urgente',
    // Arabic: the IMF's urgent loans to Egypt, interest-free loans, a minister's "we offer loans to the young", the
    // question whether a state needs another loan ("تحتاج" is "she needs" too).
    'قرض|قروض|القرض|القروض|وقروض|تمويل|التمويل عاجل|عاجلة|سريع|سريعة|فوري|فورية|شخصي|شخصية',
    'قرض|قروض|القرض|القروض|وقروض|تمويل|التمويل|تمويلات بدون|بلا|دون كفيل|ضمان|ضمانات|فوائد',
    'نقدم|نوفر|نمنح|أقدم|اقدم قروض|قرض|قروضا|التمويل|تمويل',
    'هل تحتاج|تحتاجين|محتاج|محتاجة الى|إلى? قرض|تمويل|سيولة',

    // Persian and Urdu: the state's emergency loans, and loans without a guarantor, are news too.
    'وام فوری|اضطراری',
    'وام بدون ضامن|چک|سفته',
    'فوری|آسان قرض|لون',
    'قرض|لون بغیر|بنا ضمانت|گارنٹی',

    // Hindi: instant loan apps, loans without a credit score and without a guarantee (the Mudra scheme's), a state
    // that needs a loan, are news; the imperative "get" is also a wish ("किसान लोन पाएं").
    'तुरंत|इंस्टेंट|इन्स्टेंट|फटाफट लोन|ऋण',
    'बिना सिबिल|cibil|गारंटी|गारंटर|दस्तावेज स्कोर? के? लोन|ऋण',
    'लोन|ऋण|कर्ज चाहिए|पाएं|पाइए|लीजिए',

    // Vietnamese: loan apps are news, the state's policy bank lends to the poor without collateral, and loan
    // sharks' "only an ID card" is what reports of the crackdown on black credit quote.
    'vay tiền nhanh|gấp|online',
    'vay nhanh|gấp',
    'vay|vốn chỉ cần cccd|cmnd|cmt|căn',
    'không cần thế chấp',

    // Greek: the state's guarantee-free loans to small firms, and fast loans in reports of the usurers' arrest.
    'δάνεια|δάνειο χωρίς εγγυήσεις|εγγυητή|εγγυητές|δικαιολογητικά|εξασφαλίσεις',
    'γρήγορο|γρήγορα|άμεσο|άμεσα|εύκολο|εύκολα δάνειο|δάνεια',
    'δάνεια|δάνειο άμεσα|γρήγορα|αυθημερόν',
  ],
  unspaced: [
    // Chinese: money "coming down" the same day, to the blacklisted too, without a look at the credit record.
    ...['当天下款', '极速下款', '包下款', '黑户可贷', '黑户也能贷', '不查征信'],
  ],
  // Banks lend without collateral to small firms ("银行发放无抵押贷款"), and lent fast in the pandemic; the crackdown
  // on online lenders quotes their "无需征信". "网贷" (online lending) and "秒批" (approved in a second, also
  // Shenzhen's licences) are topics, in no list. Korean loan sharks' baits are what reports of their arrest name
  // ("무직자대출 미끼로 한 보이스피싱 조직 적발"), and banks' "대출문의" surge when rates move.
  unspacedWithCue: [
    ...['无抵押贷款', '无需征信', '快速放款'],
    // The baits readers say they were caught by ("被秒下款、不看征信的网贷广告骗了").
    ...['秒下款', '不看征信'],
    ...['무직자대출', '당일대출', '대출문의', '개인돈대출', '신불자대출'],
  ],
}
