import { describe, expect, it } from 'vitest'
import { spamPhrases } from '../../../src/spam/rules/content/spam-phrases.js'
import { assessReaderComment } from '../reader-comment.js'
import { contextOf, familyLabel } from './context.js'

/**
 * The fairness audit's collisions of stock spam phrases with political news: the same words are an offer only
 * with a selling or contact cue near them (the reader addressed, an offer, an imperative, a price, a way to be
 * reached), or once tightened ("pas cher", not "pas"). A reader who says "your" to the newspaper ("your
 * article", "votre journaliste", "vos lecteurs") addresses no customer: that is no cue. Any other "you" still is.
 */
const evaluate = (content: string) => spamPhrases.evaluate(contextOf(content))
/** The news sentence matches no phrase; the spam, written with the same words, one of `family`. */
const newsNotSpam = (family: string, news: string, spam: string) => {
  expect(evaluate(news)).toBeNull()
  expect(evaluate(spam)?.detail).toContain(familyLabel(family))
}

describe('spam-phrases: news that uses the words of a spam trade', () => {
  it.each([
    'Il y a eu une rencontre discrète entre émissaires américains et iraniens à Oman en mai, selon Axios.',
    "L'Ukraine a besoin d'argent urgemment, les 50 milliards promis tardent à arriver.",
    'La Libye cherche toujours à récupérer ses fonds gelés depuis 2011.',
    'La récupération de fonds détournés par Ben Ali a pris plus de dix ans.',
    'Le FMI a accordé un prêt urgent à l’Argentine en avril 2025.',
    'Les pronostics fiables des sondeurs ont encore échoué aux États-Unis.',
    'Louis Vuitton pas touché par les droits de douane de Trump ? Bernard Arnault a bien négocié.',
    'Voter Jordan ? Pas question.',
    'La loi anti fast fashion vise Shein : livraison gratuite et prix cassés, au détriment de nos commerces.',
    'Lockheed Martin gets guaranteed profits from the F-35 program regardless of performance.',
    'Congress approved $8 billion in guaranteed loans to Ukraine, not grants.',
    'Everyone called Clinton one of the sure bets of 2016. Look what happened.',
    'Oligarchs make easy money from sanctions loopholes, as always.',
    "The UK's Assets Recovery Agency was shut down in 2008 for recovering almost nothing.",
    "We opened a new back channel with Tehran in 2013, that's how the JCPOA started.",
    'Надо вернуть украденные деньги в бюджет, а не строить дворцы.',
    'Возврат украденных средств — главная тема для любой новой власти.',
    'Китай хочет удвоить свои инвестиции в Центральной Азии к 2030 году.',
    'МВФ выдал Египту срочный кредит на 8 миллиардов долларов.',
    'Депутат смог купить диплом, и никто не сел.',
    'El FMI otorgó un préstamo urgente a Argentina en abril.',
    'O FMI concedeu um empréstimo urgente a Moçambique.',
    'Los políticos solo quieren ganar dinero fácil con la guerra.',
    'Lucro garantido para a indústria de armas, como sempre.',
    // The same news, told to the newspaper: its article, its journalists, its readers.
    'Your article on the guaranteed loans to Ukraine forgets the sanctions vote.',
    'Your reporting on the guaranteed profits of Lockheed Martin is spot on.',
    'Your journalist says oligarchs make easy money from sanctions loopholes, but gives no source.',
    'Did your correspondent ask about the urgent loans the IMF gave Egypt and not Tunisia?',
    'Your Seoul correspondent says guaranteed loans went to Samsung, not to small firms.',
    'As your readers know, the sure bets of 2016 all lost.',
    'Your latest article says Lockheed gets guaranteed profits, your editor should check the contract.',
    "Votre article sur le prêt urgent du FMI à l'Argentine oublie le vote du Congrès.",
    'Votre journaliste oublie la rencontre discrète entre émissaires américains et iraniens à Oman.',
    "Vos lecteurs savent que ce prêt urgent du FMI à l'Argentine n'a rien réglé.",
    'Votre correspondant parle de prêts urgents à Kyiv, mais ce sont des dons.',
    'Ваша статья про срочный кредит МВФ Египту неточна.',
    'Ваш корреспондент пишет про срочный кредит Египту, но это транш.',
    // The paper named as readers name it: by what it is, praised or dated, possessed.
    'Your paper says Congress approved guaranteed loans to Boeing, which is simply false.',
    "Your paper's coverage of the guaranteed loans to Kyiv leaves out the conditions.",
    'Your latest piece on the guaranteed loans to Egypt is the best I have read.',
    'Your excellent reporting on guaranteed loans to Ukraine deserves a prize.',
    "Your article's claim about guaranteed loans to Poland needs a source.",
    "Votre dernière enquête sur le prêt urgent du FMI à l'Argentine est remarquable.",
    'Ваша уважаемая газета пишет про срочный кредит МВФ Египту.',
  ])('%s', (content) => {
    expect(evaluate(content)).toBeNull()
  })
})

