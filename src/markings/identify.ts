/**
 * The identification engine: a printed marking in, ranked readings out. Pure: no I/O, no clock
 * (the caller passes `context.today`), no randomness — the same input always gives the same
 * output, so readings can be stored as suggestions and reproduced later.
 *
 * The engine never resolves ambiguity by guessing. An ambiguous prefix gives one reading per
 * maker; a date token that several rules (or several decades) can read gives one window per
 * reading; windows the context rules out are kept as `rejectedDates` with the reason.
 *
 * The steps, one module each:
 *   tokens.ts        printed lines and words (`TokenBuffer`)
 *   roles.ts         country of assembly, logo text, part number and ordering suffix
 *   candidates.ts    candidate makers from the context, the logo and the prefix
 *   reading.ts       one reading per candidate: classification, dates, lot, site, owner
 *   date-memo.ts     the maker's date rules (rules.ts) applied to each token, memoised
 *   plausibility.ts  windows the context rules out (after today or recovery, before introduction)
 *   ranking.ts       the order of date tokens and of readings
 *
 * Speed (docs/identification.md, "Speed"): the engine runs for every component of a bulk import,
 * so the hot path allocates little and reads each thing once; the memo and the frozen shared
 * objects are described where they live.
 */
import type { IdentifyContext, IdentifyResult, Reading, Warning } from './types.js';
import { parseDay } from './calendar.js';
import { findMaker } from './catalogue.js';
import type { MakerRecord } from '../reference/index.js';
import { TokenBuffer } from './tokens.js';
import { ContextReader, YearOfDay } from './context.js';
import { findPartNumber, markOrderingCodes, readCountryAndLogos } from './roles.js';
import { knowledgeCandidates, makerCandidates } from './candidates.js';
import { buildReading, type ReadingInput } from './reading.js';
import { abstainWhenUnsure, rankReadings } from './ranking.js';
import { warn } from './warnings.js';
import { CONFIDENCE, prefixConfidence } from './confidence.js';
import { doubtfulDeviceNumber } from './confusions.js';
import { fitsDeviceShape } from './knowledge.js';

/** Inputs longer than this are cut: a real marking is a few dozen characters. */
export const MAX_INPUT_CHARS = 2000;

/** The part is a crystal or oscillator (its four-digit words may be truncated frequencies). */
function isFrequencyPart(hits: readonly { entry: { cat: string } }[], logoMakers: readonly MakerRecord[]): boolean {
  for (const h of hits) if (h.entry.cat === 'crystal' || h.entry.cat === 'oscillator') return true;
  for (const m of logoMakers) if (m.kind === 'frequency') return true;
  return false;
}

/** "Juche" in Hangul, printed before the year on DPRK parts (`주체113`). */
const JUCHE_HANGUL = '주체';

/**
 * The engine's working memory, reused from call to call: the token records, the context copy and
 * the last "today"'s year. One instance serves every call; a call finishes before the next begins
 * (nothing here is awaited or calls out once tokenising starts).
 */
const tokens = new TokenBuffer();
const contextReader = new ContextReader();
const yearOfDay = new YearOfDay();

/**
 * Reads a marking. `context.today` is required for dates: without it no date is decoded (the
 * engine will not read the clock). Never throws on any string.
 */
