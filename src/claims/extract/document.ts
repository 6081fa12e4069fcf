import { ValidationProblem } from '../../problems.js';

/**
 * The text of a report from the bytes of its file (no file I/O here: callers read or receive the
 * bytes). Plain text may carry metadata in `# key: value` lines at the top; HTML is reduced to its
 * main article with Mozilla Readability over linkedom, and its metadata read from the page; a PDF
 * gives its text layer through unpdf. Bad input is a ValidationProblem naming `file` (or `text`).
 */
export const MAX_REPORT_BYTES = 10 * 1024 * 1024;

export type ReportFormat = 'text' | 'html' | 'pdf';

export interface ReportMeta {
  title: string | null;
  url: string | null;
  publishedOn: string | null;
  publisher: string | null;
  author: string | null;
  language: string | null;
}

export interface ReportText { format: ReportFormat; text: string; meta: ReportMeta }

const emptyMeta = (): ReportMeta => ({ title: null, url: null, publishedOn: null, publisher: null, author: null, language: null });
const fail = (field: string, message: string): never => { throw new ValidationProblem([{ field, message }]); };

/** The format from the file name or media type, else from the first bytes. */
export function formatOf(name: string | null, bytes: Uint8Array, mediaType?: string | null): ReportFormat {
  const n = (name ?? '').toLowerCase();
  const t = (mediaType ?? '').toLowerCase();
  if (n.endsWith('.pdf') || t.includes('pdf') || Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-') return 'pdf';
  if (/\.x?html?$/.test(n) || t.includes('html')) return 'html';
  const head = Buffer.from(bytes.subarray(0, 512)).toString('utf8').trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'html';
  return 'text';
}

/** YYYY-MM-DD from an ISO date-time or a citation date written YYYY/MM/DD. */
const isoDay = (s: string | null | undefined): string | null => {
  const m = s?.match(/(\d{4})([-/])(\d{2})\2(\d{2})/);
  return m ? `${m[1]}-${m[3]}-${m[4]}` : null;
};

/** `# source: URL`, `# date: YYYY-MM-DD`, `# title:`, `# publisher:`, `# author:`, `# language:` lines at the top. */
export function readPlainText(raw: string): ReportText {
  const meta = emptyMeta();
  const lines = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  for (; i < lines.length; i++) {
    const m = lines[i]!.match(/^#\s*([a-z-]+)\s*:\s*(.*)$/i);
    if (!m) break;
    const [key, value] = [m[1]!.toLowerCase(), m[2]!.trim()];
    if (key === 'source' || key === 'url') meta.url = value || null;
    else if (key === 'date' || key === 'published') {
      meta.publishedOn = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : fail('date', `"# date:" must be YYYY-MM-DD, got "${value}"`);
    } else if (key === 'title') meta.title = value || null;
    else if (key === 'publisher' || key === 'outlet') meta.publisher = value || null;
    else if (key === 'author') meta.author = value || null;
    else if (key === 'language' || key === 'lang') meta.language = value || null;
  }
  const text = lines.slice(i).join('\n').trim();
  return { format: 'text', text, meta };
}

/** The article's metadata from a page's JSON-LD (schema.org NewsArticle, Report, ScholarlyArticle…), where the meta tags are silent. */
export function jsonLd(scripts: string[]): { title: string | null; published: string | null; publisher: string | null; author: string | null; language: string | null } {
  const out = { title: null as string | null, published: null as string | null, publisher: null as string | null, author: null as string | null, language: null as string | null };
  const nameOf = (v: unknown): string | null => {
    if (typeof v === 'string') return v.trim() || null;
    if (Array.isArray(v)) return v.map(nameOf).filter(Boolean).join(', ') || null;
    if (v && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string') return ((v as { name: string }).name).trim() || null;
    return null;
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) { node.forEach(visit); return; }
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o['@graph']) visit(o['@graph']);
    // The article itself carries datePublished; a WebSite or Organization node does not.
    if (typeof o.datePublished !== 'string') return;
    out.published ??= o.datePublished;
    out.title ??= nameOf(o.headline) ?? nameOf(o.name);
    out.publisher ??= nameOf(o.publisher);
    out.author ??= nameOf(o.author);
    out.language ??= typeof o.inLanguage === 'string' ? o.inLanguage : null;
  };
  for (const s of scripts) {
    try { visit(JSON.parse(s)); } catch { /* a broken block is skipped: metadata is optional */ }
  }
  return out;
}

export async function readHtml(html: string): Promise<ReportText> {
  const [{ parseHTML }, { Readability }] = await Promise.all([import('linkedom'), import('@mozilla/readability')]);
  const { document } = parseHTML(html);
  const metaContent = (...names: string[]) => {
    for (const n of names) {
      const el = document.querySelector(`meta[property="${n}"], meta[name="${n}"], meta[itemprop="${n}"]`);
      const v = el?.getAttribute('content')?.trim();
      if (v) return v;
    }
    return null;
  };
  const ld = jsonLd([...document.querySelectorAll('script[type="application/ld+json"]')].map((el) => el.textContent ?? ''));
  const meta: ReportMeta = {
    title: metaContent('og:title', 'citation_title', 'dc.title', 'twitter:title') ?? ld.title ?? (document.querySelector('title')?.textContent?.trim() || null),
    url: metaContent('og:url') ?? document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null,
    publishedOn: isoDay(metaContent('article:published_time', 'citation_publication_date', 'citation_date', 'citation_online_date', 'datePublished', 'date', 'dc.date', 'DC.date.issued', 'dcterms.issued', 'pubdate'))
      ?? isoDay(ld.published) ?? isoDay(document.querySelector('time[datetime]')?.getAttribute('datetime')),
    publisher: metaContent('og:site_name', 'citation_publisher', 'publisher', 'dc.publisher') ?? ld.publisher,
    author: metaContent('author', 'article:author', 'citation_author', 'dc.creator') ?? ld.author,
    language: document.documentElement?.getAttribute('lang')?.trim() || metaContent('citation_language', 'dc.language', 'og:locale')?.replace('_', '-') || ld.language,
  };
  // Readability changes the document it reads; metadata is taken first.
  const article = new Readability(document, { charThreshold: 200 }).parse();
  const text = (article?.textContent ?? '')
    .split('\n').map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim()).filter(Boolean).join('\n');
  if (!article || text.split(/\s+/).length < 40) fail('file', 'no article found in the HTML page (its main text could not be told from navigation and adverts)');
  meta.title ??= article!.title?.trim() || null;
  meta.author ??= article!.byline?.trim() || null;
  meta.publisher ??= article!.siteName?.trim() || null;
  meta.language ??= article!.lang?.trim() || null;
  meta.publishedOn ??= isoDay(article!.publishedTime);
  return { format: 'html', text, meta };
}