describe('spam-phrases: the same words written as spam still count', () => {
  it.each([
    ['adult', 'Rencontres discrètes près de chez vous, inscrivez-vous gratuitement'],
    ['loans', "Besoin d'argent urgent ? Contactez-moi : pret.rapide@gmail.com"],
    ['loans', 'Prêt urgent pour vous en 24h, écrivez-moi'],
    ['loans', 'Do you need guaranteed loans? Apply today at 2%'],
    ['loans', 'Срочный кредит для вас за 1 час, звоните: +7 912 345 67 89'],
    ['loans', 'Préstamo urgente para usted, escríbeme por WhatsApp'],
    ['loans', 'Empréstimo urgente para você, fale comigo no WhatsApp'],
    ['investment', 'Récupération de fonds perdus : contactez notre expert sur WhatsApp +33 6 12 34 56 78'],
    ['investment', 'Guaranteed profits every week, contact Mr. Adams on WhatsApp +1 404 555 0199'],
    ['investment', 'The Assets Recovery Agency got my funds back, write to recovery.desk@mail.com'],
    ['investment', 'Помогу вернуть украденные деньги, пишите в телеграм'],
    ['investment', 'Возврат украденных средств: обращайтесь к нашим специалистам'],
    ['investment', 'Хотите удвоить свои инвестиции за неделю? Пишите мне'],
    ['investment', 'Я смог вернуть украденные средства благодаря этому специалисту'],
    ['investment', 'Lucro garantido! Fale comigo no WhatsApp'],
    ['gambling', 'Pronostics fiables tous les jours, rejoignez notre canal Telegram'],
    ['gambling', 'Sure bets every day, DM me for the VIP list'],
    ['counterfeit', 'Louis Vuitton pas cher, commandez ici'],
    ['counterfeit', 'Livraison gratuite et rapide partout en France, commandez maintenant'],
    ['essays', 'Купить диплом недорого, доставка по всей России'],
    ['easy-money', 'Make easy money from home, click the link in my profile'],
    ['easy-money', 'Ganar dinero fácil desde casa, escríbeme'],
    ['self-promotion', 'We opened a new channel, subscribe for daily videos'],
    // Addressed to a customer, whatever the comment says of the article first.
    ['loans', 'Guaranteed loans for your business, no paperwork.'],
    ['loans', 'Great article! Do you need guaranteed loans? We can help.'],
    ['loans', 'Your article is great. Urgent loans for your family in 24 hours.'],
    ['loans', 'Très bon article. Vous avez besoin d’argent urgent ? Prêt urgent accordé à tous.'],
    ['loans', 'Prêt urgent pour vous en 24h, votre dossier traité le jour même.'],
    ['loans', 'Срочный кредит для вас, ваш паспорт и всё.'],
    ['investment', 'Guaranteed profits on your savings, every single week.'],
    ['investment', 'Your readers deserve to know: guaranteed profits for you, message me.'],
    ['adult', 'Votre article est top ! Rencontres discrètes près de chez vous.'],
    ['easy-money', 'Make easy money with your phone, no experience needed.'],
    // Words of the newspaper's trade, but of the reader's own business.
    ['investment', 'Guaranteed profits on your portfolio analysis every week.'],
    ['loans', 'Guaranteed loans whatever your credit reporting says.'],
    ['loans', 'Urgent loans: your paper work done in 24 hours.'],
  ])('%s: %s', (family, content) => {
    expect(evaluate(content)?.detail).toContain(familyLabel(family))
  })
})

