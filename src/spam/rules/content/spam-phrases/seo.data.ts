import type { PhraseFamily } from './family.js'
import { youtube } from './platforms.data.js'

export const seo: PhraseFamily = {
  id: 'seo',
  label: 'an SEO or audience-selling service',
  phrases: [
    'high|quality|cheap|buy|dofollow|pbn|authority|permanent|contextual|niche|edu|gov backlinks|backlink',
    'backlink|backlinks|seo|link building service|services|package|packages|agency|expert|experts',
    'guest post|posts|posting|blogging service|services|opportunity|opportunities|sites|site|outreach|packages',
    'accept|accepting|offer|sell|selling guest|sponsored posts|post|articles',
    'write for us',
    'rank|ranking|ranks your website|site|business|page on|in|higher|first',
    'increase|boost|drive|grow your website|site|organic|web|online traffic|sales|visitors|ranking|rankings',
    'targeted|organic|website web? traffic|visitors',
    `buy|purchase # real|cheap|instant|active|organic? ${youtube}? followers|likes|views|subscribers|subs|plays|streams|fans`,
    `buy|purchase real|cheap|instant|active|organic ${youtube}? followers|likes|views|subscribers|subs|plays|streams|fans`,
    `buy|purchase ${youtube} followers|likes|views|subscribers|subs|plays|streams|fans`,
    'cheap|best|affordable|unlimited web? hosting',
    'we offer|provide web? hosting|seo|websites',
    'we offer|provide web|website design|development',
    'cheap|instant|organic followers|likes|views|subscribers',
    'grow your youtube|tiktok|instagram|twitch|spotify|social channel|account|followers|audience',
    'improve your seo|google ranking|rankings',
    // French
    "achetez d'abonnes|d'abonnés",
    'achetez des|de abonnes|likes|vues|followers',
    'abonnes|likes|vues|followers instantanes|garantis',
    'agence|services|service|prestations|prestataire|consultant de|en referencement|seo|netlinking',
    'referencement naturel|seo garanti|professionnel|efficace',
    'liens dofollow',
    'liens retour|entrants de? qualite|pas|dofollow|seo|google',
    'augmentez|boostez|booster votre trafic|visibilite|referencement|classement',
    // Russian
    'продвижение|раскрутка сайтов|сайта|сайт',
    'вечные ссылки',
    'прогон сайта|по',
    'накрутка подписчиков|лайков|просмотров|инстаграм|ютуб',
    'купить подписчиков|лайки|просмотры',
  ],
  // "Combien de followers réels ?" of a politician's audience.
  // Disinformation campaigns are news: "Doppelgänger pushed its fake articles onto the first page of Google".
  // SEO agencies run them ("the Social Design Agency bought SEO services and backlinks").
  withCue: [
    'abonnes|likes|vues|followers reels',
    // Politicians are caught at it ("the ruling party was caught buying Facebook likes", "ce député a été pris à
    // acheter des abonnés"), and have audiences ("Musk has more Twitter followers than any head of state").
    `buying ${youtube}? followers|likes|views|subscribers|subs|plays|streams|fans`,
    `more ${youtube} followers|likes|views|subscribers|subs`,
    'active followers|likes|views|subscribers',
    "acheter|achat d'abonnes|d'abonnés",
    'acheter|achat des|de abonnes|likes|vues|followers',
    'first|top page of|on google',
    'premiere page de|sur google',
    'seo services|agency|company|expert|experts|optimization|optimisation',
  ],
}
