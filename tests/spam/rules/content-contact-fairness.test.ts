import { describe, expect, it } from 'vitest'
import { contactNumber } from '../../../src/spam/rules/content/contact-number.js'
import { contextOf } from './context.js'

/** The fairness audit's false positives of contact-number, and the contact details the rule exists for. */
const evaluate = (content: string, name?: string) => contactNumber.evaluate(contextOf(content, name))

describe('contact-number: a reply to a reader is no handle', () => {
  it.each([
    '@Ivan la chaîne Telegram de Medvedev disait le contraire.',
    '@Олег, напишите, откуда эти цифры? Я не нашёл их у Росстата.',
    '@Tom you can call him a dictator, but he was elected twice.',
    '@Paul Macron a pris contact la semaine dernière avec Erdoğan, c’était dans tous les journaux.',
    "@Jean l'ambassade n'est plus joignable depuis hier soir.",
    '@Sophie WhatsApp et Telegram sont les seuls moyens de joindre nos proches à Gaza.',
    '@Marc voir mon commentaire plus haut sur WhatsApp.',
    'Viber est très utilisé en Ukraine, @Olga le confirmera.',
    'Источник — телеграм-канал Рыбарь, ему доверять нельзя. @Ivan вы серьёзно?',
  ])('%s', (content) => {
    expect(evaluate(content)).toBeNull()
  })

  it.each([
    ['contact me on telegram @cryptoexpert for the signals', '@cryptoexpert', 'telegram'],
    ['Telegram: @cryptoking', '@cryptoking', 'telegram'],
    ['Rejoignez notre canal Telegram @PronosVIP et gagnez', '@pronosvip', 'telegram'],
    ['Пишите мне в телеграм @ivan_invest', '@ivan_invest', 'телеграм'],
    ['Great analysis. WhatsApp 👉 @recovery_pro', '@recovery_pro', 'whatsapp'],
  ])('still catches a handle a messenger introduces: %s', (content, handle, messenger) => {
    expect(evaluate(content)).toEqual({
      detail: `Gives a messenger handle, “${handle}”, next to “${messenger}”.`,
      factor: 2,
    })
  })
})

describe('contact-number: talking about someone is not asking to be contacted', () => {
  it.each([
    ['call me', 'Investment advice: call me +1 404 555 0199'],
    ['contactez-moi', 'Prêt rapide, contactez-moi au 06 12 34 56 78'],
    ['je suis joignable', 'Je suis joignable au 06 12 34 56 78 tous les jours'],
    ['напишите мне', 'Напишите мне: +7 912 345 67 89'],
  ])('still doubles a number after %s', (_, content) => {
    expect(evaluate(content)?.factor).toBe(2)
  })

  it('doubles a number a third-person contact phrase gives, as testimonials write it', () => {
    expect(evaluate('Contact him at +1 404 555 0199 for the spells')).toEqual({
      detail: 'Gives a phone number to be contacted on, next to “contact him”: “+1 404 555 0199”.',
      factor: 2,
    })
  })

  it('counts a number a few words away from a third-person contact word once, as any number', () => {
    expect(evaluate('You can call him a liar, but the hotline he set up, +1 404 555 0199, works.')).toEqual({
      detail: 'Gives a phone number: “+1 404 555 0199”.',
    })
  })
})

describe('contact-number: big figures near a messenger or “signal” are no phone', () => {
  it.each([
    'Telegram channels are full of this stuff, 900 000 000 users and almost no moderation.',
    '微信月活跃用户超过1300000000，这才是真正的宣传工具。',
    "C'est un signal fort envoyé aux 450 000 000 citoyens européens.",
    'This sends a strong signal to 1 400 000 000 Chinese citizens.',
    'WhatsApp compte 2.000.000.000 d’utilisateurs dans le monde.',
  ])('%s', (content) => {
    expect(evaluate(content)).toBeNull()
  })

  it.each([
    ['an international number', 'WhatsApp +44 7911 123456', 2],
    ['a French mobile alone', 'Appelez le +33 6 12 34 56 78', 1],
    ['a national mobile in groups of three', 'whatsapp 612 345 678', 2],
    ['Signal right before a number', 'Signal: +44 7700 900123', 2],
    ['a Chinese mobile next to WeChat', '加我微信13800138000', 2],
  ])('still catches %s', (_, content, factor) => {
    expect(evaluate(content)?.factor ?? 1).toBe(factor)
    expect(evaluate(content)).not.toBeNull()
  })
})

