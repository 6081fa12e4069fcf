import type { ItemEntity, WinkMethods } from 'wink-nlp';

/**
 * The NLP model, loaded once per process on first use (loading takes about a second; most
 * commands never extract anything). wink-nlp is lossless: the tokens with their preceding spaces
 * rebuild the text exactly, which is what lets every candidate keep character offsets.
 */
let loading: Promise<WinkMethods> | null = null;

export function loadNlp(): Promise<WinkMethods> {
  loading ??= (async () => {
    const [{ default: winkNLP }, { default: model }] = await Promise.all([import('wink-nlp'), import('wink-eng-lite-web-model')]);
    return winkNLP(model);
  })();
  return loading;
}

export interface Span { start: number; end: number }
export interface Entity extends Span { type: string; text: string }
export interface Analysis { sentences: Span[]; entities: Entity[] }

/** Sentences and labelled entities (CARDINAL, DATE, PERCENT, ORDINAL, MONEY…) with character offsets. */
export function analyse(nlp: WinkMethods, text: string): Analysis {
  const its = nlp.its;
  const doc = nlp.readDoc(text);
  const values = doc.tokens().out<string>(its.value);
  const spaces = doc.tokens().out<string>(its.precedingSpaces);
  const starts: number[] = [];
  const ends: number[] = [];
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    at += spaces[i]!.length;
    // The model rebuilds the text exactly; indexOf only guards against a token the model normalised.
    const found = text.startsWith(values[i]!, at) ? at : text.indexOf(values[i]!, at);
    const s = found >= 0 ? found : at;
    starts.push(s);
    ends.push(s + values[i]!.length);
    at = ends[i]!;
  }
  const span = (first: number, last: number): Span => ({ start: starts[first] ?? 0, end: ends[last] ?? 0 });
  const sentences = (doc.sentences().out(its.span) as unknown as [number, number][]).map(([a, b]) => span(a, b));
  const entities: Entity[] = [];
  doc.entities().each((e: ItemEntity) => {
    const [a, b] = e.out(its.span) as unknown as [number, number];
    const detail = e.out(its.detail) as unknown as { type: string };
    const s = span(a, b);
    entities.push({ ...s, type: detail.type, text: text.slice(s.start, s.end) });
  });
  return { sentences, entities };
}
