/**
 * Tokenising: a marking's printed lines, and the words of each line as token records. Pure and
 * allocation-light: the token records live in a `TokenBuffer` that the engine reuses from call to
 * call (a marking's tokens then cost no objects), and line bounds are found before the list of
 * lines is made at its final length.
 */

/** Lines beyond this are not read: a real part prints a handful. */
export const MAX_LINES = 16;
/** Words beyond this are not read. */
export const MAX_TOKENS = 48;

/** What a word has been recognised as, once a step of the engine claims it. */
export type Role = 'pn' | 'suffix' | 'logo' | 'country' | 'made' | 'ordering' | 'value' | null;

/** One word of a marking, upper-cased and stripped of surrounding punctuation. */
export interface Token {
  text: string;
  /** Index of the printed line it stands on. */
  line: number;
  role: Role;
  hasDigit: boolean;
  hasLetter: boolean;
  allDigits: boolean;
  /** The word was printed after a hyphen (`-70`: a speed grade or ordering code, not a date). */
  dashLed: boolean;
  /** The word holds `/`, `.` or `)` (ordering codes, frequencies, copyright notices have them; date codes do not). */
  hasMark: boolean;
  /** The token as a number (see `tokenCode`), or -1: the date memo's key, computed while tokenising. */
  code: number;
}

export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 160 || c === 0x3000;
}
/** What `String.prototype.trim` removes: ECMAScript white space and line terminators. */
function isTrimmed(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
export function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
}
function isTail(c: number): boolean {
  // A trailing hyphen or dot is kept: `NEO-`, `FGG.` are prefixes in their own right.
  return isAlnum(c) || c === 45 || c === 46;
}
export function trailingDigits(s: string): number {
  let n = 0;
  for (let i = s.length - 1; i >= 0; i--) { const c = s.charCodeAt(i); if (c >= 48 && c <= 57) n++; else break; }
  return n;
}
export function allAlnum(t: string): boolean {
  for (let i = 0; i < t.length; i++) if (!isAlnum(t.charCodeAt(i))) return false;
  return true;
}

/**
 * Tokens of up to 10 characters from 0–9 and A–Z are numbered in bijective base 37 (digits 1–10,
 * letters 11–36), below 2^53 and so exact in a double: the date memo is keyed by that number, which
 * costs no string hashing or comparison (nearly every date code qualifies; the rest use a string map).
 */
const CODE_CHARS = 10;

/**
 * A `/` with no spaces that joins two printed lines rather than being part of a part number: the
 * word after it is a date-like run of digits (`0215/017`, `STM32F405/RGT6/2215`), or four or more
 * characters that start with a letter and hold a digit (`RGT6`, `SN0310`). Package codes (`-I/PT`,
 * `04/PSAZ`) and MIL-spec numbers (`D38999/26WB35PN`) stay whole.
 */
function joinedLines(text: string, slash: number): boolean {
  const before = text.charCodeAt(slash - 1);
  if (!isAlnum(before) && !(before >= 97 && before <= 122)) return false;
  let end = slash + 1, digits = 0, letters = 0;
  for (; end < text.length; end++) {
    const c = text.charCodeAt(end);
    if (c >= 48 && c <= 57) digits++;
    else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) letters++;
    else break;
  }
  const first = text.charCodeAt(slash + 1);
  if (!(first >= 48 && first <= 57)) return end - slash - 1 >= 4 && digits > 0;
  // Digits first: a date-like word (digits with at most two trailing letters) ends a line.
  return digits >= 3 && digits <= 7 && letters <= 2 && letters === end - slash - 1 - digits && isDigitRunThenLetters(text, slash + 1, end);
}

