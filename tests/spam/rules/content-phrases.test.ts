import { describe, expect, it } from 'vitest'
import { analyseText } from '../../../src/spam/analysis.js'
import { defaultPolicy } from '../../../src/spam/policy.js'
import { compilePhrases, findPhrases, fold, indexPhrases } from '../../../src/spam/rules/content/phrases.js'
import { phraseFamilies } from '../../../src/spam/rules/content/spam-phrases/index.js'
import { spamPhrases } from '../../../src/spam/rules/content/spam-phrases.js'
import { noFacts, type RuleContext } from '../../../src/spam/rules/types.js'

const contextOf = (
  content: string,
  { title = null as string | null, name = 'Camille' } = {},
): RuleContext => ({
  input: {
    content,
    author: { name, email: null, url: null },
    honeypot: null,
    article: { title, url: null, language: null },
    userAgent: null,
    referrer: null,
  },
  text: analyseText(content),
  name: analyseText(name),
  facts: noFacts,
  policy: defaultPolicy,
})
const evaluate = (content: string, options?: { title?: string | null }) =>
  spamPhrases.evaluate(contextOf(content, options))

/** The phrases of `list` that a text contains, as the rule reads it (words of the skeleton, folded). */
function phrasesIn(list: string[], text: string): string[] {
  const index = indexPhrases(compilePhrases(list).map((phrase) => ({ phrase, tag: phrase.source })))
  const words = analyseText(text).words
  return findPhrases(index, words.map(fold), words).map(({ match }) => match.text)
}

describe('the phrase matcher', () => {
  it('matches whole words in order, and nothing inside longer words', () => {
    expect(phrasesIn(['free spins'], 'Get your FREE SPINS now')).toEqual(['free spins'])
    expect(phrasesIn(['free spins'], 'spins free')).toEqual([])
    expect(phrasesIn(['casino bonus'], 'casinobonus, casino-bonuses')).toEqual([])
  })

  it('reads `a|b` as alternatives and `?` as an optional word', () => {
    const list = ['check out? my new? channel|video']
    expect(phrasesIn(list, 'check my channel')).toEqual(['check my channel'])
    expect(phrasesIn(list, 'Check out my new video!')).toEqual(['check out my new video'])
    expect(phrasesIn(list, 'check out my old video')).toEqual([])
  })

  it('reads `#` as one or more numbers and `*` as any one word', () => {
    expect(phrasesIn(['i turned # into'], 'I turned $2,000 into $38,000')).toEqual(['i turned 2 000 into'])
    expect(phrasesIn(['watch * online free'], 'watch avatar online free')).toEqual([
      'watch avatar online free',
    ])
    expect(phrasesIn(['watch * online free'], 'watch online free')).toEqual([])
  })

  it('reads `word*` as a prefix', () => {
    expect(phrasesIn(['please subscri*'], 'please subscribeee')).toEqual(['please subscribeee'])
  })

  it('ignores accents, case and the typographic apostrophe on both sides', () => {
    expect(phrasesIn(['prêt rapide'], 'PRET RAPIDE')).toEqual(['pret rapide'])
    expect(phrasesIn(['pret rapide'], 'un prêt rapide')).toEqual(['prêt rapide'])
    expect(phrasesIn(["retour de l'être aimé"], 'retour de l’etre aime')).toEqual(['retour de l’etre aime'])
    expect(phrasesIn(['бездепозитный бонус'], 'БЕЗДЕПОЗИТНЫЙ БОНУС')).toEqual(['бездепозитный бонус'])
  })

  it('matches disguised spellings, since it reads the skeleton', () => {
    // Cyrillic а and о in "саsinо", small capitals in "ʙᴏɴᴜs".
    expect(phrasesIn(['casino bonus'], 'саsinо ʙᴏɴᴜs')).toEqual(['casino bonus'])
  })

  it('reports each phrase once, however often the text repeats it', () => {
    expect(phrasesIn(['free spins'], 'free spins, free spins, free spins')).toEqual(['free spins'])
  })

  it.each([
    ['a phrase starting with an optional word', 'my? channel'],
    ['a phrase starting with a number', '# euros'],
    ['a phrase starting with a wildcard', '* casino'],
    ['a word that is not one (a currency sign)', 'gagnez # €'],
    ['a prefix of fewer than 3 letters', 'fr* spins'],
    ['a hyphenated word (the text has two words there)', 'abonnez-vous'],
  ])('refuses %s when the list is compiled', (_, phrase) => {
    expect(() => compilePhrases([phrase])).toThrow(/Phrase/)
  })
})

