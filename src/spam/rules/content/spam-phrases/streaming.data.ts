import type { PhraseFamily } from './family.js'

export const streaming: PhraseFamily = {
  id: 'streaming',
  label: 'a pirated-streaming offer',
  phrases: [
    'watch|download|stream full movie|movies|film|episode|episodes',
    'full movie|movies|film|episode free|online|hd|download|streaming|stream',
    'watch * online free',
    'free live stream|streaming|streams|tv',
    'live stream|streaming|streams free|hd',
    '123movies|fmovies|putlocker|soap2day|gomovies',
    // French
    'film|films|serie|series complet|complets|complete|completes en? vf|vostfr|streaming|gratuit|gratuitement|hd',
    'voir|regarder|telecharger le|les film|films|serie|series|episode|episodes complet|complets|gratuit|gratuitement|vf|vostfr',
    'streaming hd|vf|vostfr|illimite',
    'en streaming|stream hd|vf',
    'match|matchs|matches en direct|live|streaming gratuit|gratuitement|hd|ici|streaming',
    'gratuitement et sans pub|pubs',
    'sans inscription gratuit|gratuitement|hd',
    // Russian
    'смотреть онлайн|фильм|фильмы|сериал|сериалы|матч бесплатно|онлайн',
    'в хорошем качестве hd|бесплатно|онлайн',
    'бесплатно и|без регистрации|смс',
    // Spanish, Portuguese
    'ver pelicula|peliculas|partido completa|completo|online|gratis',
    'assistir filme|filmes|jogo completo|online|gratis',
  ],
  // Public broadcasters and courts publish free too ("le documentaire d'Arte est en streaming gratuit", "rapport
  // consultable gratuitement et sans inscription").
  withCue: [
    'streaming gratuit|gratuitement',
    'en streaming|stream gratuit|gratuitement',
    'gratuitement et sans inscription|abonnement|compte',
  ],
}
