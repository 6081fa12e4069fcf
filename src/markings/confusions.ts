/**
 * OCR-like confusions: characters that look alike in print, on a worn package or in a photo's
 * transcription (O/0, I/1, S/5, B/8, Z/2, G/6). The engine reads a marking as typed first; only where
 * that reading fails (no catalogued prefix, a date-like word no rule reads) it tries the
 * look-alike, keeps it when the knowledge base supports it, and says so in a warning.
 */

/** Letter → the digit it is mistaken for, and back; 0 where the character has no look-alike. */
const TO_DIGIT = new Uint8Array(128);
const TO_LETTER = new Uint8Array(128);
for (const [letter, digit] of [['O', '0'], ['I', '1'], ['S', '5'], ['B', '8'], ['Z', '2'], ['G', '6']] as const) {
  TO_DIGIT[letter.charCodeAt(0)] = digit.charCodeAt(0);
  TO_LETTER[digit.charCodeAt(0)] = letter.charCodeAt(0);
}

/** The look-alike of a character (a digit for a letter, a letter for a digit), or 0. */
export function lookAlike(c: number): number {
  return c < 128 ? TO_DIGIT[c]! || TO_LETTER[c]! : 0;
}

/** The digit a letter is mistaken for, or 0. */
export function digitLookAlike(c: number): number {
  return c < 128 ? TO_DIGIT[c]! : 0;
}

/**
 * A word that is a date code with some digits typed as look-alike letters (`2Z15`, `O643`): at
 * least two digits, at most four letters, every letter one with a digit look-alike. Returns the
 * word with those letters made digits, or null.
 */
export function digitisedDateWord(w: string): string | null {
  const n = w.length;
  if (n < 3 || n > 7) return null;
  let letters = 0, digits = 0;
  for (let i = 0; i < n; i++) {
    const c = w.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (digitLookAlike(c)) letters++;
    else return null;
  }
  if (letters === 0 || letters > 4 || digits < 2) return null;
  let out = '';
  for (let i = 0; i < n; i++) { const c = w.charCodeAt(i); out += String.fromCharCode(c >= 48 && c <= 57 ? c : digitLookAlike(c)); }
  return out;
}

/**
 * A date code run together with its lot or trace characters, the date typed with look-alike
 * letters (`O41BCDK` = 0418 + CDK; an all-digit code such as `IS1O` is digitisedDateWord's): the first four
 * characters are digits or digit look-alikes, at least two of them digits and at least one a
 * letter; those letters are made digits, the rest is kept as typed. Null otherwise.
 */
export function digitisedDateLead(w: string): string | null {
  // Seven characters or more: a YYWW run on with a three-character trace code or a lot (Microchip YYWWNNN, NEC's 0037K7027); a shorter word is a
  // lot code as often as not (TI's B413V), and is not read this way.
  if (w.length < 7 || w.length > 12) return null;
  let letters = 0, digits = 0, out = '';
  for (let i = 0; i < 4; i++) {
    const c = w.charCodeAt(i);
    if (c >= 48 && c <= 57) { digits++; out += w[i]; }
    else { const d = digitLookAlike(c); if (!d) return null; letters++; out += String.fromCharCode(d); }
  }
  return letters > 0 && digits >= 2 ? out + w.slice(4) : null;
}

/** The word with its first two characters made digits where they have a look-alike (`IZCE674` → `12CE674`), or null when nothing changes. */
export function digitisedLead(w: string): string | null {
  let out = '';
  let changed = false;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    const d = i < 2 ? digitLookAlike(c) : 0;
    if (d) { out += String.fromCharCode(d); changed = true; } else out += w[i];
  }
  return changed ? out : null;
}

/**
 * The word with one or two of its look-alike characters read the other way, fewest changes
 * first, at most `limit` variants: for the knowledge base's look-ups (family shapes, topside
 * codes, serial lines), tried only when the word as typed matched nothing.
 */
export function lookAlikeVariants(w: string, limit: number): string[] {
  const at: number[] = [];
  for (let i = 0; i < w.length && at.length < 8; i++) if (lookAlike(w.charCodeAt(i))) at.push(i);
  const out: string[] = [];
  const flip = (s: string, i: number) => s.slice(0, i) + String.fromCharCode(lookAlike(s.charCodeAt(i))) + s.slice(i + 1);
  for (let a = 0; a < at.length && out.length < limit; a++) out.push(flip(w, at[a]!));
  for (let a = 0; a < at.length && out.length < limit; a++) for (let b = a + 1; b < at.length && out.length < limit; b++) out.push(flip(flip(w, at[a]!), at[b]!));
  return out;
}

function isLetterCode(c: number): boolean {
  return c >= 65 && c <= 90;
}

/**
 * The part number holds a character typed as its look-alike, after its catalogued prefix: `O`
 * beside a digit; `Z` beside a digit unless two letters follow (STM32's pin code, `743ZIT6`); in
 * the device number (up to the first `-` or `/`), `I` before a digit (a final `I` is the
 * temperature grade, `24LC256I`, `ADS1256IDBR`), `S` or `B` between two digits, a digit between
 * letters in its first characters; `O`, `S`, `Z` or `B` right after a prefix that ends in a
 * letter (`XC3S` + `SOA`); in a package code after `/`, a digit that has a letter look-alike
 * (`-E/5O`). Printed part numbers rarely do; typed or transcribed ones often. On the evaluation
 * set's dev split the test flags about one part number in fourteen as printed (nearly all right)
 * and two in five with OCR-like confusions (nearly all wrong), so a reading of such a part number
 * is far less sure. Letters printed for themselves beside digits were weighed against that: G
 * (`SN74LVC1G08`, `ATSAMD21G18A`, `K4B4G16`) is not taken as a typed 6. Families whose numbering the
 * knowledge base knows (knowledge/device-shapes.json: `MKL25Z128`, `SN74LVC1G08`, `EPCS16SI8N`) are
 * judged by that shape instead, in identify.ts.
 */
