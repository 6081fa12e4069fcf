/**
 * Korean names reach sanctions lists through at least three romanisation
 * systems (McCune–Reischauer with or without breves, Revised Romanisation,
 * North Korean practice) plus ad-hoc spellings; Russian names through GOST,
 * BGN/PCGN, French and German conventions. Two levels of folding:
 *
 * - `canonicalToken` merges spellings that are unambiguously the same word
 *   (Pyeongyang = Pyongyang, Lee = Ri = Rhee, Park = Pak), scored as equal.
 * - `skeletonKey` is a deliberately lossy phonetic key (voicing, vowels,
 *   j/ch/zh) used for blocking and as a strong-but-not-exact similarity.
 */

import { canonicalGivenName } from './given-names.js';

/** Common Korean surnames: every spelling maps to the DPRK-style form lists use. */
const SURNAMES: ReadonlyMap<string, string> = new Map(
  (
    [
      ['kim', ['gim', 'kihm']],
      // 李: Korean Ri/Lee/Yi, Mandarin Li, Cantonese Lei/Lee.
      ['ri', ['lee', 'yi', 'rhee', 'li', 'rhie', 'rie', 'ree', 'ree', 'lie', 'lei']],
      ['pak', ['park', 'bak', 'bag', 'pag', 'parke']],
      // 백: RR Baek, MR and DPRK Paek, and the other spellings in use
      // (Baik, Paik, Back: Wikipedia "Baek (Korean surname)", after the
      // National Institute of Korean Language's 2009 survey of passport
      // spellings); "baeg" is any-ascii's syllable. Not 박 (Pak): a
      // different surname in every system.
      ['paek', ['baek', 'baeg', 'paeg', 'paik', 'baik', 'back']],
      ['choe', ['choi', 'chwe', 'choy', 'choie']],
      ['jong', ['jeong', 'chung', 'chong', 'jung', 'cheong', 'joung']],
      ['ryu', ['yu', 'yoo', 'ryoo', 'you', 'lyu', 'yiu']],
      ['ro', ['roh', 'no', 'noh', 'rho']],
      ['o', ['oh']],
      ['so', ['suh', 'seo', 'sur', 'seoh']],
      ['sin', ['shin', 'shinn']],
      ['hyon', ['hyun', 'hyeon', 'hyoun']],
      ['ko', ['go', 'koh', 'goh']],
      ['yun', ['yoon', 'youn']],
      ['jang', ['chang']],
      ['rim', ['lim', 'im', 'yim']],
      ['ryang', ['yang']],
      ['kwon', ['gwon', 'kwun']],
      ['mun', ['moon', 'mon']],
      ['jo', ['cho', 'joe']],
      ['kang', ['gang']],
      ['ju', ['joo', 'chu', 'choo']],
      ['ryom', ['yeom', 'yom', 'yum', 'ryeom']],
      ['jon', ['jeon', 'chon', 'chun', 'jun', 'cheon']],
      ['song', ['seong', 'sung']],
      ['hwang', ['whang']],
    ] as const
  ).flatMap(([canonical, variants]) => [[canonical, canonical] as const, ...variants.map((v) => [v, canonical] as const)]),
);

/** Abbreviations lists and registries use interchangeably with the full word. */
const ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['dept', 'department'],
  ['intl', 'international'],
  ['int', 'international'],
  ['natl', 'national'],
  ['mfg', 'manufacturing'],
  ['assn', 'association'],
  ['assoc', 'associated'],
  ['bros', 'brothers'],
  ['eng', 'engineering'],
  ['ind', 'industrial'],
  ['mach', 'machinery'],
  ['banking', 'bank'],
  ['1st', 'first'],
  ['2nd', 'second'],
  ['3rd', 'third'],
]);

/**
 * Rewrites inside a token. Revised Romanisation writes ㅓ/ㅡ as eo/eu where
 * McCune–Reischauer writes ŏ/ŭ (o/u once the breve is lost); Russian
 * renderings write English or Korean j as dzh (Дж) and an initial h as kh
(Х), and Korean aspirates as чх, тх, пх. Surname spellings are merged
 * only for the first word (`first`), where lists put the surname: as a
 * given-name syllable "Chun" is 춘, not the surname 전, and rewriting it
 * would part "Do-chun" from "Dochun". Initial-only kh keeps joined Korean
 * syllables intact (Sok-hwa = Sokhwa).
 */
export function canonicalToken(token: string, first = true): string {
  if (first) {
    const surname = SURNAMES.get(token);
    if (surname !== undefined) return surname;
  }
  const expanded = ABBREVIATIONS.get(token) ?? canonicalGivenName(token);
  if (expanded !== undefined) return expanded;
  // Hong Kong spellings close an open syllable with a silent r or h (Ngor,
  // Wah): 娥 is ngo, 華 wa.
  if (token.length >= 3 && token.length <= 4 && /[aeiou][rh]$/.test(token) && !/^[aeiou]/.test(token)) token = token.slice(0, -1);
  if (token.length < 3 || !/[a-z]/.test(token)) return token;
  let t = token;
  if (t.includes('eo')) t = t.replaceAll('eo', 'o');
  if (t.includes('eu')) t = t.replaceAll('eu', 'u');
  if (t.includes('dzh')) t = t.replaceAll('dzh', 'j');
  if (t.startsWith('kh')) t = t.slice(1);
  // Cyrillic writes Korean aspirates as чх, тх, пх, кх: Чхоль = Chol.
  if (t.includes('kh')) t = t.replace(/(ch|[tpk])kh/g, '$1');
  if (t.length >= 6) t = slavicEnding(t);
  return (first ? SURNAMES.get(t) : undefined) ?? canonicalGivenName(t) ?? t;
}

