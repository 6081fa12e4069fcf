/**
 * ILLUSTRATIVE items (remnants) and their component records. The incidents are documented; these
 * item records and every component on them are invented to exercise the findings, and are loaded
 * with `illustrative = true`. Pure: builds plain rows from the bills of materials, deterministically
 * (same rows on every load), with the derived fields (part number, maker, country, date window, HS
 * code, CHPL tier) already filled so loading never depends on the identification engine.
 */
import { applyVariant, CHPL_TIER, JULY_A_VARIANT, JULY_B_VARIANT, KHARKIV_BOM, KYIV_VARIANT, type BomLine, type Variant } from './bom.js';
import { windowFor } from './dates.js';
import { MAKERS } from './makers.js';
import { mulberry32 } from '../../random.js';

export interface DemoItem {
  key: string;
  label: string;
  incident: string;
  weaponModel: string;
  weaponFamily: string;
  identificationConfidence: 'confirmed' | 'probable' | 'possible';
  recoveredPlace: string | null;
  productionMarks: string | null;
  usedOn: string | null;
  description: string;
  variant: Variant | null;
}

const NOTE = 'Illustrative record: invented for the demo to show how findings are computed. Not documented evidence.';

export const ITEMS: DemoItem[] = [
  {
    key: 'kharkiv',
    label: 'KN-23/24 remnant, Kharkiv strike of 2 January 2024 (illustrative component set)',
    incident: 'kharkiv-2024-01-02',
    weaponModel: 'KN-23/KN-24',
    weaponFamily: 'Hwasong-11',
    identificationConfidence: 'probable',
    recoveredPlace: 'Kharkiv',
    productionMarks: null,
    usedOn: '2024-01-02',
    description: `${NOTE} Its figures are tuned to land near those CAR published for this missile, which come from a component list that is not public.`,
    variant: null,
  },
  {
    key: 'kyiv',
    label: 'KN-23/24 remnant, Kyiv strike of early 2024 (illustrative component set)',
    incident: 'kyiv-2024',
    weaponModel: 'KN-23/KN-24',
    weaponFamily: 'Hwasong-11',
    identificationConfidence: 'probable',
    recoveredPlace: 'Kyiv',
    productionMarks: null,
    usedOn: null,
    description: `${NOTE} Built as a near-identical twin of the Kharkiv item (a swapped regulator, a clone microcontroller replaced, later date codes), as CAR described the further missiles.`,
    variant: KYIV_VARIANT,
  },
  {
    key: 'july-a',
    label: 'Missile remnant A, used July–August 2024, jet vane actuator marked 113 (illustrative component set)',
    incident: 'jul-aug-2024',
    weaponModel: 'KN-23/KN-24',
    weaponFamily: 'Hwasong-11',
    identificationConfidence: 'probable',
    recoveredPlace: null,
    productionMarks: 'Juche 113 (jet vane actuators marked "113")',
    usedOn: null,
    description: `${NOTE} The Juche 113 mark is documented (CAR, 2024); the component set is not.`,
    variant: JULY_A_VARIANT,
  },
  {
    key: 'july-b',
    label: 'Missile remnant B, used July–August 2024 (illustrative component set)',
    incident: 'jul-aug-2024',
    weaponModel: 'KN-23/KN-24',
    weaponFamily: 'Hwasong-11',
    identificationConfidence: 'possible',
    recoveredPlace: null,
    productionMarks: null,
    usedOn: null,
    description: `${NOTE} Guidance section only.`,
    variant: JULY_B_VARIANT,
  },
];

export interface DemoComponent {
  externalId: string;
  itemKey: string;
  subAssembly: string;
  position: string;
  markingRaw: string;
  partNumber: string;
  makerKey: string;
  makerCountry: string;
  dateCodeText: string | null;
  productionFrom: string | null;
  productionTo: string | null;
  lot: string | null;
  category: string;
  hs6: string;
  chplTier: string | null;
  quantity: number;
}

/** Lot codes start with two letters, so that no lot can be misread as a date code. */
function lotCode(r: () => number): string {
  const L = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  const D = '0123456789';
  const pick = (s: string) => s[Math.floor(r() * s.length)]!;
  return pick(L) + pick(L) + pick(D) + pick(L) + pick(D) + pick(L);
}

const makerByKey = new Map(MAKERS.map((m) => [m.key, m]));
const PASSIVES = new Set(['C', 'R', 'L']);

/** The bill of materials an item is built from. */
export function bomOf(item: DemoItem): (BomLine & { shift?: number })[] {
  return item.variant ? applyVariant(KHARKIV_BOM, item.variant) : KHARKIV_BOM;
}

/**
 * Expands an item's bill of materials into component records. Reference designators count per
 * sub-assembly and letter, in bill order, so two items built from the same lines get the same
 * positions (which is what makes them comparable); `shift` moves a line's designators.
 */
export function componentsOf(item: DemoItem, seed: number): DemoComponent[] {
  const r = mulberry32(seed);
  const counters = new Map<string, number>();
  const out: DemoComponent[] = [];
  for (const l of bomOf(item)) {
    const maker = makerByKey.get(l.maker);
    if (!maker) throw new Error(`demo BOM line ${l.key}: unknown maker ${l.maker}`);
    const window = l.date ? windowFor(l.date.rule, l.date.code) : null;
    const per = l.perRecord ?? 1;
    const counterKey = `${l.sub}/${l.ref}`;
    let next = (counters.get(counterKey) ?? 0) + 1 + (l.shift ?? 0);
    for (let done = 0; done < l.units; done += per) {
      const qty = Math.min(per, l.units - done);
      const position = qty === 1 ? `${l.ref}${next}` : `${l.ref}${next}–${l.ref}${next + qty - 1}`;
      next += qty;
      const unmarked = PASSIVES.has(l.ref) && !l.date;
      // Drawn for every record (unmarked ones too) so that the sequence does not depend on markings.
      const drawn = lotCode(r);
      const lot = unmarked ? null : drawn;
      out.push({
        externalId: `demo-kn23:component:${item.key}:${l.sub.replace(/\s+/g, '-')}:${position}`,
        itemKey: item.key,
        subAssembly: l.sub,
        position,
        markingRaw: unmarked ? `(no marking on the part; ${l.category}, identified from the board)` : [maker.logo, l.part, l.date?.code, lot].filter(Boolean).join('\n'),
        partNumber: l.part,
        makerKey: maker.key,
        makerCountry: maker.country,
        dateCodeText: l.date?.code ?? null,
        productionFrom: window?.from ?? null,
        productionTo: window?.to ?? null,
        lot,
        category: l.category,
        hs6: l.hs6,
        chplTier: CHPL_TIER[l.hs6] ?? null,
        quantity: qty,
      });
    }
    counters.set(counterKey, next - 1 - (l.shift ?? 0));
  }
  return out;
}
