/**
 * Reading reports for the claims ledger: candidate claims from a report's text (pure), and the
 * text of a report from its file (.txt with `# key: value` metadata, .html, .pdf).
 */
export { extractClaims, extractWith } from './extract.js';
export { loadNlp } from './nlp.js';
export { resolveDate } from './dates.js';
export { numberValue } from './quantities.js';
export { canonicalOrganisation, LEXICON_VERSIONS } from './lexicon.js';
export type { Candidate, ExtractOptions } from './types.js';
export { readReport, readPlainText, formatOf, MAX_REPORT_BYTES, type ReportText, type ReportMeta, type ReportFormat } from './document.js';
