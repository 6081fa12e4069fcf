/**
 * A reading: one candidate maker's answer for the whole marking — part number, family and
 * classification, production windows from the maker's date rules, lot and site, the owner at
 * production, the warnings and the reasoning lines.
 */
import type { DateReading, MakerParent, MakerSummary, Reading, RejectedDate } from './types.js';
import { classify, makerById, makerSummary, rulesFor, siteName } from './catalogue.js';
import type { RuleInfo } from './rules.js';
import type { MakerRecord } from '../reference/index.js';
import { allAlnum, type Token } from './tokens.js';
import { copyOf, type Candidate } from './candidates.js';
import { decodeAll, type Group } from './date-memo.js';
import type { Analysis } from './plausibility.js';
import { readingConfidence, round3 } from './confidence.js';
import { dayNumber } from './calendar.js';
import { warn } from './warnings.js';

export interface ReadingInput {
  /** The marking's tokens are `toks[0, nt)` (records of the engine's reused TokenBuffer). */
  toks: Token[];
  nt: number;
  lines: string[];
  partNumber: string | null;
  suffix: Token | null;
  pnTok: Token | null;
  assemblyCountry: string | null;
  assemblyText: string;
  today: number | null;
  recovery: number | null;
  introducedYear: number | undefined;
  /** DPRK context (see `IdentifyContext.dprk`): Juche years are read, and ranked first. */
  dprk: boolean;
  explain: boolean;
  todayYear: number;
  /** Several readings: decodings shared between those with the same rules and context. */
  shared: SharedGroups[] | null;
  /** The "Lines read" reasoning line, built once per marking. */
  linesLine: string | null;
  /** The part number's device number looks mistyped (confusions.ts `doubtfulDeviceNumber`): the reading's confidence is capped. */
  doubtfulPart: boolean;
}

export interface SharedGroups {
  rules: RuleInfo[];
  floor: number;
  juche: boolean;
  introduced: number | null;
  groups: Group[];
}

