/**
 * A deterministic synthetic sanctions list for benchmarks and scale tests:
 * organisations and people whose names are built from pseudo-words with a
 * long-tailed (Zipf-like) frequency, like real lists, plus the place,
 * industry and legal-form words that make real names noisy. Also generates
 * queries: perturbed listed names (with their true entity) and names that
 * are not listed at all. Same seed, same list, on every machine.
 */
import type { IndexEntityInput } from './match-index.js';
import type { NameKind } from './types.js';
import { mulberry32 } from '../random.js';

const ONSETS = ['', 'b', 'ch', 'd', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's', 'sh', 't', 'ts', 'v', 'y', 'z', 'kh', 'zh', 'x', 'q', 'f', 'w'];
const NUCLEI = ['a', 'e', 'i', 'o', 'u', 'ya', 'yo', 'yu', 'eo', 'ae', 'ia', 'ua', 'ei', 'ao', 'ou', 'ie'];
const CODAS = ['', '', '', 'n', 'ng', 'k', 'l', 'm', 'r', 's', 't', 'v'];

const PLACES = [
  'Pyongyang', 'Dandong', 'Shenyang', 'Dalian', 'Shenzhen', 'Guangzhou', 'Shanghai', 'Beijing', 'Harbin', 'Vladivostok',
  'Moscow', 'Novosibirsk', 'Yekaterinburg', 'Minsk', 'Tehran', 'Dubai', 'Sharjah', 'Hong Kong', 'Macau', 'Singapore',
  'Kuala Lumpur', 'Bangkok', 'Istanbul', 'Almaty', 'Tashkent', 'Nampo', 'Hamhung', 'Chongjin', 'Sinuiju', 'Rason',
  'Wonsan', 'Kaesong', 'Tianjin', 'Qingdao', 'Ningbo', 'Xiamen', 'Khabarovsk', 'Irkutsk', 'Kazan', 'Samara',
];
const INDUSTRY = [
  'Trading', 'Mining', 'Development', 'General', 'Industrial', 'Electronics', 'Machinery', 'Shipping', 'Logistics', 'Bank',
  'Credit', 'Commercial', 'Technology', 'Engineering', 'Import', 'Export', 'Investment', 'Holding', 'Group', 'International',
  'Precision', 'Instruments', 'Aviation', 'Maritime', 'Petroleum', 'Chemical', 'Metals', 'Steel', 'Energy', 'Construction',
  'Equipment', 'Components', 'Systems', 'Solutions', 'Services', 'Supply', 'Materials', 'Optics', 'Radio', 'Microelectronics',
  'Semiconductor', 'Transport', 'Marine', 'Fisheries', 'Textile', 'Agricultural', 'Pharmaceutical', 'Insurance', 'Finance', 'Consulting',
];
const LEGAL = ['Co., Ltd.', 'Corporation', 'LLC', 'Limited', 'Company', 'JSC', 'OOO', 'GmbH', 'FZE', 'Inc.', 'Co.', 'Pte Ltd', 'AO', ''];
const KOREAN_SURNAMES = ['Kim', 'Ri', 'Pak', 'Choe', 'Jong', 'Kang', 'Jo', 'Yun', 'Jang', 'Han', 'Rim', 'O', 'So', 'Sin', 'Kwon', 'Hwang', 'Ryu', 'Jon', 'Ko', 'Mun'];
const KOREAN_SYLLABLES = ['chol', 'song', 'il', 'ho', 'jin', 'nam', 'su', 'sik', 'hyok', 'chun', 'myong', 'gwang', 'yong', 'hui', 'ok', 'sun', 'man', 'gil', 'hak', 'ryong', 'un', 'jae', 'dok', 'bok', 'pyong', 'hun', 'son', 'sop', 'ro', 'chan'];
const RU_FIRST = ['Ivan', 'Dmitry', 'Sergey', 'Alexei', 'Nikolai', 'Vladimir', 'Andrei', 'Mikhail', 'Yuri', 'Oleg', 'Pavel', 'Igor', 'Anna', 'Olga', 'Elena', 'Tatiana', 'Natalia', 'Irina', 'Svetlana', 'Maria'];
const RU_LAST_STEMS = ['Volkov', 'Ivanov', 'Petrov', 'Sokolov', 'Morozov', 'Novikov', 'Kozlov', 'Lebedev', 'Orlov', 'Zaitsev', 'Pavlov', 'Semenov', 'Golubev', 'Vinogradov', 'Bogdanov', 'Vorobyov', 'Fedorov', 'Mikhailov', 'Belov', 'Tarasov'];
const CN_SURNAMES = ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Zhao', 'Huang', 'Zhou', 'Wu', 'Xu', 'Sun', 'Ma', 'Zhu', 'Hu', 'Guo', 'He', 'Lin', 'Gao', 'Luo'];
const COUNTRIES = ['kp', 'cn', 'ru', 'ir', 'ae', 'hk', 'sg', 'by', 'sy', 'tr', 'my', 'th', 'kz', 'uz', 'mm', 'la', 'vn', 'us', 'gb', 'de'];

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Consonant clusters the list's words never start a syllable with: unlisted names use them. */
const OTHER_ONSETS = ['bl', 'gr', 'tr', 'pl', 'kr', 'dr', 'fl', 'st', 'sp', 'sl', 'gl', 'pr'];

