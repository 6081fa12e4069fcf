import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { readReport, MAX_REPORT_BYTES } from '../../src/claims/extract/index.js';
import { ValidationProblem } from '../../src/problems.js';
import { runRemnant } from '../support/cli.js';

const ARTICLE = 'Jonah Leff, executive director of Conflict Armament Research, told the Security Council on Wednesday that researchers examined remnants of four missiles recovered in Ukraine in July and August. '
  + 'The missiles were made in North Korea, the group said, and one of them carried a 2024 production mark. '
  + 'According to Ukraine’s military intelligence, Russia has launched at least 60 KN-23 missiles since December. '
  + 'Researchers found components made by companies based in several countries, most of them distributed in East Asia.';

function pdf(draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ info: { Title: 'Test report', Author: 'Remnant tests' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    draw(doc);
    doc.end();
  });
}

async function problemOf(p: Promise<unknown>): Promise<string> {
  try { await p; } catch (e) { expect(e).toBeInstanceOf(ValidationProblem); return (e as ValidationProblem).detail; }
  throw new Error('expected a ValidationProblem');
}

describe('reading a report from its file', () => {
  it('takes `# key: value` lines at the top of a text file as metadata', async () => {
    const r = await readReport(Buffer.from(`# source: https://example.org/a\n# date: 2024-12-19\n# publisher: Example\n${ARTICLE}`), 'a.txt');
    expect(r.meta).toMatchObject({ url: 'https://example.org/a', publishedOn: '2024-12-19', publisher: 'Example' });
    expect(r.text.startsWith('Jonah Leff')).toBe(true);
  });

  it('reads the article and its metadata from a saved HTML page, leaving navigation out', async () => {
    const html = `<!doctype html><html lang="en"><head><title>Missiles</title>
      <meta property="og:site_name" content="Example News"><meta name="author" content="A. Writer">
      <meta property="article:published_time" content="2024-12-19T10:00:00Z"></head>
      <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
      <article><h1>North Korean missiles</h1>${ARTICLE.split('. ').map((s) => `<p>${s}.</p>`).join('')}</article>
      <footer>Subscribe to our newsletter</footer></body></html>`;
    const r = await readReport(Buffer.from(html), 'page.html');
    expect(r.format).toBe('html');
    expect(r.meta).toMatchObject({ publishedOn: '2024-12-19', publisher: 'Example News', author: 'A. Writer', language: 'en' });
    expect(r.text).toContain('at least 60 KN-23 missiles');
    expect(r.text).not.toContain('Subscribe');
  });

  it('reads the date, publisher, author and language from citation_* tags and JSON-LD when the page has no og: or article: tags', async () => {
    const body = `<article>${ARTICLE.split('. ').map((p) => `<p>${p}.</p>`).join('')}</article>`;
    const cited = await readReport(Buffer.from(`<!doctype html><html><head><meta name="citation_title" content="Missile parts">
      <meta name="citation_publication_date" content="2024/12/19"><meta name="citation_author" content="Researcher, A.">
      <meta name="citation_publisher" content="Example Institute"><meta name="citation_language" content="en"></head><body>${body}</body></html>`), 'c.html');
    expect(cited.meta).toMatchObject({ title: 'Missile parts', publishedOn: '2024-12-19', author: 'Researcher, A.', publisher: 'Example Institute', language: 'en' });
    const graph = { '@context': 'https://schema.org', '@graph': [{ '@type': 'WebSite', name: 'Example' }, { '@type': 'NewsArticle', headline: 'Four missiles', datePublished: '2024-12-18T10:00:00+02:00', inLanguage: 'en-GB', author: [{ '@type': 'Person', name: 'A. Writer' }], publisher: { '@type': 'Organization', name: 'Example News' } }] };
    const ld = await readReport(Buffer.from(`<!doctype html><html><head><script type="application/ld+json">${JSON.stringify(graph)}</script><script type="application/ld+json">{broken</script></head><body>${body}</body></html>`), 'ld.html');
    expect(ld.meta).toMatchObject({ title: 'Four missiles', publishedOn: '2024-12-18', author: 'A. Writer', publisher: 'Example News', language: 'en-GB' });
    // Nothing in the page: nothing is guessed.
    const bare = await readReport(Buffer.from(`<!doctype html><html><head></head><body>${body}</body></html>`), 'bare.html');
    expect(bare.meta).toMatchObject({ publishedOn: null, publisher: null, author: null, language: null });
  });

  it('reads the text layer of a PDF', async () => {
    const r = await readReport(await pdf((d) => d.fontSize(11).text(ARTICLE)), 'report.pdf');
    expect(r.format).toBe('pdf');
    expect(r.text.replace(/\s+/g, ' ')).toContain('at least 60 KN-23 missiles');
    expect(r.meta.title).toBe('Test report');
  });

  it('joins the printed lines of a PDF paragraph, so a sentence wrapped over lines is one sentence', async () => {
    const file = await pdf((doc) => { doc.text(ARTICLE, { width: 200 }); doc.moveDown(); doc.text('A second paragraph.'); });
    const r = await readReport(file, 'narrow.pdf');
    expect(r.text).toContain('Jonah Leff, executive director of Conflict Armament Research, told the Security Council on Wednesday that researchers examined');
    expect(r.text).toMatch(/distributed in East Asia\.\n/);
  });

  it('refuses a PDF without a text layer, an HTML page with no article, an empty and an oversized file', async () => {
    const scanned = await pdf((d) => { d.rect(50, 50, 300, 400).fill('#777'); });
    expect(await problemOf(readReport(scanned, 'scan.pdf'))).toContain('no text found; OCR is not applied to documents');
    expect(await problemOf(readReport(Buffer.from('<html><body><nav><a href="/">Home</a></nav></body></html>'), 'x.html'))).toContain('no article found');
    expect(await problemOf(readReport(Buffer.alloc(0), 'empty.txt'))).toContain('is empty');
    expect(await problemOf(readReport(Buffer.from('# date: 2024-12-19\n   \n'), 'blank.txt'))).toContain('no text found');
    expect(await problemOf(readReport(Buffer.alloc(MAX_REPORT_BYTES + 1, 97), 'big.txt'))).toMatch(/at most 10 MB/);
  });
});

