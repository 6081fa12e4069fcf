import { useEffect, useState } from 'react';
import { hasRoute } from '../api/capabilities';
import { useGet, type Loadable } from '../api/hooks';
import type { z } from 'zod';
import type { findingsSchema } from '../../findings/schema';

/**
 * The findings the server computes (issue 3: `GET /api/findings`, `/api/items/:id/findings`,
 * `/api/cases/:id/findings`), typed from the server's own response schema (src/findings/schema.ts).
 * Where the server does not have the routes yet, views count the component records themselves.
 */
type Schema = z.infer<typeof findingsSchema>;
export type Findings = Schema;
export type Breakdown = Schema['makers'];
export type Bucket = Breakdown['buckets'][number];
export type Similarity = Schema['similarity']['similarItems'][number]['similarity'];

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
