/**
 * Date rules applied to a marking's tokens, memoised. What a token reads as under a maker's rule
 * list, and what the context leaves of it (plausibility.ts), is a pure function of the token, the
 * rules and the context; date codes recur constantly (a board's parts share a few codes, a year
 * has only 52 weeks), so the result is kept per token and context. The memoised objects are
 * frozen: readings share them.
 */
import type { RuleEnv, RawDate, RuleInfo } from './rules.js';
import type { Token } from './tokens.js';
import { analyse, NOT_ENTRY, SETTLED_ALWAYS, type Analysis } from './plausibility.js';
import { rankDateTokens } from './ranking.js';
import { digitLookAlike, digitisedDateLead, digitisedDateWord } from './confusions.js';

/** Date-like tokens beyond this in one marking are not read. */
const MAX_DATE_TOKENS = 12;

/** A token read as a date: its decoding under the reading's rules and context. */
export interface Group {
  tok: Token;
  a: Analysis;
}

/**
 * A token's decoding under one rule list and (today, floor, Juche weight, introduction year),
 * which is also its analysis without a recovery date (one object: one memory fetch fewer).
 */
interface TokenEntry extends Analysis {
  raw: RawDate[];
  /**
   * A recovery date on or after this day number changes nothing (no window starts after it, none
   * is clamped by it): such readings share the entry's own analysis. Items are recovered after
   * their parts were made, so that is nearly every reading.
   */
  settled: number;
  byRecovery: Map<number, Analysis> | null;
}

export interface DateContext {
  today: number;
  todayYear: number;
  floor: number;
  juche: boolean;
  recovery: number | null;
  introduced: number | null;
}

/**
 * Rule list → (today, one-digit floor) → (Juche weight, whether the introduction year is known) →
 * token → decoding and analyses. Numbers as keys, so that finding the context costs no string
 * building; the floor is the introduction year when one is known, so it stands for both.
 */
interface RuleMemo {
  /** Every rule of the list reads only tokens that start with a digit. */
  digitFirst: boolean;
  byDay: Map<number, (TokenTable | undefined)[]>;
  /** The last (today, floor) looked up: callers pass the same one over and over. */
  lastKey: number;
  last: (TokenTable | undefined)[] | null;
}
const memo = new Map<RuleInfo[], RuleMemo>();
let memoSize = 0;
const MEMO_LIMIT = 200_000;
const RECOVERIES_PER_TOKEN = 64;

function ruleMemo(rules: RuleInfo[]): RuleMemo {
  let rm = memo.get(rules);
  if (!rm) memo.set(rules, (rm = { digitFirst: rules.every((r) => r.digitFirst), byDay: new Map(), lastKey: NaN, last: null }));
  return rm;
}

function tokenMemo(rm: RuleMemo, c: DateContext): TokenTable | null {
  if (!(c.floor >= -32768 && c.floor < 32768)) return null;
  const k1 = c.today * 65536 + (c.floor + 32768);
  let byRest = rm.lastKey === k1 ? rm.last : undefined;
  if (!byRest) {
    byRest = rm.byDay.get(k1);
    if (!byRest) rm.byDay.set(k1, (byRest = [undefined, undefined, undefined, undefined]));
    rm.lastKey = k1;
    rm.last = byRest;
  }
  const k2 = (c.juche ? 2 : 0) + (c.introduced === null ? 1 : 0);
  return (byRest[k2] ??= new TokenTable());
}

/**
 * Token → memo entry: an open-addressing table keyed by the token's number (`Token.code`), so a
 * look-up reads two flat arrays and the entry, never the key string; tokens without a number
 * (longer than 10 characters, or with other characters) go to a string map.
 */
class TokenTable {
  keys = new Float64Array(64).fill(-1);
  vals: (TokenEntry | undefined)[] = new Array<TokenEntry | undefined>(64).fill(undefined);
  mask = 63;
  size = 0;
  other: Map<string, TokenEntry> | null = null;

  get(tok: Token): TokenEntry | undefined {
    const code = tok.code;
    if (code < 0) return this.other?.get(tok.text);
    const keys = this.keys, mask = this.mask;
    for (let i = slotOf(code) & mask; ; i = (i + 1) & mask) {
      const k = keys[i]!;
      if (k === code) return this.vals[i];
      if (k < 0) return undefined;
    }
  }

  set(tok: Token, e: TokenEntry): void {
    const code = tok.code;
    if (code < 0) { (this.other ??= new Map()).set(tok.text, e); return; }
    if (2 * (this.size + 1) > this.mask + 1) this.grow();
    this.put(code, e);
  }

  private put(code: number, e: TokenEntry): void {
    const keys = this.keys, mask = this.mask;
    let i = slotOf(code) & mask;
    while (keys[i]! >= 0 && keys[i] !== code) i = (i + 1) & mask;
    if (keys[i]! < 0) this.size++;
    keys[i] = code;
    this.vals[i] = e;
  }

