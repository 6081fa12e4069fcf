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
  // A final -ah/-eh is the vowel of ة or a Persian final ه, which other
  // romanisations write -a (Jamileh = Jamila, Hamzah = Hamza, Fatemeh =
  // Fatima; transliterateArabic reads the script the same way).
  const end = token.length > 3 && token.endsWith('h') && /[aeiou]/.test(token[token.length - 2]!) ? token.length - 1 : token.length;
  for (let i = 0; i < end; i++) {
    const c = token[i]!;
    const n = i + 1 < end ? token[i + 1] : undefined;
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

/**
 * Compound names of the "X of the faith / of God" kind: Siraj al-Din is
 * written Sirajuddin, Serajuddin, Siraj ud-Din, Siradjeddine, سراج الدین;
 * Hibat Allah Hibatullah, Nasrallah. Lists give the compound in one form and
 * the short given name (Siraj) in another. Each is split into its first part
 * and one canonical second part ("uddin", "ullah"), which weighs like a
 * particle (score.ts): Sirajuddin = Siraj ud Din = سراج الدین, and Siraj
 * alone misses only the particle. Abd Allah (Abdullah, Abdallah) is left
 * whole: there the second part is the name.
 */
const DIN_SUFFIX = /^(.{3,})(uddin|uddine|udin|uddeen|eddine|eddin|edine|addin|oddin|oudine|oudin)$/;
const ALLAH_SUFFIX = /^(.{3,})(ullah|ulla|ollah|allah)$/;
const ABD = /^(abd|abdul|abdal|abdel|abed)$/;
const DIN_WORDS: ReadonlySet<string> = new Set(['din', 'dyn', 'deen', 'dine']);
const LINKS: ReadonlySet<string> = new Set(['al', 'el', 'ud', 'ad', 'ed', 'ul']);

export function splitCompounds(words: readonly string[]): string[] {
  let out: string[] | null = null;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    let parts: string[] | null = null;
    // "siraj al din", "siraj ud din" (and the script's "sraj al dyn"): the
    // link already written becomes the canonical second part.
    if (i >= 2 && DIN_WORDS.has(w) && LINKS.has(words[i - 1]!)) {
      out ??= words.slice(0, i);
      out[out.length - 1] = 'uddin';
      continue;
    }
    if (w.length >= 7) {
      const d = DIN_SUFFIX.exec(w);
      if (d) parts = [d[1]!, 'uddin'];
      else {
        const a = ALLAH_SUFFIX.exec(w);
        if (a && !ABD.test(a[1]!)) parts = [a[1]!, 'ullah'];
      }
    }
    if (parts) {
      out ??= words.slice(0, i);
      out.push(...parts);
    } else if (out) out.push(w);
  }
  return out ?? (words as string[]);
}
