import { useEffect, useState } from 'react';
import { hasRoute } from '../api/capabilities';
import { useGet } from '../api/hooks';
import type { Page } from '../api/types';

/** A case (investigation) as `GET /api/cases` returns it (issue 3). */
export interface Case {
  id: string;
  title: string;
  summary: string | null;
  status: 'open' | 'closed';
  illustrative: boolean;
  incidentIds: string[];
  itemIds: string[];
  sourceIds: string[];
  claimIds: string[];
}

/** The cases this server has, or `null` when it has no cases API (yet). */
export function useCases(): { cases: Case[] | null | undefined } {
  const [available, setAvailable] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void hasRoute('GET', '/api/cases').then((a) => live && setAvailable(a));
    return () => {
      live = false;
    };
  }, []);
  const page = useGet<Page<Case>>(available ? '/api/cases' : null, { limit: 100, sort: 'title' });
  if (available === false) return { cases: null };
  if (page.error) return { cases: null };
  return { cases: page.data?.data };
}
