import { describe, expect, it } from 'vitest';
import {
  claim, component, components, DATE_RULES, incident, item, MAKERS, organisation, plan, source, synthUuid, UKRAINE_BBOX, type SynthOptions,
} from '../../src/synth/index.js';
import { caseItems, caseRecord } from '../../src/synth/generate.js';
import { traceBundle, traceRequestCount } from '../../src/synth/traces.js';
import { dayOf, isoWeek } from '../../src/synth/dates.js';

const OPTS: SynthOptions = { components: 3000, items: 12, seed: 42 };

function everything(opts: SynthOptions): unknown[] {
  const p = plan(opts);
  const out: unknown[] = [];
  for (let i = 0; i < p.counts.organisations; i++) out.push(organisation(p, i));
  for (let i = 0; i < p.counts.sources; i++) out.push(source(p, i));
  for (let i = 0; i < p.counts.claims; i++) out.push(claim(p, i));
  for (let i = 0; i < p.counts.incidents; i++) out.push(incident(p, i));
  for (let i = 0; i < p.counts.items; i++) out.push(item(p, i));
  for (const c of components(p)) out.push(c);
  for (let t = 0; t < traceRequestCount(p); t++) out.push(traceBundle(p, t));
  out.push(caseRecord(p, 0), [...caseItems(p)]);
  return out;
}