describe('contact-number: dates are no phone', () => {
  it.each([
    'Mes deux grands-pères ont fait les guerres de 1914-18/1939-45, on n’oublie pas.',
    'Война 22.06.1941-9.05.1945 унесла 27 миллионов жизней советских людей.',
    'Wojna 1.09.1939 – 8.05.1945 zabiła sześć milionów obywateli Polski, o tym trzeba pamiętać.',
    'Les résolutions 242 (1967) 338 (1973) n’ont jamais été appliquées, c’est tout le problème.',
    'Première frappe signalée le 24/02/2022 05:00 heure de Kyiv, je m’en souviens très bien.',
    'Les sirènes ont retenti le 2022-02-24 05:00, heure de Kyiv.',
    // Year first, as the fairness audit's Korean, Chinese and Persian readers write dates (a solar year too).
    '2022.2.24-2023.2.24 우크라이나 전쟁 1년',
    '俄乌战争2022.2.24-2025.2.24已经三年了',
    'اعتراضات 1401/6/25-1402/6/25 همه چیز را تغییر داد.',
  ])('%s', (content) => {
    expect(evaluate(content)).toBeNull()
  })

  it('still reads a phone number written next to a date', () => {
    expect(evaluate('Offre valable jusqu’au 24/02/2026, appelez le 06 12 34 56 78')).toEqual({
      detail: 'Gives a phone number: “06 12 34 56 78”.',
    })
  })
})

describe('contact-number: a range of quantities is no phone', () => {
  it.each([
    'Les effectifs sont passés de 12 000–15 000 soldats à 20 000 en 2024, selon le ministère.',
    'По данным организаторов, на митинг пришли 15 000 - 20 000 человек.',
    'Between 250.000-300.000 people fled the city in a week.',
    "Un loyer de 1'200-1'500 francs à Genève, c'est la norme maintenant.",
  ])('%s', (content) => {
    expect(evaluate(content)).toBeNull()
  })

  it.each([
    ['a dash inside a North American number', 'Appelez le 555 123-4567 pour un prêt rapide', '555 123-4567'],
    ['a mobile split by dashes', 'Prêt sans frais : 06-12-34-56-78', '06-12-34-56-78'],
  ])('still reads %s', (_, content, number) => {
    expect(evaluate(content)?.detail).toContain(number)
  })
})

describe('contact-number: a cited channel or post is a source, not a contact', () => {
  it.each([
    "Source : https://t.me/rybar/56789 (oui, c'est de la propagande, mais c'est leur version).",
    'Le <a href="https://t.me/rybar/56789">post de Rybar</a> le reconnaît lui-même.',
    "D'après la chaîne @DeepStateUA sur Telegram, les Russes ont avancé près d'Avdiivka.",
    "D'après la chaîne Telegram @DeepStateUA, les Russes ont avancé près d'Avdiivka.",
    'According to @wartranslated on Telegram, the Russian MoD admitted the losses.',
    'По данным канала @rybar в телеграм, фронт стабилизировался.',
    // The fairness audit's readers citing the same channel in their languages.
    'Secondo il canale Telegram @rybar il fronte è crollato. Da prendere con le pinze.',
    'Laut dem Kanal Telegram @rybar ist die Front zusammengebrochen. Mit Vorsicht genießen.',
    'Według kanału Telegram @rybar front się załamał. Trzeba uważać.',
    'Kaynak: Telegram @rybar, ama dikkatli olmak lazım.',
    // "Je rejoins" is a reader agreeing with another, not a call to join.
    "Je rejoins l'analyse de la chaîne Telegram @rybar sur ce point, pour une fois.",
    "Je rejoins Paul. D'après la chaîne Telegram @DeepStateUA, les Russes ont avancé près d'Avdiivka.",
  ])('%s', (content) => {
    expect(evaluate(content)).toBeNull()
  })

  it.each([
    ['a channel, not a post', 'Source : https://t.me/pronos_vip', 't.me/pronos_vip'],
    [
      'a post link next to a channel link',
      'Voir https://t.me/rybar/56789 et https://t.me/pronos_vip',
      't.me/pronos_vip',
    ],
  ])('still catches a messenger link to a chat: %s', (_, content, link) => {
    expect(evaluate(content)).toEqual({
      detail: `Gives a messenger link to be contacted on: “${link}”.`,
      factor: 2,
    })
  })

  it.each([
    ['a channel one is asked to join', 'Rejoignez notre canal Telegram @PronosVIP et gagnez', '@pronosvip'],
    [
      'a channel one is asked to join, as a friend',
      'Rejoins-nous sur la chaîne Telegram @PronosVIP',
      '@pronosvip',
    ],
    [
      'a source one is asked to write to',
      'Selon moi le meilleur expert est @laura_fx sur Telegram, écrivez-lui',
      '@laura_fx',
    ],
    ['a channel to subscribe to', 'Subscribe to the channel @crypto_signals on Telegram', '@crypto_signals'],
    [
      'a handle on a messenger with no source named',
      'I lost my bitcoin. @AdamsRecovery on Telegram.',
      '@adamsrecovery',
    ],
  ])('still catches %s', (_, content, handle) => {
    expect(evaluate(content)?.detail).toContain(`“${handle}”`)
    expect(evaluate(content)?.factor).toBe(2)
  })
})

