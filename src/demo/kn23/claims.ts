/**
 * What the sources claim, filed by topic. `statement` is the ledger's paraphrase; `quote` holds only
 * short words an official said (never a report's narration). Claims a report makes in its own voice
 * have no speaker: the ledger shows them as said by the source itself. Dates known only to the
 * month are stored as the month's first day with precision "month".
 */
export interface DemoTopic {
  key: string;
  title: string;
  kind: 'quantity' | 'date' | 'statement';
  unit?: string;
  cumulative?: boolean;
  description?: string;
  /** A computed finding each claim is set against: metric and scope (item or incident key). */
  finding?: { metric: string; item?: string; incident?: string };
}

export interface DemoClaim {
  topic: string;
  source: string;
  speaker?: string;
  org?: string;
  saidOn?: string;
  precision?: 'day' | 'month' | 'year';
  quantity?: number;
  qualifier?: 'exact' | 'at_least' | 'at_most' | 'about' | 'more_than' | 'less_than';
  countsWhat?: string;
  weaponType?: string;
  place?: string;
  eventFrom?: string;
  eventTo?: string;
  statement: string;
  quote?: string;
  incidents?: string[];
}

export const TOPICS: DemoTopic[] = [
  { key: 'launches', title: 'DPRK ballistic missiles launched by Russia against Ukraine', kind: 'quantity', unit: 'launches', cumulative: true,
    description: 'A running total: later, larger figures do not contradict earlier ones. Speakers count occasions, times or missiles — see each claim.' },
  { key: 'supply', title: 'DPRK missiles and launchers supplied to Russia', kind: 'statement' },
  { key: 'containers', title: 'Containers shipped from the DPRK to Russia (autumn 2023)', kind: 'quantity', unit: 'containers' },
  { key: 'first-briefing', title: 'Date of CAR\'s first UN Security Council briefing on DPRK missiles', kind: 'date',
    description: 'One report dates it 28 July 2024; three say June.' },
  { key: 'kharkiv-made', title: 'When the Kharkiv (2 January 2024) missile was made', kind: 'date', finding: { metric: 'productionWindow', item: 'kharkiv' } },
  { key: 'kharkiv-net', title: 'Earliest possible assembly of the Kharkiv missile', kind: 'date', finding: { metric: 'noEarlierThan', item: 'kharkiv' } },
  { key: 'kharkiv-components', title: 'Foreign electronic components in the Kharkiv missile', kind: 'quantity', unit: 'components', finding: { metric: 'components', item: 'kharkiv' } },
  { key: 'kharkiv-makers', title: 'Companies whose components were in the Kharkiv missile', kind: 'quantity', unit: 'companies', finding: { metric: 'makers', item: 'kharkiv' } },
  { key: 'kharkiv-countries', title: 'Countries where those companies have their headquarters', kind: 'quantity', unit: 'countries', finding: { metric: 'makerCountries', item: 'kharkiv' } },
  { key: 'kharkiv-us', title: 'Share of the Kharkiv missile\'s components linked to US companies', kind: 'quantity', unit: 'percent', finding: { metric: 'countryShare:US', item: 'kharkiv' } },
  { key: 'kharkiv-de', title: 'Share of the Kharkiv missile\'s components linked to German companies', kind: 'quantity', unit: 'percent', finding: { metric: 'countryShare:DE', item: 'kharkiv' } },
  { key: 'kharkiv-jp', title: 'Share of the Kharkiv missile\'s components linked to Japanese companies', kind: 'quantity', unit: 'percent', finding: { metric: 'countryShare:JP', item: 'kharkiv' } },
  { key: 'kharkiv-dated', title: 'Share of the Kharkiv missile\'s components with readable date codes', kind: 'quantity', unit: 'percent', finding: { metric: 'datedShare', item: 'kharkiv' } },
  { key: 'kharkiv-recent', title: 'Share of the dated Kharkiv components made in 2021–2023', kind: 'quantity', unit: 'percent', finding: { metric: 'yearShare:2021-2023', item: 'kharkiv' } },
  { key: 'identical', title: 'Further missiles identical to the Kharkiv one', kind: 'quantity', unit: 'missiles', finding: { metric: 'identicalItems', item: 'kharkiv' },
    description: 'The demo documents one of them (Kyiv) with an illustrative component set.' },
  { key: 'jul-aug-count', title: 'DPRK missiles recovered in July–August 2024 and examined by CAR', kind: 'quantity', unit: 'missiles', finding: { metric: 'items', incident: 'jul-aug-2024' },
    description: 'The demo holds illustrative component sets for two of the four.' },
  { key: 'jul-aug-made', title: 'When a missile used in July–August 2024 was made', kind: 'date', finding: { metric: 'productionWindow', item: 'july-a' } },
  { key: 'jul-aug-interval', title: 'Time between production and use of the July–August 2024 missiles', kind: 'quantity', unit: 'days', finding: { metric: 'productionToUseMaxDays', item: 'july-a' },
    description: '"Months, not years" is read as fewer than 365 days.' },
  { key: 'jul-aug-parts', title: 'When the foreign parts in the July–August 2024 missiles were made', kind: 'date', finding: { metric: 'noEarlierThan', item: 'july-a' } },
  { key: 'acquisition', title: 'How the DPRK obtained the foreign components', kind: 'statement' },
  { key: 'troops', title: 'DPRK soldiers sent to Russia', kind: 'quantity', unit: 'soldiers' },
  { key: 'killed', title: 'DPRK soldiers killed', kind: 'quantity', unit: 'soldiers', cumulative: true },
  { key: 'wounded', title: 'DPRK soldiers wounded', kind: 'quantity', unit: 'soldiers', cumulative: true },
  { key: 'combat', title: 'How DPRK troops are used and how they fare', kind: 'statement' },
  { key: 'off-course', title: 'Share of DPRK missiles that went off course', kind: 'quantity', unit: 'percent' },
  { key: 'accuracy', title: 'Accuracy of DPRK missiles', kind: 'statement' },
  { key: 'lawfulness', title: 'Whether Russia–DPRK military cooperation is lawful', kind: 'statement' },
  { key: 'nuclear', title: 'Russian help for the DPRK\'s nuclear and missile programmes', kind: 'statement' },
  { key: 'pact-date', title: 'When Russia and the DPRK signed their partnership pact', kind: 'date' },
  { key: 'dprk-stance', title: 'The DPRK\'s support for Russia\'s war', kind: 'statement' },
  { key: 'car-standing', title: 'CAR\'s standing at the Security Council', kind: 'statement' },
  { key: 'other-weapons', title: 'Other DPRK weapons seen in Ukraine', kind: 'statement' },
  { key: 'summit', title: 'The September 2023 Putin–Kim summit and what followed', kind: 'statement' },
  { key: 'response', title: 'International response', kind: 'statement' },
  { key: 'scale', title: 'Foreign components in Russian weapons generally (for scale)', kind: 'statement' },
];

