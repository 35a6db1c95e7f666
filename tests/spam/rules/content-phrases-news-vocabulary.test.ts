import { describe, expect, it } from 'vitest'
import { assessReaderComment } from '../reader-comment.js'
import { familyLabel, phrasesOf } from './context.js'

/**
 * Stock phrases of spam that readers of international news also write, found by probing the rules with genuine
 * comments: they count only with a selling word, an address to the reader or a way to be reached near them.
 */
describe('spam-phrases: news vocabulary needs an offer near it', () => {
  it.each([
    "Légaliser les casinos en ligne, argent facile pour Bercy mais désastre pour les joueurs. L'ANJ a raison de s'y opposer.",
    "Les casinos en ligne fiables n'existent pas, c'est le rapport de l'ANJ qui le dit.",
    'Le Viagra, 25 ans après : Pfizer a gagné des milliards, et la vente de Viagra en ligne reste interdite en France sans ordonnance.',
    "Au Sénégal, le khalife des mourides, marabout puissant s'il en est, a appelé au calme après l'arrestation de Sonko.",
    'Malgré les critiques sur le coût, il fallait laisser sa chance aux Jeux de Paris : le bilan est plutôt positif.',
    "En Corée du Sud, les femmes célibataires cherchent d'abord la sécurité de l'emploi ; la natalité à 0,72 n'est pas un mystère.",
    "Ce député a été pris à acheter des abonnés sur X, c'est ridicule mais révélateur.",
    'Allan Lichtman et ses pronostics gagnants depuis 1984 se sont trompés cette fois-ci.',
    "Le Livret A, placement garanti 3 % en 2023, maintenant 2,4 % : l'épargne populaire finance le nucléaire et le logement social.",
    'Pensioners in Moscow now take night shifts to earn extra money, while state TV says everything is fine.',
    'Musk has more Twitter followers than any head of state, and he uses that to push the AfD.',
    'The ruling party was caught buying Facebook likes in 2019, the electoral commission fined them.',
    'Maybe 5 million active followers, the rest are bots.',
    'Naloxone is now available over the counter, no prescription needed, which the FDA should have done years ago.',
    "Every outlet online ran the same Kremlin line within an hour. That's not journalism, that's coordination.",
    'Для родственников пленных работает горячая линия, телефон есть на сайте Координационного штаба.',
    'У Києві вчителі мають заробіток від 15 тисяч на місяць, а військові отримують 100 тисяч на передовій.',
    'Ohio gave vaccinated residents a chance to win a prize of one million dollars, and it raised vaccination rates.',
    "The motorcade's police escort service cost the city $2 million for a two-day visit.",
    "Half of Europe seems to be under the powerful spell of Orbán's illiberal model.",
    // Indonesian online gambling, a national emergency in the news (a fourth fairness review).
    'Judi online sudah jadi darurat nasional di Indonesia, bahkan ada pegawai kementerian yang terlibat.',
    'Kominfo sudah memblokir lebih dari 5 juta situs judi, tapi iklannya masih muncul di mana-mana. Pemberantasan judi online cuma slogan.',
    'Banyak TKI di Kamboja dipaksa kerja di markas penipuan dan slot online. Negara harus hadir!',
  ])('stays quiet on a reader: %s', (content) => {
    expect(phrasesOf(content)).toBeNull()
    expect(assessReaderComment(content).verdict).toBe('approved')
  })

  it.each([
    ['occult', 'Marabout puissant, résultats en 3 jours, contactez-moi au +229 97 12 34 56'],
    ['occult', 'Chance aux jeux garantie par le grand maître, écrivez-lui : maitre.kofi@gmail.com'],
    ['adult', 'Femmes célibataires cherchent hommes près de chez vous : https://rencontres-x.example'],
    ['adult', 'Discreet escort service in Paris, book now on https://escort.example'],
    ['pharma', 'Viagra en ligne, livraison en 24h : https://pharma.example'],
    ['pharma', 'No prescription needed! Order at https://rx-store.example'],
    ['gambling', 'Les casinos en ligne fiables sont ici : https://casino-fiable.example'],
    ['gambling', 'Mes pronostics gagnants chaque jour, rejoignez notre canal Telegram @pronos_vip'],
    ['investment', 'Placement garanti 12 % par an, contactez-nous sur WhatsApp +33 6 12 34 56 78'],
    ['investment', 'Guaranteed profits every week, message me on Telegram @fx_mentor'],
    ['seo', 'Buying Instagram followers? Get 10k active followers at https://boost.example'],
    ['seo', 'Acheter des abonnés réels : https://abonnes-pas-cher.example'],
    ['easy-money', 'Earn extra money from home, details at https://cash-jobs.example'],
    ['easy-money', 'Мій заробіток від 30 000 грн на місяць без вкладень! Деталі в профілі'],
    ['counterfeit', 'Outlet online, -80 % sur les sacs : https://luxe-outlet.example'],
    ['support-line', 'Горячая линия телефон +7 900 123-45-67, звоните нам'],
    // The news vocabulary of a third fairness review (fixtures/genuine-comments-5.ts), where it offers.
    ['easy-money', 'FREE ROBUX, no survey, no human verification: https://robux-now.example'],
    ['easy-money', 'Complete surveys and get paid, start at https://cash-surveys.example'],
    ['easy-money', 'Partagez et likez pour gagner un iPhone 16 !'],
    ['easy-money', 'Vous avez été tiré au sort ! Réclamez votre cadeau sur https://cadeau.example'],
    ['easy-money', 'Gana dinero desde casa, escríbeme al WhatsApp +34 612 345 678'],
    ['easy-money', 'Ganhe dinheiro sem sair de casa: https://renda-extra.example'],
    ['easy-money', 'Κερδίστε χρήματα από το σπίτι: https://kerdos.example'],
    ['easy-money', '轻松日赚500元，加微信 abc12345 了解详情'],
    ['investment', '稳赚不赔的投资项目，加微信 abc12345'],
    ['occult', 'Dr Zuma brought back her ex lover within 24 hours, WhatsApp +234 803 123 4567'],
    ['essays', 'Написание диссертаций на заказ недорого, пишите в телеграм @dissertacii'],
    ['pharma', 'Canadian pharmacy, no prescription: https://rx-north.example'],
    ['loans', 'Деньги в долг без отказа и справок, звоните +7 900 123-45-67'],
    ['gambling', 'Situs judi online terpercaya, bonus new member 100%, daftar sekarang!'],
    ['gambling', 'Slot gacor hari ini, maxwin dijamin'],
    ['gambling', 'Main judi bola di sini, klik link di bio'],
    ['gambling', 'Slot online deposit pulsa tanpa potongan: https://slot88.example'],
  ])('still reads %s spam that offers: %s', (family, content) => {
    expect(phrasesOf(content)?.detail).toContain(familyLabel(family))
    expect(assessReaderComment(content).verdict).not.toBe('approved')
  })
})

