/**
 * Arabic-script names (Arabic, Persian, Urdu letters) and their many Latin
 * romanisations. Arabic writing leaves short vowels out, so "محمد" is
 * m-h-m-d whether a list writes Muhammad, Mohammed or Mohamad: such names
 * are compared on their consonants. `transliterateArabic` turns the script
 * into Latin consonants (long vowels as a, w, y); `consonantKey` reduces
 * both that and any Latin spelling to one key: vowels and the semivowels
 * w, y dropped, letters romanisations confuse merged (q, k, g, c; dh, d;
 * th, t; kh, h; sh, ch), doubled letters single (Haqqani = Haqani).
 *
 * Letter values: the common core of ALA-LC, DIN 31635 and the UN
 * romanisation systems for Arabic, with the Persian and Urdu letters
 * (پ چ ژ گ ک ی ہ ے) as ALA-LC gives them. Version 1, 2026-12.
 */
export const ARABIC_SCRIPT = /[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]/;

const LETTERS: Record<string, string> = {
  'ا': 'a', 'أ': 'a', 'إ': 'i', 'آ': 'a', 'ٱ': 'a', 'ء': '', 'ؤ': '', 'ئ': '', 'ى': 'a',
  'ب': 'b', 'ت': 't', 'ث': 'th', 'ج': 'j', 'ح': 'h', 'خ': 'kh', 'د': 'd', 'ذ': 'dh', 'ر': 'r',
  'ز': 'z', 'س': 's', 'ش': 'sh', 'ص': 's', 'ض': 'd', 'ط': 't', 'ظ': 'z', 'ع': '', 'غ': 'gh',
  'ف': 'f', 'ق': 'q', 'ك': 'k', 'ل': 'l', 'م': 'm', 'ن': 'n', 'ه': 'h', 'ة': 'a', 'و': 'w', 'ي': 'y',
  'پ': 'p', 'چ': 'ch', 'ژ': 'zh', 'گ': 'g', 'ک': 'k', 'ی': 'y', 'ہ': 'h', 'ھ': 'h', 'ۃ': 'a', 'ے': 'e',
  'ٹ': 't', 'ڈ': 'd', 'ڑ': 'r', 'ں': 'n', 'ۓ': 'e', 'ۀ': 'h',
};

/**
 * Arabic script to Latin letters, one word per written word. The article
 * ال becomes its own word "al" (a weak particle when scored); a final ه or
 * ة after a letter is the vowel -a/-e (Khamenei, Fatima), not h.
 */
export function transliterateArabic(raw: string): string {
  // Vowel marks, shadda, tatweel and the zero-width non-joiner go.
  const s = raw.normalize('NFC').replace(/[\u064b-\u065f\u0670\u0640\u200c\u200d]/g, '');
  return s.replace(/[\u0600-\u06ff\u0750-\u077f]+/g, (word) => {
    let w = word;
    let prefix = '';
    if (w.length > 3 && (w.startsWith('ال') || w.startsWith('اَل'))) {
      prefix = 'al ';
      w = w.slice(2);
    }
    if (w.length > 2 && /[هةۀ]$/.test(w)) w = `${w.slice(0, -1)}a`;
    let out = '';
    for (const ch of w) out += LETTERS[ch] ?? ch;
    return ` ${prefix}${out} `;
  });
}

/**
 * Words that mark a Latin-script name as Arabic in origin (articles and
 * kinship particles, the commonest given names in their canonical
 * spelling): such names are compared on consonants too, since their
 * romanisations differ in vowels and doubling (Qadhafi, Gaddafi, Kadhafi).
 */
const ARABIC_MARKERS: ReadonlySet<string> = new Set([
  'al', 'el', 'bin', 'ibn', 'bint', 'abu', 'abd', 'abdul', 'umm',
  'muhammad', 'ahmad', 'abdullah', 'husayn', 'hasan', 'usama', 'umar', 'ibrahim', 'qasim', 'aisha', 'saif', 'hamza', 'khalid', 'mustafa', 'mahmud', 'sulayman', 'yusuf', 'said', 'hafiz', 'masood',
]);

/** A name whose canonical tokens include an Arabic-origin marker. */
export function arabicOrigin(tokens: readonly string[]): boolean {
  for (const t of tokens) if (ARABIC_MARKERS.has(t)) return true;
  return false;
}

const KEYS = new Map<string, string>();

/** Consonant skeleton of a word in any romanisation (see the module note). */
export function consonantKey(token: string): string {
  const cached = KEYS.get(token);
  if (cached !== undefined) return cached;
  let out = '';
  for (let i = 0; i < token.length; i++) {
    const c = token[i]!;
    const n = token[i + 1];
    let k: string;
    if (n === 'h' && (c === 's' || c === 'c')) k = 'S';
    // kh as h: romanisations and the initial-kh fold (Khaliq, Haliq) disagree.
    else if (n === 'h' && c === 'k') k = 'h';
    else if (n === 'h' && c === 'g') k = 'k';
    else if (n === 'h' && (c === 't' || c === 'd' || c === 'z')) k = c === 'z' ? 'j' : c === 'd' ? 'd' : 't';
    else if (n === 'h' && c === 'p') k = 'f';
    else k = '';
    if (k) {
      i++;
    } else {
      switch (c) {
        case 'a': case 'e': case 'i': case 'o': case 'u': case 'y': case 'w': case 'v':
          continue;
        case 'q': case 'g': case 'c':
          k = 'k';
          break;
        default:
          k = c;
      }
    }
    if (out.endsWith(k)) continue;
    out += k;
  }
  if (KEYS.size < 100_000) KEYS.set(token, out);
  return out;
}
