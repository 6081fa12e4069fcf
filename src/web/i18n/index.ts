import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.js';
import { DEFAULT_LANGUAGE, LANGUAGES } from './languages.js';

export { LANGUAGES, LANGUAGE_NAMES, type Language, isLanguage } from './languages.js';
export { currentLanguage, currentIntlLocale } from './locale.js';

/**
 * The app's one i18next instance. English ships with the shell; every other language is a chunk of
 * its own fetched when it is first chosen (browser.ts; README.md here says how to add strings). Plural keys
 * follow `Intl.PluralRules` (`_one`/`_other` in English, `_one`/`_few`/`_many`/`_other` in Ukrainian).
 */
export const i18n = i18next.createInstance();

// Started at once, synchronously, in English (bundled): code outside React (lib/format.ts) and tests
// can translate before the app renders; startI18n then switches to the chosen language.
void i18n.use(initReactI18next).init({
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  resources: { en },
  ns: Object.keys(en),
  defaultNS: 'common',
  initAsync: false,
  // React escapes what it renders; escaping here as well would show "&amp;".
  interpolation: { escapeValue: false },
  returnNull: false,
  react: { useSuspense: false },
});
