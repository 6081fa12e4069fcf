/**
 * What kind of number an identifier is, recognised by its shape and, where
 * the scheme defines one, its check digit: a number that fails its check is
 * not trusted to be of that kind (it still matches when written the same).
 * Kinds that name exactly one entity (a vessel's IMO number, a legal
 * entity's LEI, a Russian INN or OGRN, a bank's BIC) can contradict a name
 * match; an ISIN names one security among many an issuer has, so it only
 * ever agrees.
 *
 * Check digits: IMO (weights 7..2, mod 10), LEI (ISO 17442, ISO 7064
 * MOD 97-10), ISIN (ISO 6166, Luhn over the letters as numbers), INN
 * (Federal Tax Service weights, mod 11 mod 10), OGRN (first 12 or 14 digits
 * mod 11 or 13, mod 10). BIC (ISO 9362) has none; its shape and a letter
 * country code are checked, and branches compare on the first eight.
 */
export type IdentifierKind = 'imo' | 'lei' | 'isin' | 'inn' | 'ogrn' | 'bic';

/** Kinds of which an entity has one: two different ones mean two entities. */
export const UNIQUE_KINDS: ReadonlySet<IdentifierKind> = new Set(['imo', 'lei', 'inn', 'ogrn', 'bic']);

export interface Classified {
  kind: IdentifierKind;
  /** The value compared: the whole number, or a BIC's first eight characters. */
  key: string;
}

function digits(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i) - 48);
  return out;
}

export function validImo(s: string): boolean {
  if (!/^\d{7}$/.test(s)) return false;
  const d = digits(s);
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += d[i]! * (7 - i);
  return sum % 10 === d[6];
}

/** Letters as 10..35, as ISO 7064 and ISIN both expand them. */
function expand(s: string): string {
  return s.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
}

function mod97(numeric: string): number {
  let r = 0;
  for (let i = 0; i < numeric.length; i++) r = (r * 10 + numeric.charCodeAt(i) - 48) % 97;
  return r;
}

export function validLei(s: string): boolean {
  return /^[A-Z0-9]{18}\d{2}$/.test(s) && mod97(expand(s)) === 1;
}

export function validIsin(s: string): boolean {
  if (!/^[A-Z]{2}[A-Z0-9]{9}\d$/.test(s)) return false;
  const d = digits(expand(s));
  let sum = 0;
  for (let i = d.length - 1, double = false; i >= 0; i--, double = !double) {
    let n = d[i]!;
    if (double) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return sum % 10 === 0;
}

const INN10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

function innCheck(d: number[], weights: number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += d[i]! * weights[i]!;
  return (sum % 11) % 10;
}

export function validInn(s: string): boolean {
  if (!/^\d{10}$|^\d{12}$/.test(s)) return false;
  const d = digits(s);
  if (d.length === 10) return innCheck(d, INN10) === d[9];
  return innCheck(d, INN11) === d[10] && innCheck(d, INN12) === d[11];
}

export function validOgrn(s: string): boolean {
  if (!/^\d{13}$|^\d{15}$/.test(s)) return false;
  const body = BigInt(s.slice(0, -1));
  const mod = s.length === 13 ? 11n : 13n;
  return Number((body % mod) % 10n) === s.charCodeAt(s.length - 1) - 48;
}

const BIC = /^[A-Z]{4}([A-Z]{2})[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/;

/**
 * The kind of an identifier already normalised by `normaliseIdentifier`
 * (upper-case letters and digits), or null when it is none we can verify.
 * Digit-only numbers are tried longest scheme first; a 10-digit number that
 * passes the INN check is taken as an INN.
 */
export function classifyIdentifier(id: string): Classified | null {
  if (validImo(id)) return { kind: 'imo', key: id };
  if (validInn(id)) return { kind: 'inn', key: id };
  if (validOgrn(id)) return { kind: 'ogrn', key: id };
  if (id.length === 20 && validLei(id)) return { kind: 'lei', key: id };
  if (id.length === 12 && validIsin(id)) return { kind: 'isin', key: id };
  if ((id.length === 8 || id.length === 11) && BIC.test(id) && !/\d/.test(id.slice(0, 6))) return { kind: 'bic', key: id.slice(0, 8) };
  return null;
}

export interface IdentifierEvidence {
  /** An identifier both sides give (as written, normalised), or null. */
  shared: string | null;
  /** Kinds of which both sides give one of their own and none agree. */
  conflicts: { kind: IdentifierKind; query: string; listed: string }[];
}

/**
 * Agreement and contradiction between two sides' identifiers. A shared value
 * (of any kind, checked or not) is agreement; a contradiction needs both
 * sides to give verified numbers of the same unique kind, none equal.
 */
export function compareIdentifiers(query: readonly string[], listed: readonly string[]): IdentifierEvidence {
  let shared: string | null = null;
  for (const id of query) {
    if (id.length >= 4 && listed.includes(id)) {
      shared = id;
      break;
    }
  }
  const conflicts: IdentifierEvidence['conflicts'] = [];
  if (query.length && listed.length) {
    const theirs = listed.map(classifyIdentifier);
    const ours = query.map(classifyIdentifier);
    for (const kind of UNIQUE_KINDS) {
      const q = ours.filter((c) => c?.kind === kind) as Classified[];
      const l = theirs.filter((c) => c?.kind === kind) as Classified[];
      if (!q.length || !l.length) continue;
      if (q.some((a) => l.some((b) => a.key === b.key))) {
        // BIC branches: the same bank's head office and branch agree.
        shared ??= q.find((a) => l.some((b) => a.key === b.key))!.key;
        continue;
      }
      conflicts.push({ kind, query: q[0]!.key, listed: l[0]!.key });
    }
  }
  return { shared, conflicts };
}
