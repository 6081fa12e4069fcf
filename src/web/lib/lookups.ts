import { useMemo } from 'react';
import { useAll } from '../api/hooks';
import type { Item, Organisation } from '../api/types';

/** Organisation names by id, for tables that show a component's maker. */
export function useOrganisationNames(): Map<string, string> {
  const orgs = useAll<Organisation>('/api/organisations');
  return useMemo(() => new Map((orgs.data ?? []).map((o) => [o.id, o.name])), [orgs.data]);
}

export function useItemLabels(): Map<string, string> {
  const items = useAll<Item>('/api/items');
  return useMemo(() => new Map((items.data ?? []).map((i) => [i.id, i.label])), [items.data]);
}
