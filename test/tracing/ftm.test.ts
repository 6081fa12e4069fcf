import { describe, expect, it } from 'vitest';
import { toFtm, type FtmEntity, type FtmHop, type FtmOrg } from '../../src/tracing/ftm.js';
import { validateFtm } from './ftm-validate.js';

const orgs: FtmOrg[] = [
  { id: 'o-maker', name: 'Example Semiconductor Inc.', aliases: ['ESI'], kind: 'manufacturer', country: 'US', website: 'https://example.com', illustrative: true },
  { id: 'o-dist', name: 'Example Distribution (HK) Ltd', aliases: [], kind: 'distributor', country: 'HK', website: null, illustrative: true },
  { id: 'o-gov', name: 'Example Ministry', aliases: [], kind: 'government', country: 'KP', website: null, illustrative: true },
  { id: 'o-hidden', name: 'not exported', aliases: [], kind: 'broker', country: 'CN', website: null, illustrative: false },
];
const hop = (id: string, sellerId: string, buyerId: string, extra: Partial<FtmHop> = {}): FtmHop => ({
  id, sellerId, buyerId, transferDate: '2022-01-10', quantity: 500, documentKind: 'invoice', documentRef: 'INV-1', fromCountry: 'US', toCountry: 'HK',
  partNumber: null, lot: 'ABC', assessment: 'legal', illustrative: true, componentParts: ['EX1234'], makerCountries: ['US'], ...extra,
});

describe('FollowTheMoney export', () => {
  it('maps organisations and transfers to valid FtM entities', () => {
    const entities = toFtm(orgs, [
      hop('h1', 'o-maker', 'o-dist'),
      hop('h2', 'o-dist', 'o-gov', { documentKind: 'customs_declaration', documentRef: 'CCD-9', fromCountry: 'HK', toCountry: 'KP', assessment: 'diversion_suspected', transferDate: null }),
    ]);
    expect(validateFtm(entities)).toEqual([]);
    expect(entities.map((e) => e.schema)).toEqual(['Company', 'Company', 'PublicBody', 'UnknownLink', 'UnknownLink', 'EconomicActivity']);
    const link = entities.find((e) => e.id === 'remnant-hop-h1')!;
    expect(link.properties).toMatchObject({ subject: ['remnant-org-o-maker'], object: ['remnant-org-o-dist'], date: ['2022-01-10'], status: ['legal transfer'] });
    expect(link.properties.description![0]).toBe('Sale of 500 × EX1234 (lot ABC); invoice INV-1; shipped US → HK');
    const customs = entities.find((e) => e.schema === 'EconomicActivity')!;
    expect(customs.properties).toMatchObject({ ccdNumber: ['CCD-9'], departureCountry: ['hk'], destinationCountry: ['kp'], originCountry: ['us'] });
    expect(entities[0]!.properties.summary![0]).toContain('Illustrative');
  });

  it('the validator catches what the model would refuse (so the test above can fail)', () => {
    const bad: FtmEntity[] = [
      { id: 'a', schema: 'Company', properties: { name: ['A'], country: ['xx'], turnover: ['1'] } },
      { id: 'b', schema: 'UnknownLink', properties: { subject: ['a'], object: ['missing'], date: ['10/01/2022'] } },
      { id: 'c', schema: 'Interest', properties: {} },
      // A Company is a LegalEntity but a Person is not an Asset: the range check must say so.
      { id: 'p', schema: 'Person', properties: { name: ['P'] } },
      { id: 'd', schema: 'Ownership', properties: { owner: ['a'], asset: ['p'] } },
    ];
    const problems = validateFtm(bad);
    expect(problems).toContain('a.country: xx is not an FtM country code');
    expect(problems).toContain('a: Company has no property turnover');
    expect(problems).toContain('b.object: refers to missing, not in the export');
    expect(problems).toContain('b.date: 10/01/2022 is not an ISO date');
    expect(problems).toContain('c: schema Interest is abstract');
    expect(problems).toContain('d.asset: Person is not a Asset');
  });

  it('leaves out transfers to parties the reader may not see, and parties no transfer names', () => {
    const entities = toFtm(orgs.filter((o) => o.id !== 'o-dist'), [hop('h1', 'o-maker', 'o-dist'), hop('h3', 'o-maker', 'o-gov')]);
    expect(entities.map((e) => e.id)).toEqual(['remnant-org-o-maker', 'remnant-org-o-gov', 'remnant-hop-h3']);
  });
});
