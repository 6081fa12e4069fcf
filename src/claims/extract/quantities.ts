import type { Qualifier } from '../values.js';
import { NOUN_KIND, SKIP_BEFORE_NOUN, WEAPONS, COUNTRIES } from './lexicon.js';
import type { Entity } from './nlp.js';

/**
 * Figures in a sentence and what they count. A labelled number becomes a candidate only when a
 * countable noun from the gazetteer follows it (a few adjectives and weapon names may stand
 * between): "at least nine occasions", "five KN-23 missiles", "26 companies". Skipped: years,
 * quoted markings ("113"), model numbers (KN-23, 9M723, resolution 1718), back-references
 * ("of the 450 …") and numbers inside dates.
 */
export interface Figure {
  start: number; end: number; text: string;
  quantity: number; qualifier: Qualifier | null; kind: string; weapon: string | null;
}

const SMALL: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, a: 1, an: 1, single: 1,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const SCALE: Record<string, number> = { dozen: 12, hundred: 100, thousand: 1000, million: 1e6, billion: 1e9 };

/** The value of a written number ("1,000", "75.5", "twenty-six", "two dozen", "1.5 million"); null when vague ("dozens", "several"). */
export function numberValue(raw: string): number | null {
  const t = raw.toLowerCase().replace(/%|percent|per cent/g, '').replace(/[$€£]/g, '').trim();
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$/.test(t)) return Number(t.replace(/,/g, ''));
  const m = t.match(/^(\d+(?:\.\d+)?)\s+(dozen|hundred|thousand|million|billion)$/);
  if (m) return Number(m[1]) * SCALE[m[2]!]!;
  let total = 0;
  let current = 0;
  let any = false;
  for (const w of t.split(/[\s-]+/)) {
    if (w === 'and') continue;
    if (w in SMALL) { current += SMALL[w]!; any = true; }
    else if (w in TENS) { current += TENS[w]!; any = true; }
    else if (w in SCALE) { current = (current || 1) * SCALE[w]!; if (SCALE[w]! >= 1000) { total += current; current = 0; } any = true; }
    else if (/^\d+$/.test(w)) { current += Number(w); any = true; }
    else return null;
  }
  return any ? total + current : null;
}

const QUALIFIERS: [RegExp, Qualifier][] = [
  [/\b(?:at least|no fewer than|no less than|a minimum of|as many as)\s*$/i, 'at_least'],
  [/\b(?:more than|over|upwards of|in excess of|above)\s*$/i, 'more_than'],
  [/\b(?:fewer than|less than|under|below)\s*$/i, 'less_than'],
  [/\b(?:at most|up to|no more than)\s*$/i, 'at_most'],
  [/\b(?:about|around|nearly|almost|roughly|approximately|some|close to|an estimated|estimated|about|circa|~)\s*$/i, 'about'],
];

function qualifierBefore(before: string): { q: Qualifier | null; len: number } {
  for (const [re, q] of QUALIFIERS) {
    const m = before.match(re);
    if (m) return { q, len: m[0].length };
  }
  return { q: null, len: 0 };
}