/** `text[a, b)` is digits followed only by letters (`2436A`), not digits and letters mixed (`26WB35PN`). */
function isDigitRunThenLetters(text: string, a: number, b: number): boolean {
  let i = a;
  while (i < b && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  for (; i < b; i++) { const c = text.charCodeAt(i); if (c >= 48 && c <= 57) return false; }
  return true;
}

/**
 * The reusable working memory of one `identify` call: token records and line bounds. The engine
 * calls no outside code (context getters, `toString`) once it has started tokenising, so no call
 * can begin while another uses the buffer; tokens never reach an answer.
 */
export class TokenBuffer {
  readonly tokens: Token[] = [];
  /** Tokens in use: `tokens[0, count)`. */
  count = 0;
  private readonly lineBounds = new Int32Array(2 * MAX_LINES);

  /** Printed lines are joined by ` / ` (spaces required: part numbers contain bare slashes), or by new lines or `|`. */
  splitLines(text: string): string[] {
    // Bounds first, then the list at its final length: a list grown by pushes starts with 17 slots.
    let lineCount = 0;
    let start = 0;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13 || c === 124 || (c === 47 && i > 0 && i + 1 < n && ((isSpace(text.charCodeAt(i - 1)) && isSpace(text.charCodeAt(i + 1))) || joinedLines(text, i)))) {
        if ((lineCount = this.recordLine(text, start, i, lineCount)) >= MAX_LINES) break;
        start = i + 1;
      }
    }
    if (lineCount < MAX_LINES) lineCount = this.recordLine(text, start, n, lineCount);
    switch (lineCount) {
      case 0: return [];
      case 1: return [this.lineAt(text, 0)];
      case 2: return [this.lineAt(text, 0), this.lineAt(text, 1)];
      case 3: return [this.lineAt(text, 0), this.lineAt(text, 1), this.lineAt(text, 2)];
      case 4: return [this.lineAt(text, 0), this.lineAt(text, 1), this.lineAt(text, 2), this.lineAt(text, 3)];
    }
    const out: string[] = [];
    for (let k = 0; k < lineCount; k++) out.push(this.lineAt(text, k));
    return out;
  }

  /** Records `text[a, b)` trimmed, when anything is left; returns the new line count. */
  private recordLine(text: string, a: number, b: number, lineCount: number): number {
    while (a < b && isTrimmed(text.charCodeAt(a))) a++;
    while (b > a && isTrimmed(text.charCodeAt(b - 1))) b--;
    if (a >= b) return lineCount;
    this.lineBounds[2 * lineCount] = a;
    this.lineBounds[2 * lineCount + 1] = b;
    return lineCount + 1;
  }

  private lineAt(text: string, k: number): string {
    const a = this.lineBounds[2 * k]!, b = this.lineBounds[2 * k + 1]!;
    return a === 0 && b === text.length ? text : text.slice(a, b);
  }

  /** Tokenises every line into the buffer (up to MAX_TOKENS words); returns the token count. */
  tokenise(lines: string[]): number {
    this.count = 0;
    for (let li = 0; li < lines.length && this.count < MAX_TOKENS; li++) this.tokeniseLine(lines[li]!, li);
    return this.count;
  }

  /** Upper-cased words of a line, with leading punctuation (`#`, `(`) and trailing punctuation (`,`, `)`) removed. */
  private tokeniseLine(line: string, lineIndex: number): void {
    const toks = this.tokens;
    const n = line.length;
    let i = 0;
    while (i < n && this.count < MAX_TOKENS) {
      while (i < n && isSpace(line.charCodeAt(i))) i++;
      const start = i;
      let lower = false;
      for (; i < n; i++) {
        const c = line.charCodeAt(i);
        if (isSpace(c)) break;
        if (c >= 97 && c <= 122) lower = true;
      }
      if (i === start) break;
      // Words with ASCII lower case go through toUpperCase (whose result may differ in length, `ß`
      // → `SS`); the rest are trimmed and classified in place and sliced once.
      let w = lower ? line.slice(start, i).toUpperCase() : line;
      let a = lower ? 0 : start, b = lower ? w.length : i;
      while (a < b && !isAlnum(w.charCodeAt(a))) a++;
      while (b > a && !isTail(w.charCodeAt(b - 1))) b--;
      if (a === b) continue;
      const dashLed = a > (lower ? 0 : start) && w.charCodeAt(a - 1) === 45;
      let digit = false, letter = false, other = false, mark = false;
      let code = b - a <= CODE_CHARS ? 0 : -1;
      for (let k = a; k < b; k++) {
        const c = w.charCodeAt(k);
        if (c >= 48 && c <= 57) { digit = true; if (code >= 0) code = code * 37 + (c - 47); }
        else {
          other = true;
          if (c >= 65 && c <= 90) { letter = true; if (code >= 0) code = code * 37 + (c - 54); }
          else { code = -1; if (c === 47 || c === 46 || c === 41) mark = true; }
        }
      }
      if (a > 0 || b < w.length) w = w.slice(a, b);
      const tok = toks[this.count];
      if (tok === undefined) toks.push({ text: w, line: lineIndex, role: null, hasDigit: digit, hasLetter: letter, allDigits: digit && !other, dashLed, hasMark: mark, code });
      else { tok.text = w; tok.line = lineIndex; tok.role = null; tok.hasDigit = digit; tok.hasLetter = letter; tok.allDigits = digit && !other; tok.dashLed = dashLed; tok.hasMark = mark; tok.code = code; }
      this.count++;
    }
  }
}
