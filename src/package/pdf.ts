import anyAscii from 'any-ascii';
import SVGtoPDF from 'svg-to-pdfkit';
import type { DB } from '../db/index.js';
import type { InstanceIdentity } from '../bundles/index.js';
import { breakdownChart } from './charts.js';
import { incidentsBaseMap } from './basemap.js';
import { describeCaptureTime } from '../evidence/index.js';
import { photoFor, type PackageData } from './gather.js';
import { pngProblem } from './images.js';
import type { Actor } from '../access/index.js';

type Row = Record<string, unknown>;
type Doc = PDFKit.PDFDocument;

/** The PDF core fonts encode WinAnsi only: other scripts are transliterated, not printed as garbage. */
const t = (v: unknown): string => (v === null || v === undefined ? '' : String(v)).replace(/[^\u0020-\u007e\u00a0-\u00ff\n]/g, (ch) => anyAscii(ch) || '?');
const day = (v: unknown) => (v ? String(v).slice(0, 10) : '');
const MARGIN = 48;

function heading(doc: Doc, text: string): void {
  if (doc.y > doc.page.height - 140) doc.addPage();
  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(14).fillColor('#1d3557').text(t(text)).moveDown(0.3).font('Helvetica').fontSize(9).fillColor('black');
}

/** A plain table: fixed column widths, rows wrapped, a new page (with the header again) when full. */
function table(doc: Doc, columns: { label: string; width: number }[], rows: string[][]): void {
  const x0 = MARGIN;
  const line = (cells: string[], bold: boolean) => {
    const font = () => doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(7.5);
    font();
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(t(c) || ' ', { width: columns[i]!.width - 4 }))) + 3;
    if (doc.y + h > doc.page.height - MARGIN) {
      doc.addPage();
      if (!bold) line(columns.map((c) => c.label), true);
      font(); // the header row left its bold face behind
    }
    const y = doc.y;
    let x = x0;
    cells.forEach((c, i) => {
      doc.text(t(c), x + 2, y + 1, { width: columns[i]!.width - 4 });
      x += columns[i]!.width;
    });
    doc.moveTo(x0, y + h).lineTo(x, y + h).lineWidth(0.3).strokeColor('#bbbbbb').stroke();
    doc.x = x0;
    doc.y = y + h;
  };
  line(columns.map((c) => c.label), true);
  for (const r of rows) line(r, false);
  doc.font('Helvetica').fontSize(9);
}

function chart(doc: Doc, svg: string | null, height = 220): void {
  if (!svg) return;
  if (doc.y + height + 10 > doc.page.height - MARGIN) doc.addPage();
  SVGtoPDF(doc, svg, MARGIN, doc.y, { width: 480, height, assumePt: true });
  doc.y += height + 8;
  doc.x = MARGIN;
}

/** Confirmed when a person confirmed every derived field in force, else the engine's suggestion. */
function statusOf(c: Row): string {
  const fs = (c.fieldStatus ?? {}) as Record<string, { state?: string }>;
  const states = Object.values(fs).map((s) => s?.state);
  if (!states.length) return 'recorded';
  return states.every((s) => s === 'confirmed') ? 'confirmed' : 'suggested';
}

export interface RenderOptions {
  /** The one timestamp that differs between two packages of the same data: the cover's and the PDF's CreationDate (and so its ID). */
  producedAt: Date;
  instance: InstanceIdentity;
  /** Who the package is for: photos are read as this actor downloads them (null: the public's copy, without metadata). */
  actor: Actor | null;
}