describe('spam-phrases: two trades named by a comment that gives no way to take an offer up count as one', () => {
  it('says so', () => {
    const found = evaluate(
      'Les pronostics 100 % gagnants et le Viagra sans ordonnance : voilà ce qui pourrit les réseaux sociaux.',
    )
    expect(found?.factor).toBe(1)
    expect(found?.detail).toContain('gives no link or contact, so they count as one')
  })

  it.each([
    'Zelensky has more Instagram followers than Macron, and half the accounts here get paid for posting.',
    'Trump still casts a powerful spell on his base, and half the accounts here get paid for posting.',
    'Au Sahel, le tramadol sans ordonnance circule, et les femmes célibataires cherchent à fuir les mariages forcés.',
    // A selling word alone is no way to take an offer up: readers write them too.
    'Ce qui pourrit les réseaux : les pronostics gagnants des influenceurs et les vendeurs de Viagra en ligne. Achetez un journal papier, au moins.',
    'Achetez des followers réels, le streaming gratuit est inclus.',
  ])('at most one trade counts: %s', (content) => {
    expect(evaluate(content)?.factor ?? 0).toBeLessThanOrEqual(1)
    expect(assessReaderComment(content).verdict).not.toBe('spam')
  })
})

describe('spam-phrases: two trades with a link, a contact or an invitation to a group count as two', () => {
  it.each([
    "Puissant marabout, retour affectif garanti. Besoin d'un financement urgent ? WhatsApp +229 97 12 34 56",
    'I recovered my stolen bitcoin thanks to Mr. Adams, he also gives instant loans: adams.desk@mail.com',
    'Followers réels et streaming gratuit sur https://boost-fans.top',
    'Sure bets every day, guaranteed profits, join our VIP group',
  ])('%s', (content) => {
    expect(evaluate(content)?.factor).toBe(2)
  })

  it('so a marabout offering loans on WhatsApp is still marked spam', () => {
    const offer =
      "Grand marabout, retour de l'être aimé. Besoin d'un financement urgent ? WhatsApp +229 97 12 34 56"
    expect(assessReaderComment(offer).verdict).toBe('spam')
  })
})

describe('spam-phrases: list entries narrowed to the spam they were written for', () => {
  it.each([
    // "trabalho de" was written for "trabalho de amarração".
    [
      'occult',
      'O trabalho de Lula na política externa é muito criticado em Brasília.',
      'Faço trabalho de amarração, resultado em 7 dias.',
    ],
    // "follow 4 follow", not "like-for-like".
    [
      'self-promotion',
      "On a like-for-like basis, France's deficit is still higher than Italy's.",
      'like 4 like, everyone!',
    ],
    // "outlet online", not "the news outlet USA Today".
    [
      'counterfeit',
      'The news outlet USA Today ran the same story a day later.',
      'Michael Kors outlet online, 70% off today',
    ],
  ])('%s: “%s” is news, “%s” is spam', newsNotSpam)

  it('reads "recover their stolen funds" as an offer only with a selling or contact cue', () => {
    expect(
      evaluate('The Nigerian government is still trying to recover their stolen funds from Swiss banks.'),
    ).toBeNull()
    expect(
      evaluate('He helps victims recover their stolen bitcoin, WhatsApp +1 404 555 0199')?.detail,
    ).toContain(familyLabel('investment'))
    expect(evaluate('This hacker helped me recover my stolen bitcoin in two days.')?.detail).toContain(
      familyLabel('investment'),
    )
  })
})

