import { bodiesIn, bodyForRole, bodyForRoleAround } from './bodies.js';
import { COUNTRIES, DEFINITES, DEMONYMS, MEDIA, ORGANISATIONS, REPORTING_VERBS, ROLE_WORDS, WEAPONS, PLACES, type Hit } from './lexicon.js';

/**
 * Who said it, and for which organisation. Works sentence by sentence with a memory of the
 * report so far: the organisation last named (so "the agency" / "the institute" resolve to it),
 * the people introduced with their organisation (so a later "Leff said" carries Conflict
 * Armament Research), and acronyms the report defines ("Conflict Armament Research (CAR)").
 */
export interface ReportMemory {
  lastOrg: string | null;
  /** The person last named, for "he said" / "she told". */
  lastPerson: string | null;
  /** Who the report last quoted: a figure in a following sentence that names nobody is theirs, tentatively. */
  lastSpeaker: { speaker: string | null; speakerOrg: string | null } | null;
  people: Map<string, { name: string; org: string | null }>;
  acronyms: Map<string, string>;
  /** The country whose officials or bodies the report last named ("Ukrainian officials", "Ukraine's foreign minister"): the one an official's bare role belongs to. */
  lastCountry: string | null;
}

export const newMemory = (): ReportMemory => ({ lastOrg: null, lastPerson: null, lastSpeaker: null, people: new Map(), acronyms: new Map(), lastCountry: null });

export interface Attribution {
  speaker: string | null;
  speakerOrg: string | null;
  /** Offset (in the sentence) of the reporting verb or phrase; null when nothing attributes the sentence. */
  verbAt: number | null;
  /** True when the only attribution is a news outlet relaying the claim. */
  mediaOnly: boolean;
}

