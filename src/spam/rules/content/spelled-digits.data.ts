/**
 * The words of spelled-out phone numbers (spelled-digits.ts), each list one string of words separated by spaces.
 * Digits: English, French, Spanish, Portuguese, Italian, German, Dutch, Polish, Turkish, Indonesian, Russian,
 * Ukrainian, Arabic (its zero also as the English word, زيرو), Hindi (also as typed in Latin letters: "nau aath
 * saat"). A word that two languages share is listed once. Not the Dutch "nul": in French a draw ("match nul").
 */
export const DIGIT_WORDS: Readonly<Record<string, string>> = {
  '0': 'zero zéro cero null nol sıfır sifir ноль нуль صفر زيرو शून्य shunya',
  '1': 'one un une uno um eins een jeden bir satu один одна واحد एक ek',
  '2': 'two deux dos dois due zwei twee dwa iki dua два дві اثنان دو दो do',
  '3': 'three trois tres três tre drei drie trzy üç tiga три ثلاثة तीन teen',
  '4': 'four quatre cuatro quatro quattro vier cztery dört empat четыре чотири أربعة चार char chaar',
  '5': "five cinq cinco cinque fünf vijf pięć beş lima пять п'ять خمسة पांच पाँच paanch panch",
  '6': 'six seis sei sechs zes sześć altı enam шесть шість ستة छह छः chhe chhah',
  '7': 'seven sept siete sete sette sieben zeven siedem yedi tujuh семь сім سبعة सात saat',
  '8': 'eight huit ocho oito otto acht osiem sekiz delapan восемь вісім ثمانية आठ aath',
  '9': "nine neuf nueve nove neun negen dziewięć dokuz sembilan девять дев'ять تسعة नौ nau",
}

/**
 * Numbers from 10 to 19, and the ones from 21 to 29 that Spanish writes in one word, as numbers said in pairs
 * ("zéro six, douze, trente-quatre") use them: French, Spanish, Portuguese, Italian, German, Russian. Not English,
 * whose phone numbers are said digit by digit and whose years are said in pairs ("nineteen eighty-four").
 * French "dix" is also the first word of 17 to 19 ("dix-sept").
 */
export const TWO_DIGIT_WORDS: Readonly<Record<string, string>> = {
  '10': 'dix diez dez dieci zehn десять',
  '11': 'onze once undici elf одиннадцать',
  '12': 'douze doce doze dodici zwölf двенадцать',
  '13': 'treize trece treze tredici dreizehn тринадцать',
  '14': 'quatorze catorce catorze quattordici vierzehn четырнадцать',
  '15': 'quinze quince quindici fünfzehn пятнадцать',
  '16': 'seize dieciséis dieciseis dezesseis sedici sechzehn шестнадцать',
  '17': 'diecisiete dezessete diciassette siebzehn семнадцать',
  '18': 'dieciocho dezoito diciotto achtzehn восемнадцать',
  '19': 'diecinueve dezenove diciannove neunzehn девятнадцать',
  '21': 'veintiuno veintiún',
  '22': 'veintidós veintidos',
  '23': 'veintitrés veintitres',
  '24': 'veinticuatro',
  '25': 'veinticinco',
  '26': 'veintiséis veintiseis',
  '27': 'veintisiete',
  '28': 'veintiocho',
  '29': 'veintinueve',
}

/** Tens, by their digit: a unit may follow ("trente-quatre", "treinta y cuatro", "тридцать четыре"). */
export const TENS_WORDS: Readonly<Record<string, string>> = {
  '2': 'vingt vingts veinte vinte venti zwanzig двадцать',
  '3': 'trente treinta trinta trenta dreißig тридцать',
  '4': 'quarante cuarenta quarenta quaranta vierzig сорок',
  '5': 'cinquante cincuenta cinquenta cinquanta fünfzig пятьдесят',
  '6': 'soixante sesenta sessenta sessanta sechzig шестьдесят',
  '7': 'septante setenta settanta siebzig семьдесят',
  '8': 'huitante octante ochenta oitenta ottanta achtzig восемьдесят',
  '9': 'nonante noventa novanta neunzig девяносто',
}

/** What joins a unit to its tens: "vingt et un", "treinta y cuatro", "trinta e quatro". */
export const TENS_JOINERS = 'et y e'

/** "nine double one", "triple zéro": the next digit two or three times. */
export const REPEATS: Readonly<Record<string, number>> = {
  double: 2,
  triple: 3,
  doppio: 2,
  doble: 2,
  triplo: 3,
}

/**
 * Sino-Korean and Chinese (also Japanese) digits, one character each, written glued ("공일공", "一三八"); 幺 is how
 * a 1 is said in a Chinese phone number, not to be heard as 7.
 */
export const DIGIT_CHARACTERS: Readonly<Record<string, string>> = {
  공: '0',
  영: '0',
  일: '1',
  이: '2',
  삼: '3',
  사: '4',
  오: '5',
  육: '6',
  륙: '6',
  칠: '7',
  팔: '8',
  구: '9',
  零: '0',
  〇: '0',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
  幺: '1',
}
