/**
 * The words of a fake trading platform's testimonial (trading-testimonial.ts), in the languages the reference
 * site's spam comes in: French, English, Spanish, Italian, German, Portuguese, Russian, Ukrainian. Written as
 * readers and spammers write them; they are folded (accents off, ё as е) when the rule loads. A word ending in
 * `*` names every word it starts.
 */

/** Words that make an amount near them the stake: put in, deposited, started with. */
export const STAKE = [
  ...['commence', 'commencer', 'debute', 'demarre', 'depart', 'depot', 'depose', 'deposant', 'mis', 'mise'],
  ...['mises', 'misant', 'investi', 'investis', 'investie', 'partant', 'partie', 'parti'],
  ...[
    'investissent',
    'investir',
    'invest',
    'investing',
    'started',
    'starting',
    'start',
    'deposit',
    'deposited',
    'depositing',
    'put',
    'invested',
    'initial',
  ],
  ...['empece', 'empezando', 'deposite', 'deposito', 'inverti', 'comence', 'iniziato', 'partendo'],
  ...['depositato', 'investito', 'eingezahlt', 'einzahlung', 'investiert', 'angefangen', 'comecei'],
  ...['depositei', 'investi', 'начал', 'начала', 'вложил', 'вложила', 'внес', 'внесла', 'депозит'],
  ...['депозита', 'почав', 'почала', 'вклав', 'вклала', 'депозиту'],
]

/** Stakes spelled out, as the platforms' minimum deposit is (250, or 200): each a run of words. */
export const SPELLED_STAKES = [
  'deux cent cinquante',
  'deux cents',
  'two hundred fifty',
  'two hundred and fifty',
  'two hundred',
  'doscientos cincuenta',
  'duecentocinquanta',
  'zweihundertfunfzig',
  'zweihundert',
  'duzentos e cinquenta',
  'двести пятьдесят',
  'двести',
  "двісті п'ятдесят",
  'двісті',
]

/** "The minimum" a platform takes, which stands for the 250. */
export const MINIMUM = [
  'minimum',
  'minimo',
  'minimale',
  'minimalen',
  'минимальный',
  'минимального',
  'мінімального',
  'мінімальний',
]

/** Words that make an amount near them one taken out: withdrew, a payout. */
export const WITHDRAWN = [
  ...['retire', 'retiree', 'retires', 'retrait', 'retraits', 'encaisse', 'encaisses', 'virement'],
  ...['withdrew', 'withdrawn', 'withdrawal', 'withdrawals', 'payout', 'payouts', 'cashed'],
  ...['retirado', 'retiro', 'prelevato', 'prelievo', 'ausgezahlt', 'auszahlung', 'abgehoben'],
  ...['levantei', 'saquei', 'вывел', 'вывела', 'вывод', 'вивів', 'вивела'],
]

/** "A day", "a week" after an amount: the word before the period (par jour, per week, am Tag, в день). */
export const PER = [
  'par',
  'chaque',
  'a',
  'per',
  'every',
  'al',
  'la',
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

/** A month, after a sum: so much a month is a wage, a rent or a saving plan's instalment, not a stake. */
export const MONTH = [
  'mois',
  'month',
  'monat',
  'mes',
  'mese',
  'месяц',
  'місяць',
  'mensuel',
  'mensuels',
  'monthly',
]

/** A short span after "en", "in" or "за" (en 3 semaines, in six weeks, за два месяца), or after a number alone. */
export const SPAN_START = [
  'en',
  'in',
  'em',
  'за',
  'innerhalb',
  'dans',
  'within',
  'depuis',
  'since',
  'after',
  'apres',
]
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
  ...['днів', '48h', '24h', 'heures', 'hours'],
]

/** Where the writer sends the reader, to them: a profile, a bio, a private message. Each a run of words. */
export const POINTERS = [
  ...['mon profil', 'ma bio', 'ma page', 'ecrivez moi', 'contactez moi', 'demandez moi', 'en prive'],
  ...['en message', 'message prive', 'en mp', 'my profile', 'my page', 'my bio', 'in bio', 'dm me'],
  ...['message me', 'pm me', 'inbox me', 'search my name', 'happy to share', 'mi perfil', 'mio profilo'],
  ...[
    'meinem profil',
    'mein profil',
    'meu perfil',
    'моем профиле',
    'в профиле',
    'в профілі',
    'моєму профілі',
  ],
]

