/**
 * The words of a fake trading platform's testimonial (trading-testimonial.ts), in the languages the reference
 * site's spam comes in: French, English, Spanish, Italian, German, Portuguese, Russian, Ukrainian. Written as
 * readers and spammers write them; they are folded (accents off, ё as е) when the rule loads. A word ending in
 * `*` names every word it starts. Each list was narrowed on three reviews' 499 genuine comments: a word that is also
 * politics ("parti", "initial", "retrait" of troops) is not here.
 */

/** Words that make a sum of money near them the stake: put in, deposited, started with, tested with. */
export const STAKE = [
  ...[
    'commence',
    'debute',
    'demarre',
    'depot',
    'depose',
    'deposes',
    'mis',
    'mise',
    'mises',
    'investi',
    'investis',
  ],
  ...['teste', 'essaye', 'started', 'deposit', 'deposited', 'invested', 'tested', 'empece', 'deposite'],
  ...['deposito', 'inverti', 'iniziato', 'partendo', 'depositato', 'investito', 'eingezahlt', 'einzahlung'],
  ...['investiert', 'angefangen', 'comecei', 'depositei', 'начал', 'вложил', 'внес', 'депозит', 'депозита'],
  ...['почав', 'вклав', 'депозиту'],
]

/** Stakes spelled out, as the platforms' minimum deposit is (250, or 200): each a run of words. */
export const SPELLED_STAKES = [
  'deux cent cinquante',
  'deux cents',
  'two hundred fifty',
  'two hundred and fifty',
  'doscientos cincuenta',
  'duecentocinquanta',
  'zweihundertfunfzig',
  'duzentos e cinquenta',
  'двести пятьдесят',
  "двісті п'ятдесят",
]

/** Words right after a stake that make it one without a currency ("250 au départ", "250 investis", "250 in"). */
export const STAKE_AFTER = ['depart', 'investis', 'mises', 'in', 'deposit', 'deposes', 'eingezahlt']

/** Words a stake word may have between it and its sum ("commencé avec 250", "retrait de 2 340"). */
export const BETWEEN = [
  ...['avec', 'with', 'con', 'mit', 'com', 'de', 'du', 'da', 'of', 'the', 'le', 'un', 'a', 'only'],
  ...['just'],
]

/** "The minimum" a platform takes, which stands for the 250 after a stake word ("started with the minimum"). */
export const MINIMUM = ['minimum', 'minimo', 'минимальный', 'минимального', 'мінімального', 'мінімальний']

/** Words that make a sum of money near them one taken out: withdrew, a payout. */
export const WITHDRAWN = [
  ...['retire', 'retires', 'retiree', 'retirees', 'retrait', 'encaisse', 'withdrew', 'withdrawn', 'withdraw'],
  ...['withdrawal', 'payout', 'cashed', 'retirado', 'prelevato', 'ausgezahlt', 'abgehoben', 'levantei'],
  ...['saquei', 'вывел', 'вывела', 'вивів', 'вивела'],
]

/** "A day", "a week" right after a sum: the word before the period (par jour, per week, am Tag, в день). */
export const PER = [
  'par',
  'chaque',
  'a',
  'per',
  'every',
  'al',
  'por',
  'pro',
  'am',
  'die',
  'в',
  'за',
  'на',
  'alla',
  'ao',
]
export const DAY_OR_WEEK = [
  ...['jour', 'semaine', 'day', 'week', 'dia', 'semana', 'giorno', 'settimana', 'tag', 'woche'],
  ...['день', 'неделю', 'сутки', 'тиждень', 'добу'],
]
/** Articles between the two ("a la semana", "la semaine"). */
export const ARTICLE = ['la', 'le', 'the', 'der']

/** After a sum: so much an hour, a day, a week, a month or a year is a wage, a rent or a saving plan, not a stake. */
export const REGULAR = [
  ...['mois', 'month', 'monat', 'mes', 'mese', 'месяц', 'місяць', 'trimestre', 'quarter', 'an', 'year'],
  ...['ano', 'anno', 'jahr', 'год', 'рік', 'semaine', 'week', 'semana', 'settimana', 'woche', 'неделю'],
  ...['тиждень', 'jour', 'day', 'dia', 'giorno', 'tag', 'день', 'heure', 'hour', 'hora', 'ora', 'stunde'],
]

/** A short span right after a sum ("4 800 € en 3 semaines", "$52,000 in 4 months", "4 700 за три недели"). */
export const SPAN_START = ['en', 'in', 'em', 'за', 'innerhalb']
export const SPAN_UNIT = [
  ...['semaine', 'semaines', 'mois', 'jours', 'week', 'weeks', 'month', 'months', 'days', 'semanas', 'meses'],
  ...[
    'dias',
    'settimane',
    'mese',
    'mesi',
    'giorni',
    'wochen',
    'monaten',
    'monat',
    'tagen',
    'недели',
    'недель',
  ],
  ...[
    'неделю',
    'месяца',
    'месяцев',
    'месяц',
    'дня',
    'дней',
    'тижні',
    'тижнів',
    'місяць',
    'місяці',
    'місяців',
  ],
  // "48h" is read as 48 and h.
  ...['днів', 'h'],
]