/** A pronounceable pseudo-word of 2–3 syllables. */
function pseudoWord(r: () => number, onsets: readonly string[] = ONSETS): string {
  const n = 2 + (r() < 0.4 ? 1 : 0);
  let w = '';
  for (let i = 0; i < n; i++) {
    w += onsets[Math.floor(r() * onsets.length)]! + NUCLEI[Math.floor(r() * NUCLEI.length)]!;
    if (i === n - 1 || r() < 0.3) w += CODAS[Math.floor(r() * CODAS.length)]!;
  }
  return cap(w);
}

/**
 * A vocabulary of distinctive words with a long tail: P(rank ≤ k) =
 * sqrt(k / size), so the most common distinctive word is in about 0.2% of
 * names and most words in a handful. The heavy head of real lists
 * (Trading, Korea, Co., Ltd.) comes from the place, industry and legal-form
 * pools instead.
 */
class Vocabulary {
  private readonly words: string[];
  constructor(size: number, r: () => number, onsets: readonly string[] = ONSETS) {
    const seen = new Set<string>();
    this.words = [];
    while (this.words.length < size) {
      const w = pseudoWord(r, onsets);
      if (w.length >= 4 && !seen.has(w)) {
        seen.add(w);
        this.words.push(w);
      }
    }
  }
  pick(r: () => number): string {
    const u = r();
    return this.words[Math.min(this.words.length - 1, Math.floor(u * u * this.words.length))]!;
  }
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

function orgName(r: () => number, vocab: Vocabulary): string {
  const parts: string[] = [];
  if (r() < 0.35) parts.push(pick(r, PLACES));
  else if (r() < 0.2) parts.push('Korea');
  parts.push(vocab.pick(r));
  if (r() < 0.3) parts.push(vocab.pick(r));
  const industries = 1 + (r() < 0.45 ? 1 : 0);
  for (let i = 0; i < industries; i++) parts.push(pick(r, INDUSTRY));
  const legal = pick(r, LEGAL);
  if (legal) parts.push(legal);
  return parts.join(' ');
}

function personName(r: () => number, vocab: Vocabulary): string {
  const kind = r();
  if (kind < 0.4) return `${pick(r, KOREAN_SURNAMES)} ${cap(pick(r, KOREAN_SYLLABLES))}-${pick(r, KOREAN_SYLLABLES)}`;
  if (kind < 0.65) {
    const female = r() < 0.3;
    const father = pick(r, RU_FIRST.slice(0, 12));
    const patronymic = father.replace(/[aiy]$/, '') + (female ? 'ovna' : 'ovich');
    const first = female ? pick(r, RU_FIRST.slice(12)) : pick(r, RU_FIRST.slice(0, 12));
    return `${first} ${patronymic} ${pick(r, RU_LAST_STEMS)}${female ? 'a' : ''}`;
  }
  if (kind < 0.85) return `${pick(r, CN_SURNAMES)} ${vocab.pick(r)}`;
  return `${vocab.pick(r)} ${vocab.pick(r)}`;
}

/** Small realistic corruptions of a name. */
export function perturb(name: string, r: () => number): string {
  const words = name.split(' ');
  const op = r();
  if (op < 0.25 && words.length > 1) {
    // Swap a legal form or drop the last word.
    const last = words.at(-1)!;
    if (LEGAL.includes(last)) words[words.length - 1] = pick(r, LEGAL.filter(Boolean));
    else words.push(pick(r, ['Ltd', 'Co', 'LLC', 'Corp']));
    return words.join(' ');
  }
  if (op < 0.5) {
    // One typo in the longest word.
    let i = 0;
    for (let k = 1; k < words.length; k++) if (words[k]!.length > words[i]!.length) i = k;
    const w = words[i]!;
    const at = 1 + Math.floor(r() * (w.length - 2));
    const t = r();
    words[i] = t < 0.33 ? w.slice(0, at) + w.slice(at + 1) : t < 0.66 ? w.slice(0, at) + w[at] + w.slice(at) : w.slice(0, at) + 'aeiou'[Math.floor(r() * 5)] + w.slice(at + 1);
    return words.join(' ');
  }
  if (op < 0.7) {
    // Romanisation swaps.
    return name.replace(/eo/g, 'o').replace(/ch/g, 'j').replace(/\bRi\b/, 'Lee').replace(/\bPak\b/, 'Park').replace(/\bKim\b/, 'Gim').replace(/ov\b/, 'off');
  }
  if (op < 0.85 && words.length > 2) {
    // Reorder.
    return [...words.slice(1), words[0]!].join(' ');
  }
  return name.toUpperCase().replace(/-/g, ' ');
}

export interface SyntheticOptions {
  entities: number;
  seed?: number;
  /** Distinct distinctive words; the default scales with the list. */
  vocabulary?: number;
}

export interface SyntheticList {
  entities: () => Generator<IndexEntityInput>;
  /** A listed name of entity `key`, for building true-match queries. */
  nameOf: (key: number) => string;
}

/**
 * Entities are generated lazily and identically on every call, so a
 * million-entity list never has to sit in memory as objects.
 */
export function syntheticList(opts: SyntheticOptions): SyntheticList {
  const seed = opts.seed ?? 20240319;
  const vocab = new Vocabulary(opts.vocabulary ?? Math.max(2000, Math.round(opts.entities * 0.25)), mulberry32(seed ^ 0x5eed));
  const make = (key: number): IndexEntityInput => {
    const r = mulberry32(seed + key * 7919);
    const person = r() < 0.3;
    const primary = person ? personName(r, vocab) : orgName(r, vocab);
    const names: { value: string; kind: NameKind }[] = [{ value: primary, kind: 'primary' }];
    if (r() < 0.4) names.push({ value: perturb(primary, r), kind: 'alias' });
    if (!person && r() < 0.15) {
      const acronym = primary.split(' ').filter((w) => /^[A-Z]/.test(w) && !LEGAL.includes(w)).map((w) => w[0]).join('');
      if (acronym.length >= 3) names.push({ value: acronym, kind: 'alias' });
    }
    const countries = [pick(r, COUNTRIES)];
    if (r() < 0.2) countries.push(pick(r, COUNTRIES));
    const identifiers = r() < 0.2 ? [`RN${Math.floor(r() * 1e9).toString().padStart(9, '0')}`] : [];
    return { key, listId: 1, reference: `SYN-${key}`, schema: person ? 'Person' : 'Organization', names, countries, identifiers };
  };
  return {
    entities: function* () {
      for (let key = 1; key <= opts.entities; key++) yield make(key);
    },
    nameOf: (key) => make(key).names[0]!.value,
  };
}

export interface SyntheticQuery {
  names: string[];
  schema: string;
  /** The entity the query was derived from, or null for an unlisted name. */
  truth: number | null;
}

/** Half perturbed listed names, half names from an unrelated vocabulary. */
export function syntheticQueries(list: SyntheticList, total: number, entities: number, seed = 7): SyntheticQuery[] {
  const r = mulberry32(seed);
  // Words the list cannot contain, so that "unlisted" really is unlisted.
  const other = new Vocabulary(5000, mulberry32(seed ^ 0xabcdef), OTHER_ONSETS);
  const out: SyntheticQuery[] = [];
  for (let i = 0; i < total; i++) {
    if (i % 2 === 0) {
      const key = 1 + Math.floor(r() * entities);
      out.push({ names: [perturb(list.nameOf(key), r)], schema: 'LegalEntity', truth: key });
    } else {
      // Unlisted names draw their distinctive words from another vocabulary
      // (Korean and Russian name pools are small enough that a million-entry
      // list holds most combinations, so unlisted people are "word word").
      out.push({ names: [r() < 0.7 ? orgName(r, other) : `${other.pick(r)} ${other.pick(r)}`], schema: 'LegalEntity', truth: null });
    }
  }
  return out;
}