describe('the phrase lists', () => {
  it('compile, family by family, with unique ids and a label that completes “the stock phrases of …”', () => {
    const ids = phraseFamilies.map((family) => family.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const family of phraseFamilies) {
      expect(() => compilePhrases(family.phrases)).not.toThrow()
      expect(family.phrases.length).toBeGreaterThan(0)
      expect(family.label).toMatch(/^(a|an) |^channel/)
    }
  })

  it('cover French and English in every family, and Russian in most', () => {
    const cyrillic = /\p{Script=Cyrillic}/u
    // Phrases are written without accents (they are compared folded): French shows in its little words.
    const french =
      /(?:^|[ |])(?:le|la|les|de|des|du|votre|vos|sans|pas|ma|mon|et|en|au|sur|pour|gratuit|coquines)(?:[ |?]|$)/
    for (const family of phraseFamilies) {
      expect(family.phrases.some((phrase) => /^[a-z0-9 |?#*'-]+$/.test(phrase))).toBe(true)
      expect(
        family.phrases.some((phrase) => french.test(phrase)),
        `${family.id} has French`,
      ).toBe(true)
    }
    expect(
      phraseFamilies.filter((family) => family.phrases.some((p) => cyrillic.test(p))).length,
    ).toBeGreaterThanOrEqual(10)
  })
})

describe('spam-phrases', () => {
  it('weighs 3 points per family on the 5-point scale (it never hit ham in training)', () => {
    expect(spamPhrases.id).toBe('spam-phrases')
    expect(spamPhrases.weight).toBe(3)
  })

  describe('fires on the stock phrases of each spam trade, in French, English and Russian', () => {
    it.each([
      ['investment', 'Have you been scammed by fake brokers? This hacker helped me recover my lost bitcoin.'],
      ['investment', 'I turned $2,000 into $38,000 in 3 weeks with the help of expert trader Mrs. Evelyn.'],
      ['investment', 'FREE AIRDROP: claim your 5000 $PEPE tokens now, just connect your wallet'],
      ['investment', 'Préparez votre retraite avec nos placements garantis 12% par an !'],
      ['investment', 'Я смог вернуть украденные средства благодаря этому специалисту'],
      ['loans', "Besoin d'un prêt rapide ? Particulier accorde prêt de 2000€ à 300000€."],
      ['loans', 'Do you need an urgent loan? We offer loans at 2% to everyone, contact a legit loan lender.'],
      ['loans', 'Быстрый займ без отказа, без справок'],
      ['gambling', 'Pronostics 100% gagnants sur la Ligue 1, paris sportifs VIP'],
      ['gambling', 'Best online casino bonus and 50 free spins, no deposit bonus!'],
      ['gambling', 'Казино Вулкан — бонус 200% на первый депозит!'],
      ['pharma', 'Generic Viagra 100mg, Cialis 20mg, no prescription needed'],
      ['pharma', 'Acheter viagra sans ordonnance, livraison discrète'],
      ['pharma', 'Купить виагру без рецепта'],
      ['adult', 'Hello, I am single woman looking for a serious relationship, write me to my email'],
      ['adult', 'Rencontres coquines et plan cul près de chez vous'],
      ['adult', 'Секс знакомства и интим услуги'],
      ['seo', 'We sell high quality backlinks and guest post services to rank your website on google'],
      ['seo', 'Buy TikTok followers, likes and views, 100% real'],
      ['seo', 'Agence de référencement : première page de Google garantie'],
      ['seo', 'Продвижение сайтов в топ, вечные ссылки'],
      ['essays', 'Students looking for cheap essay writing help can visit our site'],
      ['essays', 'Rédaction de votre mémoire clé en main'],
      ['essays', 'Курсовые на заказ недорого'],
      ['support-line', 'Call the Binance customer support number 24/7'],
      ['support-line', 'Numéro du service client gratuit 24h'],
      ['self-promotion', 'Hey guys check out my new channel and please subscribe!'],
      ['self-promotion', 'Check out this video on YouTube: so cool'],
      ['self-promotion', 'Abonnez-vous à ma chaîne, un petit like svp merci'],
      ['self-promotion', 'Подписывайтесь на мой канал!'],
      ['self-promotion', 'Hey guys check me out, I put a lot of effort into my music'],
      ['self-promotion', 'Please check out my acoustic cover channel :) thanks'],
      ['self-promotion', 'Take a look at this video on YouTube:'],
      ['self-promotion', 'If I get 300 subscribers by tomorrow I will do an epic video!'],
      ['self-promotion', 'plz subscribe me frndz, I will subscribe u back'],
      ['self-promotion', "Hey! I'm a 16 year old rapper from Texas, search my name"],
      ['self-promotion', 'I am a new youtuber and I upload videos every day, subscribe please'],
      ['self-promotion', 'Like this comment for no reason'],
      ['self-promotion', 'Share and like this page to win a signed photo!'],
      ['self-promotion', "N'hésitez pas à vous abonner à ma chaîne, un petit pouce bleu svp"],
      ['self-promotion', 'Si j’atteins 1000 abonnés je fais un live, je vous invite à découvrir ma chaîne'],
      ['self-promotion', 'Je suis un jeune rappeur, écoutez mon nouveau clip'],
      ['easy-money', 'If interested in making extra money by internet use this link'],
      ['easy-money', 'Earn money by doing simple tasks, free stuff for watching videos and filling surveys'],
      ['easy-money', "Gagnez de l'argent depuis chez vous, tentez de gagner un iPhone"],
      ['easy-money', 'Je gagne 350€ par jour depuis chez moi. Envoyez « INFO » sur WhatsApp'],
      ['easy-money', 'FREE FIFA COINS GENERATOR NO SURVEY'],
      ['easy-money', 'Заработок в интернете без вложений'],
      ['easy-money', 'Заработок от 5000 в день, пиши в лс'],
      ['occult', 'Dr Zuma brought back my ex lover within 24 hours with love spells'],
      ['occult', "Grand marabout africain, retour de l'être aimé en 7 jours"],
      ['occult', 'Приворот и снятие порчи'],
      ['streaming', 'Voir le film complet en VF gratuitement et sans pub'],
      ['streaming', 'Watch full movie online free in HD'],
      ['streaming', 'Смотреть фильм онлайн бесплатно в хорошем качестве'],
      ['counterfeit', 'Ray-Ban pas cher, replica watches and Louis Vuitton outlet'],
      ['counterfeit', 'Реплики часов и брендовые сумки недорого'],
    ])('%s: %s', (familyId, content) => {
      const family = phraseFamilies.find((candidate) => candidate.id === familyId)
      const finding = evaluate(content)
      expect(finding?.detail).toContain(family?.label)
      expect(finding?.detail).toMatch(/^Uses the stock phrases of .+ \(“.+”\)\.$/)
    })

    it.each([
      ['Chinese', '兼职日结，日赚500元'],
      ['Japanese', 'チャンネル登録お願いします！'],
    ])('in scripts written without spaces too (%s)', (_, content) => {
      expect(evaluate(content)).not.toBeNull()
    })
  })

  it('quotes the words that matched, as the comment has them', () => {
    expect(evaluate('Get free spins today')?.detail).toBe(
      'Uses the stock phrases of a casino or betting promotion (“free spins”).',
    )
  })

  it('counts each family once, and two families twice: a factor capped at 2', () => {
    expect(evaluate('free spins, free spins, no deposit bonus')?.factor).toBe(1)
    const two = evaluate('Free spins! And subscribe to my channel')
    expect(two?.factor).toBe(2)
    expect(two?.detail).toMatch(/casino or betting promotion .* and channel or self-promotion/)
    const three = evaluate('Free spins! Check out my channel. Buy generic viagra 100mg.')
    expect(three?.factor).toBe(2)
  })

  it('counts a family for half when the article title uses the same phrase (an article about it)', () => {
    const title = 'Les casinos en ligne gratuits bientôt interdits ?'
    const finding = evaluate('Les casinos en ligne gratuits, une arnaque.', { title })
    expect(finding?.factor).toBe(0.5)
    expect(finding?.detail).toContain(
      "The article's title uses the same words as “casinos en ligne gratuits”",
    )
    // Another family in the same comment still counts in full.
    expect(evaluate('Les casinos en ligne gratuits ! Abonnez-vous à ma chaîne', { title })?.factor).toBe(1.5)
    // A title on another subject changes nothing.
    expect(evaluate('Les casinos en ligne gratuits !', { title: 'Réforme des retraites' })?.factor).toBe(1)
  })

  it('does not read the words of a cited link (the slug of an article about scams is no offer)', () => {
    expect(
      evaluate(
        'Lisez ceci : https://www.lemonde.fr/argent/article/2024/pret-entre-particuliers-attention-aux-arnaques',
      ),
    ).toBeNull()
  })

  describe('stays quiet on news comments about the same topics', () => {
    it.each([
      // Salaries, pensions and loans are what economy articles are about.
      'Je gagne 1500 € par mois après 30 ans de carrière, et on me demande de travailler plus.',
      'Je touche 1200 par mois sans les aides, comment voulez-vous vivre ?',
      'Mon offre de prêt est arrivée, le taux est à 4 %, c’est le crédit immobilier le plus cher depuis 2008.',
      'La banque m’a accordé un prêt à 3,5 % sur 20 ans, un prêt de 200 000 à 20 ans.',
      'Le livret A est un placement garanti, son rendement garanti de 3 % protège les épargnants.',
      'Le prêt entre amis n’est pas encadré, attention.',
      'I make 2000 a month as a nurse and rent takes half of it.',
      'Nobody can promise guaranteed returns, and there is no such thing as easy money.',
      // Crypto, casinos, drugs as news.
      'Le bitcoin a encore chuté de 10 %, les cryptomonnaies restent un casino.',
      'Le casino d’Enghien ferme ses portes, 300 emplois menacés.',
      'Le viagra a été découvert par hasard, en cherchant un traitement cardiaque.',
      'Les médicaments sans ordonnance devraient rester en pharmacie.',
      'Online gambling addiction is growing among young men, betting apps should be banned.',
      // Students, music, streaming, support lines.
      'Do your homework before commenting, the report says the opposite.',
      "I'm writing my thesis on this topic and the best paper is the 2019 one.",
      'The young singer was brilliant, her first album is a masterpiece.',
      'Je vais voir le film en salle samedi, la bande-annonce est superbe.',
      'Le streaming a tué la location de DVD, c’est un fait.',
      'Le service client de mon opérateur ne répond jamais.',
      'Please share this article, everyone should read it. Please check the facts.',
      'Give us a chance to vote on this, that is all we ask.',
      'Students looking for housing in Paris pay 900 euros for 15 m².',
      // Ordinary comments close to the self-promotion and easy-money phrases.
      'Check out this article from Le Monde, it says the opposite. Check my comment above.',
      'Take a look at this video of the minister, he contradicts himself.',
      'I like this comment for its honesty, and I like this comment section in general.',
      "I'd like my photo removed from the article, and I watch my local news channel every evening.",
      'I am a nurse and a singer in a choir, I have been a subscriber for 20 years, subscribers please note the new rules.',
      'If we get 100 more doctors in the region it will change everything.',
      'Landlords make money by doing nothing, students earning extra cash by delivering food are exploited.',
      'Je vous invite à lire le rapport, et je vous invite à vous abonner au journal : il le mérite.',
      "N'hésitez pas à vous abonner au Monde, n'hésitez pas à aller voir le rapport de la Cour des comptes.",
      "Il gagne de l'argent sans rien faire, l'argent facile des rentiers. Je suis un artiste intermittent.",
      'Allez voir le film en salle, écoutez le nouveau album de Stromae : un petit bijou.',
      // Other languages.
      'Курс биткоина снова упал, а казино в Сочи закрыли.',
      'Вчера смотрел матч, наши играли отлично.',
      'Средний доход от 30 000 рублей в месяц — это мало для Москвы.',
      'Die Online-Casinos sollten verboten werden, sagt der Minister.',
      '比特币价格又下跌了，投资者很担心。',
    ])('%s', (content) => {
      expect(evaluate(content)).toBeNull()
    })
  })
})