const KIRBY = { speaker: 'John Kirby', org: 'US National Security Council' };
const WOOD = { speaker: 'Robert Wood', org: 'US Mission to the UN' };
const LEFF = { speaker: 'Jonah Leff', org: 'Conflict Armament Research' };
const LTG = { speaker: 'Linda Thomas-Greenfield', org: 'US Mission to the UN' };
const NEBENZIA = { speaker: 'Vassily Nebenzia', org: 'Russian Mission to the UN' };
const CAR = { org: 'Conflict Armament Research' };
const DEC18 = { saidOn: '2024-12-18' };

export const CLAIMS: DemoClaim[] = [
  // Launches: a running total, with the February 2024 disagreement.
  { topic: 'launches', source: 'r003', ...KIRBY, saidOn: '2024-01-04', quantity: 2, qualifier: 'at_least', countsWhat: 'attacks using DPRK missiles (30 Dec, 2 Jan)',
    eventFrom: '2023-12-30', eventTo: '2024-01-02', statement: 'Russia used DPRK ballistic missiles in two attacks: at least one missile on 30 December 2023 and several on 2 January 2024.',
    incidents: ['strike-2023-12-30', 'kharkiv-2024-01-02'] },
  { topic: 'launches', source: 'r003', ...WOOD, saidOn: '2024-02-06', quantity: 9, qualifier: 'at_least', countsWhat: 'occasions', weaponType: 'DPRK ballistic missiles',
    statement: 'At the Security Council, the US said Russia had launched DPRK-supplied ballistic missiles against Ukraine at least nine times.', quote: 'on at least nine occasions' },
  { topic: 'launches', source: 'r003', speaker: 'Joonkook Hwang', org: 'South Korean Mission to the UN', saidOn: '2024-02-01', precision: 'month', quantity: 3, qualifier: 'exact',
    countsWhat: 'times', weaponType: 'KN-23', statement: 'South Korea\'s ambassador said Russia had used the KN-23 three times.' },
  { topic: 'launches', source: 'r003', speaker: 'Serhii Bolvinov', org: 'Kharkiv Oblast police (investigations)', saidOn: '2024-02-07', quantity: 5, qualifier: 'exact',
    countsWhat: 'missiles', weaponType: 'KN-23', place: 'Kharkiv',
    statement: 'Five KN-23 missiles had been fired at targets in Kharkiv; photographs of debris were offered. Business Insider reported it could not verify this.',
    incidents: ['kharkiv-2024-01-02'] },
  { topic: 'launches', source: 'r004', speaker: 'Andrii Cherniak', org: 'Ukrainian military intelligence (HUR)', saidOn: '2024-12-01', precision: 'month', quantity: 60, qualifier: 'at_least',
    countsWhat: 'missiles (KN-23/24)', weaponType: 'KN-23/KN-24', statement: 'By early December 2024 Russia had launched at least 60 North Korean KN-23/24 missiles.' },
  // Supply and shipments.
  { topic: 'supply', source: 'r003', ...KIRBY, saidOn: '2024-01-04', statement: 'The DPRK had recently given Russia ballistic missile launchers and several dozen ballistic missiles, and further use against Ukraine\'s civilian infrastructure was expected.',
    quote: 'several dozen ballistic missiles' },
  { topic: 'containers', source: 'r003', org: 'US government (satellite imagery, as reported by The New York Times)', saidOn: '2023-10-01', precision: 'month', quantity: 1000, qualifier: 'more_than',
    countsWhat: 'containers', statement: 'Satellite imagery showed the DPRK shipping over a thousand containers to Russia, believed to hold weapons.' },
  // The briefing dated two ways.
  { topic: 'first-briefing', source: 'r000', eventFrom: '2024-07-28', eventTo: '2024-07-28', statement: 'The report dates the Security Council meeting at which CAR presented its evidence to 28 July.' },
  { topic: 'first-briefing', source: 'r001', org: 'Al Jazeera', saidOn: '2024-12-19', eventFrom: '2024-06-01', eventTo: '2024-06-30', statement: 'Leff had first briefed the Council in June.' },
  { topic: 'first-briefing', source: 'r002', org: 'Associated Press', saidOn: '2024-12-18', eventFrom: '2024-06-16', eventTo: '2024-06-30', statement: 'Leff had first briefed the Council in late June.' },
  { topic: 'first-briefing', source: 'r004', saidOn: '2024-12-01', precision: 'month', eventFrom: '2024-06-01', eventTo: '2024-06-30', statement: 'Leff had told the Council back in June that DPRK missiles were being used.' },
  // The Kharkiv missile.
  { topic: 'kharkiv-made', source: 'r000', ...CAR, eventFrom: '2023-01-01', eventTo: '2023-12-31', weaponType: 'KN-23 or KN-24',
    statement: 'CAR identified the Kharkiv debris as a KN-23 or KN-24 made in North Korea in 2023.', quote: 'irrefutable', incidents: ['kharkiv-2024-01-02'] },
  { topic: 'kharkiv-net', source: 'car-kharkiv', ...CAR, saidOn: '2024-02-01', precision: 'month', eventFrom: '2023-03-01', eventTo: '2023-03-31',
    statement: 'The missile was assembled no earlier than March 2023.', incidents: ['kharkiv-2024-01-02'] },
  { topic: 'kharkiv-components', source: 'car-kharkiv', ...CAR, saidOn: '2024-02-01', precision: 'month', quantity: 290, qualifier: 'more_than', countsWhat: 'electronic components',
    statement: 'More than 290 electronic components were documented in the Kharkiv missile.', incidents: ['kharkiv-2024-01-02'] },
  { topic: 'kharkiv-components', source: 'r000', quantity: 300, qualifier: 'about', countsWhat: 'components', statement: 'The report puts the number of documented components at nearly 300.' },
  { topic: 'kharkiv-makers', source: 'car-kharkiv', ...CAR, saidOn: '2024-02-01', precision: 'month', quantity: 26, qualifier: 'exact', countsWhat: 'companies', statement: 'The components came from 26 companies.' },
  { topic: 'kharkiv-makers', source: 'r000', quantity: 26, qualifier: 'exact', countsWhat: 'companies', statement: 'The report also counts 26 companies.' },
  { topic: 'kharkiv-countries', source: 'car-kharkiv', ...CAR, saidOn: '2024-02-01', precision: 'month', quantity: 8, qualifier: 'exact', countsWhat: 'countries of headquarters',
    statement: 'The companies are headquartered in eight countries: China, Germany, Japan, the Netherlands, Singapore, Switzerland, Taiwan and the United States.' },
  { topic: 'kharkiv-countries', source: 'r000', quantity: 8, qualifier: 'exact', countsWhat: 'countries', statement: 'The report also counts eight countries.' },
  { topic: 'kharkiv-us', source: 'car-kharkiv', ...CAR, saidOn: '2024-02-01', precision: 'month', quantity: 75.5, qualifier: 'exact', countsWhat: 'percent of components', statement: '75.5 % of the components were linked to US companies.' },
  { topic: 'kharkiv-de', source: 'car-kharkiv', ...CAR, saidOn: '2024-02-01', precision: 'month', quantity: 11.9, qualifier: 'exact', countsWhat: 'percent of components', statement: '11.9 % were linked to German companies.' },
  { topic: 'kharkiv-jp', source: 'car-kharkiv', ...CAR, saidOn: '2024-02-01', precision: 'month', quantity: 3.1, qualifier: 'exact', countsWhat: 'percent of components', statement: '3.1 % were linked to Japanese companies.' },
  { topic: 'kharkiv-dated', source: 'car-kharkiv', ...CAR, saidOn: '2024-02-01', precision: 'month', quantity: 50, qualifier: 'about', countsWhat: 'percent of components', statement: 'About half of the components had readable date codes.' },
  { topic: 'kharkiv-recent', source: 'car-kharkiv', ...CAR, saidOn: '2024-02-01', precision: 'month', quantity: 75, qualifier: 'more_than', countsWhat: 'percent of dated components', statement: 'Over 75 % of the dated components were made in 2021–2023.' },
  { topic: 'identical', source: 'r000', ...LEFF, quantity: 3, qualifier: 'exact', countsWhat: 'missiles', place: 'Kyiv and Zaporizhzhia',
    statement: 'CAR inspected three more DPRK missiles, identical to the Kharkiv one, that struck Kyiv and Zaporizhzhia earlier in 2024.', incidents: ['kyiv-2024', 'zaporizhzhia-2024'] },
  // July–August 2024.
  { topic: 'jul-aug-count', source: 'r001', ...LEFF, ...DEC18, quantity: 4, qualifier: 'exact', countsWhat: 'missiles', statement: 'Remnants of four DPRK missiles recovered in Ukraine in July and August were examined.', incidents: ['jul-aug-2024'] },
  { topic: 'jul-aug-count', source: 'r002', ...LEFF, ...DEC18, quantity: 4, qualifier: 'exact', countsWhat: 'missiles', statement: 'Researchers on the ground examined the remnants of four missiles recovered in July and August.', incidents: ['jul-aug-2024'] },
  { topic: 'jul-aug-count', source: 'r004', ...LEFF, ...DEC18, quantity: 4, qualifier: 'exact', countsWhat: 'missiles', statement: 'CAR examined the remnants of four missiles recovered in July and August.', incidents: ['jul-aug-2024'] },
  { topic: 'jul-aug-made', source: 'r001', ...LEFF, ...DEC18, eventFrom: '2024-01-01', eventTo: '2024-12-31', statement: 'One of the four showed it had been produced in 2024.' },
  { topic: 'jul-aug-made', source: 'r002', ...LEFF, ...DEC18, eventFrom: '2024-01-01', eventTo: '2024-12-31', statement: 'One missile had markings indicating 2024 production.' },
  { topic: 'jul-aug-made', source: 'r004', ...LEFF, ...DEC18, eventFrom: '2024-01-01', eventTo: '2024-12-31', countsWhat: 'year the missile was "procured", as this report words it',
    statement: 'One missile had marks dating it to 2024; this report says procured where the others say produced.' },
  { topic: 'jul-aug-made', source: 'car-2024', ...CAR, saidOn: '2024-09-01', precision: 'month', eventFrom: '2024-01-01', eventTo: '2024-12-31',
    statement: 'Jet vane actuators bore the mark 113, which is 2024 in the Juche calendar.' },
  { topic: 'jul-aug-interval', source: 'r001', ...LEFF, ...DEC18, quantity: 365, qualifier: 'less_than', countsWhat: 'days ("months, not years")',
    statement: 'This is the first public evidence that DPRK missiles were produced and then used in Ukraine within months.', quote: 'within a matter of months, not years' },
  { topic: 'jul-aug-interval', source: 'r002', ...LEFF, ...DEC18, quantity: 365, qualifier: 'less_than', countsWhat: 'days ("months, not years")',
    statement: 'The 2024 mark shows a very short time between production, transfer and use.', quote: 'within a matter of months, not years' },
  { topic: 'jul-aug-interval', source: 'r004', ...LEFF, ...DEC18, quantity: 365, qualifier: 'less_than', countsWhat: 'days ("months, not years")',
    statement: 'The DPRK showed it can produce and supply ballistic missiles for use against Ukraine within months.' },
  { topic: 'jul-aug-parts', source: 'r002', ...LEFF, ...DEC18, eventFrom: '2023-01-01', eventTo: '2023-12-31', statement: 'Some of the recently made foreign components bore 2023 production marks.' },
  { topic: 'jul-aug-parts', source: 'r004', ...LEFF, ...DEC18, eventFrom: '2023-01-01', eventTo: '2023-12-31', statement: 'Some foreign components in the debris were produced as recently as 2023.' },
  { topic: 'acquisition', source: 'r002', ...LEFF, ...DEC18, statement: 'The foreign parts show a robust DPRK acquisition network for its missile programme despite UN sanctions.' },
  { topic: 'acquisition', source: 'r004', ...LEFF, ...DEC18, statement: 'Working with industry, CAR found the components came from third-party distributors, mostly in East Asia.',
    quote: 'third-party distributors, mostly based in East Asia' },
  // Troops.
  { topic: 'troops', source: 'r001', org: 'US and South Korean officials', saidOn: '2024-12-19', quantity: 10000, qualifier: 'more_than', countsWhat: 'soldiers', statement: 'US and South Korean officials put the number of DPRK soldiers sent to fight for Russia above 10,000.' },
  { topic: 'troops', source: 'r004', saidOn: '2024-12-01', precision: 'month', quantity: 10000, qualifier: 'more_than', countsWhat: 'soldiers', place: 'Kursk region', statement: 'The DPRK sent over 10,000 soldiers to support Russian forces in Kursk.' },
  { topic: 'killed', source: 'r001', org: 'South Korean National Intelligence Service (via Yonhap)', saidOn: '2024-12-19', quantity: 100, qualifier: 'at_least', countsWhat: 'soldiers killed', statement: 'At least 100 North Korean soldiers had been killed.' },
  { topic: 'wounded', source: 'r001', org: 'South Korean National Intelligence Service (via Yonhap)', saidOn: '2024-12-19', quantity: 1000, qualifier: 'about', countsWhat: 'soldiers wounded', statement: 'About 1,000 had been wounded.' },
  { topic: 'combat', source: 'r001', org: 'South Korean National Intelligence Service', saidOn: '2024-12-19', statement: 'Russia uses the inexperienced North Korean troops as front-line assault forces; they suffer from unfamiliar terrain and drone attacks.', quote: 'frontline assault force' },
  { topic: 'combat', source: 'r001', speaker: 'Volodymyr Zelenskyy', org: 'President of Ukraine', saidOn: '2024-12-14', precision: 'month', statement: 'North Korean troop losses were already noticeable.', quote: 'already noticeable' },
  // Performance.
  { topic: 'off-course', source: 'r000', org: 'Ukrainian officials (headline of a linked report)', quantity: 50, qualifier: 'about', countsWhat: 'percent of DPRK missiles launched', statement: 'About half of the North Korean missiles Russia launched went off course and blew up in the air.' },
  { topic: 'accuracy', source: 'r004', speaker: 'Andrii Cherniak', org: 'Ukrainian military intelligence (HUR)', saidOn: '2024-12-01', precision: 'month', statement: 'The missiles\' accuracy is low and the technology behind them outdated.', quote: 'not very high' },
  { topic: 'accuracy', source: 'r003', speaker: 'Ramon Pacheco Pardo', org: 'Center for Strategic and International Studies', saidOn: '2024-02-01', precision: 'month', statement: 'How often Ukraine shoots the missiles down could indicate how advanced DPRK missile technology is.' },
  // Positions at the Council.
  { topic: 'lawfulness', source: 'r003', ...WOOD, saidOn: '2024-02-06', statement: 'Russia and the DPRK must be held accountable; their actions undermine obligations under Security Council resolutions.' },
  { topic: 'lawfulness', source: 'r000', org: 'Governments of Russia and the DPRK', statement: 'Both dismissed the accusations as baseless.', quote: 'baseless accusations' },
  { topic: 'lawfulness', source: 'r001', ...NEBENZIA, ...DEC18, statement: 'Russian cooperation with the DPRK is lawful, threatens no one, and will continue.', quote: 'in accordance with international law, not in violation thereof' },
  { topic: 'lawfulness', source: 'r002', ...LTG, ...DEC18, statement: 'Russia and the DPRK are engaged in unlawful arms transfers and training in violation of Council resolutions.', quote: 'unlawful arms transfers and training' },
  { topic: 'lawfulness', source: 'r002', speaker: 'Kim Song', org: 'DPRK Mission to the UN', ...DEC18, statement: 'The DPRK–Russia relationship contributes positively to peace and cannot be criticised.', quote: 'a positive contribution to international peace and security' },
  { topic: 'nuclear', source: 'r000', statement: 'Moscow is alleged to help Pyongyang with its nuclear and missile programmes in return, in breach of UN sanctions.' },
  { topic: 'nuclear', source: 'r001', ...LTG, ...DEC18, statement: 'Russia may be close to accepting a nuclear-armed DPRK, reversing its long-standing position.' },
  { topic: 'pact-date', source: 'r004', saidOn: '2024-12-01', precision: 'month', eventFrom: '2024-07-01', eventTo: '2024-07-31', statement: 'Putin and Kim signed a strategic partnership pact in July.' },
  { topic: 'dprk-stance', source: 'r002', speaker: 'Kim Jong Un', org: 'DPRK', saidOn: '2024-11-01', precision: 'month', statement: 'The DPRK will keep supporting Russia\'s war, he told Russia\'s defence chief.', quote: 'invariably support' },
  { topic: 'dprk-stance', source: 'r001', org: 'DPRK Foreign Ministry (unnamed spokesman, via KCNA)', saidOn: '2024-12-19', statement: 'The alliance with Russia is deterring the United States and its allies.', quote: 'very effective' },
  { topic: 'car-standing', source: 'r002', ...NEBENZIA, ...DEC18, statement: 'Objected to Leff\'s second appearance, said he represents NATO and the EU, and accused the chair of breaking Council practice.', quote: 'a politicized act of buffoonery' },
  { topic: 'car-standing', source: 'r002', ...LTG, ...DEC18, statement: 'Russia\'s veto ended the UN experts\' sanctions monitoring, which makes independent researchers such as CAR all the more important.' },
  { topic: 'other-weapons', source: 'r000', ...LEFF, statement: 'Other DPRK weapons, including an artillery rocket made in 1977, were seen at the front, possibly from a recent consignment.' },
  { topic: 'summit', source: 'r003', saidOn: '2024-02-01', precision: 'month', eventFrom: '2023-09-01', eventTo: '2023-09-30', statement: 'After the September 2023 summit, at which military matters were discussed, DPRK weapons appear to have begun flowing to Russia.' },
  { topic: 'response', source: 'r000', statement: 'The meeting was called at the request of France, Japan, South Korea, the United Kingdom and the United States.' },
  { topic: 'response', source: 'r001', org: 'South Korea, the US, the EU and eight other countries', saidOn: '2024-12-16', statement: 'A joint statement condemned the DPRK\'s growing involvement as a dangerous expansion of the conflict.' },
  { topic: 'scale', source: 'rusi-2022', org: 'RUSI', saidOn: '2022-08-01', precision: 'month', statement: 'At least 450 unique foreign components in 27 Russian weapon systems, about 318 of them US-made.' },
  { topic: 'scale', source: 'kse-2024', org: 'KSE Institute', saidOn: '2024-01-01', precision: 'month', statement: 'About 2,800 foreign components in Russian weapons, 72 % linked to US companies.' },
];
