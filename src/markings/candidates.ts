/**
 * Candidate makers: who may have made the part, from the confirmed maker in the context, the logo
 * text and the part-number prefix. One candidate per plausible maker; each becomes a reading.
 */
import type { MakerEvidence, Warning } from './types.js';
import type { PrefixHit } from './catalogue.js';
import type { KnowledgeHit } from './roles.js';
import { ownershipChain, related, type MakerRecord, type PrefixRecord } from '../reference/index.js';
import { CONFIDENCE } from './confidence.js';
import { warn } from './warnings.js';

export interface Candidate {
  maker: MakerRecord | null;
  entry: PrefixRecord | null;
  evidence: MakerEvidence | null;
  confidence: number;
  others: string[];
  /** Made at the first warning (see `warn`). */
  warnings: Warning[] | null;
  /** The one reasoning line the attribution adds, if any. */
  reasoning: string | null;
}

function candidate(maker: MakerRecord | null, entry: PrefixRecord | null, evidence: MakerEvidence | null, confidence: number): Candidate {
  return { maker, entry, evidence, confidence, others: [], warnings: null, reasoning: null };
}

/**
 * What a prefix match says whatever else the marking holds: its makers, their names, and the
 * ambiguity warning and other makers of each. `matchPrefix` returns the trie's own lists, so this
 * is worked out once per list (a catalogue fact, not a marking's answer); each answer gets its own
 * copy of the `others` lists.
 */
interface HitInfo {
  hitMakers: PrefixHit[];
  amb: boolean;
  prefix: string;
  names: string[];
  /** Per hit maker: the ambiguous-prefix warning (when `amb`) and the other makers' names. */
  ambiguous: string[];
  others: string[][];
}
const hitInfos = new Map<PrefixHit[], HitInfo>();
function hitInfo(hits: PrefixHit[]): HitInfo {
  let info = hitInfos.get(hits);
  if (info) return info;
  // One hit per maker; where two hits are in one ownership line (a brand and its owner), keep the brand.
  let hitMakers: PrefixHit[] = hits;
  if (hits.length > 1) {
    const byMaker: PrefixHit[] = [];
    for (const h of hits) if (!byMaker.some((x) => x.maker.id === h.maker.id)) byMaker.push(h);
    hitMakers = byMaker.filter((h) => !byMaker.some((o) => o !== h && ownershipChain(o.maker.id).includes(h.maker)));
  }
  const nh = hitMakers.length;
  let amb = nh > 1;
  if (!amb) for (const h of hitMakers) { if (h.entry.amb) { amb = true; break; } }
  const prefix = nh ? hitMakers[0]!.entry.p : '';
  const names = nh > 1 ? hitMakers.map((h) => h.maker.name) : nh ? [hitMakers[0]!.maker.name] : NO_NAMES;
  const ambiguous = hitMakers.map((h) => nh > 1
    ? `prefix ${prefix} is printed by ${nh} catalogued makers (${names.join(', ')}): confirm with the logo`
    : `prefix ${prefix} is generic or second-sourced: ${h.maker.name} is the catalogued maker but others print it too; confirm with the logo`);
  const others = hitMakers.map((h) => names.filter((n) => n !== h.maker.name));
  info = { hitMakers, amb, prefix, names, ambiguous, others };
  hitInfos.set(hits, info);
  return info;
}

/**
 * `prefixConfidence` is what a prefix alone is worth on this marking (see `prefixConfidence` in
 * confidence.ts): less when the word is short or printed below the first line.
 */
