/**
 * A query name as the index sees it: per word, the postings that can find
 * listed names containing it (the word, listed spellings one edit away, its
 * phonetic and consonant keys, joins of adjacent words) with the evidence
 * each is worth, and the word's weight for scoring.
 */
import { normaliseName } from './normalise.js';
import { consonantKey } from './arabic.js';
import { skeletonKey } from './romanisation.js';
import { tokenWeightFactor, type PreparedName } from './score.js';
import { MAX_NAME_TOKENS, type IndexData } from './index-data.js';

export interface Probe {
  start: Int32Array;
  post: Int32Array;
  term: number;
  weight: number;
  df: number;
}

/** Everything that can find listed names sharing one query word. */
export interface ProbeGroup {
  weight: number;
  probes: Probe[];
  /** Postings to read for the whole group. */
  cost: number;
}

export interface PreparedQueryName {
  name: PreparedName;
  groups: ProbeGroup[];
}

/** Per-index constants the probes depend on. */
export interface ProbeLimits {
  /** Weight of a word the index has never seen. */
  maxIdf: number;
  /** Postings longer than this are too common to generate candidates. */
  commonDf: number;
}

/**
 * A query name as the index sees it: per word, the probes (postings) that
 * can find listed names containing it (the word itself, listed spellings
 * one edit away, its phonetic key) and its weight; plus joins of adjacent
 * words, which find "Jongun" for "Jong Un".
 */
export function prepareQueryName(d: IndexData, value: string, limits: ProbeLimits): PreparedQueryName | null {
  const norm = normaliseName(value);
  if (norm.tokens.length === 0) return null;
  const tokens = norm.tokens.slice(0, MAX_NAME_TOKENS);
  const weights = new Array<number>(tokens.length);
  const groups: ProbeGroup[] = [];
  const termProbe = (term: number, weight: number): Probe => ({
    start: d.termPostStart, post: d.termPost, term, weight, df: d.termPostStart[term + 1]! - d.termPostStart[term]!,
  });
  const keyProbe = (key: string, weight: number): Probe | null => {
    const k = d.keyIds.get(key);
    if (k === undefined || key.length < 3) return null;
    return { start: d.keyPostStart, post: d.keyPost, term: k, weight, df: d.keyPostStart[k + 1]! - d.keyPostStart[k]! };
  };
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const probes: Probe[] = [];
    const t = d.termIds.get(tok);
    let w = t === undefined ? limits.maxIdf : d.idf[t]!;
    if (t !== undefined) probes.push(termProbe(t, w));
    if (tok.length >= 5 && !/[0-9]/.test(tok)) {
      let best = 0;
      for (const n of d.fuzzy.neighbours(tok)) {
        const nw = d.idf[n]!;
        probes.push(termProbe(n, nw * 0.8));
        if (nw > best) best = nw;
      }
      // An unknown (misspelt) word weighs what its nearest listed spelling does.
      if (t === undefined && best > 0) w = best;
    }
    weights[i] = w;
    const kp = keyProbe(norm.keys[i]!, w * 0.8);
    if (kp) probes.push(kp);
    if (norm.consonantal) {
      const cp = keyProbe(`#${consonantKey(tok)}`, w * 0.8);
      if (cp) probes.push(cp);
    }
    groups.push({ weight: w * tokenWeightFactor(tok, i, tokens.length), probes, cost: 0 });
  }
  // Two or three query words written as one in the list ("Nam Chon Gang"
  // = "Namchongang"), exactly or by phonetic key: a probe for each word
  // it spans, so words the list only knows joined still count as
  // reachable.
  for (let i = 0; i + 1 < tokens.length; i++) {
    for (const span of [2, 3]) {
      if (i + span > tokens.length) continue;
      const joined = tokens.slice(i, i + span).join('');
      const found: Probe[] = [];
      const j = d.termIds.get(joined);
      if (j !== undefined) found.push(termProbe(j, d.idf[j]!));
      const kp = keyProbe(skeletonKey(joined), 0.8 * (j !== undefined ? d.idf[j]! : limits.maxIdf));
      if (kp) found.push(kp);
      for (const pr of found) {
        if (pr.df > limits.commonDf) continue;
        for (let g = i; g < i + span; g++) groups[g]!.probes.push(pr);
      }
    }
  }
  for (const g of groups) for (const p of g.probes) g.cost += p.df;
  return { name: { value, kind: 'primary', tokens, keys: norm.keys.slice(0, MAX_NAME_TOKENS), weights, consonantal: norm.consonantal }, groups };
}
