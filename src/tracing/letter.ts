import { existsSync } from 'node:fs';
import anyAscii from 'any-ascii';
import { stripJpegMetadata } from './jpeg.js';

/**
 * The trace request letter, in English, as plain text and as PDF, built only from what the caller
 * passes (no database here). It carries the component table, photos of the components, the case
 * context and the deadlines. It names the signing organisation and no investigator: letters are
 * forwarded inside companies and sometimes published, and a person's name or address has no
 * bearing on what is asked.
 */

export interface LetterComponent {
  partNumber: string | null;
  markingRaw: string;
  lot: string | null;
  serial: string | null;
  dateCode: string | null;
  quantity: number;
  makerName: string | null;
}

export interface LetterItem {
  label: string;
  weaponModel: string | null;
  recoveredOn: string | null;
  incidentTitle: string | null;
  incidentDate: string | null;
  /** Null when the incident's location is marked sensitive. */
  place: string | null;
}

export interface LetterPhoto {
  /** 1-based row in the component table. */
  componentNumber: number;
  caption: string | null;
  mediaType: 'image/jpeg' | 'image/png';
  content: Buffer;
}

export interface LetterData {
  reference: string;
  status: string;
  letterDate: string;
  replyDue: string;
  rightOfReplyDue: string;
  signingOrganisation: string;
  addressee: { name: string; country: string | null };
  context: string | null;
  items: LetterItem[];
  components: LetterComponent[];
  photos: LetterPhoto[];
  /** For a follow-up: what the previous holder's reply said about the transfer to this addressee. */
  priorTransfer: { sellerName: string | null; date: string | null; quantity: number | null; documentRef: string | null } | null;
  illustrative: boolean;
}

export const DEFAULT_SIGNATORY = 'The investigation team';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "5 March 2024": unambiguous in every English-speaking country, unlike 03/05/2024. */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}

function itemSentence(items: LetterItem[]): string {
  if (items.length === 0) return 'The components listed below were documented in the remnants of a weapon used in an armed conflict.';
  const parts = items.map((it) => {
    const what = it.weaponModel ? `a ${it.weaponModel}` : 'a weapon';
    const used = it.incidentDate ? ` used in an attack${it.place ? ` on ${it.place}` : ''} on ${longDate(it.incidentDate)}` : it.place ? ` used in an attack on ${it.place}` : ' used in an armed conflict';
    const rec = it.recoveredOn ? ` and recovered on ${longDate(it.recoveredOn)}` : '';
    return `the remnants of ${what}${used}${rec}`;
  });
  return `The components listed below were documented in ${parts.join('; and in ')}.`;
}

/** The letter's paragraphs, shared by both formats so that the PDF and the text never say different things. */
export function letterParagraphs(d: LetterData): { subject: string; body: string[]; closing: string[] } {
  const n = d.components.length;
  const makers = [...new Set(d.components.map((c) => c.makerName).filter((m): m is string => !!m))];
  const subject = `Request for information: supply of ${plural(n, 'component')}${makers.length === 1 ? ` made by ${makers[0]}` : ''} (our reference ${d.reference})`;
  const body: string[] = [];
  body.push(`${d.signingOrganisation} documents weapons used in armed conflict and traces the components found in them through the supply chain, with the help of the companies that made and sold them. ${itemSentence(d.items)}`);
  if (d.context?.trim()) body.push(d.context.trim());
  if (d.priorTransfer) {
    const p = d.priorTransfer;
    const bits = [p.sellerName ? `by ${p.sellerName}` : null, p.date ? `on ${longDate(p.date)}` : null, p.quantity ? `(quantity ${p.quantity})` : null, p.documentRef ? `under document reference ${p.documentRef}` : null].filter(Boolean);
    body.push(`Information received in answer to an earlier request indicates that these components, or the lot they belong to, were supplied to your company${bits.length ? ' ' + bits.join(' ') : ''}.`);
  } else {
    body.push(`The markings indicate that the components were made or supplied by your company.`);
  }
  body.push('We do not suggest that your company has acted improperly. We ask for your help in establishing how these components left legal trade. For each component, please tell us:');
  body.push('1. whether your company supplied it, and to whom: the name and country of the buyer (distributor, broker or end user);');
  body.push('2. the date and the quantity of that sale;');
  body.push('3. the invoice number and, where one applied, the export licence;');
  body.push('4. where the buyer asked for the goods to be delivered, if that differs from its own address.');
  body.push(`Please reply by ${longDate(d.replyDue)} (28 days from the date of this letter), quoting our reference ${d.reference}.`);
  body.push(`Right of reply: before we publish findings that concern your company, you may comment on them until ${longDate(d.rightOfReplyDue)}. Any response will be reflected in what we publish.`);
  const closing = ['Yours faithfully,', d.signingOrganisation];
  return { subject, body, closing };
}

