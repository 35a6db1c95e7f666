// ISO 639-1 codes sites commonly send, to the ISO 639-3 codes the language detector answers in.
const iso6391To6393: Record<string, string> = {
  ar: 'arb',
  bg: 'bul',
  ca: 'cat',
  cs: 'ces',
  da: 'dan',
  de: 'deu',
  el: 'ell',
  en: 'eng',
  es: 'spa',
  et: 'est',
  fa: 'pes',
  fi: 'fin',
  fr: 'fra',
  he: 'heb',
  hi: 'hin',
  hr: 'hrv',
  hu: 'hun',
  id: 'ind',
  it: 'ita',
  ja: 'jpn',
  ko: 'kor',
  lt: 'lit',
  lv: 'lvs',
  nl: 'nld',
  no: 'nob',
  nb: 'nob',
  pl: 'pol',
  pt: 'por',
  ro: 'ron',
  ru: 'rus',
  sk: 'slk',
  sl: 'slv',
  sr: 'srp',
  sv: 'swe',
  th: 'tha',
  tr: 'tur',
  uk: 'ukr',
  ur: 'urd',
  vi: 'vie',
  zh: 'cmn',
}

/** An ISO 639-3 code for a 639-1 or 639-3 code, or null when it is not one the detector knows. */
export function toIso6393(code: string | null | undefined): string | null {
  if (!code) return null
  const lower = code.toLowerCase()
  if (lower.length === 3) return lower
  return iso6391To6393[lower] ?? null
}