describe('remnant claims extract', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'remnant-extract-'));

  it('prints one JSON array with the fields the issue names, offsets into the report text', async () => {
    const file = path.join(dir, 'report.txt');
    writeFileSync(file, `# date: 2024-12-19\n${ARTICLE}`);
    const r = await runRemnant('postgres://unused', 'claims', 'extract', file, '--json');
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.out) as Record<string, unknown>[];
    const sixty = out.find((c) => c.quantity === 60)!;
    expect(Object.keys(sixty)).toEqual(expect.arrayContaining(['text', 'start', 'end', 'quantity', 'quantityKind', 'speaker', 'speakerOrg', 'dateSaid', 'weapon', 'place', 'eventDate', 'confidence']));
    // No date of its own: the report's occasion (the briefing on Wednesday), and the notes say so.
    expect(sixty).toMatchObject({ quantityKind: 'missiles', weapon: 'KN-23', speakerOrg: 'Main Intelligence Directorate of Ukraine', dateSaid: '2024-12-18' });
    expect(sixty.notes).toContain('date said: the occasion the report is about');
    expect(ARTICLE.slice(sixty.start as number, sixty.end as number)).toBe(sixty.text);
    expect(out.find((c) => c.quantity === 4)).toMatchObject({ speaker: 'Jonah Leff', speakerOrg: 'Conflict Armament Research', dateSaid: '2024-12-18' });
  });

  it('exits 1 with a clear message for an empty file, a 20 MB file, a scanned PDF and a bad --published', async () => {
    writeFileSync(path.join(dir, 'empty.txt'), '');
    writeFileSync(path.join(dir, 'big.txt'), Buffer.alloc(20 * 1024 * 1024, 97));
    writeFileSync(path.join(dir, 'scan.pdf'), await pdf((d) => { d.rect(50, 50, 300, 400).fill('#777'); }));
    for (const [args, message] of [
      [[path.join(dir, 'empty.txt')], 'is empty'],
      [[path.join(dir, 'big.txt')], 'is 20.0 MB; a report may be at most 10 MB'],
      [[path.join(dir, 'scan.pdf')], 'no text found; OCR is not applied to documents'],
      [[path.join(dir, 'missing.txt')], 'no such file'],
      [[path.join(dir, 'empty.txt'), '--published', '19/12/2024'], '--published: must be a date as YYYY-MM-DD'],
    ] as const) {
      const r = await runRemnant('postgres://unused', 'claims', 'extract', ...args);
      expect(r.exitCode, args.join(' ')).toBe(1);
      expect(r.err).toContain(message);
      expect(r.out).toBe('');
    }
  });
});
