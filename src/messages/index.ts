/**
 * Server messages in the reader's language (issue 24): the face that `http/`, `cli/`, the evidence
 * package and import reports use. See docs/i18n.md "Server messages".
 */
import { translateText } from './templates.js';
import type { Language } from './languages.js';

export { LANGUAGES, DEFAULT_LANGUAGE, INTL_LOCALE, isLanguage, languageFromHeader, chooseLanguage, type Language } from './languages.js';
export { CATALOGUES, NAMESPACES, render, type Namespace } from './catalogue.js';
export { recognise, translateText, type Recognised } from './templates.js';
export { localiseIdentification, localiseReading, localiseSuggestion } from './identification.js';
export { localiseImportReport } from './report.js';
export { localiseChainWarnings, localiseKeys, localiseLedger, localiseMatchDetails, localiseNotes, localiseReferenceLabels, localiseWorded } from './notes.js';
export { compareCatalogues } from './catalogue-check.js';

/**
 * What `Problem.toJSON` takes to translate: undefined for English, so English output is built by
 * exactly the code that built it before there were languages.
 */
export function translatorFor(lang: Language): ((english: string) => string) | undefined {
  return lang === 'en' ? undefined : (english) => translateText(lang, english);
}
