import roles from './data/roles.json' with { type: 'json' };
import { COUNTRIES, DEMONYM_OF, DEMONYMS, ORGANISATIONS, PLACES, type Hit } from './lexicon.js';

/**
 * Organisations the gazetteer does not know, recognised by the shape of their names: a run of
 * capitalised words holding a body word ("the National Agency on Corruption Prevention", "Ukraine's
 * State Emergency Service", "Kharkiv Regional Prosecutor's Office"), or a country's collective
 * bodies in lower case ("the Ukrainian military", "Russian authorities"). Reports keep naming
 * bodies no list foresees; the gazetteer stays the supplement that folds aliases to one name.
 * Pure: strings in, hits out.
 */

/** Words that make a capitalised name an organisation. Our own list. */
const BODY_WORDS = new Set([
  'Ministry', 'Agency', 'Institute', 'Service', 'Services', 'Office', 'Forces', 'Force', 'Directorate', 'Command', 'Council',
  'Committee', 'Commission', 'Bureau', 'Department', 'Centre', 'Center', 'Police', 'Guard', 'Administration', 'Staff',
  'Corps', 'Army', 'Navy', 'School', 'University', 'Foundation', 'Inspectorate', 'Court', 'Parliament', 'Cabinet',
  'Government', 'Authority', 'Network', 'Initiative', 'Mission', 'Academy', 'Laboratory', 'Fund', 'Association',
  'Federation', 'Prosecutor’s', "Prosecutor's", 'Prosecutors', 'Secretariat', 'Observatory', 'Team', 'Group', 'Unit',
  'Brigade', 'Regiment', 'Battalion', 'Headquarters', 'Rada', 'Duma', 'Kremlin', 'Monitor', 'Watch', 'Intelligence',
]);
/** A body word that names a news outlet rather than someone speaking for themselves. */
const OUTLET_WORDS = /\b(?:News|Radio|Press|Times|Post|Television|TV|Broadcasting|Media|Daily|Journal|Herald|Tribune|Telegraph|Gazette|Wire)\b/;
/** Lower-case words that may join the capitalised words of one name. */
const JOINERS = new Set(['of', 'for', 'on', 'and', 'the', 'in', 'de', '&']);
/** Capitalised words that start a sentence or clause without being part of a name. */
const LEADERS = new Set(['The', 'A', 'An', 'On', 'In', 'At', 'By', 'For', 'From', 'With', 'According', 'Speaking', 'Meanwhile', 'But', 'And', 'However', 'Also', 'Yesterday', 'Today', 'Earlier', 'Later', 'Last', 'This', 'That', 'Both', 'While', 'When', 'After', 'Before', 'Since', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']);
/** Days and months end a name ("… News Agency on Thursday"). */
const CALENDAR = new Set(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']);
/** Lower-case collective bodies after a demonym or a country's possessive ("the Ukrainian military"). */
const COLLECTIVE = /^(?:military intelligence|defen[cs]e intelligence|intelligence|military|army|armed forces|air force|air defen[cs]e forces|navy|forces|prosecutors?|police|authorities|government|officials?|investigators|border guards?)\b/;

const WORD = /[\p{L}\p{N}][\p{L}\p{N}’'&.-]*/gu;
const isCapital = (w: string) => /^\p{Lu}/u.test(w);

/** The name as the ledger writes it: the gazetteer's when it knows the name, else the words without a leading article. */
function nameOf(words: string): { canonical: string; kind: string } {
  const bare = words.replace(/^(?:the|The)\s+/, '').replace(/[’']s$/, '');
  // "Ukraine's Security Service" is the gazetteer's "Security Service of Ukraine" when it knows that.
  const owner = bare.match(/^(.+?)[’']s\s+(.+)$/);
  const known = ORGANISATIONS.canonical(bare) ?? (owner ? ORGANISATIONS.canonical(`${owner[2]} of ${owner[1]}`) : null);
  if (known) return { canonical: known, kind: ORGANISATIONS.kindOf(known) ?? 'body' };
  return { canonical: bare, kind: OUTLET_WORDS.test(bare) ? 'media' : 'body' };
}

/** Capitalised runs (with joiners between capitals) that hold a body word. */
function namedBodies(sentence: string): Hit[] {
  const words = [...sentence.matchAll(WORD)].map((m) => ({ w: m[0].replace(/[.,]$/, ''), s: m.index }));
  const out: Hit[] = [];
  let i = 0;
  while (i < words.length) {
    if (!isCapital(words[i]!.w)) { i++; continue; }
    // Extend over capitals and joiners; a joiner counts only when a capital follows it.
    let j = i;
    let last = i;
    while (j + 1 < words.length) {
      const gap = sentence.slice(words[j]!.s + words[j]!.w.length, words[j + 1]!.s);
      if (!/^\s*$/.test(gap)) break;
      const next = words[j + 1]!.w;
      if (isCapital(next) && !CALENDAR.has(next)) { j++; last = j; continue; }
      if (JOINERS.has(next)) { j++; continue; }
      break;
    }
    let first = i;
    while (first < last && LEADERS.has(words[first]!.w)) first++;
    let run = words.slice(first, last + 1);
    const isBody = (x: { w: string }) => BODY_WORDS.has(x.w) || BODY_WORDS.has(x.w.replace(/[’']s$/, ''));
    const lastBody = run.map(isBody).lastIndexOf(true);
    // The name ends at its last body word unless a joiner carries it on ("Agency on Corruption
    // Prevention", "Ministry of Defence of Ukraine"); "Service Director Oleh Ivashchenko" is a person's title.
    if (lastBody >= 0 && !(lastBody + 1 < run.length && JOINERS.has(run[lastBody + 1]!.w))) run = run.slice(0, lastBody + 1);
    if (lastBody >= 0 && run.length >= 2) {
      const start = run[0]!.s;
      const end = run[run.length - 1]!.s + run[run.length - 1]!.w.length;
      const text = sentence.slice(start, end).replace(/[’']s$/, '');
      out.push({ start, end: start + text.length, text, ...nameOf(text) });
    }
    i = last + 1;
  }
  return out;
}

/** "the Ukrainian military", "Ukraine's armed forces", "Russian authorities": the gazetteer's body when it knows the phrase, else the country. */
function collectiveBodies(sentence: string): Hit[] {
  const out: Hit[] = [];
  for (const c of [...DEMONYMS.all(sentence), ...COUNTRIES.all(sentence)]) {
    const after = sentence.slice(c.end).match(/^(?:[’']s)?\s+/);
    if (!after) continue;
    const body = sentence.slice(c.end + after[0].length).match(COLLECTIVE);
    if (!body) continue;
    const end = c.end + after[0].length + body[0].length;
    const phrase = sentence.slice(c.start, end);
    // "Russia's military" is the gazetteer's "Russian military" when it knows that.
    const demonym = DEMONYM_OF.get(c.canonical);
    const known = ORGANISATIONS.canonical(phrase) ?? (demonym ? ORGANISATIONS.canonical(`${demonym} ${body[0]}`) : null);
    out.push({ start: c.start, end, text: phrase, canonical: known ?? c.canonical, kind: known ? ORGANISATIONS.kindOf(known) ?? 'body' : 'country-body' });
  }
  return out;
}

/** A capital standing for its government ("a senior Kyiv official", "Washington officials"). */
const CAPITALS = /\b(Kyiv|Kiev|Washington|Moscow|Pyongyang|Seoul|Tehran|Beijing|London)\s+(?:officials?|government|authorities)\b/gu;
const CAPITAL_OF: Record<string, string> = { Kyiv: 'Ukraine', Kiev: 'Ukraine', Washington: 'United States', Moscow: 'Russia', Pyongyang: 'North Korea', Seoul: 'South Korea', Tehran: 'Iran', Beijing: 'China', London: 'United Kingdom' };

function capitalBodies(sentence: string): Hit[] {
  return [...sentence.matchAll(CAPITALS)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0], canonical: CAPITAL_OF[m[1]!]!, kind: 'country-body' }));
}

/**
 * A Ukrainian region's bodies named through the region ("the governor of the region of Kharkiv",
 * "Kharkiv region prosecutors", "Odesa police"): the regional military administration (which the
 * governor heads), the regional prosecutor's office, the oblast police.
 */
const REGION_ROLE_AFTER = /^\s+(?:region(?:al)?\s+|oblast\s+|city\s+)?(prosecutors?|prosecutor[’']s\s+office|police|governor)\b/iu;
const GOVERNOR_BEFORE = /\bgovernor\s+of\s+(?:the\s+)?(?:(?:[\p{L}-]+\s+){0,3}(?:region|oblast|province)\s+of\s+)?$/iu;
const REGION_BODY: Record<string, string> = { prosecutor: "{place} Regional Prosecutor's Office", police: '{place} Oblast police', governor: '{place} Regional Military Administration' };

function regionBodies(sentence: string): Hit[] {
  const out: Hit[] = [];
  for (const p of PLACES.all(sentence)) {
    const after = sentence.slice(p.end).match(REGION_ROLE_AFTER);
    const before = sentence.slice(Math.max(0, p.start - 80), p.start).match(GOVERNOR_BEFORE);
    const role = after ? after[1]!.toLowerCase().replace(/s$/, '').replace(/[’']s\s+office$/, '') : before ? 'governor' : null;
    if (!role || !REGION_BODY[role]) continue;
    const start = before && !after ? p.start - before[0].length : p.start;
    const end = after ? p.end + after[0].length : p.end;
    const name = REGION_BODY[role].replace('{place}', p.canonical);
    const known = ORGANISATIONS.canonical(name);
    out.push({ start, end, text: sentence.slice(start, end), canonical: known ?? name, kind: known ? ORGANISATIONS.kindOf(known) ?? 'body' : 'body' });
  }
  return out;
}

/** Bodies in one sentence that `known` (the gazetteer's hits) does not already cover. */
export function bodiesIn(sentence: string, known: Hit[]): Hit[] {
  const taken = [...known];
  const out: Hit[] = [];
  for (const h of [...namedBodies(sentence), ...regionBodies(sentence), ...capitalBodies(sentence), ...collectiveBodies(sentence)]) {
    // A gazetteer name inside the run ("KSE Institute", "Ukrainian Air Force Command") speaks for it.
    if (taken.some((k) => h.start < k.end && h.end > k.start)) continue;
    taken.push(h);
    out.push(h);
  }
  return out.sort((a, b) => a.start - b.start);
}

/** A body's name as the ledger writes it (for a publisher's name from a page's metadata). */
export function bodyName(name: string): { canonical: string; kind: string } | null {
  const hits = namedBodies(name.trim());
  const whole = hits.find((h) => h.start === 0 && h.end >= name.trim().replace(/[’']s$/, '').length);
  if (whole) return { canonical: whole.canonical, kind: whole.kind ?? 'body' };
  const known = ORGANISATIONS.canonical(name.trim());
  return known ? { canonical: known, kind: ORGANISATIONS.kindOf(known) ?? 'body' } : null;
}

const ROLE_BODIES = Object.entries(roles.bodies).filter(([role]) => role !== 'about')
  .map(([role, template]) => ({ re: new RegExp(`^(?:[’']s)?\\s+(?:\\p{L}+\\s+)?${role}\\b`, 'iu'), template }));

const ROLES_BEFORE_NAME = Object.entries(roles.bodies).filter(([role]) => role !== 'about')
  .map(([role, template]) => ({ re: new RegExp(`(?<![\\p{L}])${role}\\s*,?\\s*$`, 'iu'), template }));
const ROLE_IN_APPOSITION = Object.entries(roles.bodies).filter(([role]) => role !== 'about')
  .map(([role, template]) => ({ re: new RegExp(`^,\\s+(?:the\\s+|a\\s+|an\\s+)?(?:\\p{L}+\\s+)?${role}\\b`, 'iu'), template }));

function fill(template: string, country: string): string {
  const name = template.replace('{country}', country).replace('{demonym}', DEMONYM_OF.get(country) ?? country);
  return ORGANISATIONS.canonical(name) ?? name;
}

/**
 * "presidential aide Mykhailo Podolyak", "Mykhailo Podolyak, a presidential adviser,": the body a
 * role written next to a person's name speaks for, in `country` (the one the report is about when
 * the sentence names none), or null.
 */
export function bodyForRoleAround(sentence: string, person: Hit, country: string): string | null {
  const before = sentence.slice(Math.max(0, person.start - 60), person.start);
  const after = sentence.slice(person.end, person.end + 80);
  const hit = ROLES_BEFORE_NAME.find((r) => r.re.test(before)) ?? ROLE_IN_APPOSITION.find((r) => r.re.test(after));
  return hit ? fill(hit.template, country) : null;
}

/** "Ukraine's Foreign Minister …", "U.S. Secretary of State …": the body an official's role after a country speaks for, or null. */
export function bodyForRole(sentence: string, country: Hit): string | null {
  const after = sentence.slice(country.end, country.end + 50);
  const hit = ROLE_BODIES.find((r) => r.re.test(after));
  if (!hit) return null;
  return fill(hit.template, country.canonical);
}
