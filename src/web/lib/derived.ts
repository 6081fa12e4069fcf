/** The component fields the identification engine proposes and a person confirms or overrides (server: DERIVED_FIELDS). */
export const DERIVED = [
  { key: 'partNumber', label: 'Part number' },
  { key: 'makerId', label: 'Maker' },
  { key: 'makerCountry', label: 'Maker country' },
  { key: 'dateCodeText', label: 'Date code' },
  { key: 'productionFrom', label: 'Made from' },
  { key: 'productionTo', label: 'Made by' },
  { key: 'lot', label: 'Lot' },
  { key: 'category', label: 'Category' },
  { key: 'hs6', label: 'HS code' },
  { key: 'chplTier', label: 'CHPL tier' },
] as const;
export type DerivedKey = (typeof DERIVED)[number]['key'];

/** How a component is named in lists and titles: its part number, else the first line of its marking. */
export function componentName(c: { partNumber: string | null; markingRaw: string }): string {
  return c.partNumber ?? c.markingRaw.split('\n')[0]!;
}
