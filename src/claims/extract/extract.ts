import type { WinkMethods } from 'wink-nlp';
import { attribute, learnAcronyms, namesIn, newMemory, type Attribution, type SentenceNames } from './attribution.js';
import { bodyName } from './bodies.js';
import { resolveDate } from './dates.js';
import { analyse, loadNlp, type Entity } from './nlp.js';
import { countryList, figuresIn, fractionsIn, type Figure } from './quantities.js';
import type { Candidate, ExtractOptions } from './types.js';

/**
 * Candidate claims from a report's text (pure: no I/O; the model is loaded once, lazily).
 * Two kinds: a figure with what it counts, and an attributed statement without a figure.
 * Every candidate keeps the offsets of its sentence in `text`.
 */
export async function extractClaims(text: string, options: ExtractOptions = {}): Promise<Candidate[]> {
  return extractWith(await loadNlp(), text, options);
}

/** Topics an attributed statement must touch to be worth proposing. */
const TOPIC = /\b(?:arms|weapons?|ammunition|munitions?|suppliers?|missiles?|rockets?|drones?|UAVs?|components?|parts|debris|remnants?|wreckage|fragments?|shells?|launch(?:ed|es|ers?)?|strikes?|struck|microelectronics?|chips?|made in|manufactured|produced|supplied|origin(?:ated)?)\b/i;
/** Opinions, appeals and hedged talk: not statements of fact an analyst files. */
const NOT_FACT = /\b(?:expect|anticipate|believe|must|should|if|accountable|insist(?:ed|s)?|retorted|vow(?:ed|s)?|condemn\w*|urge[sd]?|called on|couldn[’']t be verified|could not be verified|no mention|objected|alarmingly|wake-up call|in progress|under ?way|option|we understand|would|might)\b/i;
/** A sentence that attributes the one before it: "… reported this", "… said so". */
const BACK_ATTRIBUTION = /\b(?:reported|said|announced|stated|wrote|posted|confirmed)\s+(?:this|so|it)\b|\b(?:this|it)\s+was\s+(?:reported|said|announced|stated|posted|confirmed)\s+by\b/i;
/** A speaker the report does not name: the figure is theirs, not the previous sentence's speaker's. */
const UNNAMED_SOURCE = /\b(?:intelligence|sources?|officials|experts|analysts|observers|estimates)\s+(?:\p{L}+\s+)?(?:believes?|says?|said|estimated?|estimates|suggests?|thinks?|reported|claimed)\b/iu;
/** Dates that tell when something was said rather than when it happened. */
const SAID_CONTEXT = /\b(?:meeting|briefing|conference|session|statement|interview|address|speech|remarks|hearing|report|told|said|says|presented|announced|accused|briefed|wrote|posted|heard)\b/i;
const EVENT_CONTEXT = /\b(?:strikes?|struck|attacks?|attacked|launched|launches|fired|hit|used|recovered|shot down|intercepted|downed|landed|killed|injured|damaged|destroyed|delivered|shipped|made|manufactured|produced|assembled)\b/i;

/** A sentence inside quotation marks from start to end. */
const QUOTE_ONLY = /^["“«][^"“”«»]*["”»]?$/;

interface DateHit { value: string; said: boolean; start: number }

function datesIn(sentence: string, offset: number, dates: Entity[], published: string | null | undefined, attributed: boolean): DateHit[] {
  const out: DateHit[] = [];
  for (const d of dates) {
    const s = d.start - offset;
    const before = sentence.slice(Math.max(0, s - 40), s);
    const lead = before.match(/\b(?:last|early|mid|late|earlier|since|by|as of|until)\s+(?:this\s+)?$/i)?.[0] ?? '';
    const value = resolveDate(lead + d.text, published);
    if (!value) continue;
    const around = sentence.slice(Math.max(0, s - 25), Math.min(sentence.length, d.end - offset + 30));
    const asOf = /\b(?:by|as of|since|until)\s+$/i.test(before);
    const startsSaying = s < 4 && attributed; // "On February 7th, Serhii Bolvinov … accused"
    // An event word just before the date ("struck Kyiv earlier this year") makes it the event's date.
    const eventNear = EVENT_CONTEXT.test(sentence.slice(Math.max(0, s - 60), s));
    const said = !asOf && !eventNear && (startsSaying || SAID_CONTEXT.test(around) || attributed);
    out.push({ value, said, start: s });
  }
  return out;
}

/** Lines that are not prose: headlines, "Read more" lists, photo credits. */
function isProse(line: string): boolean {
  const t = line.trim();
  return /[.!?"”’)]$/.test(t) && !/^[-•*]\s/.test(t) && t.split(/\s+/).length >= 5;
}

interface Piece { start: number; end: number }

/** Sentences cut at line breaks too: the model may join a headline to the next line. */
function piecesOf(text: string, sentences: Piece[]): Piece[] {
  return sentences.flatMap((s) => {
    const parts: Piece[] = [];
    let at = s.start;
    for (const line of text.slice(s.start, s.end).split('\n')) {
      const lead = line.length - line.trimStart().length;
      if (line.trim()) parts.push({ start: at + lead, end: at + line.trimEnd().length });
      at += line.length + 1;
    }
    return parts;
  });
}

function entitiesIn(entities: Entity[], piece: Piece): Entity[] {
  return entities.filter((e) => e.start >= piece.start && e.end <= piece.end);
}

/**
 * A first reading of the whole report: who each person speaks for (a name may be introduced
 * after its first quote), the occasion (the first dated statement), and a "Source:" line that
 * attributes the whole report.
 */
function firstReading(text: string, pieces: Piece[], entities: Entity[], published: string | null) {
  const memory = newMemory();
  learnAcronyms(text, memory);
  let occasion: string | null = null;
  let source: { speaker: string | null; speakerOrg: string | null } | null = null;
  for (const piece of pieces) {
    const sentence = text.slice(piece.start, piece.end);
    const names = namesIn(sentence, memory);
    const who = attribute(sentence, names, memory);
    if (/^source:/i.test(sentence) && !source) {
      const org = names.orgs.find((o) => o.kind !== 'media');
      source = { speaker: names.people[0]?.canonical ?? null, speakerOrg: org?.canonical ?? names.countries[0]?.canonical ?? null };
      if (source.speaker && !source.speakerOrg) source.speakerOrg = memory.people.get(source.speaker.split(/\s+/).pop()!)?.org ?? null;
    }
    if (!occasion && who.verbAt !== null && !who.mediaOnly) {
      const dates = datesIn(sentence, piece.start, entitiesIn(entities, piece).filter((e) => e.type === 'DATE'), published, true);
      // A year alone ('this year') does not date an occasion.
      occasion = dates.find((d) => d.said && d.value.length >= 7)?.value ?? null;
    }
  }
  return { people: memory.people, acronyms: memory.acronyms, occasion, source };
}

export function extractWith(nlp: WinkMethods, text: string, options: ExtractOptions = {}): Candidate[] {
  const published = options.published ?? null;
  const { sentences, entities } = analyse(nlp, text);
  const pieces = piecesOf(text, sentences);
  const first = firstReading(text, pieces, entities, published);
  // A body publishing its own statement speaks for it; a news outlet's own words are nobody's claim.
  const body = options.publisher ? bodyName(options.publisher) : null;
  const publisher = body && body.kind !== 'media' ? { speaker: null, speakerOrg: body.canonical } : null;
  const memory = newMemory();
  memory.acronyms = first.acronyms;
  memory.people = new Map([...first.people].map(([k, v]) => [k, { ...v }]));
  const out: Candidate[] = [];
  let lastNamed: { speaker: string | null; speakerOrg: string | null } | null = null;
  let previous: { speaker: string | null; speakerOrg: string | null } | null = null;
  let pending: Candidate[] = [];
  let unsaid: Candidate | null = null;
  for (const piece of pieces) {
    const before = out.length;
    const sentence = text.slice(piece.start, piece.end);
    const inside = entitiesIn(entities, piece);
    memory.lastSpeaker = null;
    const names: SentenceNames = namesIn(sentence, memory);
    const who: Attribution = attribute(sentence, names, memory);
    if (!isProse(sentence)) continue;
    const dateEntities = inside.filter((e) => e.type === 'DATE' || e.type === 'TIME');
    const dates = datesIn(sentence, piece.start, dateEntities, published, who.verbAt !== null);
    const saidHere = dates.find((d) => d.said)?.value ?? null;
    const eventDate = dates.find((d) => !d.said)?.value ?? null;
    const named = who.verbAt !== null && (who.speaker !== null || who.speakerOrg !== null);
    // A figure in a sentence that names nobody continues the previous sentence's attribution
    // ("Leff's organization conducted …" then "Nearly 300 components …"), or the report's "Source:" line.
    // "Western intelligence believes …", "sources said …": someone unnamed says it, not the last speaker.
    const unnamed = !named && who.verbAt !== null && UNNAMED_SOURCE.test(sentence);
    // A sentence that is all quotation with nobody named in it is the last named speaker's, also
    // on a later line or after a sentence of narration ("“We found 30 parts,” …" with no verb).
    const quoteOnly = !named && !unnamed && QUOTE_ONLY.test(sentence) && lastNamed !== null;
    const carried: { speaker: string | null; speakerOrg: string | null } | null = named || unnamed ? null
      : memory.lastSpeaker ?? (quoteOnly ? lastNamed : null) ?? previous ?? first.source ?? publisher;
    const attributed = named || carried !== null;
    const dateSaid = saidHere ?? (attributed ? first.occasion ?? published : null);
    // A list of three or more places ("Mykolaiv, Kherson, Khmelnytskyi and Poltava regions") names no one place.
    const place = new Set(names.places.map((p) => p.canonical)).size >= 3 ? null : names.places[0]?.canonical ?? null;
    const sentenceWeapon = names.weapons[0]?.canonical ?? null;

    const figures: Figure[] = [...figuresIn(sentence, piece.start, inside, dateEntities), ...fractionsIn(sentence, piece.start)];
    const list = countryList(sentence, piece.start);
    if (list && !figures.some((f) => f.kind === 'countries' && f.quantity === list.quantity)) figures.push(list);
    figures.sort((a, b) => a.start - b.start);
    const speaker = named ? who.speaker : carried?.speaker ?? null;
    const speakerOrg = named ? who.speakerOrg : carried?.speakerOrg ?? null;
    const base = { text: sentence, start: piece.start, end: piece.end, speaker, speakerOrg, dateSaid, place, eventDate };
    for (const f of figures) {
      const notes: string[] = [];
      let confidence = 0.6;
      if (named && !who.mediaOnly) confidence += 0.2;
      else if (carried) { confidence += 0.1; notes.push(carried === publisher ? 'said by the report\'s publisher' : 'attributed from the sentence before or the report\'s source line'); }
      else notes.push(who.mediaOnly ? 'relayed by a news outlet' : 'nobody named says this');
      if (f.qualifier && f.qualifier !== 'exact') confidence += 0.05;
      if (f.kind === 'occasions' || f.kind.startsWith('percent')) { confidence -= 0.05; notes.push(`counts ${f.kind}: check what`); }
      if (!saidHere && dateSaid) notes.push(dateSaid === published ? 'date said: the publication date' : 'date said: the occasion the report is about');
      out.push({
        kind: 'quantity', ...base, quantity: f.quantity, quantityQualifier: f.qualifier ?? 'exact', quantityKind: f.kind,
        figure: { text: f.text, start: f.start, end: f.end },
        // A weapon named elsewhere in the sentence is this figure's only when the figure is alone there.
        weapon: f.weapon ?? (figures.length === 1 ? sentenceWeapon : null),
        confidence: Math.round(Math.min(0.95, confidence) * 100) / 100, notes,
      });
    }
    if (figures.length === 0 && named && !who.mediaOnly && TOPIC.test(sentence) && !NOT_FACT.test(sentence)) {
      const notes = ['a statement without a figure'];
      if (!saidHere && dateSaid) notes.push(dateSaid === published ? 'date said: the publication date' : 'date said: the occasion the report is about');
      out.push({
        kind: 'statement', ...base, quantity: null, quantityQualifier: null, quantityKind: null, figure: null, weapon: sentenceWeapon,
        confidence: who.speaker && who.speakerOrg ? 0.7 : 0.55, notes,
      });
    }
    // "The Ukrainian Air Force reported this": the sentence before was theirs. (Carrying figures
    // further, to a speaker named up to three sentences on, was tried and cut: see eval/claims/README.md.)
    if (named && !who.mediaOnly && BACK_ATTRIBUTION.test(sentence)) {
      // A statement of fact nobody was named for becomes theirs too ("Fragments … were found. This was reported by the SBU").
      if (unsaid) {
        out.push({ ...unsaid, speaker: who.speaker, speakerOrg: who.speakerOrg, dateSaid: unsaid.dateSaid ?? saidHere ?? first.occasion ?? published, notes: [...unsaid.notes, 'attributed from the sentence after'] });
        out.sort((a, b) => a.start - b.start);
      }
      for (const c of pending) {
        c.speaker = who.speaker;
        c.speakerOrg = who.speakerOrg;
        c.dateSaid ??= saidHere ?? first.occasion ?? published;
        c.notes = c.notes.filter((n) => n !== 'nobody named says this').concat('attributed from the sentence after');
      }
    }
    pending = out.slice(before).filter((c) => c.speakerOrg === null && c.speaker === null);
    // A sentence stating a fact about the topic with nobody named: a statement if the next sentence attributes it.
    unsaid = figures.length === 0 && !named && TOPIC.test(sentence) && !NOT_FACT.test(sentence)
      ? { kind: 'statement', ...base, quantity: null, quantityQualifier: null, quantityKind: null, figure: null, weapon: sentenceWeapon, confidence: 0.55, notes: ['a statement without a figure'] }
      : null;
    // Within a paragraph the attribution carries on until someone else is named; a new paragraph starts afresh.
    const next = pieces[pieces.indexOf(piece) + 1];
    const sameParagraph = next !== undefined && !text.slice(piece.end, next.start).includes('\n');
    if (named && !who.mediaOnly) lastNamed = { speaker: who.speaker, speakerOrg: who.speakerOrg };
    previous = named && !who.mediaOnly ? { speaker: who.speaker, speakerOrg: who.speakerOrg }
      : memory.lastSpeaker ?? (sameParagraph ? carried : null);
  }
  return out;
}
