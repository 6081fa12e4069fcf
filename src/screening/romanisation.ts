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

/** Common Korean surnames: every spelling maps to the DPRK-style form lists use. */
const SURNAMES: ReadonlyMap<string, string> = new Map(
  (
    [
      ['kim', ['gim', 'kihm']],
      ['ri', ['lee', 'yi', 'rhee', 'li', 'rhie', 'rie', 'ree', 'ree', 'lie']],
      ['pak', ['park', 'bak', 'bag', 'pag', 'parke']],
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

/**
 * Rewrites inside a token. Revised Romanisation writes ㅓ/ㅡ as eo/eu where
 * McCune–Reischauer writes ŏ/ŭ (o/u once the breve is lost).
 */
export function canonicalToken(token: string): string {
  const surname = SURNAMES.get(token);
  if (surname !== undefined) return surname;
  if (token.length < 3 || !/[a-z]/.test(token)) return token;
  let t = token;
  if (t.includes('eo')) t = t.replaceAll('eo', 'o');
  if (t.includes('eu')) t = t.replaceAll('eu', 'u');
  return t;
}

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y', 'w']);

/**
 * Phonetic skeleton: collapse each vowel run to "a", merge voiced/unvoiced
 * stops (k/g, t/d, p/b), r/l, and the affricates (j, ch, tch, zh). Digits are
 * kept verbatim so "No. 39" never meets "No. 38".
 */
export function skeletonKey(token: string): string {
  if (/^[0-9]+$/.test(token)) return token;
  let s = token
    .replaceAll('shch', 's')
    .replaceAll('tch', 'J')
    .replaceAll('ch', 'J')
    .replaceAll('zh', 'J')
    .replaceAll('j', 'J')
    .replaceAll('sh', 's')
    .replaceAll('kh', 'h')
    .replaceAll('ph', 'f')
    .replaceAll('th', 't')
    .replaceAll('ts', 's')
    .replaceAll('tz', 's')
    .replaceAll('ck', 'k')
    .replaceAll('q', 'k')
    .replaceAll('x', 'ks');
  let out = '';
  let prev = '';
  for (let i = 0; i < s.length; i++) {
    let c = s[i]!;
    const next = s[i + 1] ?? '';
    if (c === 'c') c = next === 'e' || next === 'i' || next === 'y' ? 's' : 'k';
    else if (c === 'g') c = 'k';
    else if (c === 'd') c = 't';
    else if (c === 'b') c = 'p';
    else if (c === 'z') c = 's';
    else if (c === 'v') c = 'f';
    else if (c === 'r') c = 'l';
    else if (VOWELS.has(c)) c = 'a';
    if (c === prev) continue;
    out += c;
    prev = c;
  }
  s = out;
  return s;
}