const HARMED = '(?:killed|wounded|injured|hurt|dead)';
const HARMED_AFTER = new RegExp(`^(?:\\s+[\\p{Ll}-]+){0,2}?\\s+(?:were|was|have\\s+been|had\\s+been|has\\s+been|are|got|being)\\s+(?:\\p{Ll}+ly\\s+)?${HARMED}\\b|^\\s+(?:people\\s+)?${HARMED}\\b`, 'u');
const HARMED_BEFORE = new RegExp(`\\bnumber\\s+of\\s+(?:the\\s+)?(?:${HARMED}|casualties|victims)\\s+(?:has\\s+|had\\s+)?(?:increased|rose|risen|grew|grown|climbed|reached|stands|stood)\\s+(?:to\\s+|at\\s+)?$`, 'iu');
const BACK_REFERENCE = /\b(?:of|among|from|out of)\s+(?:the|those|these|its|their)\s+$/i;
const MODEL_BEFORE = /(?:[\p{L}\d][-/]|[\p{L}]|\b(?:no\.?|number|resolution|resolutions|juche|model|type|article|paragraph|page|section|flight|route|unit)\s+)$/iu;
const QUOTED = (before: string, after: string) => /[“"'‘«]$/.test(before) && /^[”"'’»]/.test(after);

export function figuresIn(sentence: string, offset: number, entities: Entity[], dates: Entity[]): Figure[] {
  const out: Figure[] = [];
  for (const e of entities) {
    if (!['CARDINAL', 'PERCENT', 'MONEY', 'QUANTITY'].includes(e.type)) continue;
    const s = e.start - offset;
    let en = e.end - offset;
    if (dates.some((d) => e.start < d.end && e.end > d.start)) continue;
    // The model may take the qualifier into the entity ("Nearly 300"): read it as the words before.
    const lead = sentence.slice(s, en).match(/^(?:(?:at least|more than|over|nearly|almost|about|around|some|roughly|approximately|up to|fewer than|less than|at most)\s+)+/i)?.[0] ?? '';
    const raw = sentence.slice(s + lead.length, en);
    const before = sentence.slice(0, s + lead.length);
    let after = sentence.slice(en);
    if (/[\p{L}]/u.test(raw.replace(/percent|per cent|dozen|hundred|thousand|million|billion|and/gi, '')) && numberValue(raw) === null) continue;
    if (MODEL_BEFORE.test(before) || /^(?:-[\p{L}\d]|[\p{L}\d])/u.test(after)) continue;
    if (QUOTED(before, after)) continue;
    if (BACK_REFERENCE.test(before)) continue;
    if (/^dozen$/i.test(raw.trim()) && /\b(?:a|one|two|three|four|five|several|\d+)\s+$/i.test(before)) continue; // "two dozen": read at "two"
    let value = numberValue(raw);
    if (value === null) continue;
    const dozen = after.match(/^\s+dozen\b/i);
    if (dozen) { value *= 12; en += dozen[0].length; after = sentence.slice(en); }
    const isYear = /^(?:19|20)\d{2}$/.test(raw.trim());
    const { q, len } = qualifierBefore(before);
    const percent = e.type === 'PERCENT' || /^\s*(?:%|percent|per cent)/i.test(after);
    // What it counts: the first countable noun after the figure, over adjectives and weapon names.
    let kind: string | null = null;
    let weapon: string | null = null;
    let end = en;
    const rest = percent ? after.replace(/^\s*(?:%|percent|per cent)/i, '') : after;
    const restAt = en + (after.length - rest.length);
    // "21 of around 50 missiles", "15 out of 18 drones": the first figure counts the second's noun.
    const ofAnother = /^\s+(?:out\s+)?of\s+(?:the\s+)?(?:(?:around|about|some|nearly|approximately|almost)\s+)?[\d,]+\s+/i;
    const nounArea = (percent ? rest.replace(/^\s+of\s+/i, (m) => ' '.repeat(m.length)) : rest).replace(ofAnother, (m) => ' '.repeat(m.length));
    const weaponsHere = WEAPONS.all(nounArea.slice(0, 80));
    const words = [...nounArea.slice(0, 120).matchAll(/[\p{L}$][\p{L}\d’'./-]*/gu)];
    for (let i = 0; i < words.length && i < 7; i++) {
      const w = words[i]!;
      const gap = nounArea.slice(i === 0 ? 0 : words[i - 1]!.index + words[i - 1]![0].length, w.index);
      // A comma may stand between adjectives ("unique, foreign-made components"), nowhere else.
      const afterAdjective = i > 0 && SKIP_BEFORE_NOUN.has(words[i - 1]![0].toLowerCase()) && /^,\s*$/.test(gap);
      if (/[,;:.()"“”]/.test(gap) && !afterAdjective) break;
      const lower = w[0].toLowerCase().replace(/[’']s$/, '').replace(/\.$/, '');
      const two = i + 1 < words.length ? `${lower} ${words[i + 1]![0].toLowerCase()}` : '';
      const hitWeapon = weaponsHere.find((h) => h.start <= w.index && h.end > w.index);
      const found = !hitWeapon && (NOUN_KIND.has(two) ? { form: two, last: i + 1 } : NOUN_KIND.has(lower) ? { form: lower, last: i } : null);
      if (found) {
        // A compound ends on its head noun: "ballistic missile attacks" count attacks.
        let last = found.last;
        let form = found.form;
        const next = words[last + 1];
        if (next && !/[,;:.()"“”]/.test(nounArea.slice(words[last]!.index + words[last]![0].length, next.index))) {
          const n = next[0].toLowerCase().replace(/\.$/, '');
          if (NOUN_KIND.has(n)) { last += 1; form = n; }
        }
        kind = NOUN_KIND.get(form)!;
        end = restAt + words[last]!.index + words[last]![0].replace(/[.’']+$/, '').length;
        break;
      }
      if (hitWeapon) { weapon ??= hitWeapon.canonical; continue; }
      if (SKIP_BEFORE_NOUN.has(lower) || COUNTRIES.all(w[0]).length) continue;
      if (/^\p{Lu}/u.test(w[0]) && i < 3) continue; // "North Korean", "DPRK-supplied", a maker's name
      break;
    }
    // People counted by what happened to them, with the noun left out or not in the gazetteer:
    // "about 1,000 have been wounded", "two hospital employees were killed", "the number of injured increased to 16".
    if (!kind && !percent && (HARMED_AFTER.test(rest) || HARMED_BEFORE.test(before))) {
      kind = 'casualties';
      const m = rest.match(HARMED_AFTER);
      if (m) end = restAt + m[0].length;
    }
    if (isYear && !kind) continue;
    // Counted countries are claims about where parts or makers come from, not diplomacy ("48 countries signed").
    if (kind === 'countries' && !LIST_CONTEXT.test(sentence)) continue;
    if (!kind && !percent) continue;
    if (!kind && percent) kind = 'percent';
    else if (percent) kind = `percent of ${kind}`;
    if (kind === 'dollars' || e.type === 'MONEY') kind = 'dollars';
    const start = s + lead.length - len;
    out.push({ start: offset + start, end: offset + Math.max(end, en), text: sentence.slice(start, Math.max(end, en)), quantity: value, qualifier: q, kind: kind!, weapon });
  }
  return out;
}

const FRACTIONS: Record<string, number> = { half: 50, 'a third': 33.3, 'one third': 33.3, 'two thirds': 66.7, 'a quarter': 25, 'three quarters': 75 };
const FRACTION_RE = /\b((?:about|nearly|almost|roughly|some|more than|over|at least|less than)\s+)?(half|a third|one third|two thirds|a quarter|three quarters)\s+of\s+(?:the\s+|all\s+|its\s+|their\s+)?/gi;

/** "About half of the North Korean missiles": a share written in words, counted as a percentage of the noun that follows. */
export function fractionsIn(sentence: string, offset: number): Figure[] {
  const out: Figure[] = [];
  for (const m of sentence.matchAll(FRACTION_RE)) {
    const q = m[1] ? qualifierBefore(`${m[1]}`).q : 'exact';
    const rest = sentence.slice(m.index + m[0].length);
    const noun = rest.match(/^(?:[\p{L}-]+\s+){0,4}?([\p{L}-]+)/u);
    let kind: string | null = null;
    let end = m.index + m[0].length;
    const words = [...rest.slice(0, 80).matchAll(/[\p{L}][\p{L}-]*/gu)];
    for (const w of words.slice(0, 5)) {
      const lower = w[0].toLowerCase();
      if (NOUN_KIND.has(lower)) { kind = NOUN_KIND.get(lower)!; end += w.index + w[0].length; break; }
    }
    if (!kind || !noun) continue;
    out.push({ start: offset + m.index, end: offset + end, text: sentence.slice(m.index, end), quantity: FRACTIONS[m[2]!.toLowerCase()]!, qualifier: q ?? 'about', kind: `percent of ${kind}`, weapon: null });
  }
  return out;
}

const LIST_CONTEXT = /\b(?:compon|compan|manufactur|made|produc|origin|parts|supplier|headquarter|based|brand|chips?|electronic)/i;

/** A list of countries counts: "China, Germany, Japan … and the US" → 8 countries (only where the sentence is about parts or makers). */
export function countryList(sentence: string, offset: number): Figure | null {
  if (!LIST_CONTEXT.test(sentence)) return null;
  const hits = COUNTRIES.all(sentence);
  let best: typeof hits = [];
  let run: typeof hits = [];
  for (const h of hits) {
    const prev = run[run.length - 1];
    if (prev && /^\s*(?:,\s*(?:and\s+|as well as\s+)?|\s+and\s+|\s*&\s*)(?:the\s+)?$/i.test(sentence.slice(prev.end, h.start))) run.push(h);
    else run = [h];
    if (run.length > best.length) best = [...run];
  }
  const names = new Set(best.map((h) => h.canonical));
  if (names.size < 3) return null;
  const s = best[0]!.start;
  const e = best[best.length - 1]!.end;
  return { start: offset + s, end: offset + e, text: sentence.slice(s, e), quantity: names.size, qualifier: 'exact', kind: 'countries', weapon: null };
}
