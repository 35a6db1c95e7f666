import type { PhraseFamily } from './family.js'

export const essays: PhraseFamily = {
  id: 'essays',
  label: 'an essay-writing service',
  phrases: [
    'essay|essays|paper|papers|dissertation|thesis|assignment|assignments|homework|coursework|research writing|writer|writers help|service|services|company|site|sites|website',
    'write my essay|essays|assignment|assignments',
    'do my assignment|assignments|coursework|essay',
    'cheap|custom|affordable|plagiarism essay|essays|papers|assignment|assignments|dissertation|dissertations|coursework',
    'essay|assignment|dissertation|coursework help|helper|writer|writers|service|services|online',
    'pay someone|somebody to write my|your essay|essays|paper|papers|assignment',
    'plagiarism free',
    // French
    'redigeons|redige|redaction de? votre|vos memoire|memoires|these|theses',
    'memoire|memoires|these|theses cle|cles en main',
    'aide a la redaction de? memoire|memoires|these|theses|dissertation',
    // Russian
    'курсовые|курсовая|курсовую|дипломные|дипломная|дипломную|диплом|рефераты|реферат на|под заказ|ключ',
    'написание|написать курсовых|курсовой|курсовую|дипломных|дипломной|дипломную|рефератов|реферата на? заказ|недорого',
  ],
  // Dissernet's findings are news: "написание диссертации на заказ — норма для депутатов".
  withCue: ['купить диплом|аттестат', 'написание|написать диссертации|диссертаций на? заказ|недорого'],
}
