/** Format detection and one entry point for every list parser. */
import type { Chunks, ListFormat, ListItem } from '../types.js';
import { parseFtm } from './ftm.js';
import { parseOfacCsv, parseOfacXml } from './ofac.js';
import { parseTargetsSimple } from './targets-simple.js';
import { parseUnXml } from './un-xml.js';

export const LIST_FORMATS: readonly ListFormat[] = ['un', 'ofac', 'ofac-xml', 'ftm', 'targets'];

/**
 * Guesses a list's format from its first few kilobytes; the file name only
 * breaks the tie for OFAC's headerless CSV.
 */
export function detectFormat(fileName: string, head: string): ListFormat | null {
  const text = head.replace(/^\ufeff/, '').trimStart();
  if (text.startsWith('<')) {
    if (/<CONSOLIDATED_LIST[\s>]/.test(text)) return 'un';
    if (/<sdnList[\s>]/.test(text)) return 'ofac-xml';
    return null;
  }
  if (text.startsWith('{')) return 'ftm';
  const firstLine = text.split(/\r\n|\r|\n/, 1)[0] ?? '';
  if (/^"?id"?,"?schema"?,"?name"?/i.test(firstLine)) return 'targets';
  if (/^"?\d+"?\s*,/.test(firstLine) && /sdn/i.test(fileName)) return 'ofac';
  return null;
}

export interface ListSources {
  main: Chunks;
  /** OFAC CSV companions. */
  alt?: Chunks;
  add?: Chunks;
}

export function parseList(format: ListFormat, sources: ListSources): AsyncGenerator<ListItem> {
  switch (format) {
    case 'un':
      return parseUnXml(sources.main);
    case 'ofac': {
      const files: Parameters<typeof parseOfacCsv>[0] = { sdn: sources.main };
      if (sources.alt) files.alt = sources.alt;
      if (sources.add) files.add = sources.add;
      return parseOfacCsv(files);
    }
    case 'ofac-xml':
      return parseOfacXml(sources.main);
    case 'ftm':
      return parseFtm(sources.main);
    case 'targets':
      return parseTargetsSimple(sources.main);
  }
}

export { parseFtm, parseOfacCsv, parseOfacXml, parseTargetsSimple, parseUnXml };
