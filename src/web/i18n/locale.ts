import { DEFAULT_LANGUAGE, INTL_LOCALE, type Language } from './languages.js';

/**
 * The language in force, for code that formats outside React (lib/format.ts). i18n/index.ts sets
 * it whenever the language changes; a test that never starts i18next reads English.
 */
let current: Language = DEFAULT_LANGUAGE;

export function currentLanguage(): Language {
  return current;
}

export function currentIntlLocale(): string {
  return INTL_LOCALE[current];
}

export function setCurrentLanguage(language: Language): void {
  current = language;
}
