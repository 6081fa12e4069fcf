/**
 * A small case created through the public API, for the browser tests while the demo case (issue 3) is
 * not loaded on first start. Every record is marked illustrative: the markings, dates and numbers are
 * made up in the shape of the KN-23/KN-24 investigations, not taken from them.
 */

export interface Seeded {
  itemId: string;
  otherItemId: string;
  sourceId: string;
}

type Json = Record<string, unknown>;

export async function seedCase(baseUrl: string, headers: Record<string, string> = {}): Promise<Seeded> {
  const post = async (path: string, body: Json): Promise<Json & { id: string }> => {
    const res = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ illustrative: true, visibility: 'internal', ...body }) });
    if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Json & { id: string };
  };

  const orgs: Record<string, string> = {};
  for (const [name, country] of [
    ['Texas Instruments', 'US'], ['Analog Devices', 'US'], ['Microchip Technology', 'US'], ['Xilinx', 'US'], ['Infineon Technologies', 'DE'],
    ['NXP Semiconductors', 'NL'], ['STMicroelectronics', 'CH'], ['Murata Manufacturing', 'JP'], ['Renesas Electronics', 'JP'], ['Nexperia', 'NL'],
  ] as const) {
    orgs[name] = (await post('/api/organisations', { name, kind: 'manufacturer', country })).id;
  }
  await post('/api/organisations', { name: 'Example Trading (HK) Ltd', kind: 'distributor', country: 'HK', notes: 'Illustrative intermediary.' });

  const text = [
    'Investigators examined debris of a ballistic missile that struck Kharkiv on 2 January 2024.',
    'Officials said that at least 20 North Korean missiles had been launched against Ukraine by the end of February.',
    'A later statement put the number of North Korean missiles launched at about 50.',
    'The guidance section contained more than 200 foreign-made electronic components, most of them made by companies in the United States.',
  ].join('\n\n');
  const source = await post('/api/sources', { kind: 'research_report', title: 'Debris of a ballistic missile in Kharkiv (illustrative report)', publisher: 'Example Research', publishedOn: '2024-02-20', language: 'en', fullText: text });
  const statement = await post('/api/sources', { kind: 'official_statement', title: 'Statement on missile launches (illustrative)', publisher: 'Example Ministry', publishedOn: '2024-03-01', language: 'en', summary: 'Twenty-four North Korean missiles launched since December.' });
  const claims = [
    await post('/api/claims', { sourceId: source.id, speaker: 'Example official', saidOn: '2024-02-20', quantity: 20, quantityQualifier: 'at_least', countsWhat: 'missiles launched', weaponType: 'KN-23', quotedText: 'at least 20 North Korean missiles had been launched' }),
    await post('/api/claims', { sourceId: source.id, speaker: 'Example official', saidOn: '2024-02-27', quantity: 50, quantityQualifier: 'about', countsWhat: 'missiles launched', weaponType: 'KN-23', quotedText: 'the number of North Korean missiles launched at about 50' }),
    await post('/api/claims', { sourceId: statement.id, speaker: 'Example ministry', saidOn: '2024-03-01', quantity: 24, quantityQualifier: 'exact', countsWhat: 'missiles launched', weaponType: 'KN-23', quotedText: 'Twenty-four North Korean missiles launched since December.' }),
    await post('/api/claims', { sourceId: source.id, speaker: 'Example Research', saidOn: '2024-02-20', quantity: 200, quantityQualifier: 'more_than', countsWhat: 'foreign components in guidance section', weaponType: 'KN-23', quotedText: 'more than 200 foreign-made electronic components' }),
  ];

  const incident = (title: string, occurredFrom: string, placeName: string, lat: number, lon: number, locationPrecision: string) =>
    post('/api/incidents', { title, occurredFrom, placeName, lat, lon, locationPrecision, weaponTypes: ['KN-23'], sourceIds: [source.id], claimIds: claims.map((c) => c.id) });
  const kharkiv = await incident('Missile strike on Kharkiv', '2024-01-02', 'Kharkiv', 49.9935, 36.2304, 'locality');
  const kyiv = await incident('Missile strike on Kyiv', '2023-12-30', 'Kyiv', 50.4501, 30.5234, 'locality');
  await incident('Missile strike near Zaporizhzhia', '2024-01-06', 'Zaporizhzhia', 47.8388, 35.1396, 'vicinity');
  await incident('Missile strike on Kharkiv industrial zone', '2024-02-07', 'Kharkiv', 49.955, 36.33, 'exact');

  const item = await post('/api/items', { label: 'KN-23 debris, Kharkiv, 2 Jan 2024', incidentId: kharkiv.id, weaponModel: 'KN-23', identificationConfidence: 'probable', recoveredOn: '2024-01-02', recoveredPlace: 'Kharkiv' });
  const other = await post('/api/items', { label: 'KN-23 debris, Kyiv, 30 Dec 2023', incidentId: kyiv.id, weaponModel: 'KN-23', identificationConfidence: 'possible', recoveredOn: '2023-12-31', recoveredPlace: 'Kyiv' });

  const parts: [string, string, string, string, string, string, string, string, string, number][] = [
    // marking, part, maker, country, date code, from, to, tier, sub-assembly, quantity
    ['TI 2041\nTMS320F28335', 'TMS320F28335', 'Texas Instruments', 'US', '2041', '2020-10-05', '2020-10-11', '1', 'guidance', 1],
    ['ADI 2118\nADSP-21479', 'ADSP-21479', 'Analog Devices', 'US', '2118', '2021-05-03', '2021-05-09', '1', 'guidance', 1],
    ['XILINX\nXC7A100T\n2034', 'XC7A100T', 'Xilinx', 'US', '2034', '2020-08-17', '2020-08-23', '1', 'guidance', 1],
    ['MCHP 2205\nATMEGA2560', 'ATMEGA2560', 'Microchip Technology', 'US', '2205', '2022-01-31', '2022-02-06', '2', 'guidance', 2],
    ['IFX 2233\nTLE7368', 'TLE7368', 'Infineon Technologies', 'DE', '2233', '2022-08-15', '2022-08-21', '2', 'power', 1],
    ['NXP 2147\nMPC5554', 'MPC5554', 'NXP Semiconductors', 'NL', '2147', '2021-11-22', '2021-11-28', '1', 'guidance', 1],
    ['ST 2150\nSTM32F405', 'STM32F405', 'STMicroelectronics', 'CH', '2150', '2021-12-13', '2021-12-19', '2', 'telemetry', 1],
    ['MURATA\nGRM188R71', 'GRM188R71', 'Murata Manufacturing', 'JP', '', '', '', '4.A', 'power', 4],
    ['RENESAS 2236\nR5F52', 'R5F52', 'Renesas Electronics', 'JP', '2236', '2022-09-05', '2022-09-11', '2', 'telemetry', 1],
    ['TI 2302\nLM5117', 'LM5117', 'Texas Instruments', 'US', '2302', '2023-01-09', '2023-01-15', '3.A', 'power', 2],
    ['NEXPERIA\n74HC4051', '74HC4051', 'Nexperia', 'NL', '1945', '2019-11-04', '2019-11-10', '3.B', 'telemetry', 3],
    ['ADI 1932\nAD9361', 'AD9361', 'Analog Devices', 'US', '1932', '2019-08-05', '2019-08-11', '1', 'telemetry', 1],
  ];
  const makeComponents = async (itemId: string, rows: typeof parts) => {
    for (const [markingRaw, partNumber, maker, makerCountry, dateCodeText, productionFrom, productionTo, chplTier, subAssembly, quantity] of rows) {
      await post('/api/components', {
        itemId, markingRaw, partNumber, makerId: orgs[maker], makerCountry, chplTier, subAssembly, quantity,
        ...(dateCodeText ? { dateCodeText, productionFrom, productionTo } : {}),
      });
    }
  };
  await makeComponents(item.id, parts);
  await makeComponents(other.id, [...parts.slice(0, 5), ...parts.slice(7, 10)]);
  return { itemId: item.id, otherItemId: other.id, sourceId: source.id };
}
