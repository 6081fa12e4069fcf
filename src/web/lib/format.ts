import { i18n } from '../i18n/index.js';
import { currentIntlLocale, currentLanguage } from '../i18n/locale.js';

/**
 * Display helpers: the one place dates, numbers, percentages, sizes and country names are formatted,
 * always with `Intl` for the language in force (i18n/locale.ts): "2 січня 2024 р.", "75,5%", "12 345".
 * Country names come from the browser's own CLDR data, so none are shipped.
 */

const formatters = new Map<string, unknown>();
/** One Intl formatter per language and kind, made on first use (they are costly to construct). */
function formatter<T>(kind: string, make: (locale: string) => T): T {
  const locale = currentIntlLocale();
  const key = `${locale}|${kind}`;
  if (!formatters.has(key)) formatters.set(key, make(locale));
  return formatters.get(key) as T;
}

const dateFmt = () => formatter('date', (l) => new Intl.DateTimeFormat(l, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }));
const monthFmt = () => formatter('month', (l) => new Intl.DateTimeFormat(l, { month: 'short', year: 'numeric', timeZone: 'UTC' }));
const dateTimeFmt = () => formatter('datetime', (l) => new Intl.DateTimeFormat(l, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' }));
const numberFmt = () => formatter('number', (l) => new Intl.NumberFormat(l));

export function countryName(code: string | null | undefined): string {
  if (!code) return i18n.t('common:unknown');
  try {
    const names = typeof Intl.DisplayNames === 'function' ? formatter('region', (l) => new Intl.DisplayNames([l], { type: 'region' })) : null;
    return names?.of(code) ?? code;
  } catch {
    return code;
  }
}

/** `YYYY-MM-DD` strings are calendar dates, not instants: read them in UTC so no time zone shifts a day. */
function calendarDate(iso: string): Date {
  return new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = calendarDate(iso);
  return Number.isNaN(d.getTime()) ? iso : dateFmt().format(d);
}

/**
 * A date as precisely as it is known: the server stores "in February 2024" as 2024-02-01 with
 * precision `month`, which must read "Feb 2024", never "1 Feb 2024"; `year` reads "2024".
 */
export function formatDateAt(iso: string | null | undefined, precision: 'day' | 'month' | 'year' | null | undefined): string {
  if (!iso || !precision || precision === 'day') return formatDate(iso);
  if (precision === 'year') return iso.slice(0, 4);
  const d = new Date(`${iso.slice(0, 7)}-01T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso.slice(0, 7) : monthFmt().format(d);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTimeFmt().format(d);
}

/** A date range as short as the language writes it (Intl's range format): "5 – 11 Oct 2020", "5–11 жовт. 2020 р.". */
export function formatRange(from: string | null | undefined, to: string | null | undefined): string {
  if (!from && !to) return '—';
  if (!to || from === to) return formatDate(from);
  if (!from) return i18n.t('common:range.by', { date: formatDate(to) });
  const a = calendarDate(from);
  const b = calendarDate(to);
  if (Number.isNaN(a.getTime()) || Number.isNaN(b.getTime()) || a > b) return `${formatDate(from)} – ${formatDate(to)}`;
  return dateFmt().formatRange(a, b);
}

export function formatNumber(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : numberFmt().format(n);
}

export function formatBytes(n: number): string {
  const [value, unit] = n < 1024 ? [n, 'byte'] : n < 1024 * 1024 ? [n / 1024, 'kilobyte'] : [n / 1024 / 1024, 'megabyte'];
  return formatter(`bytes-${unit}`, (l) => new Intl.NumberFormat(l, { style: 'unit', unit, maximumFractionDigits: 1 })).format(value);
}

/** A share as a percentage, one decimal below 10 %: "7.5%", "7,5%", "76%". */
export function percent(part: number, whole: number): string {
  if (!whole) return '—';
  const share = part / whole;
  const digits = share < 0.1 ? 1 : 0;
  return formatter(`percent-${digits}`, (l) => new Intl.NumberFormat(l, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits })).format(share);
}

/** A name in the language in force: the Ukrainian one when reading Ukrainian and the record has it. */
export function localName(english: string | null | undefined, ukrainian: string | null | undefined): string | null {
  return (currentLanguage() === 'uk' && ukrainian) || english || ukrainian || null;
}

/** A fraction as a percentage with one decimal: 0.755 → "75.5%", "75,5%". */
export function formatShare(fraction: number): string {
  return formatter('share', (l) => new Intl.NumberFormat(l, { style: 'percent', maximumFractionDigits: 1 })).format(fraction);
}

/** A percentage as the server gives it (0–100, shares that add up to 100): 74 → "74%", 50.7 → "50,7%". */
export function formatPercent(percentage: number): string {
  return formatShare(percentage / 100);
}

/** "at least 20", "щонайменше 20": the qualifier words are messages (common.json, `qualifier.*`). */
export function formatQuantity(q: number | null, qualifier: string | null): string {
  if (q === null) return '—';
  const n = formatNumber(q);
  return !qualifier || qualifier === 'exact' ? n : i18n.t(`common:qualifier.${qualifier}`, { n, defaultValue: n });
}

/**
 * A code the API returns (`in_custody`, `reviewer`, `confirmed`) as words: its message in the
 * `values` namespace (values.json) when there is one, else the code made readable ("In custody").
 */
export function humanise(s: string | null | undefined): string {
  if (!s) return '—';
  const t = s.replace(/_/g, ' ');
  const readable = t.charAt(0).toUpperCase() + t.slice(1);
  return /^[a-z0-9_-]+$/i.test(s) ? i18n.t(`values:${s}`, { defaultValue: readable }) : readable;
}

/** English-only: prefer `t('key', { count })` with `_one`/`_other` (and Ukrainian `_few`/`_many`) keys. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}