  private grow(): void {
    const keys = this.keys, vals = this.vals;
    const n = 2 * keys.length;
    this.keys = new Float64Array(n).fill(-1);
    this.vals = new Array<TokenEntry | undefined>(n).fill(undefined);
    this.mask = n - 1;
    this.size = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i]! >= 0) this.put(keys[i]!, vals[i]!);
  }
}

/** A well-mixed 32-bit slot of a token number (below 2^53: its low and high 32-bit halves mixed). */
function slotOf(code: number): number {
  let h = Math.imul((code >>> 0) ^ Math.imul((code / 4294967296) >>> 0, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 15;
  return h;
}

/** Every candidate token read by every rule of the list, best token first. */
export function decodeAll(toks: Token[], nt: number, rules: RuleInfo[], c: DateContext): Group[] {
  // A list made at its first group, of exactly one slot (most markings have one date token).
  let out: Group[] = NO_GROUPS;
  let n = 0;
  const rm = ruleMemo(rules);
  const digitFirst = rm.digitFirst;
  let tokens = tokenMemo(rm, c);
  let env: RuleEnv | null = null;
  for (let ti = 0; ti < nt; ti++) {
    const tok = toks[ti]!;
    if (tok.role || !tok.hasDigit || tok.text.length > 18) continue;
    if (++n > MAX_DATE_TOKENS) break;
    // Tokens start with a letter or a digit; rules that need a digit first cannot read the others.
    // (A letter that looks like a digit may be one: `O643`.)
    if (digitFirst && tok.text.charCodeAt(0) > 57 && !digitLookAlike(tok.text.charCodeAt(0))) continue;
    let e = tokens?.get(tok);
    if (e === undefined) {
      env ??= { today: c.today, todayYear: c.todayYear, oneDigitFloor: c.floor };
      let d = decodeToken(tok.text, rules, env, c.juche);
      // No rule reads the word as typed: a date code with a digit typed as its look-alike letter
      // (`2Z15`, `O643`) is read with the digit, and the reading says so.
      let readAs: string | null = null;
      if (!d) { readAs = digitisedDateWord(tok.text); if (readAs) d = decodeToken(readAs, rules, env, c.juche); }
      // Or the date run together with its lot, the date typed with look-alikes (`O41BCDK` → 0418CDK).
      if (!d) { readAs = digitisedDateLead(tok.text); if (readAs) d = decodeToken(readAs, rules, env, c.juche); }
      // Tokens no rule reads are not kept: lot codes would fill the memo.
      if (!d) continue;
      let settled = SETTLED_ALWAYS;
      for (const r of d.raw) if (r.from <= c.today) { const to = r.to < c.today ? r.to : c.today; if (to > settled) settled = to; }
      e = analyse(tok.text, d.raw, d.prior, c.today, null, c.introduced, settled) as TokenEntry;
      if (readAs) e.flags = [...e.flags, { code: 'ocr-corrected', message: `${tok.text} read as ${readAs}: letters taken for the digits they look like (O/0, I/1, S/5, B/8, Z/2, G/6)` }];
      if (tokens) {
        if (++memoSize > MEMO_LIMIT) { memo.clear(); memoSize = 1; tokens = tokenMemo(ruleMemo(rules), c)!; }
        tokens.set(tok, e);
      }
    }
    const rec = c.recovery;
    let a: Analysis | undefined;
    if (rec === null || rec >= e.settled) a = e;
    else {
      a = e.byRecovery?.get(rec);
      if (!a) {
        a = analyse(tok.text, e.raw, e.prior, c.today, rec, c.introduced, NOT_ENTRY);
        // Counted against the same bound as the entries, so that many recovery dates cannot grow the memo without limit.
        if ((e.byRecovery ??= new Map()).size < RECOVERIES_PER_TOKEN && ++memoSize <= MEMO_LIMIT) e.byRecovery.set(rec, a);
      }
    }
    if (out === NO_GROUPS) out = [{ tok, a }];
    else out.push({ tok, a });
  }
  // The token read by the most specific rule first; among equals, pure digits, then the later line.
  rankDateTokens(out);
  return out;
}

function decodeToken(t: string, rules: RuleInfo[], env: RuleEnv, jucheBoost: boolean): { raw: RawDate[]; prior: number } | null {
  let raw: RawDate[] | null = null;
  let prior = 0;
  for (const rule of rules) {
    const r = rule.fn(t, env);
    if (!r) continue;
    const p = rule.id === 'juche-year' && jucheBoost ? 1.5 : rule.prior;
    for (const x of r) {
      x.confidence *= p;
      // Identical windows from two rules (NXP and Freescale read `QAB1107` alike) are shown once.
      const same = raw?.find((d) => d.from === x.from && d.to === x.to);
      if (same) same.confidence += x.confidence;
      else (raw ??= []).push(x);
    }
    if (p > prior) prior = p;
  }
  if (!raw) return null;
  let sum = 0;
  for (const r of raw) sum += r.confidence;
  for (const r of raw) r.confidence /= sum;
  if (raw.length > 1) raw.sort((a, b) => b.confidence - a.confidence);
  return { raw, prior };
}
const NO_GROUPS: Group[] = Object.freeze([]) as unknown as Group[];
