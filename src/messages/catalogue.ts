import i18next, { type TFunction } from 'i18next';
import enProblems from './locales/en/problems.json' with { type: 'json' };
import ukProblems from './locales/uk/problems.json' with { type: 'json' };
import enFragments from './locales/en/fragments.json' with { type: 'json' };
import ukFragments from './locales/uk/fragments.json' with { type: 'json' };
import enIdentify from './locales/en/identify.json' with { type: 'json' };
import ukIdentify from './locales/uk/identify.json' with { type: 'json' };
import enReport from './locales/en/report.json' with { type: 'json' };
import ukReport from './locales/uk/report.json' with { type: 'json' };
import enPackage from './locales/en/package.json' with { type: 'json' };
import enFindings from './locales/en/findings.json' with { type: 'json' };
import ukFindings from './locales/uk/findings.json' with { type: 'json' };
import ukPackage from './locales/uk/package.json' with { type: 'json' };
import enTracing from './locales/en/tracing.json' with { type: 'json' };
import ukTracing from './locales/uk/tracing.json' with { type: 'json' };
import enScreening from './locales/en/screening.json' with { type: 'json' };
import ukScreening from './locales/uk/screening.json' with { type: 'json' };
import enClaims from './locales/en/claims.json' with { type: 'json' };
import ukClaims from './locales/uk/claims.json' with { type: 'json' };
import { LANGUAGES, type Language } from './languages.js';

/**
 * The server's message catalogue (issue 24): one JSON file per namespace and language under
 * `locales/`, rendered by one i18next instance of its own (the web app's is separate and lives in
 * the browser). The English file is the English text: code that says something to a person either
 * renders a key from here, or says the English sentence that a `{{placeholder}}` pattern here
 * recognises at the edge (templates.ts).
 *
 * Namespaces: `problems` (titles, details, field messages), `identify` (the markings engine's
 * reasoning and warnings), `report` (import reports), `findings` (findings notes), `tracing` (a chain's
 * warnings), `screening` (a match's explanation lines), `claims` (conflict reasons, comparisons and
 * ingest candidates' notes), `fragments` (words that fill placeholders:
 * record types, roles, value types, date-code notes), `package` (the evidence package's headings).
 */
export const NAMESPACES = ['problems', 'identify', 'report', 'findings', 'tracing', 'screening', 'claims', 'fragments', 'package'] as const;
export type Namespace = (typeof NAMESPACES)[number];
/** Namespaces whose English entries are whole sentences that the edge recognises and translates. */
export const LINE_NAMESPACES: readonly Namespace[] = ['problems', 'identify', 'report', 'findings', 'tracing', 'screening', 'claims'];

export type Catalogue = Record<Namespace, Record<string, string>>;
export const CATALOGUES: Record<Language, Catalogue> = {
  en: { problems: enProblems, identify: enIdentify, report: enReport, findings: enFindings, tracing: enTracing, screening: enScreening, claims: enClaims, fragments: enFragments, package: enPackage },
  uk: { problems: ukProblems, identify: ukIdentify, report: ukReport, findings: ukFindings, tracing: ukTracing, screening: ukScreening, claims: ukClaims, fragments: ukFragments, package: ukPackage },
};

const instance = i18next.createInstance();
// initAsync false: resources are in memory, so the instance is ready when this module is.
void instance.init({
  resources: CATALOGUES,
  lng: 'en',
  fallbackLng: 'en',
  ns: [...NAMESPACES],
  defaultNS: 'problems',
  initAsync: false,
  // Keys hold dots and English patterns hold colons: neither separates anything here.
  keySeparator: false,
  nsSeparator: false,
  // Plain text out (PDF, JSON, terminal): nothing is HTML-escaped.
  interpolation: { escapeValue: false },
  returnNull: false,
});

const fixed = new Map<string, TFunction>();
for (const lng of LANGUAGES) for (const ns of NAMESPACES) fixed.set(`${lng}:${ns}`, instance.getFixedT(lng, ns));

/** One catalogue entry in a language; `count` picks the plural form (Intl.PluralRules). */
export function render(lang: Language, ns: Namespace, key: string, params: Record<string, unknown> = {}): string {
  const t = fixed.get(`${lang}:${ns}`)!;
  return String(t(key, params as Record<string, string>));
}
