/**
 * Chains as FollowTheMoney (FtM) entities, for Aleph, OpenSanctions tooling and anything else that
 * reads the FtM model. Pure: rows in, entities out. The mapping is documented in docs/tracing.md
 * and checked against the model shipped by `@alephdata/followthemoney` in the tests.
 *
 * - organisation → `Company` (manufacturer, distributor, broker), `PublicBody` (government) or
 *   `Organization` (anything else).
 * - hop (seller → buyer) → `UnknownLink` (subject = seller, object = buyer): FtM has no "sale of
 *   goods" relationship, and UnknownLink is the edge its tools draw between two parties.
 * - hop documented by a customs declaration → also `EconomicActivity`, FtM's customs-declaration
 *   schema (sender, receiver, goods, countries, declaration number).
 */

export interface FtmEntity {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
}

export interface FtmOrg {
  id: string;
  name: string;
  aliases: string[];
  kind: string;
  country: string | null;
  website: string | null;
  illustrative: boolean;
}

export interface FtmHop {
  id: string;
  sellerId: string;
  buyerId: string;
  transferDate: string | null;
  quantity: number | null;
  documentKind: string | null;
  documentRef: string | null;
  fromCountry: string | null;
  toCountry: string | null;
  partNumber: string | null;
  lot: string | null;
  assessment: string;
  illustrative: boolean;
  /** Part numbers of the components the hop concerns, and their makers' countries. */
  componentParts: string[];
  makerCountries: string[];
}

export const orgEntityId = (id: string) => `remnant-org-${id}`;
export const hopEntityId = (id: string) => `remnant-hop-${id}`;
export const customsEntityId = (id: string) => `remnant-customs-${id}`;

const COMPANY_KINDS = new Set(['manufacturer', 'distributor', 'broker']);

export function orgSchema(kind: string): 'Company' | 'PublicBody' | 'Organization' {
  if (COMPANY_KINDS.has(kind)) return 'Company';
  if (kind === 'government') return 'PublicBody';
  return 'Organization';
}

const ASSESSMENT_STATUS: Record<string, string> = {
  legal: 'legal transfer',
  diversion_suspected: 'suspected diversion',
  unknown: 'not assessed',
};

const ILLUSTRATIVE_NOTE = 'Illustrative record from the Remnant demo case; not evidence.';

/** Drops empty values: FtM properties are lists of non-empty strings. */
function props(p: Record<string, (string | null | undefined)[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, vs] of Object.entries(p)) {
    const clean = vs.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
    if (clean.length) out[k] = [...new Set(clean)];
  }
  return out;
}

const lc = (c: string | null) => (c ? c.toLowerCase() : null);

export function orgEntity(o: FtmOrg): FtmEntity {
  return {
    id: orgEntityId(o.id),
    schema: orgSchema(o.kind),
    properties: props({
      name: [o.name],
      alias: o.aliases,
      country: [lc(o.country)],
      website: [o.website],
      description: [`${o.kind.replace(/_/g, ' ')} (as classified in Remnant)`],
      summary: [o.illustrative ? ILLUSTRATIVE_NOTE : null],
    }),
  };
}

function goods(h: FtmHop): string {
  const parts = h.partNumber ? [h.partNumber] : h.componentParts;
  const what = parts.length ? parts.join(', ') : 'electronic components';
  return `${h.quantity ? `${h.quantity} × ` : ''}${what}${h.lot ? ` (lot ${h.lot})` : ''}`;
}

export function hopEntities(h: FtmHop): FtmEntity[] {
  const doc = h.documentRef ? `${(h.documentKind ?? 'document').replace(/_/g, ' ')} ${h.documentRef}` : null;
  const route = h.fromCountry || h.toCountry ? `shipped ${h.fromCountry ?? '?'} → ${h.toCountry ?? '?'}` : null;
  const description = [`Sale of ${goods(h)}`, doc, route].filter(Boolean).join('; ');
  const out: FtmEntity[] = [{
    id: hopEntityId(h.id),
    schema: 'UnknownLink',
    properties: props({
      subject: [orgEntityId(h.sellerId)],
      object: [orgEntityId(h.buyerId)],
      role: ['seller'],
      status: [ASSESSMENT_STATUS[h.assessment] ?? h.assessment],
      date: [h.transferDate],
      description: [description],
      summary: [h.illustrative ? ILLUSTRATIVE_NOTE : null],
      recordId: [h.id],
    }),
  }];
  if (h.documentKind === 'customs_declaration') {
    out.push({
      id: customsEntityId(h.id),
      schema: 'EconomicActivity',
      properties: props({
        sender: [orgEntityId(h.sellerId)],
        receiver: [orgEntityId(h.buyerId)],
        goodsDescription: [goods(h)],
        ccdNumber: [h.documentRef],
        date: [h.transferDate],
        departureCountry: [lc(h.fromCountry)],
        destinationCountry: [lc(h.toCountry)],
        originCountry: h.makerCountries.map((c) => c.toLowerCase()),
        summary: [h.illustrative ? ILLUSTRATIVE_NOTE : null],
        recordId: [h.id],
      }),
    });
  }
  return out;
}

/** Organisations first (so a streaming reader meets each party before the links to it), then links. */
export function toFtm(orgs: readonly FtmOrg[], hops: readonly FtmHop[]): FtmEntity[] {
  const known = new Set(orgs.map((o) => o.id));
  const used = new Set<string>();
  const links: FtmEntity[] = [];
  for (const h of hops) {
    // A link to a party the reader may not see would leak it (or dangle): such hops are left out.
    if (!known.has(h.sellerId) || !known.has(h.buyerId)) continue;
    used.add(h.sellerId);
    used.add(h.buyerId);
    links.push(...hopEntities(h));
  }
  return [...orgs.filter((o) => used.has(o.id)).map(orgEntity), ...links];
}