/** Money: a currency written beside a sum (its sign is read as the word `eur`, `usd`...; see the rule). */
export const CURRENCY = [
  ...['euro', 'euros', 'eur', 'dollar', 'dollars', 'usd', 'pounds', 'gbp', 'dolares', 'dollari', 'reais'],
  ...['евро', 'доллар*', 'руб*', 'євро', 'долар*', 'грив*', 'грн'],
]

/** Where the writer sends the reader, to themselves: a profile, a bio, a private message. Each a run of words. */
export const POINTERS = [
  ...['sur mon profil', 'dans mon profil', 'regardez mon profil', 'voir mon profil', 'ma bio', 'en mp'],
  ...[
    'on my profile',
    'in my profile',
    'my bio',
    'link in bio',
    'dm me',
    'pm me',
    'inbox me',
    'search my name',
  ],
  ...[
    'en mi perfil',
    'il mio profilo',
    'meinem profil',
    'meu perfil',
    'моем профиле',
    'в профиле',
    'у профілі',
  ],
  ...['в профілі', 'моєму профілі'],
]

/** What does the trading, by the names the ads give it: a trading robot, the platforms' usual names. */
export const TRADER = [
  // Not "AI trading", "trading automatique", "algorithme de trading": news and market analysis name them.
  ...['robot de trading', 'robots de trading', 'bot de trading', 'trading robot', 'trading bot'],
  ...['quantum ai', 'quantum prime', 'immediate edge', 'immediate vortex', 'immediate connect'],
  ...[
    'immediate momentum',
    'bitcoin era',
    'bitcoin code',
    'bitcoin prime',
    'bitcoin revolution',
    'trader ai',
  ],
  ...['ki handelsplattform', 'торговый робот', 'торговий робот'],
]

/**
 * Words of a warning, a report, or a loss: readers who quote these ads do it to say they are a scam, that someone
 * lost money, or that the ads should be reported. Their comments are never a testimonial.
 */
export const WARNING = [
  ...['arnaque*', 'escroc*', 'escroquer*', 'scam*', 'fraud*', 'fake', 'faux', 'fausse*', 'perdu*', 'perte*'],
  ...[
    'lost',
    'lose',
    'losing',
    'mefie*',
    'beware',
    'careful',
    'signal*',
    'report*',
    'pub',
    'pubs',
    'publicit*',
  ],
  ...['ads', 'advert*', 'promet*', 'promis*', 'promise*', 'betrug*', 'abzocke', 'verloren', 'estafa*'],
  ...['truffa*', 'truffe', 'perdido', 'perdio', 'golpe*', 'мошенни*', 'обман*', 'развод*', 'потерял*'],
  ...['шахра*', 'втратив', 'втратила', 'piege*', 'victime*', 'victim*', 'envole*', 'disparu*', 'vanish*'],
  ...[
    'исчез*',
    'зник*',
    'deepfake*',
    'debloque*',
    'unlock*',
    'recupere*',
    'recover*',
    'refund*',
    'fee',
    'fees',
  ],
]

/** A job, after a word of loss: "j'ai perdu mon emploi", "lost my job" is the testimonial's opening, no warning. */
export const JOB = [
  'emploi',
  'travail',
  'boulot',
  'poste',
  'job',
  'arbeit',
  'trabajo',
  'lavoro',
  'работу',
  'роботу',
]

/** "My": the writer too, in a text that tells nobody else's story (`SOMEONE_ELSE`). */
export const POSSESSIVE = [
  ...['mon', 'ma', 'mes', 'my', 'mein', 'meinem', 'meine', 'meinen', 'mi', 'mio', 'mia', 'meu', 'minha'],
  ...['мой', 'моем', 'мою', 'моя', 'мій', 'моєму', 'мою', 'моя'],
]

/** A number's size after it ("250 mille euros", "$300 billion", "500 тысяч"): no stake. */
export const LARGE = [
  ...['mille', 'mil', 'thousand', 'million', 'millions', 'milliard', 'milliards', 'billion', 'billions'],
  ...['millones', 'milioni', 'miliardi', 'milliarden', 'millionen', 'тысяч', 'тысячи', 'миллионов', 'тисяч'],
  ...['мільйонів', 'm', 'md', 'mds', 'bn', 'млн', 'млрд'],
]

/** Currencies a platform's gains are counted in (a day's 300 hryvnias is a wage). */
export const HARD_CURRENCY = [
  ...['euro', 'euros', 'eur', 'dollar', 'dollars', 'usd', 'pounds', 'gbp', 'dolares', 'dollari', 'reais'],
  ...['евро', 'доллар*', 'євро', 'долар*'],
]

