import { describe, expect, it } from 'vitest';
import { assembleChain, type HopLike } from '../../src/tracing/chain.js';
import { buildGraph, computeFindings, median, type HopWithCountries, type OrgFacts, type TracedComponent } from '../../src/tracing/analysis.js';
import { m49Of } from '../../src/tracing/regions.js';

const orgs = new Map<string, OrgFacts>([
  ['M1', { id: 'M1', name: 'Maker One', kind: 'manufacturer', country: 'US' }],
  ['M2', { id: 'M2', name: 'Maker Two', kind: 'manufacturer', country: 'DE' }],
  ['HK1', { id: 'HK1', name: 'HK Distributor', kind: 'distributor', country: 'HK' }],
  ['TW1', { id: 'TW1', name: 'TW Distributor', kind: 'distributor', country: 'TW' }],
  ['SG1', { id: 'SG1', name: 'SG Broker', kind: 'broker', country: 'SG' }],
  ['US2', { id: 'US2', name: 'US Distributor', kind: 'distributor', country: 'US' }],
  ['END', { id: 'END', name: 'End user', kind: 'end_user', country: 'KP' }],
]);

let n = 0;
const hop = (s: string, b: string, d: string | null, a: HopLike['assessment'] = 'legal'): HopWithCountries => ({ id: `h${++n}`, sellerId: s, buyerId: b, transferDate: d, assessment: a, toCountry: null });
const traced = (componentId: string, itemId: string, makerId: string, recoveredOn: string | null, hops: HopWithCountries[]): TracedComponent =>
  ({ componentId, itemId, makerId, recoveredOn, chain: assembleChain(makerId, hops) });

describe('findings from chains', () => {
  const comps = [
    // Two components through the same Hong Kong distributor, one then to a broker in Singapore (suspected diversion).
    traced('c1', 'i1', 'M1', '2024-01-03', [hop('M1', 'US2', '2021-03-01'), hop('US2', 'HK1', '2021-09-01'), hop('HK1', 'END', '2022-02-01', 'diversion_suspected')]),
    traced('c2', 'i1', 'M1', '2024-01-03', [hop('M1', 'HK1', '2022-01-01')]),
    traced('c3', 'i2', 'M2', '2024-07-20', [hop('M2', 'TW1', '2023-01-15'), hop('TW1', 'SG1', '2023-05-01', 'unknown')]),
    traced('c4', 'i2', 'M2', '2024-07-20', []),
  ];
  const f = computeFindings(comps, orgs, m49Of);

  it('counts each traced component once at its last intermediary in legal trade', () => {
    expect(f.componentsInScope).toBe(4);
    expect(f.tracedComponents).toBe(3);
    // c1 stops at HK1 (the diversion point: HK1 sold to the end user); c2 at HK1; c3 at SG1.
    expect(f.byLastIntermediaryCountry).toEqual([{ key: 'HK', count: 2, share: 0.6667 }, { key: 'SG', count: 1, share: 0.3333 }]);
    expect(f.byLastIntermediarySubregion).toEqual([{ key: 'Eastern Asia', count: 2, share: 0.6667 }, { key: 'South-eastern Asia', count: 1, share: 0.3333 }]);
    expect(f.byLastIntermediaryRegion).toEqual([{ key: 'Asia', count: 3, share: 1 }]);
  });

  it('counts every country a chain passes through once per component', () => {
    expect(f.byAnyIntermediaryCountry).toEqual([
      { key: 'HK', count: 2, share: 0.6667 }, { key: 'SG', count: 1, share: 0.3333 }, { key: 'TW', count: 1, share: 0.3333 }, { key: 'US', count: 1, share: 0.3333 },
    ]);
  });

  it('measures the time from the maker sale to recovery', () => {
    expect(f.makerSaleToRecovery.components.map((c) => [c.componentId, c.days])).toEqual([['c3', 552], ['c2', 732], ['c1', 1038]]);
    expect(f.makerSaleToRecovery.medianDays).toBe(732);
    expect(f.makerSaleToRecovery.minDays).toBe(552);
  });

  it('lists intermediaries present in several chains', () => {
    expect(f.sharedIntermediaries).toEqual([{ organisationId: 'HK1', name: 'HK Distributor', country: 'HK', components: 2, items: 1 }]);
    expect(f.chainStatus).toEqual({ untraced: 1, open: 2, broken: 0, diverted: 1 });
  });

  it('draws a graph whose shared nodes are the intermediaries of several chains', () => {
    const g = buildGraph(comps, orgs);
    expect(g.nodes.filter((x) => x.shared).map((x) => x.id)).toEqual(['HK1']);
    expect(g.nodes.find((x) => x.id === 'M1')).toMatchObject({ maker: true, chains: 2, shared: false });
    expect(g.edges.find((e) => e.sellerId === 'M1' && e.buyerId === 'HK1')).toEqual({ sellerId: 'M1', buyerId: 'HK1', hops: 1, components: 1 });
  });
});

describe('M49 regions', () => {
  it('groups the countries of the case the way the UN does, with Taiwan in Eastern Asia', () => {
    expect(m49Of('HK')).toEqual({ region: 'Asia', subregion: 'Eastern Asia' });
    expect(m49Of('TW')).toEqual({ region: 'Asia', subregion: 'Eastern Asia' });
    expect(m49Of('SG')).toEqual({ region: 'Asia', subregion: 'South-eastern Asia' });
    expect(m49Of('NL')).toEqual({ region: 'Europe', subregion: 'Western Europe' });
    // Intermediate regions fold into their sub-region: Nigeria is in Western Africa, under Sub-Saharan Africa.
    expect(m49Of('NG')).toEqual({ region: 'Africa', subregion: 'Sub-Saharan Africa' });
    expect(m49Of('XX')).toEqual({ region: null, subregion: null });
  });

  it('takes the median of even and odd lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
