/**
 * Strikes of the demo case, as the sources document them. Coordinates are those of the city
 * (locality precision): the sources name cities, not impact points. The items (remnants) and
 * their component sets are illustrative; see items.ts.
 */
export interface DemoIncident {
  key: string;
  title: string;
  occurredFrom: string;
  occurredTo: string | null;
  placeName: string | null;
  lat: number | null;
  lon: number | null;
  weaponTypes: string[];
  description: string;
  sources: string[];
}

export const INCIDENTS: DemoIncident[] = [
  {
    key: 'strike-2023-12-30',
    title: 'Russian missile strike on Ukraine including at least one DPRK ballistic missile',
    occurredFrom: '2023-12-30',
    occurredTo: null,
    placeName: 'Ukraine (target not stated)',
    lat: null,
    lon: null,
    weaponTypes: ['DPRK ballistic missile'],
    description: 'Named by the US National Security Council spokesman on 4 January 2024 as the first of two attacks using North Korean missiles.',
    sources: ['r003'],
  },
  {
    key: 'kharkiv-2024-01-02',
    title: 'Strike on Kharkiv with several DPRK ballistic missiles',
    occurredFrom: '2024-01-02',
    occurredTo: null,
    placeName: 'Kharkiv',
    lat: 49.99,
    lon: 36.23,
    weaponTypes: ['KN-23', 'KN-24'],
    description:
      'Named by the US National Security Council as the second attack. Conflict Armament Research examined the debris: a KN-23 or KN-24 ' +
      'made in North Korea in 2023, with foreign electronics (published figures in the claims ledger).',
    sources: ['r003', 'r000', 'car-kharkiv'],
  },
  {
    key: 'kyiv-2024',
    title: 'Strike on Kyiv with a DPRK missile matching the Kharkiv one',
    occurredFrom: '2024-01-01',
    occurredTo: '2024-06-30',
    placeName: 'Kyiv',
    lat: 50.45,
    lon: 30.52,
    weaponTypes: ['KN-23', 'KN-24'],
    description: 'One of three further missiles CAR said were identical to the Kharkiv one; the exact date is not given ("earlier this year" in a mid-2024 report).',
    sources: ['r000'],
  },
  {
    key: 'zaporizhzhia-2024',
    title: 'Strike on Zaporizhzhia with a DPRK missile matching the Kharkiv one',
    occurredFrom: '2024-01-01',
    occurredTo: '2024-06-30',
    placeName: 'Zaporizhzhia',
    lat: 47.84,
    lon: 35.14,
    weaponTypes: ['KN-23', 'KN-24'],
    description: 'Among the three further identical missiles CAR inspected; no date or component record in the sources.',
    sources: ['r000'],
  },
  {
    key: 'jul-aug-2024',
    title: 'Attacks with four DPRK missiles whose remnants were recovered in July–August 2024',
    occurredFrom: '2024-07-01',
    occurredTo: '2024-08-31',
    placeName: 'Ukraine (places not stated)',
    lat: null,
    lon: null,
    weaponTypes: ['KN-23', 'KN-24'],
    description: 'CAR examined the remnants; one bore a 2024 production mark (Juche year 113 on jet vane actuators), evidence of use within months of production.',
    sources: ['r001', 'r002', 'r004', 'car-2024'],
  },
];
