/**
 * Finds where each claim's quoted text sits in its source's full text, tolerant of case, curly quotes
 * and line breaks (quotes are often copied from a PDF). Pure, unit-tested.
 */
export interface Span {
  id: string;
  start: number;
  end: number;
}

function normaliseChar(ch: string): string {
  if (/\s/.test(ch)) return ' ';
  if (/[‘’‛′]/.test(ch)) return "'";
  if (/[“”„″]/.test(ch)) return '"';
  if (/[‐‑‒–—]/.test(ch)) return '-';
  return ch.toLowerCase();
}

/** The text folded for matching, with a map from each folded position back to the original. */
function fold(text: string): { folded: string; map: number[] } {
  let folded = '';
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = normaliseChar(text[i]!);
    if (c === ' ' && folded.endsWith(' ')) continue;
    folded += c;
    map.push(i);
  }
  return { folded, map };
}

export function locateQuotes(text: string, quotes: { id: string; quote: string | null }[]): { spans: Span[]; missing: string[] } {
  const { folded, map } = fold(text);
  const spans: Span[] = [];
  const missing: string[] = [];
  for (const { id, quote } of quotes) {
    const q = quote ? fold(quote.trim()).folded.replace(/^["']|["']$/g, '').trim() : '';
    const at = q.length >= 3 ? folded.indexOf(q) : -1;
    if (at < 0) {
      missing.push(id);
      continue;
    }
    const start = map[at]!;
    const end = map[at + q.length - 1]! + 1;
    // Overlapping quotes: the later one is kept out of the text and listed instead, so marks never nest.
    if (spans.some((s) => start < s.end && end > s.start)) missing.push(id);
    else spans.push({ id, start, end });
  }
  return { spans: spans.sort((a, b) => a.start - b.start), missing };
}
