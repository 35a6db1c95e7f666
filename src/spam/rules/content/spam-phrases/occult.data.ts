import type { PhraseFamily } from './family.js'

export const occult: PhraseFamily = {
  id: 'occult',
  label: 'a spell caster or marabout',
  phrases: [
    'spell caster|casters|casting',
    'love|money|lottery|protection|voodoo|binding|witchcraft spell|spells|caster',
    'bring|brought|brings|bringing|get|got back my|your ex|lover',
    // Not "his ex" alone: "Trump brought back his ex-adviser Steve Bannon".
    'bring|brought|brings|bringing|get|got back her|his ex? lover',
    'return|returned|restore|restored my|your ex|lover back|within|in',
    'dr|doctor|priest|prophet * spell|spells|temple',
    'marabout|marabou|voyant|medium|voyante serieux|serieuse|competent|efficace|retour',
    'meilleur|vrai marabout|marabou|voyant',
    "retour de l'etre aime|aimee|cher",
    "retour affectif|amoureux|d'affection",
    'desenvoutement|desenvoutements',
    "rituel|rituels|travaux occultes|d'amour",
    'travaux vaudou',
    // Russian
    'приворот|привороты|отворот',
    'снятие порчи|сглаза',
    'магические услуги',
    'услуги мага|ясновидящей|гадалки',
    'верну любимого|любимую|мужа|жену',
    'потомственная ведунья|гадалка|ведьма|колдунья',
    // Spanish, Portuguese
    'amarres de amor',
    'trabalho|trabalhos espiritual|espirituais|amarracao',
    // Not "trabalho de" alone: "o trabalho de Lula" is anyone's work.
    'trabalho|trabalhos de amarracao',
    'amarracao amorosa|amor',
  ],
  // What news says of Senegal's brotherhoods, Haiti's history or a politician's hold on voters.
  withCue: [
    'grand|puissant marabout|marabou|voyant',
    'envoutement|envoutements',
    'rituel|rituels vaudou',
    // Senegal's and Mali's marabouts are public figures ("le khalife des mourides, marabout puissant s'il en
    // est"), the Games are given their chance ("laisser sa chance aux Jeux de Paris"), and a leader "casts a
    // powerful spell on his base".
    'marabout|marabou|voyant|medium|voyante africain|africaine|puissant|puissante|vaudou',
    'chance aux jeux',
    'powerful spell|spells',
  ],
}