describe('contact-number: a public service’s line is passed on, not offered', () => {
  it.each([
    [
      "La cellule de crise du Quai d'Orsay est joignable au +33 1 53 59 11 00 pour les Français au Liban.",
      'next to “cellule de crise”',
      '+33 1 53 59 11 00',
    ],
    [
      "Pour les proches des victimes, contactez le 0 800 40 60 05 (cellule interministérielle d'aide aux victimes).",
      'next to “cellule interministérielle”',
      '0 800 40 60 05',
    ],
    [
      "L'ambassade de France au Liban répond sur WhatsApp au +961 1 420 000.",
      'next to “ambassade”',
      '+961 1 420 000',
    ],
    [
      'The US embassy in Beirut answers on WhatsApp at +961 4 543 600.',
      'next to “embassy”',
      '+961 4 543 600',
    ],
    // The fairness audit's readers passing on their own country's embassy line, on the messenger it answers on.
    [
      'Die ukrainische Botschaft in Berlin ist per WhatsApp unter +49 30 28887 0 erreichbar, habe es gestern probiert.',
      'next to “botschaft”',
      '+49 30 28887 0',
    ],
    [
      'La embajada de España en Kiev atiende por WhatsApp en el +380 44 590 36 72, lo confirmo.',
      'next to “embajada”',
      '+380 44 590 36 72',
    ],
    [
      'A embaixada do Brasil em Beirute tem plantão consular pelo WhatsApp +961 3 000 000, divulgado pelo Itamaraty.',
      'next to “embaixada”',
      '+961 3 000 000',
    ],
    [
      "L'Unità di crisi della Farnesina risponde al +39 06 36225, anche su WhatsApp.",
      'next to “unità di crisi”',
      '+39 06 36225',
    ],
    [
      'Ambasada RP w Kijowie ma dyżur konsularny na WhatsApp: +380 44 230 07 00.',
      'next to “ambasada”',
      '+380 44 230 07 00',
    ],
    [
      "Türkiye'nin Beyrut Büyükelçiliği WhatsApp hattı +961 4 520 929, vatandaşlar için açık.",
      'next to “büyükelçiliği”',
      '+961 4 520 929',
    ],
    [
      'Гаряча лінія МЗС України в Telegram та за номером +380 44 238 18 88, працюють цілодобово.',
      'next to “мзс”',
      '+380 44 238 18 88',
    ],
    ['لقد اتصلت بالسفارة الفرنسية عبر الواتساب +961 1 420 000', 'next to “بالسفارة”', '+961 1 420 000'],
    [
      '주레바논 대한민국 대사관 긴급연락처 +961 3 728 111, 카카오톡 상담도 가능합니다.',
      'next to “대사관”',
      '+961 3 728 111',
    ],
  ])('explains it, and counts nothing: %s', (content, service, number) => {
    expect(evaluate(content)).toEqual({
      detail: `Gives a public service's phone number (${service}): “${number}”.`,
      factor: 0,
    })
  })

  it('counts a free line alone once, as any number: companies have them too, and scams posing as one', () => {
    expect(evaluate('Appelez le 0 800 40 60 05 pour en savoir plus.')).toEqual({
      detail: `Gives a public service's phone number (a free line): “0 800 40 60 05”.`,
    })
  })

  it.each([
    ['a first-person offer', 'Agent agréé par le ministère, contactez-moi sur WhatsApp +33 6 12 34 56 78'],
    ['a spell caster on WhatsApp', 'Powerful spell caster, love returns in 48h, WhatsApp +234 803 555 0123'],
    ['a loan on WhatsApp', 'Prêt rapide entre particuliers, WhatsApp +33 7 56 12 34 56'],
    ['a testimonial', 'Contact him at +1 404 555 0199 for the spells'],
  ])('still doubles %s', (_, content) => {
    expect(evaluate(content)?.factor).toBe(2)
  })
})

describe('contact-number: seats, votes and scores set side by side are no phone number', () => {
  it.each([
    'Résultats définitifs : 182 / 168 / 143 sièges.',
    'Le vote : 311 - 201 - 165 (pour, contre, abstentions). Une majorité relative, encore.',
    'Répartition des sièges au Bundestag : 411 / 121 / 72 / 9 / 5, la CDU domine.',
    'Итоги: 324/ 57/ 39 мест, остальные у независимых.',
  ])('%s', (content) => {
    expect(evaluate(content)).toBeNull()
  })

  it.each([
    ['Tel 01 / 40 / 63 / 60 / 00', '01 / 40 / 63 / 60 / 00'],
    ['Contact: 612 / 345 / 678 WhatsApp', '612 / 345 / 678'],
  ])('still reads a number split the same way as a phone: %s', (content, number) => {
    expect(evaluate(content)?.detail).toContain(number)
  })
})

describe('contact-number: an Italian consulate, a foreign ministry in German or Hebrew', () => {
  it.each([
    ['Il consolato italiano a Kiev risponde al +380 44 230 31 00 per chi è rimasto bloccato.', 'consolato'],
    [
      'Das Außenministerium hat die Krisenhotline +49 30 5000 3000 für Deutsche in Israel geschaltet.',
      'außenministerium',
    ],
    ['משרד החוץ פרסם את המספר +972 2 530 3155 לישראלים שנתקעו בחו״ל.', 'משרד החוץ'],
  ])('is a diplomatic post, whose line a reader passes on counts nothing: %s', (content, post) => {
    expect(evaluate(content)).toEqual({
      detail: expect.stringContaining(`next to “${post}”`),
      factor: 0,
    })
  })
})
