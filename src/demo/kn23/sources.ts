/**
 * The demo case's sources: the five news reports the case is built from, and the published
 * research its figures come from. Titles and summaries are written for Remnant in our own words;
 * no report text is stored (`full_text` stays empty) — open the original to read it. Where a
 * report does not name its outlet or date, that is said rather than guessed.
 */
export interface DemoSource {
  key: string;
  kind: 'news_report' | 'official_statement' | 'research_report';
  title: string;
  publisher: string | null;
  author: string | null;
  publishedOn: string | null;
  summary: string;
}

export const SOURCES: DemoSource[] = [
  {
    key: 'r000',
    kind: 'news_report',
    title: 'Online report on CAR\'s first Security Council briefing about DPRK missile debris in Ukraine (paraphrased title)',
    publisher: null,
    author: null,
    publishedOn: null,
    summary:
      'An English-language online news item from 2024; the outlet and the publication date are not recorded in the copy Remnant holds. ' +
      'It recounts how Jonah Leff of Conflict Armament Research presented the Security Council with evidence that missile debris found in ' +
      'Ukraine came from North Korea, centred on the strike on Kharkiv on 2 January 2024 (a KN-23 or KN-24 built in 2023, with close to ' +
      'three hundred parts from 26 firms in eight countries), and on three matching missiles that later hit Kyiv and Zaporizhzhia. It also ' +
      'mentions an old (1977) artillery rocket seen at the front and the Russian and North Korean denials. Unlike three other reports, it ' +
      'puts the briefing on 28 July rather than in June. Its list of related links includes a Ukrainian estimate that about half of the ' +
      'North Korean missiles fired by Russia veered off course and exploded in the air.',
  },
  {
    key: 'r001',
    kind: 'news_report',
    title: 'Security Council hears that North Korea can build missiles for Russia and see them used within months (paraphrased title)',
    publisher: 'Al Jazeera (syndicated copy)',
    author: null,
    publishedOn: '2024-12-19',
    summary:
      'Report on the Security Council meeting of 18 December 2024. CAR\'s Jonah Leff described four North Korean missiles recovered in ' +
      'Ukraine in July and August 2024, one of which showed it had been made in 2024, and recalled his June briefing. The piece also covers ' +
      'a North Korean foreign ministry statement praising the alliance with Russia, the ratified mutual defence treaty, US and South Korean ' +
      'estimates of more than 10,000 North Korean troops sent to Russia, South Korean intelligence figures on their casualties, a joint ' +
      'statement of condemnation by eleven governments and the EU, the US ambassador\'s warning about Russia and North Korea\'s nuclear ' +
      'programme, and the Russian ambassador\'s defence of the cooperation as lawful.',
  },
  {
    key: 'r002',
    kind: 'news_report',
    title: 'CAR tells the UN that North Korea turned out missiles for use against Ukraine within months (paraphrased title)',
    publisher: 'Associated Press',
    author: 'Edith M. Lederer',
    publishedOn: '2024-12-18',
    summary:
      'Associated Press account of the same 18 December 2024 meeting (the date of publication is inferred: the report places the briefing ' +
      'on the day it was written). Leff said researchers examined the remains of four North Korean missiles recovered in July and August, ' +
      'one with markings pointing to 2024 production, and that foreign-made parts, some marked 2023, show North Korea can still buy what ' +
      'it needs despite sanctions. It dates his first briefing to late June, gives background on CAR, and reports the clash between the ' +
      'Russian ambassador, who questioned CAR\'s impartiality, and the US ambassador chairing the meeting, as well as the North Korean ' +
      'ambassador\'s reply and Kim Jong Un\'s pledge of support for Russia\'s war made in late November.',
  },
  {
    key: 'r003',
    kind: 'news_report',
    title: 'US official says Russia has fired North Korean missiles at Ukraine at least nine times (paraphrased title)',
    publisher: null,
    author: null,
    publishedOn: null,
    summary:
      'Online news item from February 2024 (after 7 February); the outlet is not recorded in the copy Remnant holds. It relays, citing ' +
      'Reuters and Business Insider, the US deputy envoy Robert Wood\'s statement at the Security Council on 6 February that Russia had ' +
      'launched North Korean ballistic missiles at Ukraine on at least nine occasions; South Korea\'s ambassador Joonkook Hwang\'s count of ' +
      'three KN-23 uses; and the Kharkiv regional police investigator Serhii Bolvinov\'s claim of five KN-23s fired at Kharkiv, which ' +
      'could not be independently confirmed. It recalls the September 2023 Putin–Kim summit, US satellite evidence from October 2023 of ' +
      'more than a thousand containers shipped from North Korea to Russia, and John Kirby\'s 4 January 2024 briefing on the strikes of ' +
      '30 December and 2 January.',
  },
  {
    key: 'r004',
    kind: 'news_report',
    title: 'CAR: North Korea is producing missiles for Russia faster than expected (paraphrased title)',
    publisher: null,
    author: null,
    publishedOn: null,
    summary:
      'Online news item from December 2024 (after the 18 December briefing); the outlet is not recorded in the copy Remnant holds. It ' +
      'reports Leff\'s account of four missiles recovered in July and August, one marked as dating from 2024 (the report says "procured" ' +
      'where others say produced), his June briefing, and his finding that foreign parts, some made in 2023, reached North Korea through ' +
      'third-party distributors, mostly in East Asia. It adds Ukrainian military intelligence\'s count of at least 60 KN-23/24 launches by ' +
      'early December and its spokesman\'s view that their accuracy is poor, the strategic partnership signed in July, and the dispatch ' +
      'of more than 10,000 North Korean soldiers to the Kursk region.',
  },
  {
    key: 'car-kharkiv',
    kind: 'news_report',
    title: 'Kyodo News on CAR\'s component analysis of the missile that struck Kharkiv on 2 January 2024',
    publisher: 'Kyodo News',
    author: null,
    publishedOn: null,
    summary:
      'Published around 21 February 2024 (exact date not recorded here). Reports Conflict Armament Research\'s count of the electronic ' +
      'components in the Kharkiv missile: more than 290 parts from 26 companies headquartered in eight countries (China, Germany, Japan, ' +
      'the Netherlands, Singapore, Switzerland, Taiwan and the United States), with 75.5 % linked to US companies, 11.9 % to German and ' +
      '3.1 % to Japanese ones; about half had readable date codes, over three quarters of those from 2021–2023; the missile was assembled ' +
      'no earlier than March 2023. The component list itself is not public.',
  },
  {
    key: 'car-2024',
    kind: 'research_report',
    title: 'Conflict Armament Research publications on North Korean missiles recovered in Ukraine in July–August 2024',
    publisher: 'Conflict Armament Research',
    author: null,
    publishedOn: null,
    summary:
      'CAR material from September and December 2024 on the missiles used in July and August 2024: jet vane actuators marked "113", a ' +
      'year in North Korea\'s Juche calendar that corresponds to 2024 (Gregorian year = Juche year + 1911).',
  },
  {
    key: 'rusi-2022',
    kind: 'research_report',
    title: 'Silicon Lifeline: Western Electronics at the Heart of Russia\'s War Machine',
    publisher: 'Royal United Services Institute (RUSI)',
    author: null,
    publishedOn: null,
    summary:
      'RUSI study of August 2022, cited in the demo case for scale: at least 450 unique foreign-made components across 27 Russian weapon ' +
      'systems, about 318 of them made by US companies.',
  },
  {
    key: 'kse-2024',
    kind: 'research_report',
    title: 'KSE Institute study of foreign components in Russian weapons (January 2024)',
    publisher: 'KSE Institute',
    author: null,
    publishedOn: null,
    summary:
      'Kyiv School of Economics Institute study of January 2024, cited for scale: about 2,800 foreign components found in Russian weapons, ' +
      '72 % of them linked to US companies.',
  },
];