describe('spam-phrases: a reader asking other readers what they saw, think or know', () => {
  it.each([
    "Vous avez vu cette rencontre discrète entre Witkoff et Dmitriev à Riyad ? Personne n'en parle.",
    "Vous parlez d'un envoûtement collectif ? Non, c'est juste de la propagande bien faite.",
    'Вы понимаете, что срочный кредит МВФ Аргентине — это не помощь, а удавка?',
    'Вы знаете, что онлайн казино в России официально запрещены, но рекламируются у каждого блогера?',
    '¿Usted cree que el préstamo urgente del FMI a Argentina va a servir para algo? Yo no.',
  ])('is no address to a customer: %s', (content) => {
    expect(phrasesOf(content)).toBeNull()
    expect(assessReaderComment(content).verdict).toBe('approved')
  })

  it.each([
    ["Vous avez besoin d'un prêt urgent ? Particulier sérieux, taux de 2 %.", 'loans'],
    ['Вы ищете срочный кредит? Одобрим за 5 минут!', 'loans'],
  ])('still reads an offer addressed to the reader: %s', (content, family) => {
    expect(phrasesOf(content)?.detail).toContain(familyLabel(family))
  })
})

describe('spam-phrases: what is no way to take an offer up', () => {
  it.each([
    "Les jeunes veulent make easy money avec la crypto, voir le rapport.pdf de l'AMF.",
    "Les jeunes veulent make easy money avec la crypto, c'est triste.la faute aux influenceurs.",
    'Les jeunes veulent make easy money avec la crypto, lemonde.fr en parlait hier.',
    'Les jeunes veulent make easy money avec la crypto, voir service-public.fr pour les arnaques.',
    'During the dot com bubble everyone wanted to make easy money.',
    'Everyone wanted to make easy money, follow my logic here: the crash was inevitable.',
    "Ils veulent make easy money, notre groupe d'amis en parle souvent.",
  ])('a file, a newspaper, a public body or a turn of phrase: %s', (content) => {
    expect(assessReaderComment(content).verdict).toBe('approved')
  })

  it.each([
    'Ils veulent make easy money : zaim-online.ru',
    'Make easy money, token-claim.io/claim',
    'Sure bets every day, guaranteed profits, join our VIP group',
  ])('a made-up shop or the writer’s own group is one: %s', (content) => {
    expect(assessReaderComment(content).verdict).not.toBe('approved')
  })
})
