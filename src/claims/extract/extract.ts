import type { WinkMethods } from 'wink-nlp';
import { attribute, learnAcronyms, namesIn, newMemory, type Attribution, type SentenceNames } from './attribution.js';
import { resolveDate } from './dates.js';
import { analyse, loadNlp, type Entity } from './nlp.js';
import { countryList, figuresIn, type Figure } from './quantities.js';
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
const TOPIC = /\b(?:missiles?|ballistic|rockets?|drones?|shahed|DPRK|North Korea|Pyongyang|components?|parts|debris|remnants?|fragments?|sanction|ammunition|shells?|weapons?|arms|launch(?:ed|es)?|strikes?|struck|microelectronic|chips?|made in|manufactured|produced|supplied)/i;
/** Dates that tell when something was said rather than when it happened. */
const SAID_CONTEXT = /\b(?:meeting|briefing|conference|session|statement|interview|address|speech|remarks|hearing|report|told|said|says|presented|announced|accused|briefed|wrote|posted|heard)\b/i;
const EVENT_CONTEXT = /\b(?:strikes?|struck|attacks?|attacked|launched|launches|fired|hit|used|recovered|shot down|intercepted|downed|landed|killed|injured|damaged|destroyed|delivered|shipped|made|manufactured|produced|assembled)\b/i;

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

export function extractWith(nlp: WinkMethods, text: string, options: ExtractOptions = {}): Candidate[] {
  const published = options.published ?? null;
  const { sentences, entities } = analyse(nlp, text);
  const memory = newMemory();
  learnAcronyms(text, memory);
  const out: Candidate[] = [];
  let occasion: string | null = null; // the meeting or briefing the report is about, once dated
  let ei = 0;
  // The model may join a headline to the next line; a line break always ends a sentence here.
  const pieces = sentences.flatMap((s) => {
    const parts: { start: number; end: number }[] = [];
    let at = s.start;
    for (const line of text.slice(s.start, s.end).split('\n')) {
      const lead = line.length - line.trimStart().length;
      if (line.trim()) parts.push({ start: at + lead, end: at + line.trimEnd().length });
      at += line.length + 1;
    }
    return parts;
  });
  for (const piece of pieces) {
    const sentence = text.slice(piece.start, piece.end);
    while (ei < entities.length && entities[ei]!.end <= piece.start) ei++;
    const inside: Entity[] = [];
    for (let j = ei; j < entities.length && entities[j]!.start < piece.end; j++) inside.push(entities[j]!);
    const names: SentenceNames = namesIn(sentence, memory);
    const who: Attribution = attribute(sentence, names, memory);
    if (!isProse(sentence)) continue;
    const dateEntities = inside.filter((e) => e.type === 'DATE' || e.type === 'TIME');
    const dates = datesIn(sentence, piece.start, dateEntities, published, who.verbAt !== null);
    const saidHere = dates.find((d) => d.said)?.value ?? null;
    if (saidHere && !occasion && /\b(?:meeting|briefing|conference|session|Security Council|council)\b/i.test(sentence)) occasion = saidHere;
    const eventDate = dates.find((d) => !d.said)?.value ?? null;
    const named = who.verbAt !== null && (who.speaker !== null || who.speakerOrg !== null);
    // A figure in a sentence that names nobody continues the report's last attribution; said so in its notes.
    const carried = !named && memory.lastSpeaker ? memory.lastSpeaker : null;
    const attributed = named || carried !== null;
    const dateSaid = saidHere ?? (attributed ? occasion ?? published : null);
    const place = names.places[0]?.canonical ?? null;
    const sentenceWeapon = names.weapons[0]?.canonical ?? null;

    const figures: Figure[] = figuresIn(sentence, piece.start, inside, dateEntities);
    const list = countryList(sentence, piece.start);
    if (list && !figures.some((f) => f.kind === 'countries' && f.quantity === list.quantity)) figures.push(list);
    const speaker = named ? who.speaker : carried?.speaker ?? null;
    const speakerOrg = named ? who.speakerOrg : carried?.speakerOrg ?? null;
    const base = { text: sentence, start: piece.start, end: piece.end, speaker, speakerOrg, dateSaid, place, eventDate };
    for (const f of figures) {
      const notes: string[] = [];
      let confidence = 0.6;
      if (named && !who.mediaOnly) confidence += 0.2;
      else if (carried) { confidence += 0.1; notes.push('attributed from an earlier sentence'); }
      else notes.push(who.mediaOnly ? 'relayed by a news outlet' : 'nobody named says this');
      if (f.qualifier) confidence += 0.05;
      if (f.kind === 'occasions' || f.kind.startsWith('percent')) { confidence -= 0.05; notes.push(`counts ${f.kind}: check what`); }
      if (!saidHere && dateSaid) notes.push(dateSaid === published ? 'date said: the publication date' : 'date said: the occasion the report is about');
      out.push({
        kind: 'quantity', ...base, quantity: f.quantity, quantityQualifier: f.qualifier ?? 'exact', quantityKind: f.kind,
        figure: { text: f.text, start: f.start, end: f.end }, weapon: f.weapon ?? sentenceWeapon,
        confidence: Math.round(Math.min(0.95, confidence) * 100) / 100, notes,
      });
    }
    if (figures.length === 0 && named && !who.mediaOnly && TOPIC.test(sentence)) {
      const notes = ['a statement without a figure'];
      if (!saidHere && dateSaid) notes.push(dateSaid === published ? 'date said: the publication date' : 'date said: the occasion the report is about');
      out.push({
        kind: 'statement', ...base, quantity: null, quantityQualifier: null, quantityKind: null, figure: null, weapon: sentenceWeapon,
        confidence: who.speaker && who.speakerOrg ? 0.7 : 0.55, notes,
      });
    }
  }
  return out;
}