/** Giving is no trade: a donation and the sum a collection reached are a reader's. */
export const CHARITY = [
  ...['cagnotte*', 'collecte*', 'donation*', 'donate*', 'dons', 'fundrais*', 'charity', 'appeal'],
  ...['participatif', 'crowdfunding', 'gofundme', 'kickstarter', 'ulule', 'фонд*', 'збір', 'зборі'],
  ...['донат*', 'собрал*', 'raccolta', 'spende*', 'donativo*', 'doacao', 'doacoes'],
]

/**
 * No testimony: research, reporting, simulation, renting. A reader who investigated a platform, ran a demo or a
 * thesis on one, or let a flat tells sums and names without selling anything.
 */
export const NOT_TESTIMONY = [
  ...[
    'enquete*',
    'investigation*',
    'investigacion*',
    'investigacao',
    'inchiesta',
    'recherche*',
    'расследован*',
  ],
  ...['розслідуван*', 'simul*', 'симуляц*', 'testnet', 'demo', 'демо*', 'memoire', 'dissertation', 'thesis'],
  ...['tesi', 'tesis', 'masterarbeit', 'диплом*', 'podcast*', 'chronique*', 'caution', 'fianza', 'loyer*'],
  ...['rent', 'rental', 'квартир*', 'airbnb', 'kaution', 'cauzione', 'caucao', 'miete', 'televis*'],
  ...['fernseh*', 'телесюжет*', 'сюжет*', 'reportage*', 'reportaje*', 'client', 'uni', 'universit*', 'fun'],
  ...['prueba', 'essai', 'prova'],
]

/**
 * Years: a saving or an investment told over years ("en 2015", "over six years") is a reader's, and so is a robot
 * "of the article" the comment is under.
 */
export const NOT_THE_WRITERS = [
  ...['ans', 'annees', 'years', 'jahre', 'jahren', 'anos', 'anni', 'лет', 'года', 'років', 'роки', 'article'],
  ...['articles', 'artikel', 'articolo', 'articulo', 'artigo', 'статье', 'статті'],
]

/** A name said not to be needed ("pas besoin de Quantum AI", "nothing like Bitcoin Code", "kein Bitcoin Code"). */
export const NEGATION = [
  // Not "no": Portuguese "in the".
  ...['pas', 'sans', 'besoin', 'nothing', 'not', 'without', 'nada', 'sin', 'altro', 'senza', 'kein'],
  ...['keine', 'ohne', 'никакой', 'никакого', 'без', 'ніякий', 'ніякого', 'nenhum', 'nem', 'ni', 'jamais'],
]

/** Betting is another trade: a stake and a win at the bookmaker's are a reader's. */
export const BETTING = [
  // Not "paris" (the city).
  ...['bookmaker*', 'pari', 'parie', 'bet', 'bets', 'betting', 'wette*', 'apuesta*'],
]

/**
 * The writer as the subject: a testimonial says "I". Russian and Ukrainian leave the pronoun out before a verb in
 * the past: the stake's and the withdrawal's verbs in the masculine count (the feminine "начала" is also "of the
 * start"). English "I" counts only as written, in capitals (Italian "i" is "the"); see the rule.
 */
export const FIRST_PERSON = [
  ...['je', 'jai', 'moi', "i'm", "i've", 'ich', 'habe', 'hab', 'yo', 'io', "anch'io", 'ho', 'я'],
  ...[
    'empece',
    'comecei',
    'deposite',
    'depositei',
    'levantei',
    'вложил',
    'вывел',
    'начал',
    'почав',
    'вклав',
    'вивів',
  ],
]

/** Someone else's story, retold ("he", "ma mère", "a coworker's dad"): never the writer's testimonial. */
export const SOMEONE_ELSE = [
  // Not "they", "ils", "leur": readers say them of politicians and of the scammers themselves.
  ...['she', 'his', 'him', 'elle', 'er', 'ihm', 'ihn', 'ella', 'lei', 'ele', 'ela', 'он', 'она', 'ему'],
  ...['ей', 'він', 'вона', 'йому', 'їй', 'mere', 'pere', 'oncle', 'tante', 'voisin', 'voisine'],
  ...['collegue', 'frere', 'soeur', 'cousin', 'cousine', 'mari', 'femme', 'fils', 'fille', 'mum', 'mom'],
  ...['mother', 'dad', 'father', 'uncle', 'aunt', 'grandma', 'grandpa', 'neighbour', 'neighbor', 'coworker'],
  ...['colleague', 'brother', 'sister', 'husband', 'wife', 'daughter', 'мама', 'мать', 'отец', 'папа'],
  ...['бабушка', 'дедушка', 'брат', 'сестра', 'муж', 'жена', 'мати', 'батько', 'бабуся', 'mutter', 'vater'],
  ...['onkel', 'nachbar', 'madre', 'padre', 'tio', 'tia', 'zio', 'zia', 'mae', 'pai', 'nonna', 'nonno'],
  ...['abuela', 'abuelo', 'mann', 'frau'],
]
