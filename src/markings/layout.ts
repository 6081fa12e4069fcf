/**
 * Line layouts that name their maker (knowledge/layouts.json): Microchip's package marking —
 * a shortened part number, then the temperature/package code with the date, then a three-character
 * traceability code — is printed by no other maker in that arrangement. Read only when no printed
 * prefix, logo or code names the maker, so it never overrides what the marking says outright.
 */
import layouts from './knowledge/layouts.json' with { type: 'json' };
import type { Token } from './tokens.js';
import { MAKERS_BY_ID, type MakerRecord } from '../reference/index.js';

export interface LayoutMatch {
  maker: MakerRecord;
  /** Which sign was seen, for the reasoning. */
  sign: string;
  source: string;
}

const MICROCHIP = layouts.entries.find((e) => e.id === 'microchip-package-marking')!;
const MICROCHIP_MAKER = MAKERS_BY_ID.get(MICROCHIP.maker);
if (!MICROCHIP_MAKER) throw new Error(`layouts.json: maker ${MICROCHIP.maker} is not in the catalogue`);

/** `I/P`, `E/ST`, `I/SN`, or a package code run on to the part number (`1824/ST`). */
const TEMPERATURE_PACKAGE = /^(?:[A-Z0-9-]{0,8}[CIEHM]?\/(?:P|SN|ST|MS|SS|ML|MF|OT|CH|MC|MNY|SO|SM|SL|MN|UN|MQ|PT|PF|L|Q|SP))$/;
/** A package code alone beside a date on the same line (`SN 1321`). */
const BARE_PACKAGE = /^(?:SN|ST|MS|SS|ML|MF|OT|MNY|SO|SM|SL|MN|UN)$/;
/** Two-digit year + week, or the temperature letter + one-digit year + week (`I133`). */
const DATE_WORD = /^(?:\d{2}(?:0[1-9]|[1-4]\d|5[0-3])|[IE]\d(?:0[1-9]|[1-4]\d|5[0-3]))$/;
const TRACE = /^(?=.*\d)[A-Z0-9]{3}$/;
const YWWNNN = /^\d(?:0[1-9]|[1-4]\d|5[0-3])\d{3}$/;

/**
 * The maker a marking's line layout names, or null. `toks` are the marking's words; words that an
 * earlier step claimed as a logo make the layout moot (the logo speaks for the maker).
 */
export function makerFromLayout(toks: readonly Token[], count: number): LayoutMatch | null {
  if (count < 2 || count > 8) return null;
  const lastLine = toks[count - 1]!.line;
  if (lastLine < 1 || lastLine > 3) return null;
  let dateOnSecond = false;
  for (let i = 0; i < count; i++) {
    const t = toks[i]!;
    if (t.role === 'logo') return null;
    if (TEMPERATURE_PACKAGE.test(t.text)) return found('temperature/package code ' + t.text);
    if (t.line === 1 && DATE_WORD.test(t.text)) dateOnSecond = true;
    if (t.line > 0 && BARE_PACKAGE.test(t.text) && i + 1 < count && toks[i + 1]!.line === t.line && DATE_WORD.test(toks[i + 1]!.text)) {
      return found(`package code ${t.text} before the date ${toks[i + 1]!.text}`);
    }
  }
  const last = toks[count - 1]!;
  // Three lines exactly: one shortened part number, the date line, the traceability code alone.
  const lastAlone = toks[count - 2]!.line < lastLine;
  const oneFirstWord = toks[1]!.line === 1;
  if (lastLine === 2 && oneFirstWord && lastAlone && TRACE.test(last.text) && dateOnSecond) {
    return found(`three-character traceability code ${last.text} on the last line, below the date`);
  }
  // `1411NE / 635256`: one-digit year, week and traceability code on the second of two lines, below a short first word.
  if (count === 2 && lastLine === 1 && toks[0]!.text.length <= 8 && toks[0]!.hasLetter && YWWNNN.test(last.text)) {
    return found(`year, week and traceability code ${last.text} below the shortened part number`);
  }
  return null;
}

function found(sign: string): LayoutMatch {
  return { maker: MICROCHIP_MAKER!, sign, source: MICROCHIP.source };
}
