import { useEffect, useState } from 'react';
import { hasRoute } from '../api/capabilities';
import { useGet, type Loadable } from '../api/hooks';

/**
 * The findings the server computes (issue 3: `GET /api/findings`, `/api/items/:id/findings`,
 * `/api/cases/:id/findings`): the subset of its response schema (src/findings/schema.ts) this app reads.
 * Where the server does not have the routes yet, views count the component records themselves.
 */
export interface Bucket {
  key: string | null;
  label: string;
  units: number;
  records: number;
  share: number;
}
export interface Breakdown {
  totalUnits: number;
  distinct: number;
  buckets: Bucket[];
}
interface PartCount {
  partNumber: string;
  unitsA: number;
  unitsB: number;
}
export interface Similarity {
  score: number;
  verdict: 'identical' | 'sister' | 'different' | 'not comparable';
  sharedParts: number;
  partsOnlyInA: number;
  partsOnlyInB: number;
  differingCounts: PartCount[];
  onlyInA: PartCount[];
  onlyInB: PartCount[];
  moved: { partNumber: string; positionsA: string[]; positionsB: string[] }[];
  explanation: string;
}
export interface Findings {
  scope: { kind: string; id: string | null; label: string };
  computedAt: string;
  illustrative: { components: number; items: number; all: boolean; note: string | null };
  items: { count: number };
  components: { records: { count: number }; units: number; partNumbers: { count: number }; unidentifiedUnits: number };
  makers: Breakdown;
  makerCountries: Breakdown;
  dateCodes: { datedUnits: number; datedRecords: number; share: number; byYear: Breakdown };
  noEarlierThan: { date: string; note: string } | null;
  timelines: {
    itemId: string;
    label: string;
    noEarlierThan: string | null;
    interval: { production: { from: string; to: string }; use: { from: string; to: string }; minDays: number; maxDays: number; inconsistent: string | null } | null;
  }[];
  chplTiers: Breakdown;
  similarity: { similarItems: { itemId: string; label: string; similarity: Similarity }[]; note: string | null };
  notes: string[];
}

/** Whether the server computes findings; `undefined` while asking. */
export function useFindingsAvailable(): boolean | undefined {
  const [available, setAvailable] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void hasRoute('GET', '/api/findings').then((a) => live && setAvailable(a));
    return () => {
      live = false;
    };
  }, []);
  return available;
}

/** Findings from `path` once the server is known to have them; `path: null` loads nothing. */
export function useFindings(path: string | null, available: boolean | undefined): Loadable<Findings> {
  return useGet<Findings>(available ? path : null, { idLimit: 0 });
}
