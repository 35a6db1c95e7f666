// ISO 639-1 codes sites commonly send, to the ISO 639-3 codes the language detector answers in.
const iso6391To6393: Record<string, string> = {
  ar: 'arb',
  az: 'azj',
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
  mg: 'plt',
  ms: 'zlm',
  ne: 'npi',
  nl: 'nld',
  no: 'nob',
  nb: 'nob',
  pl: 'pol',
  ps: 'pbu',
  pt: 'por',
  ro: 'ron',
  ru: 'rus',
  sk: 'slk',
  sl: 'slv',
  sr: 'srp',
  sv: 'swe',
  sw: 'swh',
  th: 'tha',
  tr: 'tur',
  uk: 'ukr',
  ur: 'urd',
  uz: 'uzn',
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

/**
 * ISO 639-3 macrolanguages to the individual language franc-min answers for them, the one their standard written
 * form is: a site naming its language "ara" or "msa" means the language franc calls "arb" or "zlm". Only the
 * languages franc-min has a profile of: Estonian, Latvian and Norwegian (ekk, lvs, nob) it does not read at all,
 * and Kurdish only as Sorani (ckb), which would call a Kurmanji reader another language.
 */
const macrolanguages: Record<string, string> = {
  ara: 'arb',
  aze: 'azj',
  fas: 'pes',
  hbs: 'srp',
  mlg: 'plt',
  msa: 'zlm',
  nep: 'npi',
  pus: 'pbu',
  swa: 'swh',
  uzb: 'uzn',
  zha: 'zyb',
  zho: 'cmn',
}

/** The language franc answers in for an ISO 639-3 code: the code itself, or its macrolanguage's. */
export const asDetected = (code: string): string => macrolanguages[code] ?? code