export function doubtfulDeviceNumber(partNumber: string, prefixLength: number): boolean {
  const n = partNumber.length;
  let end = n, slash = -1;
  for (let i = prefixLength; i < n; i++) { const c = partNumber.charCodeAt(i); if ((c === 45 || c === 47) && end === n) end = i; if (c === 47 && slash < 0) slash = i; }
  const code = (i: number) => (i >= prefixLength && i < n ? partNumber.charCodeAt(i) : 0);
  const digit = (i: number) => { const c = code(i); return c >= 48 && c <= 57; };
  const letter = (i: number) => { const c = code(i); return c >= 65 && c <= 90; };
  // A family prefix ending in a letter is followed by its device digits (`PIC16F` 54, `DSPIC30F` 5013): a look-alike letter there is a typed digit.
  // (Not I or G: `MCIMX6`, and G leads family codes.)
  const afterPrefix = code(prefixLength);
  if (prefixLength > 0 && isLetterCode(partNumber.charCodeAt(prefixLength - 1)) && (afterPrefix === 79 || afterPrefix === 83 || afterPrefix === 90 || afterPrefix === 66)) return true;
  for (let i = prefixLength; i < n; i++) {
    const c = partNumber[i]!;
    if (slash >= 0 && i > slash) { if (digit(i) && lookAlike(code(i))) return true; continue; }
    if (c === 'O' && (digit(i - 1) || digit(i + 1))) return true;
    // Z beside a digit is a typed 2 (`MCP18Z7`, `25Z0`, `481ZE`, `24LCZ56`, `-Z0`), except before two letters, where it is STM32's
    // pin-count code followed by the flash-size and package letters (`743ZIT6`, `405ZGT6`).
    if (c === 'Z' && (digit(i + 1) || (digit(i - 1) && !(letter(i + 1) && letter(i + 2))))) return true;
    if (i >= end) continue;
    // I before a digit is a typed 1 (`PIC16FI823`); after digits it is the temperature grade (`ADS1256IDBR`, `24LC256I`), except where an ordering code follows and would repeat it (`PIC18C60I-I/PT`).
    if (c === 'I' && (digit(i + 1) || (i === end - 1 && end < n && code(end) === 45 && digit(i - 1)))) return true;
    // S or B between two digits (G too is printed there for itself: SN74LVC1G08, ATSAMD21G18A).
    if ((c === 'S' || c === 'B') && digit(i - 1) && digit(i + 1)) return true;
    // A digit between letters near the start of the device number: a letter typed as its look-alike digit (known to doubt SN74LVC1G08 too).
    if ((c === '0' || c === '1' || c === '2' || c === '5') && i < prefixLength + 4 && letter(i - 1) && letter(i + 1)) return true;
  }
  return false;
}

/**
 * A pattern widened so that every character it accepts also accepts that character's look-alike
 * (`S` → `[S5]`, `\d` → `[0-9OISBZ]`, `[A-Z]` → `[A-Z01258]`): a word none of whose look-alike
 * readings could match the pattern fails the widened one too, so a search over those readings can
 * be skipped without changing what it finds. Returns null for a pattern it does not understand
 * (negated classes, escapes other than `\d` and a escaped mark): the caller then always searches.
 */
export function lookAlikeTolerant(source: string): RegExp | null {
  const withLookAlikes = (chars: Set<number>) => { for (const c of [...chars]) { const l = lookAlike(c); if (l) chars.add(l); } return chars; };
  const classOf = (chars: Set<number>) => '[' + [...chars].map((c) => (isWordChar(c) ? String.fromCharCode(c) : '\\' + String.fromCharCode(c))).join('') + ']';
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '{') { const end = source.indexOf('}', i); if (end < 0) return null; out += source.slice(i, end + 1); i = end; continue; }
    if (ch === '\\') {
      const next = source[i + 1];
      if (next === 'd') { const s = new Set<number>(); for (let c = 48; c <= 57; c++) s.add(c); out += classOf(withLookAlikes(s)); }
      else if (next !== undefined && /[./()\-?*+|^$[\]{}]/.test(next)) out += '\\' + next;
      else return null;
      i++;
      continue;
    }
    if (ch === '[') {
      if (source[i + 1] === '^') return null;
      const s = new Set<number>();
      let j = i + 1;
      for (; j < source.length && source[j] !== ']'; j++) {
        if (source[j] === '\\') return null;
        const a = source.charCodeAt(j);
        if (source[j + 1] === '-' && j + 2 < source.length && source[j + 2] !== ']') { const b = source.charCodeAt(j + 2); for (let c = a; c <= b; c++) s.add(c); j += 2; }
        else s.add(a);
      }
      if (j >= source.length) return null;
      out += classOf(withLookAlikes(s));
      i = j;
      continue;
    }
    const c = source.charCodeAt(i);
    const l = isWordChar(c) ? lookAlike(c) : 0;
    out += l ? '[' + ch + String.fromCharCode(l) + ']' : ch;
  }
  return new RegExp(out);
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