/**
 * Endings that Russian and Ukrainian romanisations spell differently: the
 * Ukrainian patronymic -ovych/-ovna is Russian -ovich; ё in -ёв is written
 * yo, e, ie or ye (Solovyov, Solovev, Soloviev); -iy/-yy/-ii/-y adjectival
 * endings (Severnyy, Severnyi).
 */
function slavicEnding(t: string): string {
  if (t.endsWith('ovych') || t.endsWith('evych')) return `${t.slice(0, -3)}ich`;
  const m = /^(.{3,}?)(?:yo|ye|ie|io|e)(v|va)$/.exec(t);
  if (m && !/[aeiouy]$/.test(m[1]!)) return `${m[1]}e${m[2]}`;
  return t;
}

const BACK_VOWELS = new Set(['a', 'o', 'u', 'w']);
const FRONT_VOWELS = new Set(['e', 'i', 'y']);

/**
 * Phonetic skeleton: merge voiced/unvoiced stops (k/g, t/d, p/b), r/l, and
 * the affricates (j, ch, tch, zh, written "J"); collapse each vowel run to
 * its last vowel's class, back ("a") or front ("e"), so Hyoksin = Hyuksin
 * but Tanchon ≠ Tianjin. Words of up to three sounds keep their vowels: in
 * Korean given names one syllable is the whole difference (Sok-ho is not
 * Sok-hwa). Digits are kept verbatim so "No. 39" never meets
 * "No. 38".
 */
export function skeletonKey(token: string): string {
  if (/^[0-9]+$/.test(token)) return token;
  // One pass over the token (this runs for every word of every listed name
  // and inside the scoring loop, so no chained replaceAll).
  // Short words keep their vowels, counting a digraph as one sound so that
  // MR "chin" is as short as RR "jin" (진).
  const keepVowels = token.length <= 3 || (token.length <= 5 && soundLength(token) <= 3);
  let out = '';
  let prev = '';
  let vowelRun = '';
  const n = token.length;
  for (let i = 0; i < n; ) {
    const c = token[i]!;
    if (BACK_VOWELS.has(c) || FRONT_VOWELS.has(c)) {
      vowelRun += c;
      i++;
      continue;
    }
    if (vowelRun) {
      const cls = keepVowels ? syllableVowel(vowelRun) : BACK_VOWELS.has(vowelRun.at(-1)!) ? 'a' : 'e';
      out += cls;
      prev = cls;
      vowelRun = '';
    }
    const c2 = token[i + 1] ?? '';
    let k: string;
    let step = 1;
    if (c === 's' && c2 === 'h' && token[i + 2] === 'c' && token[i + 3] === 'h') {
      k = 's';
      step = 4;
    } else if (c === 't' && c2 === 'c' && token[i + 2] === 'h') {
      k = 'J';
      step = 3;
    } else if (c2 === 'h' && (c === 'c' || c === 'z')) {
      k = 'J';
      step = 2;
    } else if (c2 === 'h' && (c === 's' || c === 'k' || c === 'p' || c === 't')) {
      k = c === 's' ? 's' : c === 'k' ? 'h' : c === 'p' ? 'f' : 't';
      step = 2;
    } else if (c === 't' && (c2 === 's' || c2 === 'z')) {
      // Initial ts is Cantonese ch (Tsang, Tse); inside a word Russian ц.
      k = i === 0 ? 'J' : 's';
      step = 2;
    } else if (c === 'c' && c2 === 'k') {
      k = 'k';
      step = 2;
    } else {
      switch (c) {
        case 'j':
          k = 'J';
          break;
        case 'q':
        case 'g':
          k = 'k';
          break;
        case 'x':
          k = 'ks';
          break;
        case 'c':
          k = c2 === 'e' || c2 === 'i' || c2 === 'y' ? 's' : 'k';
          break;
        case 'd':
          k = 't';
          break;
        case 'b':
          k = 'p';
          break;
        case 'z':
          k = 's';
          break;
        case 'v':
          k = 'f';
          break;
        case 'r':
          k = 'l';
          break;
        default:
          k = c;
      }
    }
    i += step;
    if (k === prev) continue;
    out += k;
    prev = k;
  }
  if (vowelRun) out += keepVowels ? syllableVowel(vowelRun) : BACK_VOWELS.has(vowelRun.at(-1)!) ? 'a' : 'e';
  return out;
}

function soundLength(token: string): number {
  let n = 0;
  for (let i = 0; i < token.length; i++, n++) {
    const c = token[i]!;
    const c2 = token[i + 1];
    if (c2 === 'h' && (c === 'c' || c === 's' || c === 'z' || c === 'k' || c === 't' || c === 'p')) i++;
    else if (c === 't' && (c2 === 's' || c2 === 'z')) i++;
  }
  return n;
}

/**
 * The vowels of a short word, kept because in Korean and Chinese names one
 * syllable is the whole difference (Sok-ho, Sok-hwa). Doubled spellings
 * fold (Joon = Jun, Choi = Choe).
 */
function syllableVowel(run: string): string {
  switch (run) {
    case 'oo':
    case 'ou':
      return 'u';
    case 'ee':
      return 'i';
    case 'oi':
    case 'oy':
      return 'oe';
    case 'ei':
      return 'i';
    default:
      return run;
  }
}
