import type { PhraseFamily } from './family.js'

export const adult: PhraseFamily = {
  id: 'adult',
  label: 'an adult or dating offer',
  phrases: [
    'sexy|horny girls|girl|women|milfs|singles in|near|waiting|looking|online|tonight|want',
    'hot|local singles in|near|waiting|tonight|online',
    'single|lonely|beautiful|young woman|women|girl|girls|lady looking|searching for a|an? serious|man|men|partner|husband|relationship|sponsor',
    'i am|im a? single|lonely|beautiful woman|girl|lady looking|searching',
    'send you my|some naked|nude|nudes|sexy|hot|private|intimate? photos|pics|pictures|videos',
    'write me to|on my email|mail',
    'see|check|visit my private? profile|photos|pics',
    'adult dating|chat|webcam|cams',
    'sex dating|chat|cams',
    'hook up|hookup tonight|near',
    'hookups near|tonight',
    'webcam|cam girls|girl|models|shows|show',
    'live sex|cams|cam|shows',
    'xxx videos|video|movies|tube',
    'porn tube|movies',
    'free porn|xxx',
    'escort girls|agency|agencies',
    'nude|naked girls|pics',
    'coolest sextoy',
    // French
    'rencontres|rencontre coquines|coquine|sexe|adulte|adultes|chaudes|chaude',
    'plan|plans cul|culs|q',
    'femme|femmes|fille|filles chaude|chaudes cherche|cherchent|recherche|disponible|disponibles|pres',
    'relation serieuse ecrivez|ecris|contactez|ecrivez|mon',
    'porno gratuit|gratuits|amateur',
    'photos|videos|photo coquines|coquine|sexy',
    'sexe gratuit|webcam',
    'escort|escortes|escorts girl|girls',
    // Russian
    'интим|секс знакомства|услуги|досуг',
    'знакомства для секса|взрослых|интима',
    'проститутки|индивидуалки|шлюхи города|москвы|питера|спб|недорого|дешево',
    'порно видео|онлайн|бесплатно|ролики',
    'девушки|девушка по вызову',
    'девушки|девочки|одинокие из твоего|вашего города|района',
    // Spanish, German: the singles of your town waiting for you.
    'chicas|mujeres|solteras solteras? de|en tu ciudad|zona',
    'singles aus|in deiner|ihrer stadt|nahe|region',
  ],
  // Also what readers say of a motorcade ("the police escort service cost the city $2 million") or of society
  // ("en Corée du Sud, les femmes célibataires cherchent d'abord la sécurité de l'emploi").
  withCue: [
    'rencontres|rencontre discretes|discrete',
    'escort service|services',
    'femme|femmes|fille|filles celibataire|celibataires cherche|cherchent|recherche|disponible|disponibles|pres',
  ],
  unspaced: ['约炮', '同城交友', 'セフレ'],
  // The police raid Korean call-out massage rings and seize their leaflets ("출장안마 광고 전단 단속").
  // Video-chat blackmail is police news ("警方提醒：裸聊敲诈案件频发").
  unspacedWithCue: ['출장안마', '출장마사지', '裸聊'],
}
