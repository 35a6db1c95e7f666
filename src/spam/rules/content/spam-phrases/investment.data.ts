import type { PhraseFamily } from './family.js'

export const investment: PhraseFamily = {
  id: 'investment',
  label: 'a crypto or investment scam',
  phrases: [
    // Recovery scams: "I lost my savings, then this hacker got them back".
    'recover|retrieve|recovered|retrieved your|my|our lost|stolen|scammed bitcoin|btc|crypto|cryptos|funds|money|coins|assets|usdt|investment|investments|wallet',
    'recover|retrieve|recovered|retrieved # btc|bitcoin|bitcoins|eth|usdt',
    'helped me recover|retrieve my|all|the lost|stolen|scammed|funds|money|bitcoin|btc|crypto|usdt',
    'crypto|bitcoin|btc|scam|wallet recovery expert|experts|hacker|hackers|specialist|specialists|service|services|company|agency|team',
    // A testimonial, in the first person; "were scammed by fake brokers" is how the news tells the same.
    'i|we was|were|got|have|had? been? scammed by fake broker|brokers|investment',
    'expert trader|traders',
    'account manager mrs|mr|miss',
    'forex|crypto|binary trading expert|mentor|account manager',
    'i turned|grew # into',
    'turned|grew my # into',
    'double|triple your bitcoin|btc|crypto|money|investment|income',
    'invest # and get|earn|receive|make|withdraw',
    'free airdrop|airdrops',
    'claim your free? * tokens|token|airdrop|reward|rewards|coins',
    'connect your wallet',
    'validate|synchronize|sync|rectify your wallet',
    'gold ira|iras',
    'bitcoin|crypto|cloud mining investment|platform|contract',
    // French
    'gains|profits|revenus garantis #',
    'doublez|triplez votre|vos capital|argent|investissement|bitcoins|cryptos',
    'recuperer|recuperez|recupere vos|mes fonds|cryptos|bitcoins|cryptomonnaies',
    'recuperation de cryptos|bitcoins|cryptomonnaie|cryptomonnaies',
    'expert|experte|hacker|specialiste en recuperation',
    'investissez # et gagnez|recevez|obtenez',
    // Russian
    'вернем|вернул|вернула украденные|потерянные средства|деньги|криптовалюту',
    'я смог|смогла вернуть украденные|потерянные средства|деньги|криптовалюту',
    'помог|помогла|помогли мне вернуть украденные|потерянные средства|деньги|криптовалюту',
    'помогу|поможем вернуть украденные|потерянные средства|деньги|криптовалюту',
    'гарантированный заработок|профит',
    'удвою|удвоим ваши|свои деньги|вложения|инвестиции',
    'удвоить ваши деньги|вложения|инвестиции',
    // Spanish, Portuguese
    'recuperar tus|mis fondos|bitcoins|criptomonedas',
    // The fake trading platform's testimonial, what news sites' comments are flooded with: a reader's stake grown
    // into so much a day or a week "now", a bot that does it all for you. Readers say what they earn a month
    // ("je gagne 1 800 € par mois après 20 ans"), what they started with and lost ("j'ai commencé avec 250 € et
    // j'ai tout perdu"), and quote the ads in the third person ("on vous promet 1 000 € par jour"): none of that.
    // Not "je touche maintenant 38 € par jour" of unemployment benefit, paid by the day.
    'je me? gagne|fais|retire|encaisse maintenant|desormais|deja # euros|eur|dollars|k? par|chaque|la|a jour|semaine|heure|journee',
    'maintenant|desormais je me? gagne|fais|retire|encaisse # euros|eur|dollars|k? par|chaque|la|a jour|semaine|heure|journee',
    'je me? gagne|touche|fais|encaisse # euros|eur|dollars|k? par|chaque jour|semaine|mois sur|via internet|web|net',
    'je me? gagne|touche|fais|encaisse # euros|eur|dollars|k? par|chaque jour|semaine|mois sans rien faire',
    'commence|debute|demarre avec|par le? minimum? de? # euros|eur|dollars? et maintenant? je gagne|touche|retire|encaisse|fais',
    "commence|debute|demarre avec|par le? minimum? de? # euros|eur|dollars? et? maintenant|aujourd'hui|desormais",
    'robot|bot|algorithme|logiciel|appli|application|plateforme fait tout seul',
    'robot|bot|algorithme|logiciel|appli|application|plateforme fait tout pour vous|moi',
    // Not by the hour: "now I make $17 an hour and can't afford rent".
    'now i|we make|earn|making|earning|withdraw # a|per|every day|week',
    'now earning|making # a|per|every day|week',
    "i'm|im making|earning # a|an|per|every hour|day|week working? from home|my",
    'started with just|only|the? minimum? deposit? # and? now|today',
    'bot|ai|algorithm|app|software|platform does|did everything for you|me',
    'bot|ai|algorithm|app|software|platform does|did it all for you|me',
    'today|now i have # in|on my account',
    'ahora gano # euros|dolares? a|al|por la? semana|dia|hora',
    'gano # euros|dolares? diarios|al dia|a la semana',
    'adesso|ora guadagno # euro|dollari? a|al|alla settimana|giorno|ora',
    'verdiene jetzt # euro|dollar? pro|am|die woche|tag|stunde',
    'сейчас|теперь зарабатываю # долларов|евро|рублей? в|за неделю|день|час',
    'тепер|зараз заробляю # євро|доларів|гривень? на|в|за тиждень|день|годину',
  ],
  withCue: [
    'guaranteed profit|profits',
    // Savings are news: "le Livret A, placement garanti 3 % en 2023".
    'placement|placements|rendement|rendements garanti|garantis|garantie|garanties #',
    // Public plans are announced so ("with an initial investment of €2 billion").
    'with an initial investment of #',
    // Governments recover "their stolen funds" too (Nigeria's from Swiss banks).
    'recover|retrieve|recovered|retrieved their lost|stolen|scammed bitcoin|btc|crypto|cryptos|funds|money|coins|assets|usdt|investment|investments|wallet',
    'fund|funds|asset|assets recovery expert|experts|hacker|hackers|specialist|specialists|service|services|company|agency|team',
    // The scams are news themselves ("the FBI warns that recovery experts are scammers too", "Europol dismantled a
    // network of fake brokers").
    'recovery expert|experts|hacker|hackers|specialist|specialists',
    'scammed by fake broker|brokers|investment',
    'fake broker|brokers',
    'guaranteed payout|payouts|roi',
    'recuperation de fonds',
    // The robots the ads sell: news and warnings name them too ("ces publicités pour des robots de trading").
    'robot|robots|logiciel|programme|plateforme de trading automatique|automatise|automatisee|ia',
    'trading bot|bots|robot|robots',
    'robot|robots|bot de|di trading',
    'вернуть украденные|потерянные средства|деньги|криптовалюту',
    'возврат украденных|потерянных средств|денег',
    'удвоить свои деньги|вложения|инвестиции',
    'lucro garantido',
    // Persian: daily or guaranteed returns ("سود روزانه ۱۰ درصد"); Iran's guaranteed-return funds are news, and so
    // are the promises of daily returns in reports of the Ponzi schemes.
    'سود روزانه|تضمینی|تضمین|قطعی',
    'درآمد|درامد روزانه|تضمینی|دلاری',
  ],
  unspaced: ['保本保息'],
  // An idiom of any deal that cannot lose ("对俄罗斯来说，这笔买卖稳赚不赔").
  unspacedWithCue: ['稳赚不赔'],
}