/** Renders a package. Same data and same `producedAt` give the same bytes (tested). */
export async function renderPackage(db: DB, d: PackageData, opts: RenderOptions): Promise<{ pdf: Buffer; recordIds: string[]; fileHashes: string[] }> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4', margin: MARGIN, compress: true, lang: 'en',
    info: { Title: t(`Evidence package: ${d.title}`), Author: t(instanceLabel(opts.instance)), Subject: `${d.scope.kind} ${d.scope.id}`, CreationDate: opts.producedAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const f = d.findings;

  // Cover.
  doc.font('Helvetica-Bold').fontSize(22).fillColor('#1d3557').text('Evidence package', { align: 'left' }).moveDown(0.5);
  doc.fontSize(16).fillColor('black').text(t(d.title)).moveDown(1);
  doc.font('Helvetica').fontSize(10);
  doc.text(`Scope: ${d.scope.kind} ${d.scope.id}`);
  doc.text(`Produced: ${opts.producedAt.toISOString()} (the only timestamp that changes between two packages of the same records)`);
  doc.text(t(`By instance: ${instanceLabel(opts.instance)}`));
  doc.text(`Audience: ${d.audience === 'public' ? 'public (published records only, with the public portal\'s redaction)' : 'internal (restricted records are never included)'}`);
  doc.moveDown(0.5);
  doc.text(`${d.incidents.length} incidents, ${d.items.length} items, ${d.components.length} components (${f.components.units} units), ${d.files.length} files, ${d.claims.length} claims.`);
  if (f.illustrative.note) doc.moveDown(0.5).fillColor('#a33').text(t(f.illustrative.note)).fillColor('black');

  heading(doc, 'Findings');
  const top = (b: { buckets: { label: string; share: number }[] }) => b.buckets.slice(0, 5).map((x) => `${t(x.label)} ${x.share}%`).join(', ') || 'none';
  doc.text(`Makers: ${top(f.makers)}.`);
  doc.text(`Countries of the makers' headquarters: ${top(f.makerCountries)}.`);
  doc.text(`Countries of the makers' ultimate parents: ${top(f.makerCountriesByParent)}.`);
  doc.text(`Date codes: ${f.dateCodes.share}% of units have a production window; ${f.dateCodes.unconfirmedRecords} dated records are unconfirmed suggestions, ${f.dateCodes.ambiguousRecords} ambiguous.`);
  if (f.noEarlierThan) doc.text(t(`Assembled no earlier than ${f.noEarlierThan.date}: ${f.noEarlierThan.note}`));
  doc.moveDown(0.5);
  chart(doc, breakdownChart('Components by country of the maker', f.makerCountries));
  chart(doc, breakdownChart('Components by maker', f.makers));
  chart(doc, breakdownChart('Dated components by production year', f.dateCodes.byYear));
  chart(doc, breakdownChart('Components by CHPL tier', f.chplTiers));
  const points = d.incidents.filter((i) => typeof i.lat === 'number' && typeof i.lon === 'number')
    .map((i) => ({ label: t(String(i.placeName ?? i.title)).slice(0, 30), lat: i.lat as number, lon: i.lon as number }));
  chart(doc, await incidentsBaseMap(points), 300);

  heading(doc, 'Components');
  // The item column only where there are several items; an item package names its item on the cover.
  const many = d.scope.kind === 'case';
  const cols = [
    ...(many ? [{ label: 'Item', width: 70 }] : []),
    { label: 'Marking as printed', width: many ? 110 : 150 }, { label: 'Part number', width: many ? 65 : 75 }, { label: 'Maker', width: 75 },
    { label: 'Country', width: 35 }, { label: 'Date code', width: 45 }, { label: 'Window', width: 64 }, { label: 'Status', width: 45 }];
  table(doc, cols, d.components.map((c) => [
    ...(many ? [String(c.itemLabel ?? '').slice(0, 40)] : []),
    String(c.markingRaw ?? ''), String(c.partNumber ?? ''), String(c.makerName ?? ''), String(c.makerCountry ?? ''),
    String(c.dateCodeText ?? ''), c.productionFrom ? `${day(c.productionFrom)} to ${day(c.productionTo)}${c.ambiguous ? ' (ambiguous)' : ''}` : '', statusOf(c)]));

  heading(doc, 'Photographs and files');
  for (const file of d.files) {
    if (doc.y > doc.page.height - 200) doc.addPage();
    doc.font('Helvetica-Bold').text(t(file.originalName)).font('Helvetica');
    doc.text(`SHA-256 ${file.sha256}; ${file.sizeBytes} bytes; ${file.mediaType}`);
    doc.text(`EXIF time: ${describeCaptureTime(file)}; place: ${file.gpsLat != null ? `${file.gpsLat}, ${file.gpsLon}` : 'none'}`);
    if (file.caption) doc.text(t(file.caption));
    if (/^image\/(jpeg|png)$/.test(String(file.mediaType))) {
      // The same read as a download by this audience: the stored hash is checked, and the public
      // gets the copy without metadata (EXIF, GPS), or nothing where none can be made.
      const bytes = await photoFor(db, opts.actor, String(file.id));
      if (bytes) {
        // Opened first, apart from drawing: a damaged image must not leave a half-registered
        // image behind (pdfkit then never finishes the document).
        // A PNG is checked before pdfkit sees it: a damaged one can hang or crash its reader (images.ts).
        let img: unknown = null;
        if (file.mediaType !== 'image/png' || pngProblem(bytes) === null) {
          try {
            img = (doc as unknown as { openImage(b: Buffer): unknown }).openImage(bytes);
          } catch {
            img = null;
          }
        }
        if (img) {
          doc.image(img as Buffer, MARGIN, doc.y + 2, { fit: [220, 150] });
          doc.y += 156;
        } else {
          doc.text('(the image could not be drawn; its hash above identifies it)');
        }
      }
    }
    doc.moveDown(0.5);
  }
  if (!d.files.length) doc.text('No files.');

  heading(doc, 'Chain of custody');
  table(doc, [{ label: 'Item', width: 110 }, { label: 'Holder', width: 120 }, { label: 'From', width: 70 }, { label: 'To', width: 70 }, { label: 'Place', width: 129 }],
    d.custody.map((c) => [String(d.items.find((i) => i.id === c.itemId)?.label ?? c.itemId), String(c.holder ?? ''), day(c.heldFrom), day(c.heldTo), String(c.place ?? '')]));

  tracingSections(doc, d);

  heading(doc, 'Claims and how they compare with the findings');
  doc.text(`The records counted here: ${d.items.length} items and ${f.components.units} component units.`).moveDown(0.3);
  table(doc, [{ label: 'Said on', width: 55 }, { label: 'Speaker', width: 100 }, { label: 'Quantity', width: 60 }, { label: 'Counts what', width: 100 }, { label: 'Status', width: 70 }, { label: 'Quote', width: 114 }],
    d.claims.map((c) => [day(c.saidOn), String(c.speaker ?? c.speakerOrganisation ?? ''), c.quantity != null ? `${c.quantityQualifier ?? ''} ${c.quantity}` : '',
      String(c.countsWhat ?? ''), String(c.status ?? ''), String(c.quotedText ?? '').slice(0, 200)]));

  // Appendix: every record and file this package rests on.
  const recordIds = [
    ...d.incidents.map((r) => `incident ${r.id}`), ...d.items.map((r) => `item ${r.id}`), ...d.components.map((r) => `component ${r.id}`),
    ...d.custody.map((r) => `custody_event ${r.id}`), ...d.claims.map((r) => `claim ${r.id}`), ...d.files.map((r) => `evidence_file ${r.id}`),
    ...(d.tracing?.requests ?? []).map((r) => `trace_request ${r.id}`), ...(d.tracing?.sanctions ?? []).map((m) => `screening_match ${m.id}`),
  ];
  const fileHashes = [...new Set(d.files.map((x) => String(x.sha256)))];
  heading(doc, 'Appendix: records and file hashes');
  doc.fontSize(7).text(recordIds.join('\n'));
  doc.moveDown(0.5).text(fileHashes.map((h) => `sha256 ${h}`).join('\n'));

  doc.end();
  return { pdf: await done, recordIds, fileHashes };
}