const NOT_NAME = new Set(['The', 'A', 'An', 'On', 'In', 'At', 'Our', 'This', 'That', 'These', 'Those', 'It', 'He', 'She', 'They', 'We', 'But', 'However', 'Further', 'Additional', 'Photo', 'Credit', 'Read', 'More', 'Both', 'According', 'Meanwhile', 'While', 'When', 'After', 'Before', 'During', 'Since', 'As', 'If', 'For', 'From', 'With', 'Under', 'Some', 'Nearly', 'About', 'Over', 'Russian', 'Ukrainian', 'North', 'South', 'Korean', 'Western', 'Security', 'Council', 'President', 'Minister', 'Ambassador', 'General', 'Colonel', 'Mr', 'Ms', 'Mrs', 'Dr', 'Mr.', 'Ms.', 'Dr.', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December', 'Kremlin', 'Moscow', 'Pyongyang', 'Kim', 'Jong', 'Un', 'Putin', 'Vladimir', 'Facebook', 'Telegram', 'X', 'Twitter', 'UN', 'U.N.', 'DPRK', 'Special', 'Political', 'Affairs', 'Alternate', 'Representative', 'Oblast', 'Oblast’s', "Oblast's", 'Our', 'Its', 'His', 'Her', 'Their', 'What', 'Why', 'How', 'Who', 'Where', 'Also', 'Still', 'Yet', 'Then', 'Now', 'Today', 'Ukraine', 'Russia', 'Korea']);
/** Words that make a capitalised run a place, outlet or body rather than a person. */
const NOT_PERSON = /^(?:Agency|News|Radio|Free|Europe|Asia|Pacific|East|West|Council|Institute|Research|Service|Ministry|Department|Office|Centre|Center|University|Company|Group|Forces|Army|Police|Times|Post|Press|Committee|Commission|Union|Republic|Nations|Kingdom|States|Central|National|Armed|Navy|Guard|Command|Staff|Airport|Street|Square|Region|Oblast|Media|Television|TV|Online|Daily|Journal|Herald|Tribune|Telegraph|Guardian|Observer)$|-based$/;

const roleLike = (w: string) => ROLE_WORDS.has(w.toLowerCase());

/** People named in the sentence: runs of two to four capitalised words that are not organisations, places, weapons or roles. */
function people(sentence: string, taken: Hit[]): Hit[] {
  const out: Hit[] = [];
  const inTaken = (s: number, e: number) => taken.some((h) => s < h.end && e > h.start);
  const re = /\p{Lu}[\p{L}’'-]*\.?(?:\s+\p{Lu}[\p{L}’'-]*)*/gu;
  for (const m of sentence.matchAll(re)) {
    let words: { w: string; s: number }[] = [];
    let at = m.index;
    for (const w of m[0].split(/(\s+)/)) {
      if (w.trim()) words.push({ w: w.replace(/[’']s$/, '').replace(/,$/, ''), s: at });
      at += w.length;
    }
    words = words.filter((x) => !inTaken(x.s, x.s + x.w.length));
    // The name is the longest run of adjacent name-like words; a run touching an outlet or
    // body word ("Radio Free Europe", "Central News Agency", "UK-based") is not a person.
    const runs: (typeof words)[] = [];
    let run: typeof words = [];
    let poisoned = false;
    const close = () => { if (run.length && !poisoned) runs.push(run); run = []; poisoned = false; };
    for (const x of words) {
      const adjacent = run.length > 0 && sentence.slice(run[run.length - 1]!.s + run[run.length - 1]!.w.length, x.s).trim() === '';
      if (run.length && !adjacent) close();
      if (NOT_PERSON.test(x.w)) { poisoned = true; continue; }
      const ok = !NOT_NAME.has(x.w) && !roleLike(x.w) && /^\p{Lu}\p{Ll}/u.test(x.w);
      if (ok) run.push(x);
      else close();
    }
    close();
    const best = runs.sort((p, q) => q.length - p.length)[0] ?? [];
    if (best.length >= 2 && best.length <= 4) {
      const s = best[0]!.s;
      const e = best[best.length - 1]!.s + best[best.length - 1]!.w.length;
      out.push({ start: s, end: e, text: sentence.slice(s, e), canonical: sentence.slice(s, e) });
    }
  }
  return out;
}

export interface SentenceNames { orgs: Hit[]; countries: Hit[]; people: Hit[]; weapons: Hit[]; places: Hit[] }

/** Names in one sentence, known people from earlier sentences included (by surname). */
export function namesIn(sentence: string, memory: ReportMemory): SentenceNames {
  const orgs = ORGANISATIONS.all(sentence);
  for (const [acr, full] of memory.acronyms) {
    for (const m of sentence.matchAll(new RegExp(`(?<![\\p{L}])${acr}(?![\\p{L}])`, 'gu'))) {
      if (!orgs.some((o) => m.index < o.end && m.index + acr.length > o.start)) orgs.push({ start: m.index, end: m.index + acr.length, text: acr, canonical: full, kind: ORGANISATIONS.kindOf(full) });
    }
  }
  // Bodies the gazetteer does not know, by the shape of their names ("the National Agency on …").
  // "The Security Service added …" after "the Security Service of Ukraine": the body named in full before.
  orgs.push(...bodiesIn(sentence, orgs).map((h) => (h.kind === 'body' && memory.lastOrg?.startsWith(h.canonical) && memory.lastOrg !== h.canonical
    ? { ...h, canonical: memory.lastOrg, kind: ORGANISATIONS.kindOf(memory.lastOrg) ?? 'body' } : h)));
  for (const m of sentence.matchAll(DEFINITES)) {
    if (memory.lastOrg) orgs.push({ start: m.index, end: m.index + m[0].length, text: m[0], canonical: memory.lastOrg, kind: 'definite' });
  }
  orgs.sort((a, b) => a.start - b.start);
  const countries = [...COUNTRIES.all(sentence), ...DEMONYMS.all(sentence)].filter((c) => !orgs.some((o) => c.start < o.end && c.end > o.start));
  const weapons = WEAPONS.all(sentence);
  // "KYIV (Reuters) -" is where the story was filed, not where the claim is about.
  // A capital standing for its government ("a Kyiv official") is not where the claim is about.
  const places = PLACES.all(sentence).filter((p) => /\p{Ll}/u.test(p.text) && !orgs.some((o) => o.kind === 'country-body' && p.start >= o.start && p.end <= o.end));
  const found = people(sentence, [...orgs, ...countries, ...weapons, ...places]);
  // Known surnames ("Leff said") after their first full mention.
  for (const [surname, p] of memory.people) {
    for (const m of sentence.matchAll(new RegExp(`(?<![\\p{L}])${surname}(?![\\p{L}])`, 'gu'))) {
      if (!found.some((f) => m.index >= f.start && m.index < f.end)) found.push({ start: m.index, end: m.index + surname.length, text: surname, canonical: p.name });
    }
  }
  found.sort((a, b) => a.start - b.start);
  return { orgs, countries, people: found, weapons, places };
}

const VERB_WORDS = [...REPORTING_VERBS].join('|');
/** ", executive director of Conflict Armament Research," or "'s" or ", the head of … police" up to the verb. */
const APPOSITION = new RegExp(`^[’']s\\s|^\\s(?:of|from|at|with)\\s[^,]{0,80}?(?=\\s(?:${VERB_WORDS})\\b|,)|^,\\s[^,]{0,140}?(?:,|(?=\\s(?:${VERB_WORDS})\\b))|^\\s\\([^)]*\\)`, 'u');
const VENUE_BEFORE = /\b(?:at|during|to|before|in|told|briefed|address(?:ed)?|of)\s+(?:the\s+|a\s+)?(?:\p{L}+\s+){0,2}$/iu;

/** The organisation a person speaks for, from the words around the name in this sentence. */
function orgForPerson(sentence: string, person: Hit, names: SentenceNames, country: string | null = null): string | null {
  // The person's phrase: from the previous clause break to the next one after the name's apposition.
  const before = sentence.slice(0, person.start);
  const from = Math.max(before.lastIndexOf('"'), before.lastIndexOf('“'), before.lastIndexOf('”'), before.lastIndexOf(';'), 0);
  const after = sentence.slice(person.end);
  const appo = after.match(APPOSITION);
  const to = person.end + (appo ? appo[0].length : 0);
  const inPhrase = (h: Hit) => h.start >= from && h.end <= to;
  const score = (h: Hit, isCountry: boolean) => {
    let s = isCountry ? 0.4 : 3;
    const kind = h.kind;
    if (kind === 'media') s = 0;
    if (kind === 'international') s = VENUE_BEFORE.test(sentence.slice(0, h.start)) ? 0.5 : 1.5;
    if (isCountry) {
      // "United States Alternate Representative…", "South Korea's UN ambassador", "US official".
      const next = sentence.slice(h.end, h.end + 60).toLowerCase();
      if (/^(?:[’']s)?\s+(?:\p{L}+\s+){0,3}?(?:alternate\s+|deputy\s+|permanent\s+)?(?:representative|ambassador|envoy|official|officials|president|minister|secretary|spokes\w+|delegation|mission|government|authorities|military|forces|intelligence)/u.test(next)) s = 3.5;
    }
    return s;
  };
  const options = [
    ...names.orgs.filter(inPhrase).map((h) => ({ h, s: score(h, false) })),
    ...names.countries.filter(inPhrase).map((h) => ({ h, s: score(h, true) })),
  ].filter((o) => o.s > 0.5);
  // "the organization he heads, Conflict Armament Research"
  const heads = sentence.match(/\b(?:organi[sz]ation|group|institute|agency|team)\s+(?:he|she)\s+(?:heads|leads|runs|founded|directs)\b,?\s*/i);
  if (heads) {
    const at = heads.index! + heads[0].length;
    const named = names.orgs.find((o) => o.start === at);
    if (named) options.push({ h: named, s: 4 });
  }
  options.sort((a, b) => b.s - a.s || Math.abs(a.h.start - person.start) - Math.abs(b.h.start - person.start));
  const best = options[0]?.h;
  // "presidential aide Mykhailo Podolyak" with no country in the phrase: the role's body in the report's country.
  if (!best) return country ? bodyForRoleAround(sentence, person, country) : null;
  // A country's official speaks for the body their role names ("Ukraine's Foreign Minister" → its foreign ministry).
  return (names.countries.includes(best) ? bodyForRole(sentence, best) : null) ?? best.canonical;
}

/** The country named nearest a person in the sentence, if any. */
function nearestCountry(names: SentenceNames, person: Hit): string | null {
  const dist = (h: Hit) => Math.abs(h.start - person.start);
  return [...names.countries].sort((a, b) => dist(a) - dist(b))[0]?.canonical ?? null;
}

const VERB_RE = new RegExp(`(?<![\\p{L}])(?:${VERB_WORDS})(?![\\p{L}])`, 'giu');

/** Attribute one sentence; updates the memory with the people and organisations it introduces. */
export function attribute(sentence: string, names: SentenceNames, memory: ReportMemory): Attribution {
  const according = /\baccording to\s+/i.exec(sentence);
  const verbs = [...sentence.matchAll(VERB_RE)].map((m) => ({ at: m.index, word: m[0].toLowerCase() }));
  const verbAt = according?.index ?? verbs[0]?.at ?? null;

  // Learn who is who before choosing the speaker, so an apposition in this sentence counts.
  for (const p of names.people) {
    const org = orgForPerson(sentence, p, names, memory.lastCountry ?? nearestCountry(names, p));
    const surname = p.canonical.split(/\s+/).pop()!;
    const known = memory.people.get(surname);
    if (p.text.includes(' ')) memory.people.set(surname, { name: p.canonical, org: org ?? known?.org ?? null });
    else if (known && !known.org && org) known.org = org;
  }

  let speaker: string | null = null;
  let speakerOrg: string | null = null;
  let mediaOnly = false;
  if (verbAt !== null) {
    // The subject nearest the verb: a person first (a person quoted by an outlet is the speaker), then an organisation.
    const anchors = [...verbs.map((v) => v.at), ...(according ? [according.index + according[0].length] : [])];
    const near = (h: Hit) => anchors.reduce((best, a) => Math.min(best, Math.abs(a - (h.start < a ? h.end : h.start))), Infinity);
    const nonMediaOrgs = names.orgs.filter((o) => o.kind !== 'media' && !(o.kind === 'international' && VENUE_BEFORE.test(sentence.slice(0, o.start))));
    const person = [...names.people].sort((a, b) => near(a) - near(b))[0];
    const org = [...nonMediaOrgs].sort((a, b) => near(a) - near(b))[0];
    // "…, according to X": X says it, whoever the sentence's subject is.
    const afterAccording = according ? according.index + according[0].length : -1;
    const firstAfter = (hits: Hit[]) => hits.find((h) => h.start >= afterAccording && h.start - afterAccording < 90);
    const accPerson = according ? firstAfter(names.people) : undefined;
    const accOrg = according ? firstAfter(nonMediaOrgs) : undefined;
    const accCountry = according ? firstAfter(names.countries) : undefined;
    // A country after "according to" ("according to American data", "… from one diplomat of the
    // United States") speaks after a person the sentence quotes or "he added".
    const heSaid = memory.lastPerson !== null && /\b(?:he|she)\s+(?:\p{L}+\s+)?(?:said|says|told|added|explained|warned|noted|stated|claimed|wrote)\b|\b(?:said|says|told)\s+(?:he|she)\b/iu.test(sentence);
    if (according && (accPerson || accOrg)) {
      // "according to US and South Korean officials": the first country named, when the body is a country's.
      const first = [accPerson, accOrg, accOrg?.kind === 'country-body' ? accCountry : undefined].filter((h): h is Hit => !!h).sort((a, b) => a.start - b.start)[0]!;
      if (first === accPerson) {
        speaker = accPerson.canonical;
        speakerOrg = orgForPerson(sentence, accPerson, names, memory.lastCountry ?? nearestCountry(names, accPerson)) ?? memory.people.get(accPerson.canonical.split(/\s+/).pop()!)?.org ?? null;
      } else speakerOrg = first.canonical;
    } else if (person && near(person) < 160) {
      speaker = person.canonical;
      speakerOrg = orgForPerson(sentence, person, names, memory.lastCountry ?? nearestCountry(names, person)) ?? memory.people.get(person.canonical.split(/\s+/).pop()!)?.org ?? null;
    } else if (heSaid && !(org && near(org) < 40)) {
      speaker = memory.lastPerson;
      speakerOrg = memory.people.get(speaker!.split(/\s+/).pop()!)?.org ?? null;
    } else if (according && accCountry) {
      speakerOrg = accCountry.canonical;
    } else if (org && near(org) < 160) {
      speakerOrg = org.canonical;
    } else {
      const possessive = sentence.match(/\b(\p{Lu}\p{L}+)[’']s\s+(?:organi[sz]ation|group|team|researchers|investigators)\b/u);
      const owner = possessive ? memory.people.get(possessive[1]!) : undefined;
      if (owner) { speaker = null; speakerOrg = owner.org; }
      const media = names.orgs.find((o) => o.kind === 'media');
      if (!speakerOrg && media) { speakerOrg = media.canonical; mediaOnly = true; }
      if (!speakerOrg) {
        // "US official", "South Korea said": a country speaking through its government.
        // "Ukraine's interior minister said": the body the role names, when the role names one.
        const role = names.countries.map((c) => bodyForRole(sentence, c)).find((b) => b !== null);
        const country = names.countries.find((c) => /^\s+(?:\p{L}+\s+)?(?:official|officials|government|authorities|said|says|claimed|accused)/u.test(sentence.slice(c.end, c.end + 40)));
        if (role) speakerOrg = role;
        else if (country) speakerOrg = country.canonical;
      }
    }
  }
  // No reporting verb, but a body is the sentence's subject and acts ("Kharkiv region prosecutors
  // have initiated an investigation into … three missiles"): the body is the figure's source.
  const subject = verbAt === null ? subjectBody(sentence, names) : null;
  if (subject) speakerOrg = subject.canonical;
  // "Leff's organization conducted …": the subject of the report's next figures.
  const possessiveSubject = sentence.match(/^(\p{Lu}\p{L}+)[’']s\s+(?:organi[sz]ation|group|team|researchers|investigators)\b/u);
  const subjectOwner = possessiveSubject ? memory.people.get(possessiveSubject[1]!) : undefined;
  if (subjectOwner?.org) memory.lastSpeaker = { speaker: null, speakerOrg: subjectOwner.org };
  else if ((speaker || speakerOrg) && !mediaOnly) memory.lastSpeaker = { speaker, speakerOrg };
  const officialCountry = names.orgs.find((o) => o.kind === 'country-body')?.canonical
    ?? names.countries.find((c) => bodyForRole(sentence, c) !== null)?.canonical;
  if (officialCountry) memory.lastCountry = officialCountry;
  const lastPerson = names.people[names.people.length - 1];
  if (lastPerson) memory.lastPerson = lastPerson.canonical;
  const lastOrg = [...names.orgs].reverse().find((o) => o.kind !== 'media' && o.kind !== 'international' && o.kind !== 'definite' && o.kind !== 'country-body');
  if (lastOrg) memory.lastOrg = lastOrg.canonical;
  if (speakerOrg && MEDIA.has(speakerOrg) && !speaker) mediaOnly = true;
  return { speaker, speakerOrg, verbAt: verbAt ?? subject?.end ?? null, mediaOnly };
}

/** Kinds of body that speak for what they do; a news outlet, a venue or a bare country does not. */
const ACTING_KINDS = new Set(['body', 'government', 'intelligence', 'police', 'research', 'military']);
/** After the subject: a finite verb ("have initiated", "shot down", "found"), over an apposition in commas. */
const FINITE_AFTER = /^(?:[’']s)?(?:,[^,]{1,80},)?\s+(?:has|have|had|was|were|\p{Ll}+ed|shot|found|began|took|sent|made|seized|brought|led|caught|hit)\b/u;
/** Words that may open a sentence before its subject: "On Friday,", "Earlier,", "Meanwhile". */
const OPENING = /^(?:(?:on|in|at|by|earlier|later|meanwhile|also|separately|since|yesterday|today|overnight)\b[^,]{0,40},?\s*)?(?:the\s+)?$/i;

/**
 * The body a sentence without a reporting verb is about, when it is the subject acting: it opens the
 * sentence (after a time phrase) and a finite verb follows it. Bodies of the aggressor (the
 * gazetteer's Russian bodies) act in the war rather than report on it, so they are not sources.
 */
function subjectBody(sentence: string, names: SentenceNames): Hit | null {
  const first = names.orgs.find((o) => o.kind !== 'definite');
  if (!first || !ACTING_KINDS.has(first.kind ?? 'body') || /\bRussia/.test(first.canonical)) return null;
  if (!OPENING.test(sentence.slice(0, first.start))) return null;
  return FINITE_AFTER.test(sentence.slice(first.end)) ? first : null;
}

/** Acronyms the report defines: "Conflict Armament Research (CAR)". */
export function learnAcronyms(text: string, memory: ReportMemory): void {
  for (const m of text.matchAll(/((?:\p{Lu}[\p{L}-]*\s+)(?:(?:of|for|and|the|on)\s+|\p{Lu}[\p{L}-]*\s+){0,6})\((\p{Lu}{2,6})\)/gu)) {
    const words = m[1]!.trim().split(/\s+/);
    const letters = m[2]!;
    // Take as many trailing words as the acronym has capitals.
    const caps = words.filter((w) => /^\p{Lu}/u.test(w));
    if (caps.length < letters.length - 1) continue;
    let n = 0;
    let i = words.length;
    while (i > 0 && n < letters.length) { i--; if (/^\p{Lu}/u.test(words[i]!)) n++; }
    const full = words.slice(i).join(' ').replace(/^(?:The|A|An)\s+/, '');
    memory.acronyms.set(letters, ORGANISATIONS.canonical(full) ?? full);
  }
}
