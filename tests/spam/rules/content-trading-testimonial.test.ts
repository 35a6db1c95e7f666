import { describe, expect, it } from 'vitest'
import { tradingTestimonial } from '../../../src/spam/rules/content/trading-testimonial.js'
import { assessReaderComment } from '../reader-comment.js'
import { contextOf } from './context.js'

/**
 * The fake trading platform's testimonial, as news sites receive it by the hundred: a stake (the platforms' 250),
 * a gain, and the platform's name or the writer's profile, in sentences too varied for stock phrases. Readers of
 * the same articles tell any two of those of their own lives, retell a relative's loss, and quote the ads to warn
 * others. Three reviews wrote 499 such genuine comments; the cases below are from them.
 */
const evaluate = (content: string) => tradingTestimonial.evaluate(contextOf(content))

describe('trading-testimonial', () => {
  it.each([
    "Je n'y croyais pas non plus mais j'ai commencé avec 250 € sur Quantum AI il y a 3 semaines et j'ai déjà retiré 4 800 €. Tout est expliqué sur mon profil.",
    'Moi j’ai trouvé Quantum Prime, et ça a tout changé. 300 € de départ, 27 000 € en deux mois.',
    'J’ai commencé avec 250 € sur Quantum AI : 6 000 € en 3 semaines.',
    'Dépôt de deux cent cinquante euros, aujourd’hui je suis à 1 5 0 0 par jour grâce au robot de trading.',
    'Ma mise de départ : deux cent cinquante €. Premier retrait : 8 200 €. Le robot de trading fait tout.',
    'jai commencé avec 250 sur Trader AI comme tout le monde et maintenant c’est 1000 par jour minimum',
    'J’ai investi 500 € sur Immediate Edge début avril, 19 300 € retirés depuis. Tout est sur mon profil.',
    'College student paying my bills thanks to Bitcoin Era. I started with $250, about $400 a day now.',
    'Didn’t expect anything... $200 deposit on Quantum AI, $7,800 withdrawn. Details on my profile.',
    'Vi en la tele el robot de trading. Deposité doscientos cincuenta euros y hoy gano unos 900 al día.',
    "Anch'io ero scettico, ma ho iniziato con 250 € su Bitcoin Era e in tre settimane ho prelevato 5.200 €.",
    'Ich habe bei Quantum AI zweihundertfünfzig Euro eingezahlt, jetzt 1 1 0 0 am Tag.',
    'Я тоже не верил, но начал с 250 евро на Quantum AI и за три недели вывел 4 700. Подробности в моём профиле.',
    'Почав з 250 євро на Bitcoin Era і за місяць вивів 5 100.',
    // A sum that looks like a year is still a sum beside its currency; a span in hours.
    'J’ai commencé avec 250 € sur Bitcoin Era et j’ai retiré 2000 € le premier mois.',
    'J’ai déposé 250 € sur Immediate Edge, 4 800 € en 48h.',
    // A name written with accents, as French writes "immédiat" or as spam dodges filters, is the same name.
    'J’ai déposé 250 € sur Immédiate Edge, 4 800 € en 48h.',
    "J'ai commencé avec 250 € sur Quàntum AI et j'ai retiré 4 800 € en 3 semaines.",
    'I started with $250 on Bítcoin Era and withdrew $4,800 in 3 weeks. Check my profile.',
    'Empecé con 250 € en QUÁNTUM AI y en tres semanas retiré 4.600 €.',
    'Eu também não acreditava, mas comecei com 250 € na Quantum AI e em três semanas levantei 4.600 €. Vejam o meu perfil.',
  ])('“%s” is one, and holds the comment', (spam) => {
    expect(evaluate(spam)?.detail).toMatch(/^Reads like a trading platform's testimonial/)
    expect(assessReaderComment(spam).verdict).not.toBe('approved')
  })

  it('names each part it found, in the words of the comment', () => {
    expect(
      evaluate("J'ai commencé avec 250 € sur Quantum AI et j'ai retiré 4 800 €. Tout est sur mon profil.")
        ?.detail,
    ).toBe(
      "Reads like a trading platform's testimonial, in the first person: a stake (“250 eur”), a gain (“4 800 eur”), a pointer to the writer's profile (“sur mon profil”), a trading robot or platform (“quantum ai”).",
    )
  })

  it.each([
    // Warnings, reports and losses, whatever they quote.
    'Ces pubs « j’ai commencé avec 250 € et je retire 4 800 € par semaine » avec la tête de Macron sont des arnaques.',
    'Ma mère de 74 ans s’est fait avoir par « Immediate Edge ». 250 € au départ, puis 3 000, puis 8 000 pour « débloquer ses gains ».',
    'A coworker’s dad put $250 into what he thought was an AI trading robot. The dashboard showed $38k. Then they asked for a $4,000 "release fee".',
    'Mon oncle a mis 250 € sur Quantum AI, le site affichait 12 000 € en trois semaines. Il n’a jamais pu retirer un centime.',
    'Ils ont déposé 250 € sur la plateforme, puis 5 000 € en deux mois : la police parle de 3 000 victimes.',
    'I deposited 250 and watched it "grow" to 9,000 in a month. Then the withdrawal button stopped working. Scam.',
    'Cherchez « Quantum AI arnaque » sur Google avant de déposer vos 250 €.',
    // Savings, wages and pensions.
    "J'ai placé 5 000 € en 2015 sur mon PEA, il en vaut 9 000 aujourd'hui. Rien de magique, juste du temps.",
    'Ich habe 2016 angefangen, 100 € im Monat in einen ETF zu sparen. Heute sind es knapp 15.000 €.',
    'I started at 1,200 a month and now earn 2,400 after ten years in the same job.',
    "J'ai investi 300 € dans le bitcoin en 2017, ça vaut 4 000 aujourd'hui. Je ne conseille ça à personne.",
    'Je gagne 120 € par jour comme intérimaire, sans congés payés, et on ose parler d’assistanat.',
    'Je mets 200 € par mois de côté depuis 2019 et j’ai 14 000 € : la sobriété, ça paie.',
    // Everything else with numbers and searches.
    'La Bourse a pris 300 points en trois semaines, mais mon salaire, lui, n’a pas bougé.',
    "J'ai donné 250 € à la cagnotte des Ukrainiens, elle est à 12 000 € en une semaine. Bravo à tous.",
    'Cherchez sur Google le budget de la défense : 47 milliards en 2024, 3 000 de plus qu’en 2023.',
    'Les sièges du RN : 88 → 143. Je n’en reviens pas.',
    'Les loyers à Paris : +120 % en vingt ans, et mon salaire +15 %.',
    // What a first version held (a review of 210 genuine comments found 104).
    'Initial estimates: 400 dead. Now over 2,000 according to the UN. Where is the outrage?',
    'Le parti de Macron, 250 députés à peine, annonce le retrait de 1 500 soldats du Sahel.',
    "J'ai misé 100 € sur la victoire de l'Argentine en finale, j'en ai retiré 650 € chez le bookmaker.",
    'J’ai mis 200 € dans le financement participatif du journal, ils ont atteint 1 000 000 € grâce aux lecteurs.',
    'Я внес 500 евро в фонд помощи беженцам, за неделю собрали 20 000. Люди добрые.',
    'They started with 250 members; we’re 4,000 now. I’m proud of our union branch.',
    "J'ai mis 400 € dans du bitcoin il y a huit ans, aujourd'hui ça vaut 25 000 €. Coup de chance.",
    'Ich habe als Azubi mit 400 Euro angefangen, heute verdiene ich nach 20 Jahren 3.800 Euro brutto.',
    'Вчора отримав 300 гривень на день за роботу на розборі завалів. Хто хоче допомогти, я в профілі все виклав.',
    'Mum deposited 250 after seeing a deepfake ad. The platform showed 6,000 within weeks.',
    'Моя мама вложила 250 евро в платформу из рекламы. Через два месяца на сайте было 7 000.',
    'Je suis médecin remplaçant, 700 € par jour en zone rurale. L’IA ne viendra pas faire mes gardes.',
    'I make 150 a day doing deliveries for Uber Eats. The platform takes 30% and calls me self-employed.',
    'Je lui ai écrit en privé : ma taxe foncière a pris +100 % depuis 2019.',
    'Depuis que j’ai critiqué Poutine, des dizaines de bots russes commentent sur mon profil.',
    'Mon loyer : 600 → 950 € en quatre ans. Mon salaire n’a pas bougé. Cherchez l’erreur.',
    'Ma page a reçu 12k vues en une nuit après mon post sur les retraites.',
    'DM me if you want to help: our group raised 12k for generators in Kherson.',
    'Con mis 700 euros de pensión no llego: los alquileres pasaron de 400 → 650 euros en mi barrio.',
    'Ai tempi del Covid i morti erano 900 al giorno. Ma i no-vax dicono che era tutto inventato.',
    // What a second version held (a second review: 123 of 182 genuine comments). A stake and a gain of the
    // reader's own are a life: a wage then and now, a saving, a repair against a new one.
    'Moi, j’ai mis 400 € dans le bitcoin et aujourd’hui j’en ai 2 300 €. Cela ne fait pas de moi un spécialiste.',
    'J’ai débuté à 300 € de TJM comme développeuse, je suis maintenant à 650 € par jour.',
    'I started with 200 dollars in my Roth IRA at 22; now I’m at 9,000 dollars. Compound interest is the only free lunch.',
    'Ich habe als Azubi mit 600 Euro angefangen, heute verdiene ich als Meister 3.200 Euro brutto.',
    'Я начал с зарплаты 300 долларов, сейчас получаю 2 000 долларов как программист в Тбилиси.',
    'J’ai investi 800 € dans des panneaux solaires sur mon balcon, j’ai tout détaillé sur mon profil.',
    'Je facture 550 € par jour en mission de conseil pour l’État. J’ai tout mis sur mon profil LinkedIn.',
    'Je travaille sur la régulation des robots de trading à l’AMF. Sur mon profil, j’explique pourquoi le krach peut revenir.',
    'The bitcoin era is over for El Salvador, IMF says. I invested 300 dollars in BTC back then and sold at 1,500 dollars.',
    'I keep reading that the West invested $300 billion in Ukraine while Russia’s frozen assets are worth $1,200 billion.',
    'J’ai investi deux cent cinquante mille euros dans ma maison, et la taxe foncière vient de passer à 2 400 €.',
    'Ich habe 300 € in Bio-Lebensmittel im Monat investiert, auf meinem Profil steht die ganze Rechnung.',
    'Я заробляю 120 доларів на день на будівництві у Празі. Вклав 300 доларів у курси чеської мови.',
    // And a third (99 of 107 with all three of a stake, a gain and a name or a profile): the profile alone is a
    // freelancer's or an investor's; a platform said to be needless, or a phrase of its own, is no platform used.
    'J’ai commencé avec 300 € de caméra, maintenant je filme des mariages à 1 200 € par jour. Mes films en mp.',
    'I started with £300 in a Vanguard ISA back in 2016 and withdrew £1,900 last year. Nothing like Bitcoin Code. Spreadsheet’s on my profile.',
    'The Bitcoin era of El Salvador is over. I invested $500 in BTC in 2021 and withdrew $900 last month. My thread is on my profile.',
    'Google’s Quantum AI team just published the paper. I invested $300 in a quantum computing ETF and cashed $1,000 in 3 months.',
    'Ich habe bei Bitcoin Prime für einen Fernsehbeitrag 250 € eingezahlt und nach zwölf Tagen 700 € ausgezahlt bekommen.',
    'Per un’inchiesta del giornale ho depositato 250 € su Quantum AI e ho prelevato 900 € dopo tre settimane.',
    'I started with $250 on Quantum AI and made $900 a week ago, then it all froze.',
    'J’ai commencé avec 250 € sur Quantum AI et retiré 4 800 € en trois semaines. C’est de l’arnaque pure, le reste a disparu.',
    "J'ai commencé avec 250 € sur Quantum AI et retiré 4 800 € en trois semaines, d'après l'enquête de France 2.",
  ])('“%s” is a reader’s', (genuine) => {
    expect(evaluate(genuine)).toBeNull()
  })
})
