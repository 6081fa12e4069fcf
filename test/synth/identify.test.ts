import { describe, expect, it } from 'vitest';
import * as markings from '../../src/markings/index.js';
import { components, DATE_RULES, item, plan } from '../../src/synth/index.js';

/**
 * The synthetic markings read back through the identification engine: for every date rule, the
 * engine's readings of a generated marking include a window holding the day the part was made.
 * (Until the engine lands, src/markings is a placeholder without `identify`, and this checks only
 * that the face is there.)
 */
type Identify = (marking: string, context?: { recoveredOn?: string; today?: string }) => {
  readings: { dates: { from: string; to: string; rule: string }[] }[];
};

describe('synthetic markings through the identification engine', () => {
  it('decodes every date rule to a window holding the true production day', () => {
    const identify = (markings as Record<string, unknown>).identify as Identify | undefined;
    if (typeof identify !== 'function') {
      expect(typeof markings.suggestComponentFields).toBe('function');
      return;
    }
    const p = plan({ components: 3000, items: 10, seed: 13 });
    const recovered = Array.from({ length: p.counts.items }, (_, j) => item(p, j).recoveredOn as string);
    const tally = new Map<string, { ok: number; all: number; misses: string[] }>(DATE_RULES.map((r) => [r, { ok: 0, all: 0, misses: [] }]));
    let j = 0;
    for (const c of components(p)) {
      while (j + 1 < p.counts.items && p.itemStart[j + 1]! <= Number(String(c.externalId).split(':').pop())) j++;
      const result = identify(String(c.markingRaw), { recoveredOn: recovered[j], today: '2026-01-01' });
      const produced = c.truth.producedOn;
      const hit = result.readings.some((r) => r.dates.some((d) => d.from <= produced && produced <= d.to));
      const t = tally.get(c.truth.rule)!;
      t.all++;
      if (hit) t.ok++;
      else if (t.misses.length < 3) t.misses.push(`${JSON.stringify(c.markingRaw)} made ${produced}`);
    }
    for (const [rule, t] of tally) {
      expect(t.all, rule).toBeGreaterThan(0);
      expect(t.ok / t.all, `${rule}: ${t.ok}/${t.all} decoded; e.g. ${t.misses.join('; ')}`).toBeGreaterThanOrEqual(0.85);
    }
  });
});