export function identify(marking: string, context: IdentifyContext = {}): IdentifyResult {
  const cx = contextReader.read(context);
  const explain = cx.explain !== false;
  let resultWarnings: Warning[] | null = null;
  let text = typeof marking === 'string' ? marking : String(marking ?? '');
  if (text.length > MAX_INPUT_CHARS) {
    resultWarnings = warn(resultWarnings, 'truncated', `marking longer than ${MAX_INPUT_CHARS} characters: only the first ${MAX_INPUT_CHARS} were read`);
    text = text.slice(0, MAX_INPUT_CHARS);
  }

  // Context: every field is read before the shared token records are touched (see TokenBuffer).
  const today = parseDay(cx.today ?? null);
  const recovery = parseDay(cx.recoveryDate ?? cx.recoveredOn ?? null);
  if (today === null) resultWarnings = warn(resultWarnings, 'undecoded-date', 'no valid "today" in the context: date codes were not decoded');
  let contextMaker: MakerRecord | null = null;
  const makerName = cx.maker;
  if (makerName) {
    contextMaker = findMaker(makerName);
    if (!contextMaker) resultWarnings = warn(resultWarnings, 'maker-conflict', `the confirmed maker "${makerName}" is not in the catalogue; it was not applied`);
  }
  const introducedYear = cx.introducedYear;
  const dprkContext = cx.dprk === true || text.includes(JUCHE_HANGUL);

  const lines = tokens.splitLines(text);
  const count = tokens.tokenise(lines);
  const toks = tokens.tokens;
  const printed = readCountryAndLogos(toks, count);
  const found = findPartNumber(toks, count, printed.logoMakers);
  markOrderingCodes(toks, count, isFrequencyPart(found.hits, printed.logoMakers));

  const candidates = found.knowledge && !contextMaker && (!found.hits.length || !printed.logoMakers.length)
    ? knowledgeCandidates(found.knowledge, found.hits, printed.logoMakers, explain)
    : makerCandidates(found.hits, printed.logoMakers, contextMaker, explain, found.index >= 0 && found.hits.length
      ? prefixConfidence(toks[found.index]!.text, found.hits[0]!.entry.p.length, found.belowFirstLine) : CONFIDENCE.prefix);
  if (printed.logoTypedAs !== null) {
    resultWarnings = warn(resultWarnings, 'ocr-corrected', `${printed.logoTypedAs} read as logo text: look-alike characters (O/0, I/1, S/5, B/8, Z/2, G/6) corrected`);
  }
  if (found.typedAs !== undefined) {
    // Read with look-alike characters corrected: an inference from the marking's shape, so it stays below a printed prefix.
    const line = `${found.typedAs} read as ${found.partNumber ?? toks.find((t) => t.text !== found.typedAs && t.code === -1)?.text ?? 'corrected'}: look-alike characters (O/0, I/1, S/5, B/8, Z/2, G/6) corrected because the knowledge base knows that shape`;
    resultWarnings = warn(resultWarnings, 'ocr-corrected', line);
    for (const c of candidates) if (c.confidence > CONFIDENCE.lookAlike) c.confidence = CONFIDENCE.lookAlike;
  }
  // A part number that looks mistyped (and was not already read with look-alikes corrected) caps each reading's confidence (reading.ts).
  // So does one that is not a whole device number (`dsPIC` with nothing printed after it).
  // A family whose device numbers the knowledge base knows is judged by that shape; others by the look-alike heuristic.
  const shape = found.partNumber !== null && found.typedAs === undefined ? fitsDeviceShape(found.partNumber) : null;
  const doubtfulPart = found.incomplete === true || (found.partNumber !== null && found.typedAs === undefined &&
    (shape !== null ? !shape : doubtfulDeviceNumber(found.partNumber, found.hits.length ? found.hits[0]!.entry.p.length : 0)));
  // Nothing legible at all: the empty reading carries no weight.
  if (count === 0 && candidates.length === 1 && !candidates[0]!.maker) candidates[0]!.confidence = 0;

  const inp: ReadingInput = {
    toks, nt: count, lines, partNumber: found.partNumber, suffix: found.suffix, pnTok: found.index >= 0 ? toks[found.index]! : null,
    assemblyCountry: printed.assemblyCountry, assemblyText: printed.assemblyText,
    today, recovery, introducedYear, dprk: dprkContext || printed.assemblyCountry === 'KP', explain, todayYear: today !== null ? yearOfDay.of(today) : 0,
    shared: candidates.length > 1 ? [] : null, linesLine: null, doubtfulPart,
  };
  // One reading (nearly every marking): a list of exactly one slot, not one grown by a push.
  let readings: Reading[];
  if (candidates.length === 1) readings = [buildReading(candidates[0]!, inp)];
  else { readings = []; for (const cand of candidates) readings.push(buildReading(cand, inp)); }
  rankReadings(readings);
  return { marking: text, lines, readings: abstainWhenUnsure(readings, explain), warnings: resultWarnings ?? [] };
}
