import { createRequire } from 'node:module';
import anyAscii from 'any-ascii';
import { INTL_LOCALE, render, translateText, type Language } from '../messages/index.js';

/**
 * The evidence package's words, dates, numbers and fonts in one language (issue 24). English is
 * drawn exactly as before languages existed (PDF core fonts, ISO dates, plain numbers); Ukrainian
 * uses DejaVu Sans, embedded, since the core fonts encode WinAnsi only, and `Intl` (uk-UA) for
 * dates and numbers. Headings and labels come from src/messages/locales/<lang>/package.json.
 */
export interface Words {
  language: Language;
  /** A package.json entry. */
  s: (key: string, params?: Record<string, unknown>) => string;
  /** A server sentence (capture time, findings note) in this language, where it is catalogued. */
  say: (english: string) => string;
  /** Text the fonts can draw: anything else is transliterated, not printed as garbage. */
  t: (v: unknown) => string;
  day: (v: unknown) => string;
  dateTime: (d: Date) => string;
  num: (n: unknown) => string;
  /** A share already in percent (0-100). */
  pct: (share: number) => string;
  fonts: { body: string; bold: string; files?: { body: string; bold: string } };
}

const require = createRequire(import.meta.url);
const dejavu = (file: string) => require.resolve(`dejavu-fonts-ttf/ttf/${file}`);

/** WinAnsi for the core fonts; DejaVu also draws Latin Extended, Greek, Cyrillic and common punctuation. */
const NOT_WINANSI = /[^\u0020-\u007e\u00a0-\u00ff\n]/g;
const NOT_DEJAVU = /[^\u0020-\u007e\u00a0-\u052f\u1e00-\u1eff\u2000-\u22ff\n]/g;
const drawable = (re: RegExp) => (v: unknown): string => (v === null || v === undefined ? '' : String(v)).replace(re, (ch) => anyAscii(ch) || '?');

const ENGLISH: Words = {
  language: 'en',
  s: (key, params) => render('en', 'package', key, params),
  say: (english) => english,
  t: drawable(NOT_WINANSI),
  day: (v) => (v ? String(v).slice(0, 10) : ''),
  dateTime: (d) => d.toISOString(),
  num: (n) => String(n),
  pct: (share) => `${share}%`,
  fonts: { body: 'Helvetica', bold: 'Helvetica-Bold' },
};

function intlWords(language: Language): Words {
  const locale = INTL_LOCALE[language];
  const date = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'long', timeZone: 'UTC' });
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  return {
    language,
    s: (key, params) => render(language, 'package', key, params),
    say: (english) => translateText(language, english),
    t: drawable(NOT_DEJAVU),
    // Dates arrive as 'YYYY-MM-DD' (or an ISO time): read as UTC days, never shifted by a zone.
    day: (v) => (v ? date.format(new Date(`${String(v).slice(0, 10)}T00:00:00Z`)) : ''),
    dateTime: (d) => dateTime.format(d),
    num: (n) => (typeof n === 'number' ? number.format(n) : String(n)),
    pct: (share) => percent.format(share / 100),
    fonts: { body: 'Body', bold: 'Bold', files: { body: dejavu('DejaVuSans.ttf'), bold: dejavu('DejaVuSans-Bold.ttf') } },
  };
}

const UKRAINIAN = intlWords('uk');

export function wordsFor(language: Language = 'en'): Words {
  return language === 'uk' ? UKRAINIAN : ENGLISH;
}
