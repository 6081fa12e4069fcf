/**
 * Name normalisation for screening: everything that makes two renderings of
 * one name differ without changing who is meant. Pure and deterministic; the
 * index runs it once per listed name and once per query name.
 */
import anyAscii from 'any-ascii';
import { EDGE_ONLY_LEGAL_FORMS, LEGAL_FORM_PHRASES, STOP_WORDS } from './legal-forms.js';
import { canonicalToken, skeletonKey } from './romanisation.js';

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
}

// Hangul syllables and CJK ideographs: any-ascii writes each as a capitalised
// syllable with no space ("GimJeongEun"), so they are transliterated one
// character at a time and separated, giving "gim jeong eun".
const SYLLABIC = /[\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff]/gu;

/**
 * Script-, case- and punctuation-folding: any script to lower-case ASCII
 * words separated by single spaces. Apostrophes vanish (P'yŏngyang →
 * pyongyang), dotted initialisms close up (S.A. → sa), other punctuation
 * separates words.
 */
export function foldText(raw: string): string {
  let s = raw.normalize('NFC').replace(SYLLABIC, (ch) => ` ${anyAscii(ch)} `);
  s = anyAscii(s).toLowerCase();
  s = s.replace(/['`´’ʼʻ‘"]/g, '');
  s = s.replace(/\b(?:[a-z]\.){2,}/g, (m) => m.replaceAll('.', ''));
  s = s.replace(/[^a-z0-9]+/g, ' ');
  return s.trim();
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
  const words = folded.length ? folded.split(' ') : [];
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

export function normaliseName(raw: string): NormalisedName {
  const { tokens: rawTokens, legalForms } = tokenise(foldText(raw));
  const tokens = rawTokens.map(canonicalToken);
  const keys = tokens.map(skeletonKey);
  return {
    tokens,
    keys,
    legalForms,
    sorted: [...tokens].sort().join(' '),
    joined: tokens.join(''),
  };
}

/** Identifiers compare on letters and digits only: "P-12 345" = "P12345". */
export function normaliseIdentifier(raw: string): string {
  return anyAscii(raw).toUpperCase().replace(/[^A-Z0-9]/g, '');
}