export function makerCandidates(hits: PrefixHit[], logoMakers: MakerRecord[], contextMaker: MakerRecord | null, explain: boolean, prefixConfidence: number = CONFIDENCE.prefix): Candidate[] {
  const hi = hitInfo(hits);
  const { hitMakers, amb, prefix, names } = hi;
  const nh = hitMakers.length;

  if (contextMaker) {
    let agree: PrefixHit | undefined;
    for (const h of hitMakers) { if (related(h.maker.id, contextMaker.id)) { agree = h; break; } }
    const c = candidate(contextMaker, agree?.entry ?? hitMakers[0]?.entry ?? null, 'context', CONFIDENCE.context);
    if (explain) c.reasoning = `Maker ${contextMaker.name} confirmed in the context.`;
    if (!agree && nh) {
      c.warnings = warn(c.warnings, 'maker-conflict', `prefix ${prefix} is catalogued for ${names.join(', ')}, not ${contextMaker.name}: a second source or a remarked part`);
    }
    return [c];
  }

  if (nh) {
    if (logoMakers.length) {
      let agreeing: Candidate[] = NO_CANDIDATES;
      for (const h of hitMakers) {
        let logo: MakerRecord | undefined;
        for (const l of logoMakers) { if (related(l.id, h.maker.id)) { logo = l; break; } }
        if (!logo) continue;
        let dup = false;
        for (const a of agreeing) { if (a.maker === logo) { dup = true; break; } }
        if (dup) continue;
        // The logo says who made and marked the part; the prefix may name a family it inherited
        // (a TI-logo LM358 is a TI part of National's LM family).
        const c = candidate(logo, h.entry, 'logo+prefix', CONFIDENCE.logoPrefix);
        if (explain) {
          c.reasoning = logo === h.maker
            ? `Logo text ${logo.logos?.[0] ?? logo.name} and prefix ${h.entry.p} both point to ${logo.name}.`
            : `Logo text ${logo.logos?.[0] ?? logo.name} → ${logo.name}; prefix ${h.entry.p} is the family of ${h.maker.name}, in the same ownership line.`;
        }
        if (agreeing === NO_CANDIDATES) agreeing = [c];
        else agreeing.push(c);
      }
      if (agreeing.length) {
        for (const c of agreeing) {
          if (agreeing.length > 1) c.confidence /= agreeing.length;
          c.others = names.filter((n) => n !== c.maker!.name);
        }
        return agreeing;
      }
    }
    // Sized up front: a list grown by pushes starts with 17 slots.
    const out: Candidate[] = new Array<Candidate>(logoMakers.length + nh);
    let no = 0;
    for (const l of logoMakers) {
      // The logo contradicts the part number: a remarked or cloned part, or a second source.
      const c = candidate(l, hitMakers[0]!.entry, 'logo', CONFIDENCE.conflict / logoMakers.length);
      c.warnings = warn(c.warnings, 'maker-conflict', `logo text says ${l.name} but prefix ${prefix} is catalogued for ${names.join(', ')}: possible remarking or second source`);
      out[no++] = c;
    }
    for (let i = 0; i < nh; i++) {
      const h = hitMakers[i]!;
      const conf = logoMakers.length ? CONFIDENCE.conflict / nh : amb ? CONFIDENCE.genericPrefix / nh : prefixConfidence;
      const c = candidate(h.maker, h.entry, amb ? 'ambiguous-prefix' : 'prefix', conf);
      if (nh > 1) c.others = copyOf(hi.others[i]!);
      if (amb) c.warnings = warn(c.warnings, 'ambiguous-prefix', hi.ambiguous[i]!);
      if (logoMakers.length) c.warnings = warn(c.warnings, 'maker-conflict', `logo text says ${logoMakers.map((l) => l.name).join(', ')} but prefix ${prefix} points to ${h.maker.name}`);
      out[no++] = c;
    }
    return out;
  }

  if (logoMakers.length) {
    return logoMakers.map((l) => {
      const c = candidate(l, null, 'logo', CONFIDENCE.logo / logoMakers.length);
      if (explain) c.reasoning = `Logo text ${l.logos?.[0] ?? l.name} → ${l.name}; no catalogued part-number prefix was read.`;
      if (logoMakers.length > 1) c.others = logoMakers.filter((o) => o !== l).map((o) => o.name);
      return c;
    });
  }
  return [candidate(null, null, null, CONFIDENCE.none)];
}
const NO_NAMES: string[] = [];
const NO_CANDIDATES: Candidate[] = Object.freeze([]) as unknown as Candidate[];

/** A copy of a short list as a literal: cheaper than a call to `slice` for the one to three entries a token's windows or a prefix's other makers have. */
export function copyOf<T>(xs: readonly T[]): T[] {
  switch (xs.length) {
    case 1: return [xs[0]!];
    case 2: return [xs[0]!, xs[1]!];
    case 3: return [xs[0]!, xs[1]!, xs[2]!];
  }
  return xs.slice();
}

/**
 * Candidates when the knowledge base, not a printed prefix, names the maker: a family printed
 * without its letters, a topside code, a serial line. Such a reading is an inference from the
 * marking's shape, so it stays below the confidence of a printed prefix; where the entry names
 * several makers or none (a second-sourced transistor), the maker stays unknown and the makers
 * are listed. A logo that agrees with the maker raises it to a logo-and-prefix reading.
 */
export function knowledgeCandidates(known: KnowledgeHit, hits: PrefixHit[], logoMakers: MakerRecord[], explain: boolean): Candidate[] {
  const makers = known.makers;
  if (makers.length !== 1) {
    const c = candidate(null, null, null, CONFIDENCE.none);
    c.others = makers.map((m) => m.name);
    if (explain) c.reasoning = known.line;
    return [c];
  }
  const maker = makers[0]!;
  const entry = hits.find((h) => h.maker === maker)?.entry ?? null;
  const logo = logoMakers.find((l) => related(l.id, maker.id));
  const c = candidate(logo ?? maker, entry, logo ? 'logo+prefix' : known.kind, logo ? CONFIDENCE.logoPrefix : CONFIDENCE[KNOWLEDGE_CONFIDENCE[known.kind]]);
  if (explain) c.reasoning = known.line;
  return [c];
}
const KNOWLEDGE_CONFIDENCE = { 'family-letters': 'familyLetters', 'topside-code': 'topsideCode', 'serial-format': 'serialFormat', layout: 'layout' } as const;
