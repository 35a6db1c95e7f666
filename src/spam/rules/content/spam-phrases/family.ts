/**
 * Topic phrases of comment spam, by family (heuristics catalogue E3), in French, English and Russian, with a few
 * Spanish, Portuguese, German, Indonesian, Arabic, Hindi and Vietnamese ones where spam in those languages is
 * common. Syntax: see `../phrases.ts` (`a|b` alternatives, `word*` prefix, `#` a number, `*` any word, `?`
 * optional); an alternative is one word ("nhà cái uy tín", not "uy tín|hàng đầu"). Arabic glues "و" (and), "ب"
 * (with) and "ال" (the) to a word: a phrase lists the forms that spam writes ("قروض|القروض").
 *
 * What goes in a list: phrases that sell, solicit or recruit, not topics. "bitcoin", "casino", "prêt", "viagra"
 * are news ("le casino d'Enghien ferme", "les taux des prêts montent"); "recover your lost bitcoin", "casino
 * bonus", "prêt entre particuliers", "buy viagra" are offers. A phrase whose words a reader could use about the
 * article's subject needs a second, commercial word ("pas cher", "sans ordonnance", a number of euros per day).
 *
 * `unspaced`: phrases matched anywhere in the text, as substrings: in scripts written without spaces (Chinese,
 * Japanese), and Korean compounds, which glue particles and other words to a phrase ("메이저토토사이트를"). A
 * Korean entry is a compound: "토토" (the lottery) and "대출" (a loan) are news, and so are most of the compounds
 * (betting sites, loan baits, side-job scams are what the police arrest): those are `unspacedWithCue`.
 */
export type PhraseFamily = {
  id: string
  /** How the detail names the family, completing "Uses the stock phrases of …": "a loan offer". */
  label: string
  phrases: readonly string[]
  /**
   * Phrases that are also what readers of political news write ("prêt urgent" of the IMF, "guaranteed loans"
   * voted by Congress, "une rencontre discrète" between envoys): they count only with a selling or contact cue
   * near them (see ../cues.ts).
   */
  withCue?: readonly string[]
  unspaced?: readonly string[]
  /**
   * `unspaced` phrases that are also news ("菲律宾禁止在线赌场", "银行发放无抵押贷款", "オンラインカジノの違法性",
   * "경찰, 먹튀검증 사이트 운영자 검거"): they count only where the comment sells or gives a way to be reached,
   * anywhere in it (Korean's selling cues: ../korean-offers.ts).
   */
  unspacedWithCue?: readonly string[]
}
