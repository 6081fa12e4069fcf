/** Display helpers. Country names come from the browser's own CLDR data (Intl), so none are shipped. */

const regionNames = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(['en'], { type: 'region' }) : null;

export function countryName(code: string | null | undefined): string {
  if (!code) return 'Unknown';
  try {
    return regionNames?.of(code) ?? code;
  } catch {
    return code;
  }
}

const dateFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const dateTimeFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' });

/** `YYYY-MM-DD` strings are calendar dates, not instants: format them in UTC so no time zone shifts a day. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(d.getTime()) ? iso : dateFmt.format(d);
}

const monthFmt = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/**
 * A date as precisely as it is known: the server stores "in February 2024" as 2024-02-01 with
 * precision `month`, which must read "Feb 2024", never "1 Feb 2024"; `year` reads "2024".
 */
export function formatDateAt(iso: string | null | undefined, precision: 'day' | 'month' | 'year' | null | undefined): string {
  if (!iso || !precision || precision === 'day') return formatDate(iso);
  if (precision === 'year') return iso.slice(0, 4);
  const d = new Date(`${iso.slice(0, 7)}-01T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso.slice(0, 7) : monthFmt.format(d);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTimeFmt.format(d);
}

/** A date range as short as it can be read: "5–11 Oct 2020", "28 Sep – 4 Oct 2020", "Dec 2019 – Jan 2020". */
export function formatRange(from: string | null | undefined, to: string | null | undefined): string {
  if (!from && !to) return '—';
  if (!to || from === to) return formatDate(from);
  if (!from) return `by ${formatDate(to)}`;
  const [fy, fm, fd] = from.slice(0, 10).split('-');
  const [ty, tm] = to.slice(0, 10).split('-');
  const a = formatDate(from);
  const b = formatDate(to);
  if (fy === ty && fm === tm) return `${Number(fd)}–${b}`;
  if (fy === ty) return `${a.replace(` ${fy}`, '')} – ${b}`;
  return `${a} – ${b}`;
}

const num = new Intl.NumberFormat('en-GB');
export function formatNumber(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : num.format(n);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function percent(part: number, whole: number): string {
  if (!whole) return '—';
  const p = (100 * part) / whole;
  return `${p < 10 ? p.toFixed(1) : Math.round(p)}%`;
}

const QUALIFIER: Record<string, string> = { exact: '', at_least: 'at least ', at_most: 'at most ', about: 'about ', more_than: 'more than ', less_than: 'less than ' };
export function formatQuantity(q: number | null, qualifier: string | null): string {
  if (q === null) return '—';
  return `${QUALIFIER[qualifier ?? 'exact'] ?? ''}${formatNumber(q)}`;
}

export function humanise(s: string | null | undefined): string {
  if (!s) return '—';
  const t = s.replace(/_/g, ' ');
  return t.charAt(0).toUpperCase() + t.slice(1);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}
