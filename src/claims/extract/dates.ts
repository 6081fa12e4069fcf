/**
 * Dates as reports write them ("February 6th", "2 January", "Dec. 18, 2024", "September 2023",
 * "early December", "last February", "on Wednesday", "earlier this year") resolved against the
 * publication date: a date without a year is the latest such date not after publication, because
 * news reports what has happened. Without a publication date a year-less date stays unresolved.
 * Result: YYYY-MM-DD, YYYY-MM or YYYY, or null.
 */
import { dayNumber, isoOf, weekday } from '../../calendar/index.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const pad = (n: number) => String(n).padStart(2, '0');

function monthOf(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return null;
  const i = MONTHS.indexOf(w.slice(0, 3));
  if (i < 0) return null;
  const full = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'][i]!;
  return full.startsWith(w) || w === 'sept' ? i + 1 : null;
}

function parts(published: string | null | undefined): { y: number; m: number; d: number } | null {
  const m = published?.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  return m ? { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) } : null;
}

export function resolveDate(phrase: string, published?: string | null): string | null {
  const p = parts(published);
  const text = phrase.replace(/[,]/g, ' ').replace(/\s+/g, ' ').trim();
  const lower = text.toLowerCase();
  const year = text.match(/\b(19\d{2}|20\d{2})\b/);
  const explicitYear = year ? Number(year[1]) : null;
  let month: number | null = null;
  let day: number | null = null;
  for (const w of text.split(' ')) {
    const mo = monthOf(w);
    if (mo && month === null) { month = mo; continue; }
    const dm = w.match(/^(\d{1,2})(?:st|nd|rd|th)?$/i);
    if (dm && Number(dm[1]) >= 1 && Number(dm[1]) <= 31 && day === null) day = Number(dm[1]);
  }
  if (month !== null) {
    const strictlyBefore = /\blast\b/.test(lower);
    let y = explicitYear;
    if (y === null) {
      if (!p) return null;
      y = p.y;
      const after = month > p.m || (month === p.m && (day ?? 1) > p.d) || (strictlyBefore && month >= p.m);
      if (after) y -= 1;
    }
    return day !== null && !/\b(early|mid|late)\b/.test(lower) ? `${y}-${pad(month)}-${pad(day)}` : `${y}-${pad(month)}`;
  }
  if (explicitYear !== null) return String(explicitYear);
  if (!p) return null;
  if (/\b(this|earlier this|later this) year\b/.test(lower)) return String(p.y);
  if (/\blast year\b/.test(lower)) return String(p.y - 1);
  if (/\btoday\b/.test(lower)) return `${p.y}-${pad(p.m)}-${pad(p.d)}`;
  const back = (days: number) => isoOf(dayNumber(p.y, p.m, p.d) - days);
  if (/\byesterday\b/.test(lower)) return back(1);
  const wd = WEEKDAYS.findIndex((w) => lower.includes(w));
  if (wd >= 0) {
    const today = (weekday(dayNumber(p.y, p.m, p.d)) + 1) % 7; // Sunday = 0, as WEEKDAYS
    return back((today - wd + 7) % 7);
  }
  return null;
}
