import type { PhraseFamily } from './family.js'

export const counterfeit: PhraseFamily = {
  id: 'counterfeit',
  label: 'a counterfeit or cut-price goods promotion',
  phrases: [
    'replica|replicas|fake|knockoff watches|watch|rolex|rolexes|bags|handbags|purses|designer|shoes|jerseys',
    'cheap|discount ray ban|bans',
    'cheap|discount rayban|raybans|oakley|oakleys|uggs|jordans|jerseys|handbags|moncler|gucci|prada',
    'ray ban|bans outlet|sale|cheap|discount|soldes',
    'rayban|raybans outlet|sale|cheap|discount|soldes',
    'louis vuitton|vitton outlet|cheap|replica|soldes',
    'michael kors outlet|cheap',
    'moncler|ugg|uggs|nike|jordan|jordans|oakley|gucci|prada|chanel|hermes|timberland outlet|soldes|replica|cheap',
    'canada goose outlet|cheap|soldes|replica',
    // Not "outlet uk|usa": "the news outlet USA Today". Brands before "outlet" are matched above.
    'outlet store|sale|shop',
    'designer|luxury handbags|bags|watches|shoes for|at cheap|sale|outlet|discount|wholesale',
    'wholesale nfl|nba|mlb|cheap|jerseys|sunglasses|handbags',
    // French
    // "pas cher", not "pas" ("Louis Vuitton pas touché par les droits de douane", "Jordan ? Pas question.").
    'ray ban|bans pas cher|chers|chere|cheres',
    'rayban|raybans|vuitton|vitton|kors|goose|moncler|ugg|uggs|nike|jordan|jordans|oakley|gucci|prada|chanel|hermes|timberland pas cher|chers|chere|cheres',
    'copie|copies|replique|repliques de? montre|montres|sac|sacs|rolex|luxe|marque',
    // Russian
    'реплика|реплики|копия|копии часов|сумок|брендов|люкс',
    'брендовые|брендовая сумки|часы|обувь|одежда недорого|дешево|оптом',
  ],
  // "Every outlet online ran the same Kremlin line within an hour": a news outlet.
  withCue: ['livraison gratuite|offerte et? 24h|48h|rapide|partout', 'outlet online'],
}
