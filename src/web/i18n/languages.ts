/**
 * The languages of the web app and public portal, and how a URL carries one. Pure: no i18next, no
 * DOM, so the formatting module, the router set-up and tests share it.
 *
 * English is the default and has no prefix; every other language has one (`/uk/items/…`), so a link
 * to a page of the portal keeps the language it was read in.
 */
export const LANGUAGES = ['en', 'uk'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

/** Each language's own name, shown in the switch as its speakers write it (never translated). */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', uk: 'Українська' };

/** The BCP 47 tag handed to `Intl`: British English keeps the app's day-month-year dates. */
export const INTL_LOCALE: Record<Language, string> = { en: 'en-GB', uk: 'uk' };

export function isLanguage(x: unknown): x is Language {
  return typeof x === 'string' && (LANGUAGES as readonly string[]).includes(x);
}

/** `/uk/items/1` → `{ language: 'uk', path: '/items/1' }`; `/items/1` → `{ language: null, path: '/items/1' }`. */
export function splitLanguagePrefix(pathname: string): { language: Language | null; path: string } {
  const m = /^\/([a-z]{2})(?=\/|$)(.*)$/.exec(pathname);
  if (m && isLanguage(m[1]) && m[1] !== DEFAULT_LANGUAGE) return { language: m[1], path: m[2] || '/' };
  return { language: null, path: pathname };
}

/** The router base for a language: '' for English, `/uk` for Ukrainian. */
export function languageBase(language: Language): string {
  return language === DEFAULT_LANGUAGE ? '' : `/${language}`;
}

/** The same page in another language: `/uk/items/1` → `/items/1` for English. */
export function pathInLanguage(pathname: string, language: Language): string {
  const { path } = splitLanguagePrefix(pathname);
  const base = languageBase(language);
  return base && path === '/' ? base : `${base}${path}`;
}

/** The first language of the browser's list that the app speaks (`uk-UA` → `uk`), else null. */
export function fromBrowserLanguages(list: readonly string[]): Language | null {
  for (const tag of list) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return null;
}

/**
 * Which language to open in, strongest first: the URL (a shared link), the signed-in user's setting
 * (applied once the session is known), the browser's remembered choice, the browser's own languages.
 */
export function chooseLanguage(opts: { url: Language | null; user?: Language | null; stored?: string | null; browser?: readonly string[] }): Language {
  if (opts.url) return opts.url;
  if (opts.user) return opts.user;
  if (isLanguage(opts.stored)) return opts.stored;
  return fromBrowserLanguages(opts.browser ?? []) ?? DEFAULT_LANGUAGE;
}