describe('spam-phrases: phrases that are also news vocabulary count only with a selling or contact cue', () => {
  it.each([
    [
      'occult',
      'Le président Macky Sall a rendu visite au puissant marabout de Touba avant le scrutin.',
      'Puissant marabout, je règle vos problèmes, appelez le +229 97 12 34 56',
    ],
    [
      'occult',
      "Au Sénégal, aucun candidat ne gagne sans la bénédiction d'un grand marabout.",
      'Grand marabout pour vous, résultats en 3 jours',
    ],
    [
      'occult',
      'Cet envoûtement collectif autour de Trump reste un mystère pour les Européens.',
      'Envoûtement amoureux rapide, écrivez-moi : maitre.kofi@gmail.com',
    ],
    [
      'occult',
      'En Haïti, le rituel vaudou du Bois-Caïman est au cœur du récit national.',
      'Rituel vaudou puissant pour vous, résultat en 3 jours',
    ],
    [
      'loans',
      "Kiev a besoin d'un financement urgent : les 50 milliards promis par l'UE tardent à arriver.",
      "Besoin d'un financement urgent ? Contactez-moi par WhatsApp",
    ],
    [
      'loans',
      "La Chine n'est pas un prêteur fiable pour l'Afrique, demandez à la Zambie.",
      'Prêteur fiable, je vous aide en 48h',
    ],
    [
      'loans',
      'Китай даёт деньги в долг под залог портов, это долговая ловушка.',
      'Деньги в долг под залог ПТС, звоните +7 912 345 67 89',
    ],
    [
      'loans',
      'МВФ выдал Египту срочный кредит на 8 миллиардов долларов.',
      'Срочный кредит за час, пиши в личку',
    ],
    [
      'seo',
      "Sur ses 200 millions d'abonnés, combien de followers réels ? Musk achète de la visibilité.",
      'Followers réels pour votre compte, commandez ici',
    ],
    [
      'streaming',
      "Le documentaire d'Arte sur Navalny est en streaming gratuit jusqu'au 15 mars.",
      'Tous les films en streaming gratuit, cliquez ici',
    ],
    [
      'streaming',
      'Le rapport de la Cour des comptes est consultable gratuitement et sans inscription.',
      'Tous les matchs gratuitement et sans inscription, visitez notre site',
    ],
    [
      'gambling',
      'Les pronostics sûrs des instituts de sondage se sont encore effondrés.',
      'Pronostics sûrs chaque jour, rejoignez notre canal Telegram',
    ],
    [
      'pharma',
      'Purdue Pharma flooded Appalachia with oxycodone pills for twenty years.',
      'Oxycodone pills shipped discreetly, DM me',
    ],
    [
      'support-line',
      'The embassy set up a toll-free number for families of hostages.',
      'Toll-free number for your bank: call now +1 888 555 0199',
    ],
    [
      'investment',
      'The plan, with an initial investment of €2 billion, was announced by von der Leyen.',
      'With an initial investment of $500 you earn $5,000 a week',
    ],
    [
      'easy-money',
      "Gagner de l'argent facilement avec la guerre, c'est le modèle économique de Wagner en Centrafrique.",
      "Gagner de l'argent facilement depuis chez vous, écrivez-moi",
    ],
    [
      'easy-money',
      "Les oligarques ont su gagner de l'argent facilement grâce aux privatisations des années 90.",
      "Je vous apprends à gagner de l'argent rapidement, contactez-moi sur WhatsApp",
    ],
    [
      'gambling',
      'Онлайн казино запрещены в России с 2006 года, но реклама везде.',
      'Лучшее онлайн казино, заходите!',
    ],
    [
      'gambling',
      'O cassino online foi legalizado no Brasil em 2024, um erro.',
      'Cassino online com bônus, acesse agora',
    ],
    [
      'gambling',
      'Los casinos en línea son ilegales en Argentina salvo en algunas provincias.',
      'Casino online con bono del 200 %, regístrate en https://casino-ganador.es',
    ],
  ])('%s: “%s” is news, “%s” is spam', newsNotSpam)

  it('reads "abonnez-vous et" as promotion only when a like or a share follows', () => {
    expect(evaluate("Abonnez-vous et soutenez le journalisme indépendant, c'est 5 € par mois.")).toBeNull()
    expect(evaluate('Abonnez-vous et likez la vidéo !')?.detail).toContain(familyLabel('self-promotion'))
  })
})