/** Or to a search, as readers also do ("cherchez sur Google"): it counts only beside a stake or a gain. */
export const SEARCHES = [
  ...['sur google', 'tapez', 'cherchez', 'into google', 'on google', 'look it up', 'google it', 'busquen'],
  ...[
    'ou chercher',
    'where to look',
    'buscad',
    'en google',
    'googeln',
    'googelt',
    'pesquisem',
    'no google',
    'ищите',
    'в гугле',
    'шукайте',
  ],
]

/** What does the trading: a robot, an algorithm, the platforms' usual names. */
export const TRADER = [
  ...['robot', 'robots', 'bot', 'bots', 'algorithme', 'algorithm', 'algoritmo', 'algorithmus', 'алгоритм'],
  ...['trading', 'трейдинг', 'quantum', 'immediate', 'bitcoin era', 'trader ai', 'ki-handelsplattform'],
]

/** Where it trades, or who: a platform, "the AI". Readers name them too; they count beside a stake or a gain. */
export const PLATFORM = [
  ...['plateforme', 'platform', 'plataforma', 'piattaforma', 'plattform', 'handelsplattform', 'платформа'],
  ...['платформе', 'платформу', 'платформі', 'ia', 'ai', 'ki', 'ии', 'ші', "l'ia", "l'intelligence"],
  ...['intelligenza', 'inteligencia'],
]

/**
 * Words of a warning or a report: readers who quote these ads do it to say they are a scam, that someone lost
 * money, or that the ads should be reported. Their comments are never a testimonial.
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
  ...['truffa*', 'truffe', 'perso', 'perdido', 'perdio', 'golpe*', 'мошенни*', 'обман*', 'развод*'],
  ...['потерял*', 'шахра*', 'втратив', 'втратила', 'piege*', 'victime*', 'victim*', 'attention'],
  // What the victims are told, and what they never get back: "débloquer ses gains", "never recovered".
  ...['debloque*', 'unlock*', 'recupere*', 'recover*', 'rembourse', 'refund*', 'fee', 'fees'],
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

/**
 * The writer speaking of themselves: a testimonial is in the first person. Russian and Ukrainian leave the pronoun
 * out before a verb in the past ("Вложила двести пятьдесят"), Spanish and Portuguese before any: those verbs of the
 * stake and the withdrawal count.
 */
export const FIRST_PERSON = [
  ...['je', 'jai', 'moi', 'i', "i'm", 'im', "i've", 'ich', 'yo', 'io', "anch'io", 'ho', 'eu', 'я', 'empece'],
  ...['comecei'],
  ...[
    'deposite',
    'depositei',
    'levantei',
    'вложил',
    'вложила',
    'начал',
    'начала',
    'вывел',
    'вывела',
    'почав',
  ],
  ...['почала', 'вклав', 'вклала', 'вивів', 'вивела'],
]

/** "My", "mon": the first person too, unless the story is someone else's (`THIRD_PERSON`). */
export const FIRST_PERSON_POSSESSIVE = [
  ...['mon', 'ma', 'mes', 'my', 'me', 'mein', 'meinem', 'meine', 'mir', 'mich', 'mi', 'mis', 'мой', 'моем'],
  ...['мне', 'мене', 'мені', 'мій', 'meu'],
]

/** Someone else's story, retold ("a coworker's dad put $250 into…; they asked for a fee"). */
export const THIRD_PERSON = [
  ...['he', 'she', 'they', 'his', 'him', 'them', 'il', 'elle', 'ils', 'elles', 'lui', 'leur', 'er', 'ihm'],
  ...['ihn', 'él', 'ella', 'ellos', 'ellas', 'lei', 'loro', 'ele', 'ela', 'eles', 'он', 'она', 'они', 'ему'],
  ...['ей', 'він', 'вона', 'вони', 'йому', 'їй'],
]
