/**
 * Country names as lists write them ("Korea, North", "Democratic People's
 * Republic of Korea", "DPRK") to ISO 3166-1 alpha-2 lower case, the form
 * FollowTheMoney and yente use. Unknown strings give null rather than a
 * guess: a wrong country would wrongly penalise a true match.
 */
import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import uk from 'i18n-iso-countries/langs/uk.json' with { type: 'json' };
import { foldText } from './normalise.js';

countries.registerLocale(en);
countries.registerLocale(uk);

/** Spellings the i18n-iso-countries English names do not cover, folded. */
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['democratic peoples republic of korea', 'kp'],
  ['korea democratic peoples republic of', 'kp'],
  ['korea democratic peoples republic', 'kp'],
  ['korea dpr', 'kp'],
  ['dpr korea', 'kp'],
  ['dprk', 'kp'],
  ['korea north', 'kp'],
  ['north korea', 'kp'],
  ['korea south', 'kr'],
  ['south korea', 'kr'],
  ['korea republic of', 'kr'],
  ['iran islamic republic of', 'ir'],
  ['iran islamic republic', 'ir'],
  ['burma', 'mm'],
  ['viet nam', 'vn'],
  ['syria', 'sy'],
  ['russia', 'ru'],
  ['ussr', 'suhh'],
  ['soviet union', 'suhh'],
  ['uk', 'gb'],
  ['great britain', 'gb'],
  ['united kingdom of great britain and northern ireland', 'gb'],
  ['usa', 'us'],
  ['united states of america', 'us'],
  ['hong kong sar', 'hk'],
  ['hong kong sar china', 'hk'],
  ['hong kong china', 'hk'],
  ['macau', 'mo'],
  ['macao sar', 'mo'],
  ['taiwan province of china', 'tw'],
  ['uae', 'ae'],
  ['turkiye', 'tr'],
  ['congo democratic republic of the', 'cd'],
  ['democratic republic of the congo', 'cd'],
  ['lao peoples democratic republic', 'la'],
  ['moldova republic of', 'md'],
  ['bolivia plurinational state of', 'bo'],
  ['venezuela bolivarian republic of', 've'],
  ['tanzania united republic of', 'tz'],
  ['crimea', 'ua'],
  ['region crimea', 'ua'],
]);

export function normaliseCountry(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const value = raw.trim();
  if (!value || value === '-0-') return null;
  if (/^[A-Za-z]{2}$/.test(value)) return value.toLowerCase();
  if (/^[a-z]{2}-[a-z]+$|^[a-z]{4}$/.test(value)) return value; // FtM specials: suhh, gb-sct
  if (/^[A-Z]{3}$/.test(value)) {
    const a2 = countries.alpha3ToAlpha2(value);
    if (a2) return a2.toLowerCase();
  }
  const folded = foldText(value);
  const alias = ALIASES.get(folded);
  if (alias) return alias;
  const direct = countries.getAlpha2Code(value, 'en') ?? countries.getAlpha2Code(value.replace(/\s*\(.*\)\s*/g, ' ').trim(), 'en');
  return direct ? direct.toLowerCase() : null;
}

/** Normalises and de-duplicates, dropping what cannot be recognised. */
export function normaliseCountries(values: Iterable<string | null | undefined>): string[] {
  const out = new Set<string>();
  for (const v of values) {
    const c = normaliseCountry(v);
    if (c) out.add(c);
  }
  return [...out];
}

/** Ukrainian spellings people type that the package's names do not cover (its names are the short official ones). */
const UK_ALIASES: ReadonlyMap<string, string> = new Map([
  ['північна корея', 'KP'], ['кндр', 'KP'], ['південна корея', 'KR'], ['сполучені штати', 'US'], ['сполучені штати америки', 'US'],
  ['велика британія', 'GB'], ['сполучене королівство', 'GB'], ['росія', 'RU'], ['рф', 'RU'], ['іран', 'IR'], ['тайвань', 'TW'],
]);

/**
 * A country a person typed in a filter, as an ISO 3166-1 alpha-2 code (upper case), or null when it
 * names none: a code ("CN", "cn"; it must exist), an English name or common spelling ("China",
 * "North Korea", "USA"), or a Ukrainian one ("Китай", "Північна Корея"). Never a guess from the
 * first letters: "China" is CN, and "Ch" alone is Switzerland's code only because it is one.
 */
export function countryFromText(raw: string | null | undefined): string | null {
  const value = raw?.trim();
  if (!value) return null;
  if (/^[A-Za-z]{2}$/.test(value)) return countries.isValid(value.toUpperCase()) ? value.toUpperCase() : null;
  const english = normaliseCountry(value);
  if (english && /^[a-z]{2}$/.test(english)) return english.toUpperCase();
  const lower = value.toLowerCase();
  return UK_ALIASES.get(lower) ?? countries.getAlpha2Code(value, 'uk') ?? null;
}
