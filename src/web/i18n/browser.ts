import type { Bundle } from './locales/bundle.js';
import { DEFAULT_LANGUAGE, type Language } from './languages.js';
import { setCurrentLanguage } from './locale.js';
import { i18n } from './index.js';

/** Switching languages in the browser: loading a language's chunk, the `lang` attribute, remembering. */

const loaders: Record<Exclude<Language, 'en'>, () => Promise<Bundle>> = {
  uk: () => import('./locales/uk.js').then((m) => m.default),
};

const STORAGE_KEY = 'remnant.language';

async function load(language: Language): Promise<void> {
  if (language === 'en' || i18n.hasResourceBundle(language, 'common')) return;
  const bundle = await loaders[language]();
  for (const [ns, messages] of Object.entries(bundle)) i18n.addResourceBundle(language, ns, messages, true, true);
}

function apply(language: Language): void {
  setCurrentLanguage(language);
  document.documentElement.lang = language;
}

/** Loads `language` before the first render, so that no other language flashes. */
export async function startI18n(language: Language): Promise<void> {
  if (language !== DEFAULT_LANGUAGE) await changeLanguage(language);
  else apply(language);
}

/** Loads and switches to `language`; the `lang` attribute and the formatting locale follow. */
export async function changeLanguage(language: Language): Promise<void> {
  await load(language);
  await i18n.changeLanguage(language);
  apply(language);
}

/** The browser's remembered choice (localStorage), or null when none or storage is blocked. */
export function storedLanguage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function rememberLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private windows may refuse storage: the choice then lasts for the visit (and the URL keeps it).
  }
}
