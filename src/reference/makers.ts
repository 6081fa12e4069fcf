/**
 * The maker catalogue: versioned JSON files under `data/makers/`, one per region, merged here.
 * Imported as JSON modules so `tsc` copies them to `dist/` and nothing is read from disk at run
 * time: the identification engine stays pure.
 */
import usIc from './data/makers/us-ic.json' with { type: 'json' };
import usPowerRf from './data/makers/us-power-rf.json' with { type: 'json' };
import americasOther from './data/makers/americas-other.json' with { type: 'json' };
import europeSemis from './data/makers/europe-semis.json' with { type: 'json' };
import europeOther from './data/makers/europe-other.json' with { type: 'json' };
import japan from './data/makers/japan.json' with { type: 'json' };
import asiaPacific from './data/makers/asia-pacific.json' with { type: 'json' };
import china from './data/makers/china.json' with { type: 'json' };

/** One part-number prefix a maker uses. */
export interface PrefixRecord {
  /** Leading characters, upper case, as printed (hyphens and dots included). */
  p: string;
  /** Category id (see `data/hs-rules.json`). */
  cat: string;
  /** Family name for display. */
  fam?: string;
  /** Year the family was introduced: nothing in it was made earlier. */
  intro?: number;
  /** The ordering suffix is printed on the next line (`STM32F405` / `RGT6`). */
  join?: boolean;
  /** Generic or second-sourced: other makers print it too, so the prefix alone does not prove the maker. */
  amb?: boolean;
  /** Match even when a letter follows a short all-letter prefix (normally a digit must follow). */
  any?: boolean;
  /** Clone or counterfeit risk to warn about whenever this family is read. */
  clone?: string;
  /** The family copies another maker's numbering or pinout (for the reasoning, not a warning). */
  compat?: string;
}

export type MakerKind = 'semiconductor' | 'passive' | 'connector' | 'module' | 'frequency' | 'power' | 'optics' | 'bearing' | 'group';

export interface MakerRecord {
  /** Stable catalogue id (kebab case), used as `ref_makers.id`. */
  id: string;
  /** Canonical name. */
  name: string;
  /** ISO 3166-1 alpha-2 of the headquarters. */
  country: string;
  kind: MakerKind;
  aliases?: string[];
  /** Text found on the maker's logos, upper case (`TI`, `ST`, `MAXIM`). */
  logos?: string[];
  /** Id of the acquirer (immediate owner). */
  parent?: string;
  /** Year the parent acquired it. */
  acquired?: number;
  /** Id of the company it was spun off from (e.g. Nexperia from NXP): parts may carry that logo. */
  from?: string;
  /** Year a spun-off company began: parts made earlier were made by `from`. */
  since?: number;
  /** JEDEC JEP106 code as `bank:0xID`. */
  jep106?: string;
  /** Date-code rule ids in order of preference; ECIA rules when absent. */
  dateRules?: string[];
  /** Assembly-site codes the maker prints, with the site. */
  sites?: Record<string, string>;
  /**
   * Where the maker prints the lot: `trace-line`, the first unclaimed alphanumeric token after
   * the part number; `after-date`, the token that follows the date code on its line (TI `YMS LLLL`).
   */
  lot?: 'trace-line' | 'after-date';
  /** Default category when only the logo is read (bearings, connectors…). */
  cat?: string;
  note?: string;
  prefixes?: PrefixRecord[];
}

interface MakerFile {
  region: string;
  makers: MakerRecord[];
}

export const MAKER_FILES: readonly MakerFile[] = [usIc, usPowerRf, americasOther, europeSemis, europeOther, japan, asiaPacific, china] as unknown as MakerFile[];

export const MAKERS: readonly MakerRecord[] = MAKER_FILES.flatMap((f) => f.makers);

export const MAKERS_BY_ID: ReadonlyMap<string, MakerRecord> = new Map(MAKERS.map((m) => [m.id, m]));

const chains = new Map<string, MakerRecord[]>();

/** The owners above a maker, nearest first (Actel → Microsemi → Microchip). Stops on a cycle. Memoised. */
export function ownershipChain(id: string): MakerRecord[] {
  let out = chains.get(id);
  if (out) return out;
  out = [];
  const seen = new Set([id]);
  let cur = MAKERS_BY_ID.get(id);
  while (cur?.parent && !seen.has(cur.parent)) {
    seen.add(cur.parent);
    const p = MAKERS_BY_ID.get(cur.parent);
    if (!p) break;
    out.push(p);
    cur = p;
  }
  if (MAKERS_BY_ID.has(id)) chains.set(id, out);
  return out;
}

const lineages = new Map<string, Set<string>>();
function lineage(id: string): Set<string> {
  let s = lineages.get(id);
  if (s) return s;
  s = new Set([id]);
  for (const m of ownershipChain(id)) s.add(m.id);
  const from = MAKERS_BY_ID.get(id)?.from;
  if (from) s.add(from);
  if (MAKERS_BY_ID.has(id)) lineages.set(id, s);
  return s;
}

/** Makers in one lineage (same, owner, owned, or spun off from) print each other's logos and prefixes legitimately. */
export function related(a: string, b: string): boolean {
  return a === b || lineage(a).has(b) || lineage(b).has(a);
}

/** Makers that produce components (groups are owners only). */
export function componentMakers(): MakerRecord[] {
  return MAKERS.filter((m) => m.kind !== 'group');
}