export function buildReading(cand: Candidate, inp: ReadingInput): Reading {
  const { maker, entry } = cand;
  const explain = inp.explain;
  let warnings = cand.warnings;
  const reasoning: string[] = [];
  const facts = maker ? makerFacts(maker) : null;
  const summary = facts ? facts.summary : null;

  if (explain) {
    reasoning.push(inp.linesLine ??= linesLine(inp.lines));
    if (cand.reasoning) reasoning.push(cand.reasoning);
    if (inp.partNumber && entry && maker) {
      reasoning.push(`Part number ${inp.partNumber}: prefix ${entry.p} → ${entry.fam ?? entry.cat}${entry.intro ? `, introduced ${entry.intro}` : ''}` +
        (inp.suffix ? `; ordering suffix ${inp.suffix.text} joined from line ${inp.suffix.line + 1}` : '') + '.');
    } else if (inp.partNumber) {
      reasoning.push(`Part number ${inp.partNumber}: no catalogued prefix matches, so no maker follows from it.`);
    }
    if (facts) reasoning.push(facts.line);
    if (entry?.compat) reasoning.push(`${entry.fam ?? entry.p} copies ${entry.compat} numbering or pinout: it is not a ${entry.compat} part, and remarked copies are sold as the original.`);
    if (inp.assemblyCountry) reasoning.push(`Country of assembly printed: ${inp.assemblyText} → ${inp.assemblyCountry}.`);
  }
  if (entry?.clone) warnings = warn(warnings, 'clone-risk', entry.clone);

  const category = entry?.cat ?? maker?.cat ?? null;
  const cls = classify(category);

  // Introduction year: the analyst's wins over the catalogue's.
  let introduced: number | null = entry?.intro ?? null;
  const iy = inp.introducedYear;
  if (typeof iy === 'number' && Number.isInteger(iy) && iy >= 1900 && iy <= 2200) introduced = iy;

  // --- Dates ----------------------------------------------------------------------------------
  // Made at the first window, of exactly one slot when there is one.
  let dates: DateReading[] | null = null;
  // Made at the first refused window, as a copy of that token's list (exact size).
  let rejected: RejectedDate[] | null = null;
  let dateToken: string | null = null;
  let dateTok: Token | null = null;
  let dateA: Analysis | null = null;
  let site: Reading['site'] = null;
  let lot: string | null = null;
  if (inp.today !== null) {
    const today = inp.today;
    const juche = inp.dprk;
    const rules = facts ? facts.rules : rulesFor(null, juche);
    const floor = introduced ?? inp.todayYear - 29;
    // Makers sharing a rule list (every ECIA maker of an ambiguous prefix) share one decoding.
    let groups: Group[] | null = null;
    if (inp.shared) {
      for (const s of inp.shared) { if (s.rules === rules && s.floor === floor && s.juche === juche && s.introduced === introduced) { groups = s.groups; break; } }
    }
    if (!groups) {
      groups = decodeAll(inp.toks, inp.nt, rules, { today, todayYear: inp.todayYear, floor, juche, recovery: inp.recovery, introduced });
      inp.shared?.push({ rules, floor, juche, introduced, groups });
    }

    const ng = groups.length;
    for (let gi = 0; gi < ng; gi++) {
      const g = groups[gi]!;
      const a = g.a;
      const rj = a.rejected;
      if (rj.length) { if (rejected === null) rejected = copyOf(rj); else for (let k = 0; k < rj.length; k++) rejected.push(rj[k]!); }
      const fl = a.flags;
      for (let k = 0; k < fl.length; k++) { const w = fl[k]!; warnings = warn(warnings, w.code, w.message); }
      if (a.late) warnings = warn(warnings, 'after-recovery', a.late);
      if (a.early) {
        const n = a.early;
        warnings = warn(warnings, 'before-introduction', `${g.tok.text}: ${n === 1 ? 'one reading' : `${n} readings`} would predate the introduction of ${entry?.fam ?? 'the part'} (${introduced}) and ${n === 1 ? 'is' : 'are'} set aside`);
      }
      const keptCount = a.keptCount;
      if (keptCount === 0) continue;
      const kept = a.kept;
      if (dateTok === null) {
        dateTok = g.tok;
        dateToken = g.tok.text;
        dateA = a;
        if (a.site) site = { code: a.site, name: siteName(maker, a.site) };
        if (a.lot) lot = a.lot;
        if (a.ambiguous) warnings = warn(warnings, 'ambiguous-date', a.ambiguous);
        if (explain) reasoning.push(a.firstLine ??= `Date code ${g.tok.text}: ` + kept.map((d) => `${d.note.split(';')[0]} → ${d.from}…${d.to} (${d.rule}, ${d.confidence})`).join('; ') + '.');
      } else if (explain) {
        reasoning.push(a.alsoLine ??= `Also read as a date: ${g.tok.text} → ${kept[0]!.from}…${kept[0]!.to} (${kept[0]!.rule}); it may be a lot code.`);
      }
      // One window (nearly every token): pushed from the analysis itself, without reading its list.
      if (keptCount === 1) { if (dates === null) dates = [a.bestKept!]; else dates.push(a.bestKept!); }
      else if (dates === null) dates = copyOf(kept);
      else for (let k = 0; k < keptCount; k++) dates.push(kept[k]!);
    }
    // Date-like tokens no rule could read (week 60, month 13…) are reported, not dropped.
    for (let i = 0; i < inp.nt; i++) {
      const tok = inp.toks[i]!;
      if (tok.role || !tok.allDigits || tok.text.length < 3 || tok.text.length > 4) continue;
      let decoded = false;
      for (let gi = 0; gi < ng; gi++) if (groups[gi]!.tok === tok) { decoded = true; break; }
      if (!decoded) warnings = warn(warnings, 'undecoded-date', `${tok.text} looks like a date code but no rule for ${maker?.name ?? 'an unknown maker'} reads it (week or month out of range?)`);
    }
    if (explain) {
      if (!dates && rejected) reasoning.push('Every date reading was ruled out by the context; see rejectedDates.');
      for (const g of groups) if (g.a.rejected.length) for (const line of (g.a.setAside ??= g.a.rejected.map((r) => `Set aside: ${r.chars} by ${r.rule} (${r.from}…${r.to}): ${r.reason}.`))) reasoning.push(line);
    }
  }

  // --- Lot: from the date convention, else where the maker prints it --------------------------
  if (lot) {
    if (explain) reasoning.push(`Lot/trace code ${lot} from the date convention.`);
  } else if (maker?.lot === 'trace-line') {
    const pnLine = inp.pnTok?.line ?? 0;
    for (let i = 0; i < inp.nt; i++) {
      const x = inp.toks[i]!;
      if (x.role || x.line <= pnLine || x === dateTok || x.text.length < 4 || x.text.length > 12 || !x.hasLetter || !x.hasDigit) continue;
      lot = x.text;
      if (explain) reasoning.push(`Lot/trace code ${x.text} (first unclaimed code after the part number, as ${maker.name} prints it).`);
      break;
    }
  } else if (maker?.lot === 'after-date' && dateTok) {
    const i = inp.toks.indexOf(dateTok);
    const x = i + 1 < inp.nt ? inp.toks[i + 1] : undefined;
    if (x && !x.role && x.line === dateTok.line && x.text.length >= 2 && x.text.length <= 10 && allAlnum(x.text)) {
      lot = x.text;
      if (explain) reasoning.push(`Lot code ${x.text} (printed after the date code, as ${maker.name} does).`);
    }
  }
  if (explain && site) reasoning.push(`Assembly site code ${site.code}${site.name ? ` = ${site.name}` : ' (site not named in the catalogue)'}.`);

  // --- Who owned the maker when the part was made ---------------------------------------------
  let ownerAtProduction: MakerParent | null = null;
  if (maker && facts && dateToken) {
    if (facts.formerParent || facts.acquiredFrom !== null) {
      // Every window of the date token comes from its analysis (a repeated token reads the same).
      const { minFrom, maxTo } = dateA!;
      if (facts.formerParent && maxTo < facts.sinceFrom!) {
        // A spin-off's family made before the company existed was made by its former parent.
        ownerAtProduction = facts.formerParent;
        if (explain) reasoning.push(`Made before ${maker.name} existed (${maker.since}): made by ${facts.formerParent.name}.`);
      } else if (facts.acquiredFrom !== null) {
        if (minFrom >= facts.acquiredAfter!) {
          ownerAtProduction = summary!.parent;
          if (explain) reasoning.push(`Made after ${maker.name} was acquired (${maker.acquired}): owner at production ${summary!.parent!.name}.`);
        } else if (maxTo < facts.acquiredFrom) {
          ownerAtProduction = facts.self;
        }
      }
    }
  }

  if (explain) reasoning.push(classificationLine(cls.reason));
  return {
    // The first date word's windows share 1 between them: with several, the first is only as sure as its share.
    confidence: round3(readingConfidence(cand.confidence, dateA !== null && dateA.keptCount > 1 ? dates![0]!.confidence : 1, inp.doubtfulPart)),
    maker: summary,
    makerEvidence: cand.evidence,
    makerCandidates: cand.others,
    partNumber: inp.partNumber,
    family: entry?.fam ?? null,
    category: cls.category,
    hs6: cls.hs6,
    chplTier: cls.chplTier,
    classificationReason: cls.reason,
    introduced,
    dates: dates ?? [],
    rejectedDates: rejected ?? [],
    dateToken,
    site,
    assemblyCountry: inp.assemblyCountry,
    lot,
    ownerAtProduction,
    warnings: warnings ?? [],
    reasoning,
  };
}

