import type { TypedDB as DB } from '../db/index.js';
import { readableBy, type Actor } from '../access/index.js';
import type { FtmHop, FtmOrg } from './ftm.js';
import { anyUuid } from './store-common.js';
import { componentsInScope, type Scope } from './chains-store.js';

/** The rows behind the FollowTheMoney export of hops and organisations in a scope. */

export async function ftmRows(db: DB, actor: Actor | null, scope: Scope): Promise<{ orgs: FtmOrg[]; hops: FtmHop[] }> {
  const scoped = scope.kind !== 'all' ? await componentsInScope(db, actor, scope) : null;
  let hq = db.selectFrom('traceHops').select(['id', 'sellerId', 'buyerId', 'transferDate', 'quantity', 'documentKind', 'documentRef', 'fromCountry', 'toCountry', 'partNumber', 'lot', 'assessment', 'illustrative'])
    .where(readableBy(actor));
  if (scoped) hq = hq.where((eb) => eb('id', 'in', eb.selectFrom('traceHopComponents').select('traceHopId').where('componentId', '=', anyUuid(scoped))));
  const hops = await hq.orderBy('transferDate', (ob) => ob.asc().nullsLast()).orderBy('id').execute();
  const hopIds = hops.map((h) => h.id);
  const parts = hopIds.length
    ? await db.selectFrom('traceHopComponents as hc').innerJoin('components as c', 'c.id', 'hc.componentId')
      .select(['hc.traceHopId', 'c.partNumber', 'c.makerCountry']).where('hc.traceHopId', '=', anyUuid(hopIds)).where(readableBy(actor, 'c')).execute()
    : [];
  const partsBy = new Map<string, { parts: Set<string>; countries: Set<string> }>();
  for (const p of parts) {
    const e = partsBy.get(p.traceHopId) ?? { parts: new Set<string>(), countries: new Set<string>() };
    if (p.partNumber) e.parts.add(p.partNumber);
    if (p.makerCountry) e.countries.add(p.makerCountry);
    partsBy.set(p.traceHopId, e);
  }
  const orgIds = [...new Set(hops.flatMap((h) => [h.sellerId, h.buyerId]))];
  const orgs = orgIds.length
    ? await db.selectFrom('organisations').select(['id', 'name', 'aliases', 'kind', 'country', 'website', 'illustrative']).where('id', '=', anyUuid(orgIds)).where(readableBy(actor)).orderBy('name').orderBy('id').execute()
    : [];
  return {
    orgs: orgs as unknown as FtmOrg[],
    hops: hops.map((h) => ({
      ...(h as unknown as Omit<FtmHop, 'componentParts' | 'makerCountries'>),
      componentParts: [...(partsBy.get(h.id)?.parts ?? [])].sort(),
      makerCountries: [...(partsBy.get(h.id)?.countries ?? [])].sort(),
    })),
  };
}