describe('synthetic generator', () => {
  it('is deterministic: the same seed gives the same records', () => {
    expect(JSON.stringify(everything(OPTS))).toBe(JSON.stringify(everything(OPTS)));
  });

  it('gives different records for a different seed', () => {
    const a = plan(OPTS);
    const b = plan({ ...OPTS, seed: 43 });
    const ca = [...components(a)];
    const cb = [...components(b)];
    expect(ca.map((c) => c.id)).not.toEqual(cb.map((c) => c.id));
    // Not just the ids: the markings themselves differ.
    const same = ca.filter((c, i) => c.markingRaw === cb[i]!.markingRaw).length;
    expect(same).toBeLessThan(ca.length / 10);
  });

  it('regenerates any record on its own, in any order', () => {
    const p = plan(OPTS);
    const streamed = [...components(p)];
    for (const i of [2999, 0, 1500, 17, 2048]) expect(component(p, i)).toEqual(streamed[i]);
  });

  it('makes deterministic version-8 UUIDs that differ per stream and index', () => {
    const id = synthUuid(1, 'component', 0);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(synthUuid(1, 'component', 0)).toBe(id);
    expect(synthUuid(1, 'component', 1)).not.toBe(id);
    expect(synthUuid(1, 'item', 0)).not.toBe(id);
    expect(synthUuid(2, 'component', 0)).not.toBe(id);
  });

  it('marks every record synthetic', () => {
    const p = plan(OPTS);
    const records = [
      ...Array.from({ length: p.counts.organisations }, (_, i) => organisation(p, i)),
      ...Array.from({ length: p.counts.sources }, (_, i) => source(p, i)),
      ...Array.from({ length: p.counts.claims }, (_, i) => claim(p, i)),
      ...Array.from({ length: p.counts.incidents }, (_, i) => incident(p, i)),
      ...Array.from({ length: p.counts.items }, (_, i) => item(p, i)),
      ...components(p),
      caseRecord(p, 0),
      caseRecord(p, 1),
    ];
    for (const r of records) {
      expect(r.illustrative).toBe(true);
      expect(String(r.externalId)).toMatch(/^synth:42:[a-z_]+:\d+$/);
    }
    // Trace tables have no external_id: their note carries the marker.
    for (let t = 0; t < traceRequestCount(p); t++) {
      const b = traceBundle(p, t);
      expect(b.request.illustrative).toBe(true);
      expect(String(b.request.notes)).toMatch(/^synth:42:/);
      for (const h of b.hops) expect(String(h.hop.notes)).toMatch(/^synth:42:/);
    }
  });

  it('covers every date rule, each printed window holding the true production day', () => {
    const p = plan({ components: 5000, items: 20, seed: 7 });
    const seen = new Map<string, number>();
    for (const c of components(p)) {
      seen.set(c.truth.rule, (seen.get(c.truth.rule) ?? 0) + 1);
      const produced = c.truth.producedOn;
      expect(c.productionFrom! <= produced && produced <= c.productionTo!, `${c.markingRaw} → ${c.productionFrom}..${c.productionTo} vs ${produced}`).toBe(true);
      expect(String(c.markingRaw)).toContain(String(c.dateCodeText));
    }
    expect([...seen.keys()].sort()).toEqual([...DATE_RULES].sort());
    // Even the smallest data set covers every rule: the first components cycle through them.
    const tiny = plan({ components: DATE_RULES.length, items: 1, seed: 3 });
    expect(new Set([...components(tiny)].map((c) => c.truth.rule))).toEqual(new Set(DATE_RULES));
  });

  it('prints date codes as each convention writes them', () => {
    const p = plan({ components: 20_000, items: 60, seed: 11 });
    const byRule = new Map<string, { line: string; produced: string; from: string }[]>();
    for (const c of components(p)) {
      const list = byRule.get(c.truth.rule) ?? [];
      if (list.length < 200) list.push({ line: String(c.dateCodeText), produced: c.truth.producedOn, from: String(c.productionFrom) });
      byRule.set(c.truth.rule, list);
    }
    const check = (rule: string, re: RegExp, decode: (m: RegExpExecArray) => { year: string; week?: number; month?: number }) => {
      for (const x of byRule.get(rule)!) {
        const m = re.exec(x.line);
        expect(m, `${rule}: ${x.line}`).not.toBeNull();
        const d = decode(m!);
        const day = dayOf(x.produced);
        if (d.week !== undefined && rule !== 'microchip-yywwnnn') {
          const w = isoWeek(day);
          expect(String(w.year).endsWith(d.year), `${rule}: ${x.line} for ${x.produced}`).toBe(true);
          expect(w.week).toBe(d.week);
        }
        if (d.week !== undefined && rule === 'microchip-yywwnnn') expect(x.produced.slice(2, 4)).toBe(d.year);
        if (d.month !== undefined) {
          expect(Number(x.produced.slice(5, 7))).toBe(d.month);
          expect(x.produced.slice(3, 4)).toBe(d.year);
        }
      }
    };
    check('ecia-yyww', /^(\d{2})(\d{2})$/, (m) => ({ year: m[1]!, week: +m[2]! }));
    check('ecia-yww', /^(\d)(\d{2})$/, (m) => ({ year: m[1]!, week: +m[2]! }));
    check('ecia-wwyy', /^(\d{2})(\d{2})$/, (m) => ({ year: m[2]!, week: +m[1]! }));
    check('ti-ym', /^(\d)([1-9ABC])[A-Z]$/, (m) => ({ year: m[1]!, month: '123456789ABC'.indexOf(m[2]!) + 1 }));
    check('microchip-yywwnnn', /^(\d{2})(\d{2})\d{3}$/, (m) => ({ year: m[1]!, week: +m[2]! }));
    check('st-yww', /^[A-Z](\d)(\d{2})$/, (m) => ({ year: m[1]!, week: +m[2]! }));
    check('nxp-yyww', /^[A-Z]{1,3}(\d{2})(\d{2})[A-C]?$/, (m) => ({ year: m[1]!, week: +m[2]! }));
    check('freescale-awlyyww', /^[A-Z]{3}(\d{2})(\d{2})$/, (m) => ({ year: m[1]!, week: +m[2]! }));
    check('xilinx-yyww', /^[A-Z]{2,3}\d{3}[A-Z]{3}(\d{2})(\d{2})$/, (m) => ({ year: m[1]!, week: +m[2]! }));
    check('intel-altera-yyww', /^[A-Z0-9]{6}(\d{2})(\d{2})[A-Z]$/, (m) => ({ year: m[1]!, week: +m[2]! }));
    check('infineon-yyww', /^[EGH](\d{2})(\d{2})$/, (m) => ({ year: m[1]!, week: +m[2]! }));
    check('vishay-pyww', /^P(\d)(\d{2})[A-Z]{1,2}$/, (m) => ({ year: m[1]!, week: +m[2]! }));
    check('onsemi-xxyy', /^[A-Z](\d{2})(\d{2})$/, (m) => ({ year: m[1]!, week: +m[2]! }));
    for (const x of byRule.get('juche-year')!) expect(Number(/^주체(\d{3})$/.exec(x.line)![1]) + 1911).toBe(Number(x.produced.slice(0, 4)));
  });

  it('keeps production before recovery, and incidents in Ukraine during the war', () => {
    const p = plan({ components: 4000, items: 30, seed: 5 });
    const recovered = new Map(Array.from({ length: p.counts.items }, (_, j) => [item(p, j).id, item(p, j).recoveredOn as string]));
    for (const c of components(p)) expect(c.productionTo! <= recovered.get(c.itemId as string)!).toBe(true);
    for (let k = 0; k < p.counts.incidents; k++) {
      const x = incident(p, k);
      expect(x.occurredFrom! >= '2022-02-24' && x.occurredFrom! <= '2025-06-30').toBe(true);
      expect(x.lat as number).toBeGreaterThanOrEqual(UKRAINE_BBOX.minLat);
      expect(x.lat as number).toBeLessThanOrEqual(UKRAINE_BBOX.maxLat);
      expect(x.lon as number).toBeGreaterThanOrEqual(UKRAINE_BBOX.minLon);
      expect(x.lon as number).toBeLessThanOrEqual(UKRAINE_BBOX.maxLon);
      // KN-23/KN-24 were first fired at Ukraine around the turn of 2024.
      if ((x.weaponTypes as string[]).some((w) => w.startsWith('KN-2'))) expect(x.occurredFrom! >= '2023-12-30').toBe(true);
    }
  });

  it('spreads components over items of differing sizes, every item holding some', () => {
    const p = plan({ components: 30_000, items: 100, seed: 9 });
    const sizes = Array.from({ length: 100 }, (_, j) => p.itemStart[j + 1]! - p.itemStart[j]!);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(30_000);
    expect(Math.min(...sizes)).toBeGreaterThan(0);
    expect(Math.max(...sizes)).toBeGreaterThan(1.5 * Math.min(...sizes));
  });

  it('names real makers with their parents, and invented traders as such', () => {
    const p = plan(OPTS);
    const orgs = Array.from({ length: p.counts.organisations }, (_, i) => organisation(p, i));
    const byName = new Map(orgs.map((o) => [o.name as string, o]));
    expect(byName.get('Maxim Integrated Products, Inc.')!.parentId).toBe(byName.get('Analog Devices, Inc.')!.id);
    expect(byName.get('Xilinx, Inc.')!.parentId).toBe(byName.get('Advanced Micro Devices, Inc.')!.id);
    const traders = orgs.slice(MAKERS.length);
    for (const t of traders) expect(String(t.name)).toMatch(/^Synthetic Components Trading \d+ \([A-Z]{2}\)$/);
  });
});