function linesLine(lines: string[]): string {
  if (!lines.length) return 'Lines read: (none).';
  let s = 'Lines read: "' + lines[0]! + '"';
  for (let i = 1; i < lines.length; i++) s += ' | "' + lines[i]! + '"';
  return s + '.';
}

/**
 * What the ownership checks and the reasoning need of a maker, worked out once: the owner objects
 * are frozen and shared by every reading, like the maker summaries.
 */
interface MakerFacts {
  /** The maker's summary and date rules, here so that a reading finds all it needs in one look-up. */
  summary: MakerSummary;
  rules: RuleInfo[];
  line: string;
  /** The maker itself as the owner at production (made before its acquisition). */
  self: MakerParent;
  /** A spin-off's former parent, with the first day of the spin-off's existence (a day number, like the analysis's envelope). */
  formerParent: MakerParent | null;
  sinceFrom: number | null;
  /** First day of the acquisition year, and of the year after it (day numbers). */
  acquiredFrom: number | null;
  acquiredAfter: number | null;
}
const makerFactsByRecord = new Map<MakerRecord, MakerFacts>();
function makerFacts(maker: MakerRecord): MakerFacts {
  let f = makerFactsByRecord.get(maker);
  if (f) return f;
  const summary = makerSummary(maker.id);
  const from = maker.from ? makerById(maker.from) : undefined;
  const spinOff = !!(from && maker.since);
  const acquired = !!(summary.parent && maker.acquired);
  f = {
    summary,
    rules: rulesFor(maker),
    line: `${maker.name}: headquarters ${maker.country}` + (summary.parent ? `; acquired by ${summary.parent.name}${summary.parent.year ? ` in ${summary.parent.year}` : ''}` : '') +
      (summary.ultimateParent ? `; now part of ${summary.ultimateParent.name}` : '') + '.',
    self: Object.freeze({ id: maker.id, name: maker.name, country: maker.country, year: null }),
    formerParent: spinOff ? Object.freeze({ id: from.id, name: from.name, country: from.country, year: null }) : null,
    sinceFrom: spinOff ? dayNumber(maker.since!, 1, 1) : null,
    acquiredFrom: acquired ? dayNumber(maker.acquired!, 1, 1) : null,
    acquiredAfter: acquired ? dayNumber(maker.acquired! + 1, 1, 1) : null,
  };
  makerFactsByRecord.set(maker, f);
  return f;
}

const classificationLines = new Map<string, string>();
function classificationLine(reason: string): string {
  let l = classificationLines.get(reason);
  if (l === undefined) classificationLines.set(reason, (l = `Classification: ${reason}`));
  return l;
}