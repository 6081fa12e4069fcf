/**
 * Name normalisation for screening: everything that makes two renderings of
 * one name differ without changing who is meant. Pure and deterministic; the
 * index runs it once per listed name and once per query name.
 */
import anyAscii from 'any-ascii';
import { EDGE_ONLY_LEGAL_FORMS, LEGAL_FORM_PHRASES, STOP_WORDS } from './legal-forms.js';
import { canonicalToken, skeletonKey } from './romanisation.js';
import { ARABIC_SCRIPT, arabicOrigin, splitCompounds, transliterateArabic } from './arabic.js';
import { HAN, cantoneseReading, romaniseHan, translateHan } from './chinese.js';
import { numberWordsToDigits } from './numbers.js';

export { canonicalToken, skeletonKey };

export interface NormalisedName {
  /** Canonical tokens in written order, legal forms and stop words removed. */
  tokens: string[];
  /** Phonetic skeleton of each token (same order as `tokens`). */
  keys: string[];
  /** Legal-form phrases that were removed, for display and explanations. */
  legalForms: string[];
  /** Tokens sorted and space-joined: a token-order-free identity. */
  sorted: string;
  /** Tokens joined without spaces, to catch "Nam Chon Gang" = "Namchongang". */
  joined: string;
  /** Written in Arabic script (short vowels unwritten) or Arabic in origin: compared on consonants. */
  consonantal: boolean;
}

// Hangul syllables: any-ascii writes each as a capitalised syllable with no
// space ("GimJeongEun"), so they are transliterated one at a time and
// separated, giving "gim jeong eun". Han characters are read in context
// (`romaniseHan`).
const SYLLABIC = /[\uac00-\ud7a3]/gu;

/**
 * Script-, case- and punctuation-folding: any script to lower-case ASCII
 * words separated by single spaces. Apostrophes vanish (P'yŏngyang →
 * pyongyang), dotted initialisms close up (S.A. → sa), other punctuation
 * separates words.
 */
export function foldText(raw: string): string {
  // Most listed names are plain ASCII: skip the transliteration machinery.
  let s = /^[\x20-\x7e]*$/.test(raw) ? raw : transliterate(raw);
  s = s.toLowerCase();
  s = s.replace(/['`´’ʼʻ‘"]/g, '');
  s = s.replace(/\b(?:[a-z]\.){2,}/g, (m) => m.replaceAll('.', ''));
  s = s.replace(/[^a-z0-9]+/g, ' ');
  return s.trim();
}


function transliterate(raw: string): string {
  let s = raw.normalize('NFC');
  if (HAN.test(s)) s = romaniseHan(s);
  s = s.replace(SYLLABIC, (ch) => ` ${anyAscii(ch)} `);
  if (ARABIC_SCRIPT.test(s)) s = transliterateArabic(s);
  // any-ascii writes ё as e; English renderings (and Korean names in
  // Cyrillic, Пён = Pyon) write yo.
  s = s.replace(/ё/g, 'yo').replace(/Ё/g, 'Yo');
  return anyAscii(s);
}

const PHRASES: readonly string[][] = [...LEGAL_FORM_PHRASES]
  .map((p) => p.split(' '))
  .sort((a, b) => b.length - a.length);
const FIRST_WORDS: ReadonlySet<string> = new Set(PHRASES.map((p) => p[0]!));

/**
 * Splits folded text into tokens and removes legal forms and stop words,
 * unless that would leave nothing (a company literally called "Limited"
 * still has a name).
 */
export function tokenise(folded: string): { tokens: string[]; legalForms: string[] } {
  const words = folded.length ? splitCompounds(numberWordsToDigits(folded.split(' '))) : [];
  const kept: string[] = [];
  const legalForms: string[] = [];
  for (let i = 0; i < words.length; ) {
    const w = words[i]!;
    let consumed = 0;
    if (FIRST_WORDS.has(w)) {
      for (const phrase of PHRASES) {
        if (phrase[0] !== w || i + phrase.length > words.length) continue;
        let ok = true;
        for (let k = 1; k < phrase.length; k++) {
          if (words[i + k] !== phrase[k]) {
            ok = false;
            break;
          }
        }
        if (ok) {
          consumed = phrase.length;
          break;
        }
      }
    }
    if (consumed === 0 && EDGE_ONLY_LEGAL_FORMS.has(w) && (i === 0 || i === words.length - 1) && words.length > 1) {
      consumed = 1;
    }
    if (consumed > 0) {
      legalForms.push(words.slice(i, i + consumed).join(' '));
      i += consumed;
      continue;
    }
    kept.push(w);
    i++;
  }
  if (kept.length === 0) return { tokens: words, legalForms: [] };
  const content = kept.filter((t) => !STOP_WORDS.has(t));
  return { tokens: content.length ? content : kept, legalForms };
}

/** Canonical tokens only: what the index needs per listed name. */
export function normaliseTokens(raw: string): string[] {
  const { tokens } = tokenise(foldText(raw));
  for (let i = 0; i < tokens.length; i++) tokens[i] = canonicalToken(tokens[i]!, i === 0);
  return tokens;
}

export function normaliseName(raw: string): NormalisedName {
  const { tokens: rawTokens, legalForms } = tokenise(foldText(raw));
  const tokens = rawTokens.map((t, i) => canonicalToken(t, i === 0));
  const keys = tokens.map(skeletonKey);
  return {
    tokens,
    keys,
    legalForms,
    sorted: [...tokens].sort().join(' '),
    joined: tokens.join(''),
    consonantal: ARABIC_SCRIPT.test(raw) || arabicOrigin(tokens),
  };
}

/**
 * Lists append acronyms in parentheses ("KOREA MINING DEVELOPMENT TRADING
 * CORPORATION (KOMID)"); the acronym is a name of its own, and left inside
 * it would count as an unmatched word against every other spelling.
 */
export function splitTrailingAcronym(name: string): { name: string; acronym: string | null } {
  // Capitals only: "(Pyongyang)" or "(Dandong)" is a place, not another name.
  const m = /^(.*\S)\s*\(([A-Z0-9&.\-]{2,12})\)$/.exec(name.trim());
  if (!m) return { name, acronym: null };
  return { name: m[1]!, acronym: m[2]! };
}

/**
 * The names to match for one written name: itself, its acronym, and for a
 * name in Han characters its English-word and Cantonese readings
 * (`chinese.ts`).
 */
export function nameVariants(name: string): string[] {
  const { name: base, acronym } = splitTrailingAcronym(name);
  const out = acronym ? [base, acronym] : [base];
  if (HAN.test(base)) {
    const english = translateHan(base);
    if (english) out.push(english);
    const cantonese = cantoneseReading(base);
    if (cantonese) out.push(cantonese);
  }
  return out;
}

/** Identifiers compare on letters and digits only: "P-12 345" = "P12345". */
export function normaliseIdentifier(raw: string): string {
  // Vessel numbers are written both "IMO 8712362" and "8712362".
  return anyAscii(raw).toUpperCase().replace(/[^A-Z0-9]/g, '').replace(/^IMO(?=\d{7}$)/, '');
}