function banner(d: LetterData): string[] {
  const out: string[] = [];
  if (d.illustrative) out.push('ILLUSTRATIVE EXAMPLE - not a real request; the records it is built from are illustrative.');
  if (d.status === 'draft') out.push('DRAFT - not sent.');
  return out;
}

const TABLE_HEAD = ['#', 'Part number', 'Marking (as read)', 'Lot', 'Serial', 'Date code', 'Qty'];

function tableRows(d: LetterData): string[][] {
  return d.components.map((c, i) => [String(i + 1), c.partNumber ?? '-', c.markingRaw.replace(/\s+/g, ' '), c.lot ?? '-', c.serial ?? '-', c.dateCode ?? '-', String(c.quantity)]);
}

export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  return out;
}

/** The plain-text letter: for e-mail bodies and for reading in a terminal. */
export function letterText(d: LetterData): string {
  const { subject, body, closing } = letterParagraphs(d);
  const W = 78;
  const lines: string[] = [];
  for (const b of banner(d)) lines.push(`*** ${b} ***`);
  if (lines.length) lines.push('');
  lines.push(d.signingOrganisation, '', longDate(d.letterDate), '', `To: ${d.addressee.name}${d.addressee.country ? ` (${d.addressee.country})` : ''}`, `Our reference: ${d.reference}`, '');
  lines.push(...wrap(`Subject: ${subject}`, W), '', 'Dear Sir or Madam,', '');
  for (const p of body) lines.push(...wrap(p, W), '');
  lines.push('Components', '');
  const rows = [TABLE_HEAD, ...tableRows(d)];
  const widths = TABLE_HEAD.map((_, c) => Math.min(c === 2 ? 30 : 18, Math.max(...rows.map((r) => r[c]!.length))));
  const fmt = (r: string[]) => r.map((cell, c) => (cell.length > widths[c]! ? cell.slice(0, widths[c]! - 1) + '~' : cell.padEnd(widths[c]!))).join('  ').trimEnd();
  lines.push(fmt(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows.slice(1)) lines.push(fmt(r));
  const full = d.components.filter((c) => c.markingRaw.replace(/\s+/g, ' ').length > 30);
  if (full.length) {
    lines.push('', 'Full markings:');
    d.components.forEach((c, i) => {
      if (c.markingRaw.replace(/\s+/g, ' ').length > 30) lines.push(...wrap(`${i + 1}. ${c.markingRaw.replace(/\s+/g, ' ')}`, W));
    });
  }
  lines.push('');
  if (d.photos.length) lines.push(`${plural(d.photos.length, 'photograph')} of the components are included in the PDF version of this letter.`, '');
  lines.push(...closing, '');
  return lines.join('\n');
}

const FONT_DIRS = ['/usr/share/fonts/truetype/dejavu'];

/** A Unicode font when the system has one (company names and markings are often not Latin); else the PDF core fonts. */
function pickFonts(): { regular: string; bold: string; unicode: boolean } {
  for (const dir of FONT_DIRS) {
    const regular = `${dir}/DejaVuSans.ttf`;
    const bold = `${dir}/DejaVuSans-Bold.ttf`;
    if (existsSync(regular) && existsSync(bold)) return { regular, bold, unicode: true };
  }
  return { regular: 'Helvetica', bold: 'Helvetica-Bold', unicode: false };
}

/** The core fonts encode WinAnsi only: anything beyond Latin-1 is transliterated rather than printed as garbage. */
function toWinAnsi(s: string): string {
  return s.replace(/[^\u0020-\u007e\u00a0-\u00ff\n]/g, (ch) => anyAscii(ch) || '?');
}

/** The PDF letter. `compress: false` keeps content streams readable (tests inspect them). */
export async function letterPdf(d: LetterData, opts: { compress?: boolean; fontsFrom?: 'system' | 'core' } = {}): Promise<Buffer> {
  const fonts = opts.fontsFrom === 'core' ? { regular: 'Helvetica', bold: 'Helvetica-Bold', unicode: false } : pickFonts();
  let t = fonts.unicode ? (s: string) => s : toWinAnsi;
  const { subject, body, closing } = letterParagraphs(d);
  // Imported on first use: loading pdfkit takes ~0.4 s, which every server start used to pay.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    compress: opts.compress ?? true,
    // A fixed creation date (the letter's date) makes the same letter produce the same document.
    info: { Title: `Trace request ${d.reference}`, Author: d.signingOrganisation, Subject: subject, CreationDate: new Date(`${d.letterDate}T00:00:00Z`) },
    lang: 'en',
  });
  doc.registerFont('body', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  if (fonts.unicode) {
    // DejaVu covers Latin, Greek, Cyrillic and more, but not CJK: characters it cannot draw are
    // transliterated (深圳 → ShenZhen) rather than printed as empty boxes.
    doc.font('body');
    const face = (doc as unknown as { _font?: { font?: { hasGlyphForCodePoint?(cp: number): boolean } } })._font?.font;
    if (face?.hasGlyphForCodePoint) {
      const has = face.hasGlyphForCodePoint.bind(face);
      t = (s: string) => s.replace(/[^\u0000-\u00ff]/gu, (ch) => (has(ch.codePointAt(0)!) ? ch : anyAscii(ch) || '?'));
    }
  }
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;

  for (const b of banner(d)) doc.font('bold').fontSize(10).fillColor('#a00000').text(t(b), { width });
  doc.fillColor('black');
  doc.font('bold').fontSize(13).text(t(d.signingOrganisation), left, doc.y + 4, { width });
  doc.font('body').fontSize(10).text(longDate(d.letterDate), { width, align: 'right' });
  doc.moveDown(0.5);
  doc.text(t(`To: ${d.addressee.name}${d.addressee.country ? ` (${d.addressee.country})` : ''}`), { width });
  doc.text(`Our reference: ${d.reference}`, { width });
  doc.moveDown(0.8);
  doc.font('bold').fontSize(11).text(t(subject), { width });
  doc.moveDown(0.6);
  doc.font('body').fontSize(10).text('Dear Sir or Madam,', { width });
  for (const p of body) {
    doc.moveDown(0.5);
    const numbered = /^\d\. /.test(p);
    doc.text(t(p), numbered ? left + 14 : left, doc.y, { width: numbered ? width - 14 : width, align: 'left' });
  }

  // Component table.
  doc.moveDown(1);
  doc.font('bold').fontSize(11).text('Components', left, doc.y, { width });
  doc.moveDown(0.3);
  const colW = [20, 78, 150, 62, 62, 60, 28];
  const scale = width / colW.reduce((a, b) => a + b, 0);
  const cols = colW.map((w) => w * scale);
  const drawRow = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'bold' : 'body').fontSize(8.5);
    const heights = cells.map((c, i) => doc.heightOfString(t(c), { width: cols[i]! - 6 }));
    const h = Math.max(...heights) + 6;
    if (doc.y + h > bottom()) {
      doc.addPage();
    }
    const y = doc.y;
    let x = left;
    if (bold) doc.rect(left, y, width, h).fill('#e8e8e8').fillColor('black');
    cells.forEach((c, i) => {
      doc.font(bold ? 'bold' : 'body').fontSize(8.5).text(t(c), x + 3, y + 3, { width: cols[i]! - 6 });
      x += cols[i]!;
    });
    doc.moveTo(left, y + h).lineTo(left + width, y + h).lineWidth(0.5).strokeColor('#999999').stroke();
    doc.x = left;
    doc.y = y + h;
  };
  drawRow(TABLE_HEAD, true);
  for (const r of tableRows(d)) drawRow(r, false);

  // Photographs, two per row, each captioned with its table row.
  if (d.photos.length) {
    doc.moveDown(1);
    // Keep the heading with the first row of photos.
    if (doc.y + 20 + 170 + 30 > bottom()) doc.addPage();
    doc.font('bold').fontSize(11).text('Photographs', left, doc.y, { width });
    doc.moveDown(0.3);
    const cellW = (width - 12) / 2;
    const imgH = 170;
    let col = 0;
    let rowY = doc.y;
    for (const [i, p] of d.photos.entries()) {
      if (col === 0) {
        if (rowY + imgH + 30 > bottom()) {
          doc.addPage();
          rowY = doc.y;
        }
      }
      const x = left + col * (cellW + 12);
      let src: unknown = p.content;
      if (p.mediaType === 'image/jpeg') {
        const s = stripJpegMetadata(p.content);
        // openImage is PDFKit's own parser; the orientation read before stripping keeps the photo upright.
        const img = (doc as unknown as { openImage(b: Buffer): { orientation: number } }).openImage(s.data);
        img.orientation = s.orientation;
        src = img;
      }
      doc.image(src as Buffer, x, rowY, { fit: [cellW, imgH], align: 'center', valign: 'center' });
      const cap = `Photo ${i + 1} - component ${p.componentNumber}${p.caption ? `: ${p.caption}` : ''}`;
      doc.font('body').fontSize(8).text(t(cap), x, rowY + imgH + 3, { width: cellW, height: 22, ellipsis: true });
      col = (col + 1) % 2;
      if (col === 0) rowY += imgH + 30;
    }
    doc.x = left;
    doc.y = col === 0 ? rowY : rowY + imgH + 30;
  }

  doc.moveDown(1);
  if (doc.y + 50 > bottom()) doc.addPage();
  doc.font('body').fontSize(10).text(closing[0]!, left, doc.y, { width });
  doc.moveDown(0.3);
  doc.font('bold').text(t(closing[1]!), { width });
  doc.end();
  return done;
}