const BASIS: Record<string, string> = { assessed: 'a transfer assessed as suspected diversion', inferred_after_last_legal_transfer: 'inferred: the last holder reached by a legal transfer, where the record stops' };

/** Supply chains with the diversion point, the trace requests behind them, and the sanctions reviews: never in the public package. */
function tracingSections(doc: Doc, d: PackageData): void {
  const tr = d.tracing;
  heading(doc, 'Trace requests and supply chains');
  if (!tr) {
    doc.text('Not in the public package: tracing records are never published.');
  } else {
    if (!tr.chains.length) doc.text('No component here has been traced.');
    for (const c of tr.chains) {
      if (doc.y > doc.page.height - 120) doc.addPage();
      doc.font('Helvetica-Bold').text(t(`${c.marking.replace(/\n/g, ' / ')}${c.partNumber ? ` (${c.partNumber})` : ''}: chain ${c.status}`)).font('Helvetica');
      doc.text(t(`Holders: ${c.holders.map((h) => `${h.name}${h.country ? ` [${h.country}]` : ''}`).join(' -> ') || 'none known'}`));
      if (c.diversionPoint) doc.fillColor('#a33').text(t(`Diversion point: ${c.diversionPoint.holder} (${BASIS[c.diversionPoint.basis] ?? c.diversionPoint.basis})`)).fillColor('black');
      for (const b of c.breaks) doc.text(t(`Break at ${b.holder}: ${b.kind.replace(/_/g, ' ')}`));
      if (c.hops.length) {
        const holder = new Map(c.holders.map((h) => [h.id, h.name]));
        table(doc, [{ label: 'Date', width: 60 }, { label: 'Seller', width: 115 }, { label: 'Buyer', width: 115 }, { label: 'Route', width: 55 }, { label: 'Document', width: 90 }, { label: 'Assessed', width: 64 }],
          c.hops.map((h) => [day(h.transferDate), holder.get(h.sellerId) ?? '', holder.get(h.buyerId) ?? '', `${h.fromCountry ?? '?'} -> ${h.toCountry ?? '?'}`,
            [h.documentKind, h.documentRef].filter(Boolean).join(' '), h.assessment.replace(/_/g, ' ')]));
      }
      doc.moveDown(0.4);
    }
    if (tr.requests.length) {
      doc.moveDown(0.3).font('Helvetica-Bold').text('Trace requests').font('Helvetica');
      table(doc, [{ label: 'Reference', width: 90 }, { label: 'To', width: 140 }, { label: 'Status', width: 70 }, { label: 'Sent', width: 60 }, { label: 'Answered', width: 139 }],
        tr.requests.map((r) => [r.reference, r.organisation, r.status.replace(/_/g, ' '), day(r.sentOn),
          r.repliedOn ? `replied ${day(r.repliedOn)}` : r.declinedOn ? `declined ${day(r.declinedOn)}` : r.noReplyOn ? `no reply by ${day(r.noReplyOn)}` : '']));
    }
  }

  heading(doc, 'Sanctions screening and its review');
  if (!tr?.sanctions) {
    doc.text('Not in the public package: screening matches and their rulings are for signed-in readers.');
  } else if (!tr.sanctions.length) {
    doc.text('No screening match for the makers and holders here.');
  } else {
    table(doc, [{ label: 'Organisation', width: 95 }, { label: 'List entry', width: 120 }, { label: 'Score', width: 35 }, { label: 'Status', width: 55 }, { label: 'Ruling', width: 194 }],
      tr.sanctions.map((m) => [m.organisationName, `${m.entityCaption} (${m.listTitle}${m.listVersionDate ? `, ${m.listVersionDate}` : ''}; ${m.entityReference})${m.entityListed ? '' : ' - no longer listed'}`,
        m.score.toFixed(2), m.status, m.lastReview ? `${m.lastReview.decision} on ${day(m.lastReview.reviewedAt)} by ${m.lastReview.reviewerName ?? 'a reviewer'}: ${m.lastReview.reason}` : 'not yet reviewed']));
  }
}

const instanceLabel = (i: InstanceIdentity) => `${i.name ?? 'unnamed'} (${i.id})`;