/**
 * A PDF's text layer breaks every printed line; the extractor reads a line break as the end of a
 * sentence (a headline is not the next sentence's subject). A line that does not end a sentence
 * continues on the next one, so they are joined with a space; blank lines (paragraphs) stay.
 */
export function unwrapLines(text: string): string {
  return text.replace(/([^.!?:;"”’)\]\n])[ \t]*\n(?=[ \t]*[^\s])/gu, '$1 ');
}

export async function readPdf(bytes: Uint8Array): Promise<ReportText> {
  const { getDocumentProxy, extractText, getMeta } = await import('unpdf');
  let pdf;
  try {
    pdf = await getDocumentProxy(new Uint8Array(bytes));
  } catch {
    return fail('file', 'not a readable PDF');
  }
  const { text } = await extractText(pdf, { mergePages: true });
  const clean = unwrapLines(text.replace(/[ \t]+/g, ' ').replace(/\n{3,}/g, '\n\n').trim());
  if (clean.replace(/\s+/g, '').length === 0) fail('file', 'no text found; OCR is not applied to documents');
  const meta = emptyMeta();
  try {
    const { info } = await getMeta(pdf) as { info: Record<string, unknown> };
    meta.title = typeof info.Title === 'string' && info.Title.trim() ? info.Title.trim() : null;
    meta.author = typeof info.Author === 'string' && info.Author.trim() ? info.Author.trim() : null;
    const d = typeof info.CreationDate === 'string' ? info.CreationDate.match(/^D:(\d{4})(\d{2})(\d{2})/) : null;
    meta.publishedOn = d ? `${d[1]}-${d[2]}-${d[3]}` : null;
  } catch { /* metadata is optional */ }
  return { format: 'pdf', text: clean, meta };
}

/** The report's text and metadata from its bytes; rejects empty, oversized and textless files with a clear message. */
export async function readReport(bytes: Uint8Array, name: string | null, mediaType?: string | null): Promise<ReportText> {
  if (bytes.byteLength > MAX_REPORT_BYTES) fail('file', `is ${(bytes.byteLength / 1048576).toFixed(1)} MB; a report may be at most ${MAX_REPORT_BYTES / 1048576} MB`);
  if (bytes.byteLength === 0) fail('file', 'is empty');
  const format = formatOf(name, bytes, mediaType);
  const result = format === 'pdf' ? await readPdf(bytes)
    : format === 'html' ? await readHtml(new TextDecoder().decode(bytes))
      : readPlainText(new TextDecoder('utf-8', { fatal: false }).decode(bytes));
  if (!/\p{L}/u.test(result.text)) fail(format === 'text' ? 'text' : 'file', 'no text found');
  return result;
}
