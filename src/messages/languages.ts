/**
 * The languages server messages come in (issue 24), and how a request picks one. Pure. The list is
 * the web app's (src/web/i18n/languages.ts) and the users table's CHECK (migration 0033).
 */
export const LANGUAGES = ['en', 'uk'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

/** The BCP 47 tag handed to `Intl` (British English keeps day-month-year dates, as the web app does). */
export const INTL_LOCALE: Record<Language, string> = { en: 'en-GB', uk: 'uk-UA' };

export function isLanguage(x: unknown): x is Language {
  return typeof x === 'string' && (LANGUAGES as readonly string[]).includes(x);
}

/**
 * The best of our languages in an `Accept-Language` header (RFC 9110 §12.5.4: q-values, `uk-UA`
 * matches `uk`), or null when the header names none of them — the caller then keeps English.
 */
export function languageFromHeader(header: string | undefined): Language | null {
  if (!header) return null;
  let best: Language | null = null;
  let bestQ = 0;
  for (const part of header.split(',')) {
    const [tag = '', ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)).find(Boolean);
    const weight = q ? Number(q[1]) : 1;
    const primary = tag.trim().toLowerCase().split('-')[0];
    if (isLanguage(primary) && weight > bestQ) {
      best = primary;
      bestQ = weight;
    }
  }
  return best;
}

/**
 * Which language a request is answered in. The signed-in user's own setting wins over the header:
 * it is a choice the person made (in the web app's switch or `PATCH /api/auth/me`), whereas
 * `Accept-Language` is usually the browser's or the operating system's default. Then the header;
 * then English, so a client that asks for nothing gets exactly the English it always got.
 */
export function chooseLanguage(userSetting: Language | null | undefined, acceptLanguage: string | undefined): Language {
  return userSetting ?? languageFromHeader(acceptLanguage) ?? DEFAULT_LANGUAGE;
}
