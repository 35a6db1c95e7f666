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
    // The fake trading platform's testimonial, what news sites' comments are flooded with: the platforms' minimum
    // deposit (250) grown into so much a day or a week "now", a bot that does it all for you. Readers say what
    // they earn by the hour or the month ("je gagne 1 800 € par mois après 20 ans", "now I make $17 an hour"),
    // what a pension or a benefit pays by the day ("je touche 38 € par jour de chômage"), what they started with
    // ("j'ai commencé avec 1 200 euros et aujourd'hui"), what a robot does at work, and quote the ads in the third
    // person ("on vous promet 1 000 € par jour"): none of that.
    'je me? gagne|fais|retire|encaisse maintenant|desormais # euros|eur|dollars|k? par|chaque jour|semaine',
    'maintenant|desormais je me? gagne|fais|retire|encaisse # euros|eur|dollars|k? par|chaque jour|semaine',
    'je me? gagne|fais|encaisse # euros|eur|dollars|k? par|chaque jour|semaine|mois sur|via internet|web|net',
    'je me? gagne|fais|encaisse # euros|eur|dollars|k? par|chaque jour|semaine|mois sans rien faire',
    'commence|debute|demarre avec|par le? minimum? de? 250 euros|eur|dollars? et maintenant? je gagne|retire|encaisse|fais|touche',
    'robot|bot|algorithme|logiciel|appli|application|plateforme fait tout pour vous',
    'now i make|earn|making|earning|withdraw # a|per|every day|week',
    'now earning|making # a|per|every day|week',
    "i'm|im making|earning # a|an|per|every day|week working? from home|my",
    'started with just|only|the? minimum? deposit? 250 and? now|today',
    'bot|ai|algorithm|app|software|platform does|did everything for you',
    'bot|ai|algorithm|app|software|platform does|did it all for you',
    // Other languages: so much a week "now" (a day or an hour is what a worker or a pensioner is paid).
    'ahora gano # euros|dolares? a|por la? semana',
    'adesso|ora guadagno # euro|dollari? a|alla settimana',
    'verdiene jetzt # euro|dollar? pro|die woche',
    'сейчас|теперь зарабатываю # долларов|евро? в|за неделю',
    'тепер|зараз заробляю # євро|доларів? на|в|за тиждень',
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
