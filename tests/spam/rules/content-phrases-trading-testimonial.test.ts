import { describe, expect, it } from 'vitest'
import { spamPhrases } from '../../../src/spam/rules/content/spam-phrases.js'
import { assessReaderComment } from '../reader-comment.js'
import { contextOf, familyLabel } from './context.js'

/**
 * The fake trading platform's testimonial that floods news sites' comments: a small stake grown into so much a
 * day or a week "now", a robot doing it all. Readers of the same articles say what they earn a month, what they
 * started with and lost, what a benefit pays by the day, and quote the ads to warn against them.
 */
const evaluate = (content: string) => spamPhrases.evaluate(contextOf(content))

describe('spam-phrases: the trading platform testimonial', () => {
  it.each([
    "J'ai commencé avec 250 € sur Quantum AI il y a trois semaines et je gagne maintenant 1 200 € par semaine.",
    "Bjr j'ai comencé avec 250€ sur une plateforme crypto et maintenant je gagne 1500€ par semaine c pas une blague",
    'Moi aussi j’ai perdu mon emploi l’an dernier... maintenant je fais 850 € par jour avec Bitcoin Era.',
    'Je gagne 7 000 € par mois sur internet, tout est sur mon profil 👉',
    'Pendant que vous lisez cet article, mon robot a gagné 340 €. Je gagne 7 000 € par mois sans rien faire.',
    "j'ai commencé avec le minimum de 250 euros et je retire 2 000 € chaque vendredi.",
    'Le robot fait tout pour vous, il suffit de déposer 250 €.',
    'Now I make $1,500 a day and I’m my own boss. Everything is explained on my page!',
    "I'm making $900 a day working from home. Never thought it was possible.",
    'i started with 250 and now i have 17k in my acount, the AI does everything for you',
    'I started with the minimum deposit 250 and now I withdraw every Friday.',
    'Начал с 250 долларов на Quantum AI, сейчас зарабатываю 1 500 $ в неделю.',
    'Ich habe mit 250 € bei Bitcoin Era angefangen und verdiene jetzt 1.500 € pro Woche.',
    'Empecé con 250 € en Quantum AI y ahora gano 1.200 € a la semana desde casa.',
    'Ho iniziato con 250 € su Quantum AI e adesso guadagno 1.300 € a settimana da casa.',
    'Почала з 250 євро на Quantum AI, а тепер заробляю 1 400 € на тиждень.',
  ])('“%s” is a trading scam’s testimonial', (spam) => {
    expect(evaluate(spam)?.detail).toContain(familyLabel('investment'))
  })

  it.each([
    'Je gagne 1 800 € par mois après 20 ans de carrière, et on nous dit que la France est un pays riche.',
    "J'ai commencé avec 250 € sur un PEA en 2010, aujourd'hui le portefeuille a doublé, rien de magique.",
    "J'ai commencé avec 250 € et j'ai tout perdu : ces plateformes sont des arnaques.",
    'Je touche maintenant 38 € par jour de chômage, et le gouvernement veut encore réduire la durée.',
    'Les députés touchent 7 000 € par mois sans rien faire, et on demande aux retraités de se serrer la ceinture.',
    'Un livreur gagne 60 € par jour en pédalant douze heures.',
    "Now I make $17 an hour and still can't afford rent in this city.",
    "I'm making $15 an hour working two jobs while CEOs get bonuses.",
    'Encore une arnaque « Quantum AI » : on vous promet 1 000 € par jour avec un robot qui fait tout, ne tombez pas dedans.',
    'My father lost his savings to an ad promising that the AI trades for you, $1,000 a day.',
    'Сейчас зарабатываю 40 тысяч рублей в месяц, а цены растут каждую неделю.',
    // What a first version held (a review found them).
    'Ich verdiene jetzt 14 Euro pro Stunde, und die Miete ist gestiegen.',
    'Ahora gano 9 euros por hora y el alquiler sube.',
    'Ora guadagno 8 euro al giorno di pensione in più, una vergogna.',
    'Теперь зарабатываю 300 рублей в час, а цены растут.',
    'Зараз заробляю 100 гривень на день, як жити?',
    'Je gagne maintenant 12 euros par heure, merci le SMIC.',
    'Je gagne déjà 100 euros la journée comme chauffeur, et ils veulent taxer plus.',
    "J'ai commencé avec 1 200 euros et aujourd'hui, après 20 ans, je gagne 1 700.",
    'La guerre a commencé avec 3 et maintenant ils sont 12 pays.',
    "Je touche 1 200 euros par mois sans rien faire depuis ma retraite... J'ai cotisé 42 ans.",
    'Dans mon usine, le robot fait tout seul, on a licencié trente personnes.',
    'NATO started with just 12 and now has 32 members.',
    'I started with only 500 and now I have nothing left, these platforms are scams.',
    'Today I have 40 in my account until the end of the month.',
    'Now we make 700 a week less than before the merger.',
    'AI does everything for me at work now, and my boss wants fewer of us.',
    'Attention aux robots de trading automatique, vous allez tout perdre.',
    "Don't fall for these trading bots, you will lose everything.",
  ])('“%s” is a reader’s', (genuine) => {
    expect(evaluate(genuine)).toBeNull()
    expect(assessReaderComment(genuine).verdict).toBe('approved')
  })
})
