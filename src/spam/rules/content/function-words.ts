import { codeAt } from '../../chars.js'
import { mayContain, wordFilter } from '../../lexicon.js'

// The most frequent short words of the languages readers of a French site use most. A list errs on the side of
// words that are distinctive; an overlap ("de" is French, Spanish, Portuguese, Dutch) can only make a mismatch
// less likely to be found, never make one up.
const functionWords: Record<string, ReadonlySet<string>> = {
  fra: new Set(
    'le la les de des du un une et est sont pas ne que qui quoi dans pour sur avec ce cet cette ces il ils elle elles nous vous je tu on leur leurs mais ou où au aux très été être avoir fait comme aussi même donc car ça cela ont était sera peut tout tous toute toutes rien quand alors encore chez sans entre notre nos votre vos mon ma mes ton ta tes sa ses se y en plus moins bien déjà'.split(
      ' ',
    ),
  ),
  eng: new Set(
    "the and of to is are was were in that this it for with on not be have has had you i we they he she but or at by from an a my your our their his her been will would can could should do does did so if there what which who about just more very also than then them these those it's i'm don't can't isn't".split(
      ' ',
    ),
  ),
  deu: new Set(
    'der die das und ist nicht ein eine einen dem den des zu mit von auf für sich auch es ich wir sie er aber oder wie noch nur hat haben sind war wird werden kann bei aus nach um so dass daß man schon sehr im am zum zur vom'.split(
      ' ',
    ),
  ),
  spa: new Set(
    'el la los las de del y que en un una es no por para con se lo su sus al como más pero muy está son ya hay este esta también ha le les me mi yo'.split(
      ' ',
    ),
  ),
  ita: new Set(
    'il lo la gli le di del della dei che e è un una per con non si ma come più sono anche al alla nel nella questo questa ho ha molto mi ci io'.split(
      ' ',
    ),
  ),
  por: new Set(
    'o a os as de do da dos das que e é um uma em no na não para com por se mais como mas muito foi são ao seu sua isso este esta eu você nós'.split(
      ' ',
    ),
  ),
  nld: new Set(
    'de het een en van is niet dat die in op te met voor zijn er maar ook als aan om bij nog wel geen dit ik je we hij ze was heeft hebben worden wordt'.split(
      ' ',
    ),
  ),
  rus: new Set(
    'и в не на что я с он как это по но они к у же вы за бы так от его все она только мы уже для о из был было еще ещё когда если нет да или без до ни чтобы этот эта'.split(
      ' ',
    ),
  ),
  pol: new Set(
    'i w nie na się z że do to jest jak ale o co po za od tak już jego jej są by przez dla czy tylko też tym ten ta było jako może bardzo gdy'.split(
      ' ',
    ),
  ),
  tur: new Set(
    've bir bu da de için ile çok ne gibi daha ama o var olarak en kadar sonra mi mı değil ben sen biz onlar şey her'.split(
      ' ',
    ),
  ),
  ron: new Set(
    'și şi în nu cu pe care este mai din pentru să sa fost sunt dar sau ca acest această lui ei au am foarte'.split(
      ' ',
    ),
  ),
  ces: new Set(
    'je se na v že to s z do o k ale jak jsou by jsem tak už jen pro což který která které není byl bylo také jeho'.split(
      ' ',
    ),
  ),
  swe: new Set(
    'och att det som en på är för med inte av till den har jag de om var ett men så kan vi'.split(' '),
  ),
  ind: new Set(
    'yang dan di ini itu dengan untuk tidak dari dalam akan pada juga ke ada saya kita mereka sudah bisa atau karena'.split(
      ' ',
    ),
  ),
  vie: new Set(
    'và của là có không một những được cho người trong này với các đã để khi thì cũng rất'.split(' '),
  ),
  hun: new Set('az és hogy nem is egy van meg de ez azt mint csak már volt még el ha'.split(' ')),
  hrv: new Set('i je u se na da su za od ne to kao ali iz sa što bi koji koja biti jer'.split(' ')),
  ukr: new Set(
    'і й в у не на що я з він як це по але вони до ми ви та так за від його вже для про був була було ще коли якщо чи без ні щоб цей ця також дуже є'.split(
      ' ',
    ),
  ),
}
/** Each function word with the languages (their index in `listed`) it belongs to: one look-up per word. */
export const listed = Object.keys(functionWords)
const languagesOfWord = new Map<string, number[]>()
listed.forEach((language, index) => {
  for (const word of functionWords[language] ?? []) {
    languagesOfWord.set(word, [...(languagesOfWord.get(word) ?? []), index])
  }
})
const isFunctionWord = wordFilter(languagesOfWord.keys())
const FRENCH_ELISION = /^(?:[cdjlmnst]|qu)['’]\p{L}/u
/** An apostrophe second or third (l'…, qu'…): only then is the elision pattern worth trying. */
const mayBeElided = (word: string) => {
  const length = word.length
  const second = length > 1 ? codeAt(word, 1) : 0
  const third = length > 2 ? codeAt(word, 2) : 0
  return second === 39 || second === 0x2019 || third === 39 || third === 0x2019
}
const french = [listed.indexOf('fra')]

/** The languages (indices in `listed`) whose function word `word` is, or null: a word in lower case. */
export const languagesOf = (word: string): readonly number[] | null =>
  (mayContain(isFunctionWord, word) ? languagesOfWord.get(word) : undefined) ??
  (mayBeElided(word) && FRENCH_ELISION.test(word) ? french : null)
